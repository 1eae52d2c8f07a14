//! `ip xfrm policy`: add/update, delete/get, deleteall/list, flush, count,
//! setdefault/getdefault.

use super::msg::*;
use super::*;
use crate::nl::{attrs, put_attr};

const DIRS: &[&str] = &["in", "out", "fwd"];

fn dir_parse(s: &str) -> Result<u8> {
    DIRS.iter().position(|d| *d == s).map(|i| i as u8).ok_or_else(|| Error::invarg("DIR value is invalid", s))
}

fn dir_name(d: u8) -> String {
    DIRS.get(d as usize).map(|s| s.to_string()).unwrap_or_else(|| d.to_string())
}

/// A policy command line.
#[derive(Debug, Default)]
struct PolicyArgs {
    info: PolicyInfo,
    dir: Option<u8>,
    ptype: Option<u8>,
    mark: Option<[u32; 2]>,
    if_id: Option<u32>,
    tmpls: Vec<Tmpl>,
    has_sel: bool,
    index: Option<u32>,
    action: Option<u8>,
    priority: Option<u32>,
    flags: Option<u8>,
}

fn u32_arg(v: &str, what: &str) -> Result<u32> {
    parse_u64(v).and_then(|x| u32::try_from(x).ok()).ok_or_else(|| Error::invarg(what, v))
}

/// `ptype { main | sub }`.
fn ptype_parse(v: &str) -> Result<u8> {
    match v {
        "main" => Ok(0),
        "sub" => Ok(1),
        _ => Err(Error::invarg("PTYPE value is invalid", v)),
    }
}

/// `action { allow | block }`.
fn action_parse(v: &str) -> Result<u8> {
    match v {
        "allow" => Ok(0),
        "block" => Ok(1),
        _ => Err(Error::invarg("ACTION value is invalid\n", v)),
    }
}

fn parse(ip: &mut Ip, args: &mut Args) -> Result<PolicyArgs> {
    let mut a = PolicyArgs::default();
    a.info.lft = Lifetime::default();
    let mut sel = SelParse::default();
    while let Some(w) = args.next() {
        match w.as_str() {
            "dir" => a.dir = Some(dir_parse(&args.value()?)?),
            "ctx" => {
                args.value()?;
            }
            "mark" => a.mark = Some(parse_mark(args)?),
            "index" => a.index = Some(u32_arg(&args.value()?, "INDEX value is invalid")?),
            "ptype" => a.ptype = Some(ptype_parse(&args.value()?)?),
            "action" => a.action = Some(action_parse(&args.value()?)?),
            "priority" => a.priority = Some(u32_arg(&args.value()?, "PRIORITY value is invalid")?),
            "flag" => {
                let mut f = 0u8;
                loop {
                    match args.peek() {
                        Some("localok") => f |= 1,
                        Some("icmp") => f |= 2,
                        Some(x) => {
                            if let Some(n) = parse_u64(x).and_then(|n| u8::try_from(n).ok()) {
                                f |= n;
                            } else if f == 0 {
                                return Err(Error::Arg(format!(
                                    "Error: duplicate \"unknown\": \"{x}\" is the second value."
                                )));
                            } else {
                                break;
                            }
                        }
                        None => break,
                    }
                    args.next();
                }
                a.flags = Some(f);
            }
            "if_id" => a.if_id = Some(u32_arg(&args.value()?, "IF_ID value is invalid")?),
            "limit" => parse_limit(args, &mut a.info.lft)?,
            "tmpl" => a.tmpls.push(parse_tmpl(args)?),
            _ => {
                if !sel.word(ip, &w, args)? {
                    return Err(Error::Arg(format!("Error: duplicate \"unknown\": \"{w}\" is the second value.")));
                }
            }
        }
    }
    a.has_sel = sel.any();
    a.info.sel = sel.finish(ip.o.family)?;
    for t in &mut a.tmpls {
        if t.family == 0 {
            t.family = a.info.sel.family;
        }
        let zero = Some(get_addr(&[0; 16], t.family));
        t.saddr = t.saddr.or(zero);
        t.daddr = t.daddr.or(zero);
    }
    Ok(a)
}

/// `tmpl ID [mode MODE] [reqid REQID] [level LEVEL]` (ends at a word it
/// does not know, which the policy reads).
fn parse_tmpl(args: &mut Args) -> Result<Tmpl> {
    let mut t = Tmpl::default();
    let mut fams = (0u16, 0u16);
    let mut last = String::new();
    while let Some(w) = args.peek().map(str::to_string) {
        // the run of ID words ended: src and dst of one family
        let id_word = matches!(w.as_str(), "src" | "dst" | "proto" | "spi");
        if !id_word && fams.0 != 0 && fams.1 != 0 && fams.0 != fams.1 {
            return Err(super::same_family(&last));
        }
        match w.as_str() {
            "src" | "dst" => {
                args.next();
                let v = args.value()?;
                let p = get_prefix(&v, AF_UNSPEC)?;
                let fam = family_of(&p.addr);
                t.family = fam;
                if w == "src" {
                    t.saddr = Some(p.addr);
                    fams.0 = fam;
                } else {
                    t.daddr = Some(p.addr);
                    fams.1 = fam;
                }
                last = v;
            }
            "proto" => {
                args.next();
                let v = args.value()?;
                t.proto = xfrm_proto_parse(&v)?;
                last = v;
            }
            "spi" => {
                args.next();
                let v = args.value()?;
                t.spi = u32_arg(&v, "SPI value is invalid")?;
                last = v;
            }
            "mode" => {
                args.next();
                t.mode = mode_parse(&args.value()?)?;
            }
            "reqid" => {
                args.next();
                t.reqid = u32_arg(&args.value()?, "REQID value is invalid")?;
            }
            "level" => {
                args.next();
                let v = args.value()?;
                t.optional = match v.as_str() {
                    "required" => 0,
                    "use" => 1,
                    _ => return Err(Error::invarg("LEVEL value is invalid\n", &v)),
                };
            }
            _ => break,
        }
    }
    if fams.0 != 0 && fams.1 != 0 && fams.0 != fams.1 {
        return Err(super::same_family(&last));
    }
    if t.proto == 0 {
        return Err(Error::arg("Error: argument \"XFRM-PROTO\" is required"));
    }
    Ok(t)
}

fn policy_attrs(a: &PolicyArgs, out: &mut Vec<u8>) {
    if !a.tmpls.is_empty() {
        let mut t = Vec::new();
        for x in &a.tmpls {
            x.encode(&mut t);
        }
        put_attr(out, XFRMA_TMPL, &t);
    }
    if let Some(m) = a.mark {
        put_attr(out, XFRMA_MARK, &mark_bytes(m));
    }
    if let Some(pt) = a.ptype {
        put_attr(out, XFRMA_POLICY_TYPE, &[pt, 0, 0, 0, 0, 0]);
    }
    if let Some(i) = a.if_id {
        put_attr(out, XFRMA_IF_ID, &i.to_ne_bytes());
    }
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let unknown = |c: &str| Error::arg(format!("Command \"{c}\" is unknown, try \"ip xfrm policy help\"."));
    let cmd = args.next();
    let Some(cmd) = cmd else { return list(ip, &mut args, false) };
    let c = cmd.as_str();
    if matches(c, "add") || matches(c, "update") {
        let add = matches(c, "add");
        let mut a = parse(ip, &mut args)?;
        let Some(dir) = a.dir else {
            return Err(Error::msg("Not enough information: DIR is required.", 1));
        };
        a.info.dir = dir;
        a.info.action = a.action.unwrap_or(0);
        a.info.priority = a.priority.unwrap_or(0);
        a.info.index = a.index.unwrap_or(0);
        a.info.flags = a.flags.unwrap_or(0);
        let mut body = a.info.encode();
        policy_attrs(&a, &mut body);
        let (t, flags) = if add {
            (XFRM_MSG_NEWPOLICY, (libc::NLM_F_CREATE | libc::NLM_F_EXCL) as u16)
        } else {
            (XFRM_MSG_UPDPOLICY, (libc::NLM_F_CREATE | libc::NLM_F_REPLACE) as u16)
        };
        return open()?.request_raw(t, flags, &body);
    }
    if matches(c, "delete") || matches(c, "get") {
        let del = matches(c, "delete");
        let a = parse(ip, &mut args)?;
        let Some(dir) = a.dir else {
            return Err(Error::msg("Not enough information: DIR is required.", 1));
        };
        if !a.has_sel && a.index.is_none() {
            return Err(Error::msg("Not enough information: either SELECTOR or INDEX is required.", 1));
        }
        let mut body = policy_id(&a.info.sel, a.index.unwrap_or(0), dir);
        let mut extra = PolicyArgs { mark: a.mark, ptype: a.ptype, if_id: a.if_id, ..Default::default() };
        extra.tmpls.clear();
        policy_attrs(&extra, &mut body);
        let mut nl = open()?;
        if del {
            return nl.request_raw(XFRM_MSG_DELPOLICY, 0, &body);
        }
        let mut reply = Vec::new();
        nl.get_raw(XFRM_MSG_GETPOLICY, 0, &body, &mut |m| {
            reply = m.to_vec();
            Ok(())
        })?;
        ip.p.start_doc();
        print_policy(ip, &reply[16..]);
        ip.p.end_doc();
        return Ok(());
    }
    if matches(c, "deleteall") {
        return list(ip, &mut args, true);
    }
    if matches(c, "list") || matches(c, "show") || matches(c, "lst") {
        return list(ip, &mut args, false);
    }
    if matches(c, "flush") {
        let mut ptype = None;
        while let Some(w) = args.next() {
            if w == "ptype" {
                let v = args.value()?;
                ptype = Some(match v.as_str() {
                    "main" => 0u8,
                    "sub" => 1,
                    _ => return Err(Error::invarg("PTYPE value is invalid", &v)),
                });
            } else {
                return Err(Error::invarg("unknown", &w));
            }
        }
        let mut body = Vec::new();
        if let Some(pt) = ptype {
            put_attr(&mut body, XFRMA_POLICY_TYPE, &[pt, 0, 0, 0, 0, 0]);
        }
        return open()?.request_raw(XFRM_MSG_FLUSHPOLICY, 0, &body);
    }
    if matches(c, "count") {
        return count(ip);
    }
    if c == "set" {
        return set_thresholds(&mut args);
    }
    if matches(c, "setdefault") {
        let mut d = [0u8; 4];
        while let Some(w) = args.next() {
            let i = match w.as_str() {
                "in" => 0,
                "fwd" => 1,
                "out" => 2,
                _ => return Err(Error::invarg("unknown direction", &w)),
            };
            let v = args.value()?;
            d[i] = match v.as_str() {
                "block" => 1,
                "accept" => 2,
                _ => return Err(Error::invarg(&format!("{w} policy value is invalid"), &v)),
            };
        }
        return open()?.request_raw(XFRM_MSG_SETDEFAULT, 0, &d);
    }
    if matches(c, "getdefault") {
        let mut reply = Vec::new();
        open()?.get_raw(XFRM_MSG_GETDEFAULT, 0, &[0u8; 4], &mut |m| {
            reply = m.get(16..19).unwrap_or(&[0, 0, 0]).to_vec();
            Ok(())
        })?;
        print_default(ip, &reply);
        return Ok(());
    }
    if matches(c, "help") {
        return Err(Error::arg(usage::POLICY));
    }
    Err(unknown(c))
}

pub fn print_default(ip: &mut Ip, d: &[u8]) {
    ip.p.open_obj(Ctx::Json, "");
    print_default_body(ip, d);
    ip.p.close_obj(Ctx::Json);
    if ip.p.is_json() {
        ip.p.raw("\n");
    }
}

/// The three default policies (struct xfrm_userpolicy_default).
pub fn print_default_body(ip: &mut Ip, d: &[u8]) {
    let name = |v: u8| match v {
        1 => "block",
        2 => "accept",
        _ => "unspec",
    };
    let p = &mut ip.p;
    p.text("Default policies:\n");
    p.str(Ctx::Any, "in", " in:  {}\n", name(d.first().copied().unwrap_or(0)));
    p.str(Ctx::Any, "fwd", " fwd: {}\n", name(d.get(1).copied().unwrap_or(0)));
    p.str(Ctx::Any, "out", " out: {}\n", name(d.get(2).copied().unwrap_or(0)));
}

fn count(ip: &mut Ip) -> Result<()> {
    let mut info = [0u32; 6];
    let mut hinfo = None;
    let mut thresh: [Option<(u8, u8)>; 2] = [None, None];
    let word = |v: &[u8], i: usize| v.get(i * 4..i * 4 + 4).map(|b| u32::from_ne_bytes(b.try_into().unwrap_or([0; 4]))).unwrap_or(0);
    open()?.get_raw(XFRM_MSG_GETSPDINFO, 0, &u32::MAX.to_ne_bytes(), &mut |m| {
        for (k, v) in attrs(m.get(20..).unwrap_or(&[])) {
            match k {
                XFRMA_SPD_INFO => {
                    for (i, x) in info.iter_mut().enumerate() {
                        *x = word(v, i);
                    }
                }
                XFRMA_SPD_HINFO => hinfo = Some((word(v, 0), word(v, 1))),
                XFRMA_SPD_IPV4_HTHRESH | XFRMA_SPD_IPV6_HTHRESH if v.len() >= 2 => {
                    thresh[(k - XFRMA_SPD_IPV4_HTHRESH) as usize] = Some((v[0], v[1]));
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    let stats = ip.o.stats;
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    p.uint(Ctx::Any, "in", "\t SPD IN  {}", info[0] as u64);
    p.uint(Ctx::Any, "out", " OUT {}", info[1] as u64);
    p.uint(Ctx::Any, "fwd", " FWD {}", info[2] as u64);
    if stats > 0 {
        p.uint(Ctx::Any, "sock_in", " (Sock: IN {}", info[3] as u64);
        p.uint(Ctx::Any, "sock_out", " OUT {}", info[4] as u64);
        p.uint(Ctx::Any, "sock_fwd", " FWD {})", info[5] as u64);
    }
    p.text("\n");
    if stats > 1 {
        if let Some((c, m)) = hinfo {
            p.uint(Ctx::Any, "buckets", "\t SPD buckets: count {}", c as u64);
            p.uint(Ctx::Any, "buckets_max", " Max {}\n", m as u64);
        }
        for (i, t) in thresh.iter().enumerate() {
            if let Some((l, r)) = t {
                let v = if i == 0 { "4" } else { "6" };
                p.uint(Ctx::Any, &format!("ipv{v}_local"), &format!("\t SPD IPv{v} thresholds: local {{}}"), *l as u64);
                p.uint(Ctx::Any, &format!("ipv{v}_remote"), " remote {}\n", *r as u64);
            }
        }
    }
    p.close_obj(Ctx::Json);
    if p.is_json() {
        p.raw("\n");
    }
    Ok(())
}

/// `set hthresh4 LBITS RBITS hthresh6 LBITS RBITS`: the prefix lengths the
/// policy hash uses (XFRM_MSG_NEWSPDINFO).
fn set_thresholds(args: &mut Args) -> Result<()> {
    let mut body = 0u32.to_ne_bytes().to_vec();
    while let Some(w) = args.next() {
        let (attr, max) = match w.as_str() {
            "hthresh4" => (XFRMA_SPD_IPV4_HTHRESH, 32),
            "hthresh6" => (XFRMA_SPD_IPV6_HTHRESH, 128),
            _ => return Err(Error::invarg("unknown", &w)),
        };
        let mut bits = [0u8; 2];
        for (i, side) in ["LBITS", "RBITS"].iter().enumerate() {
            let v = args.value()?;
            bits[i] = parse_u64(&v)
                .filter(|&n| n <= max)
                .map(|n| n as u8)
                .ok_or_else(|| Error::invarg(&format!("{w} {side} value is invalid"), &v))?;
        }
        crate::nl::put_attr(&mut body, attr, &bits);
    }
    open()?.request_raw(XFRM_MSG_NEWSPDINFO, 0, &body)
}

/// `list`/`deleteall` filter.
fn list(ip: &mut Ip, args: &mut Args, delete: bool) -> Result<()> {
    let mut a = PolicyArgs::default();
    let mut sel = SelParse::default();
    while let Some(w) = args.next() {
        match w.as_str() {
            "nosock" => {}
            "dir" => a.dir = Some(dir_parse(&args.value()?)?),
            "index" => a.index = Some(u32_arg(&args.value()?, "INDEX value is invalid")?),
            "ptype" => a.ptype = Some(ptype_parse(&args.value()?)?),
            "action" => a.action = Some(action_parse(&args.value()?)?),
            "priority" => a.priority = Some(u32_arg(&args.value()?, "PRIORITY value is invalid")?),
            _ => {
                if !sel.word(ip, &w, args)? {
                    return Err(Error::invarg("unknown", &w));
                }
            }
        }
    }
    let filter_sel = sel.any().then_some((sel.src, sel.dst));
    let want = sel.finish(ip.o.family)?;
    let keep = |info: &PolicyInfo, ptype: u8| -> bool {
        a.dir.is_none_or(|d| d == info.dir)
            && a.index.is_none_or(|i| i == info.index)
            && a.ptype.is_none_or(|t| t == ptype)
            && a.action.is_none_or(|x| x == info.action)
            && a.priority.is_none_or(|x| x == info.priority)
            && filter_sel.is_none_or(|(s, d)| {
                (!s || (info.sel.saddr == want.saddr && info.sel.prefixlen_s == want.prefixlen_s))
                    && (!d || (info.sel.daddr == want.daddr && info.sel.prefixlen_d == want.prefixlen_d))
            })
    };
    let mut nl = open()?;
    let dump_req = policy_id(&Selector::default(), 0, 0);
    if delete {
        let mut victims = Vec::new();
        nl.dump_raw(XFRM_MSG_GETPOLICY, &dump_req, &mut |m| {
            let body = &m[16..];
            if let Some(info) = PolicyInfo::decode(body) {
                let (ptype, _) = policy_extras(body);
                if keep(&info, ptype) {
                    let mut id = policy_id(&info.sel, 0, info.dir);
                    for (k, v) in attrs(&body[POLICY_INFO_LEN..]) {
                        if matches!(k, XFRMA_MARK | XFRMA_POLICY_TYPE | XFRMA_IF_ID) {
                            put_attr(&mut id, k, v);
                        }
                    }
                    victims.push(id);
                }
            }
            Ok(())
        })?;
        for v in victims {
            nl.request_raw(XFRM_MSG_DELPOLICY, 0, &v)?;
        }
        return Ok(());
    }
    ip.p.start_doc();
    let r = nl.dump_raw(XFRM_MSG_GETPOLICY, &dump_req, &mut |m| {
        let body = &m[16..];
        if let Some(info) = PolicyInfo::decode(body) {
            if keep(&info, policy_extras(body).0) {
                print_policy(ip, body);
            }
        }
        Ok(())
    });
    ip.p.end_doc();
    r
}

/// The policy type (XFRMA_POLICY_TYPE, main when absent) and whether the
/// message has templates.
fn policy_extras(body: &[u8]) -> (u8, bool) {
    let mut ptype = 0;
    let mut tmpl = false;
    for (k, v) in attrs(body.get(POLICY_INFO_LEN..).unwrap_or(&[])) {
        match k {
            XFRMA_POLICY_TYPE => ptype = v.first().copied().unwrap_or(0),
            XFRMA_TMPL => tmpl = true,
            _ => {}
        }
    }
    (ptype, tmpl)
}

/// One policy (an XFRM_MSG_NEWPOLICY payload).
pub fn print_policy(ip: &mut Ip, body: &[u8]) {
    print_policy_as(ip, body, "");
}

/// The same as the value of `key` in an enclosing JSON object (monitor).
pub fn print_policy_as(ip: &mut Ip, body: &[u8], key: &str) {
    let Some(info) = PolicyInfo::decode(body) else { return };
    let (ptype, _) = policy_extras(body);
    ip.p.open_obj(Ctx::Json, key);
    print_selector(ip, &info.sel, "");
    let stats = ip.o.stats > 0;
    let p = &mut ip.p;
    p.str(Ctx::Any, "dir", "\tdir {} ", &dir_name(info.dir));
    if info.action != 0 || stats {
        p.str(Ctx::Any, "action", "action {} ", if info.action == 1 { "block" } else { "allow" });
    }
    if stats {
        p.uint(Ctx::Any, "index", "index {} ", info.index as u64);
    }
    p.uint(Ctx::Any, "priority", "priority {} ", info.priority as u64);
    p.str(Ctx::Any, "ptype", "ptype {} ", if ptype == 1 { "sub" } else { "main" });
    if stats {
        let share = ["any", "session", "user", "unique"];
        p.str(Ctx::Any, "share", "share {} ", share.get(info.share as usize).copied().unwrap_or("?"));
    }
    if info.flags != 0 || stats {
        p.open_arr(Ctx::Any, "flag", "flag ");
        let mut words = Vec::new();
        if info.flags & 1 != 0 {
            words.push("localok");
        }
        if info.flags & 2 != 0 {
            words.push("icmp");
        }
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                p.text(" ");
            }
            p.str(Ctx::Any, "", "{}", w);
        }
        p.close_arr(Ctx::Any, "");
        if stats {
            // the reference writes the flag bits as binary digits after "0x"
            p.text(&format!(" (0x{:08b})", info.flags));
        }
    }
    p.text("\n");
    if stats {
        print_lifetime(ip, &info.lft, &info.cur);
    }
    let rest = body.get(POLICY_INFO_LEN..).unwrap_or(&[]);
    for (k, v) in attrs(rest) {
        if k == XFRMA_MARK {
            print_mark(ip, v);
        }
    }
    for (k, v) in attrs(rest) {
        if k == XFRMA_IF_ID && v.len() >= 4 {
            let id = u32::from_ne_bytes([v[0], v[1], v[2], v[3]]);
            ip.p.str(Ctx::Any, "if_id", "\tif_id {}\n", &format!("{id:#x}"));
        }
    }
    for (k, v) in attrs(rest) {
        if k == XFRMA_TMPL {
            ip.p.open_arr(Ctx::Json, "tmpl", "");
            for t in v.chunks_exact(TMPL_LEN) {
                print_tmpl(ip, &Tmpl::decode(t));
            }
            ip.p.close_arr(Ctx::Json, "");
        }
    }
    ip.p.close_obj(Ctx::Json);
}

fn print_tmpl(ip: &mut Ip, t: &Tmpl) {
    let stats = ip.o.stats > 0;
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    p.str(Ctx::Any, "src", "\ttmpl src {}", &addr_text(&t.saddr));
    p.str(Ctx::Any, "dst", " dst {}\n", &addr_text(&t.daddr));
    p.str(Ctx::Any, "proto", "\t\tproto {} ", &xfrm_proto_name(t.proto));
    if stats {
        p.str(Ctx::Any, "spi", "spi {}", &format!("{:#010x}", t.spi));
        p.text(&format!("({}) ", t.spi));
        p.uint(Ctx::Any, "reqid", "reqid {}", t.reqid as u64);
        p.text(&format!("({:#010x}) ", t.reqid));
    } else {
        if t.spi != 0 {
            p.str(Ctx::Any, "spi", "spi {} ", &format!("{:#010x}", t.spi));
        }
        p.uint(Ctx::Any, "reqid", "reqid {} ", t.reqid as u64);
    }
    p.str(Ctx::Any, "mode", "mode {}\n", &mode_name(t.mode));
    if stats {
        p.str(Ctx::Any, "level", "\t\tlevel {} ", if t.optional != 0 { "use" } else { "required" });
        p.str(Ctx::Any, "share", "share {} \n", ["any", "session", "user", "unique"].get(t.share as usize).copied().unwrap_or("?"));
        p.text(&format!("\t\tenc-mask {:x} auth-mask {:x} comp-mask {:x}\n", t.ealgos, t.aalgos, t.calgos));
    } else if t.optional != 0 {
        p.str(Ctx::Any, "level", "\t\tlevel {} \n", "use");
    }
    p.close_obj(Ctx::Json);
}

/// `-s`: the lifetime configuration and counters.
pub fn print_lifetime(ip: &mut Ip, l: &Lifetime, cur: &[u64; 4]) {
    let lim = |v: u64| if v == INF { "(INF)".to_string() } else { v.to_string() };
    let time = |t: u64| -> String {
        if t == 0 {
            return "-".into();
        }
        crate::clock::ymd_hms(t as i64)
    };
    ip.p.text(&format!(
        "\tlifetime config:\n\t  limit: soft {}(bytes), hard {}(bytes)\n\t  limit: soft {}(packets), hard {}(packets)\n\t  expire add: soft {}(sec), hard {}(sec)\n\t  expire use: soft {}(sec), hard {}(sec)\n\tlifetime current:\n\t  {}(bytes), {}(packets)\n\t  add {} use {}\n",
        lim(l.soft_bytes),
        lim(l.hard_bytes),
        lim(l.soft_packets),
        lim(l.hard_packets),
        l.soft_add,
        l.hard_add,
        l.soft_use,
        l.hard_use,
        cur[0],
        cur[1],
        time(cur[2]),
        time(cur[3])
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Printer;

    /// An XFRM_MSG_NEWPOLICY payload: policy info, one template, a mark.
    fn policy_msg() -> Vec<u8> {
        let mut info = PolicyInfo {
            sel: Selector {
                saddr: Some("10.0.0.0".parse().unwrap()),
                daddr: Some("10.1.0.0".parse().unwrap()),
                family: AF_INET as u16,
                prefixlen_s: 24,
                prefixlen_d: 24,
                proto: 6,
                dport: 80,
                dport_mask: 0xffff,
                ..Default::default()
            },
            priority: 5,
            dir: 1,
            action: 1,
            ..Default::default()
        };
        info.lft = Lifetime::default();
        let mut b = info.encode();
        let t = Tmpl {
            saddr: Some("192.0.2.1".parse().unwrap()),
            daddr: Some("192.0.2.2".parse().unwrap()),
            family: AF_INET as u16,
            proto: 50,
            reqid: 1,
            mode: 1,
            ..Default::default()
        };
        let mut tb = Vec::new();
        t.encode(&mut tb);
        put_attr(&mut b, XFRMA_TMPL, &tb);
        put_attr(&mut b, XFRMA_MARK, &mark_bytes([5, 0xffffffff]));
        b
    }

    #[test]
    fn policy_text() {
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_policy(&mut ip, &policy_msg());
        assert_eq!(
            ip.p.captured(),
            "src 10.0.0.0/24 dst 10.1.0.0/24 proto tcp dport 80 \n\
             \tdir out action block priority 5 ptype main \n\
             \tmark 0x5/0xffffffff \n\
             \ttmpl src 192.0.2.1 dst 192.0.2.2\n\
             \t\tproto esp reqid 1 mode tunnel\n"
        );
    }

    #[test]
    fn policy_json() {
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(true, false, false);
        ip.p.start_doc();
        print_policy(&mut ip, &policy_msg());
        ip.p.end_doc();
        assert_eq!(
            ip.p.captured(),
            "[{\"src\":\"10.0.0.0/24\",\"dst\":\"10.1.0.0/24\",\"proto\":\"tcp\",\"dport\":80,\"dir\":\"out\",\
             \"action\":\"block\",\"priority\":5,\"ptype\":\"main\",\"mark\":{\"value\":\"0x5\",\"mask\":\"0xffffffff\"},\
             \"tmpl\":[{\"src\":\"192.0.2.1\",\"dst\":\"192.0.2.2\",\"proto\":\"esp\",\"reqid\":1,\"mode\":\"tunnel\"}]}]\n"
        );
    }

    #[test]
    fn larval_state_text() {
        let s = SaInfo {
            saddr: Some("192.0.2.1".parse().unwrap()),
            daddr: Some("192.0.2.2".parse().unwrap()),
            sel: Selector {
                saddr: Some("192.0.2.1".parse().unwrap()),
                daddr: Some("192.0.2.2".parse().unwrap()),
                family: AF_INET as u16,
                prefixlen_s: 32,
                prefixlen_d: 32,
                ..Default::default()
            },
            spi: 0x100,
            proto: 50,
            family: AF_INET as u16,
            ..Default::default()
        };
        let mut b = s.encode();
        put_attr(&mut b, XFRMA_REPLAY_VAL, &[0; 12]); // oseq, seq, bitmap
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        super::super::state::print_state(&mut ip, &b);
        assert_eq!(
            ip.p.captured(),
            "src 192.0.2.1 dst 192.0.2.2\n\
             \tproto esp spi 0x00000100 reqid 0 mode transport\n\
             \treplay-window 0 \n\
             \tanti-replay context: seq 0x0, oseq 0x0, bitmap 0x00000000\n\
             \tsel src 192.0.2.1/32 dst 192.0.2.2/32 \n"
        );
    }
}
