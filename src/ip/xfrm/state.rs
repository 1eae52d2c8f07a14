//! `ip xfrm state`: add/update, allocspi, delete/get, deleteall/list,
//! flush, count.

use super::msg::*;
use super::*;
use crate::nl::{attrs, put_attr};

/// A state command line.
#[derive(Debug, Default)]
struct StateArgs {
    info: SaInfo,
    proto: Option<u8>,
    spi: Option<u32>,
    mark: Option<[u32; 2]>,
    if_id: Option<u32>,
    min: Option<u32>,
    max: Option<u32>,
    /// algorithm attributes, already encoded
    algos: Vec<(u16, Vec<u8>)>,
    has_enc: bool,
    src: bool,
    dst: bool,
    mode: bool,
    reqid: bool,
    extra_flags: u32,
    tfcpad: Option<u32>,
    /// further attributes (encap, coa, ctx, offload, output mark, replay)
    more: Vec<(u16, Vec<u8>)>,
    coa: bool,
    replay: Option<[u32; 3]>,
}

fn u32_arg(v: &str, what: &str) -> Result<u32> {
    parse_u64(v).and_then(|x| u32::try_from(x).ok()).ok_or_else(|| Error::invarg(what, v))
}

/// ALGO-KEYMAT: `0x` and hex digits, else the bytes of the word.
fn keymat(s: &str) -> Result<Vec<u8>> {
    if let Some(h) = s.strip_prefix("0x") {
        // pairs of hex digits (an odd last digit is a byte of its own)
        let mut out = Vec::new();
        for i in (0..h.len()).step_by(2) {
            let b = u8::from_str_radix(&h[i..(i + 2).min(h.len())], 16)
                .map_err(|_| Error::invarg("ALGO-KEYMAT value is invalid", s))?;
            out.push(b);
        }
        return Ok(out);
    }
    Ok(s.as_bytes().to_vec())
}

fn required(what: &str) -> Error {
    Error::arg(format!("Error: argument \"{what}\" is required"))
}

fn parse(ip: &mut Ip, args: &mut Args, list: bool) -> Result<StateArgs> {
    let mut a = StateArgs::default();
    a.info.lft = Lifetime::default();
    // the families of src and dst, checked when the run of ID words ends
    let mut fams = (0u16, 0u16);
    let mut last = String::new();
    while let Some(w) = args.next() {
        if !matches!(w.as_str(), "src" | "dst" | "proto" | "spi") && fams.0 != 0 && fams.1 != 0 && fams.0 != fams.1 {
            return Err(super::same_family(&last));
        }
        match w.as_str() {
            "src" | "dst" => {
                let v = args.value()?;
                let p = get_prefix(&v, ip.o.family)?;
                a.info.family = family_of(&p.addr);
                if w == "src" {
                    a.info.saddr = Some(p.addr);
                    a.src = true;
                    fams.0 = a.info.family;
                } else {
                    a.info.daddr = Some(p.addr);
                    a.dst = true;
                    fams.1 = a.info.family;
                }
                last = v;
            }
            "proto" => {
                let v = args.value()?;
                a.proto = Some(xfrm_proto_parse(&v)?);
                last = v;
            }
            "spi" => {
                let v = args.value()?;
                a.spi = Some(u32_arg(&v, "SPI value is invalid")?);
                last = v;
            }
            "mode" => {
                a.info.mode = mode_parse(&args.value()?)?;
                a.mode = true;
            }
            "mark" => a.mark = Some(parse_mark(args)?),
            "reqid" => {
                a.info.reqid = u32_arg(&args.value()?, "REQID value is invalid")?;
                a.reqid = true;
            }
            "seq" => a.info.seq = u32_arg(&args.value()?, "SEQ value is invalid")?,
            "replay-window" => {
                let v = args.value()?;
                let n = u32_arg(&v, "value after \"replay-window\" is invalid")?;
                a.info.replay_window = n.min(255) as u8;
            }
            "replay-seq" | "replay-oseq" | "replay-seq-hi" | "replay-oseq-hi" => {
                let v = args.value()?;
                let n = u32_arg(&v, &format!("value after \"{w}\" is invalid"))?;
                let r = a.replay.get_or_insert([0; 3]);
                match w.as_str() {
                    "replay-oseq" => r[0] = n,
                    "replay-seq" => r[1] = n,
                    _ => {} // the high halves need ESN, which larval SAs never reach
                }
            }
            "encap" => {
                let ty = args.value()?;
                let kind: u16 = match ty.as_str() {
                    "espinudp-nonike" => 1,
                    "espinudp" => 2,
                    "espintcp" => 7,
                    _ => return Err(Error::invarg("ENCAP-TYPE value is invalid", &ty)),
                };
                let port = |v: &str, what: &str| -> Result<u16> {
                    parse_u64(v)
                        .and_then(|x| u16::try_from(x).ok())
                        .ok_or_else(|| Error::invarg(&format!("{what} value after \"encap\" is invalid"), v))
                };
                let sport = port(&args.value()?, "SPORT")?;
                let dport = port(&args.value()?, "DPORT")?;
                let oa = super::super::common::get_addr(&args.value()?, AF_UNSPEC)?;
                // struct xfrm_encap_tmpl: type, sport, dport (network
                // order), padding, original address
                let mut e = kind.to_ne_bytes().to_vec();
                e.extend_from_slice(&sport.to_be_bytes());
                e.extend_from_slice(&dport.to_be_bytes());
                e.extend_from_slice(&[0, 0]);
                let mut o = [0u8; 16];
                o[..oa.octets().len()].copy_from_slice(&oa.octets());
                e.extend_from_slice(&o);
                a.more.push((XFRMA_ENCAP, e));
            }
            "coa" => {
                let v = args.value()?;
                let fam = if a.info.family == AF_INET6 as u16 { AF_INET6 } else { AF_INET };
                let p = get_prefix(&v, fam)?;
                let mut o = [0u8; 16];
                o[..p.octets().len()].copy_from_slice(&p.octets());
                a.more.push((XFRMA_COADDR, o.to_vec()));
                a.coa = true;
            }
            "ctx" => {
                let v = args.value()?;
                // struct xfrm_user_sec_ctx: len, exttype, alg, doi, ctx_len, then the text
                let mut c = ((8 + v.len()) as u16).to_ne_bytes().to_vec();
                c.extend_from_slice(&[8, 1, 1, 0]); // XFRMA_SEC_CTX, SELinux alg/doi, pad
                c.extend_from_slice(&(v.len() as u16).to_ne_bytes());
                c.extend_from_slice(v.as_bytes());
                a.more.push((XFRMA_SEC_CTX, c));
            }
            "offload" => {
                let mut ifindex = 0i32;
                let mut dir = None;
                while let Some(x) = args.peek().map(str::to_string) {
                    match x.as_str() {
                        "dev" => {
                            args.next();
                            let d = args.value()?;
                            ifindex = match super::super::common::link_index(ip, &d)? {
                                Some(i) => i as i32,
                                None => return Err(Error::invarg("value after \"offload dev\" is invalid", &d)),
                            };
                        }
                        "dir" => {
                            args.next();
                            let d = args.value()?;
                            dir = Some(match d.as_str() {
                                "in" => 1u8, // XFRM_OFFLOAD_INBOUND
                                "out" => 0,
                                _ => return Err(Error::invarg("DIR value is invalid", &d)),
                            });
                        }
                        _ => break,
                    }
                }
                let mut o = ifindex.to_ne_bytes().to_vec();
                o.extend_from_slice(&[dir.unwrap_or(0) * 2, 0, 0, 0]); // flags: XFRM_OFFLOAD_INBOUND = 2
                a.more.push((XFRMA_OFFLOAD_DEV, o));
            }
            "output-mark" => {
                let v = args.value()?;
                let m = u32_arg(&v, "value after \"output-mark\" is invalid")?;
                a.more.push((XFRMA_SET_MARK, m.to_ne_bytes().to_vec()));
                if args.peek() == Some("mask") {
                    args.next();
                    let v = args.value()?;
                    let k = u32_arg(&v, "mask value is invalid\n")?;
                    a.more.push((XFRMA_SET_MARK_MASK, k.to_ne_bytes().to_vec()));
                }
            }
            "min" => a.min = Some(u32_arg(&args.value()?, "value after \"min\" is invalid")?),
            "max" => a.max = Some(u32_arg(&args.value()?, "value after \"max\" is invalid")?),
            "flag" => {
                const FLAGS: &[(&str, u8)] = &[
                    ("noecn", 1),
                    ("decap-dscp", 2),
                    ("nopmtudisc", 4),
                    ("wildrecv", 8),
                    ("icmp", 16),
                    ("af-unspec", 32),
                    ("align4", 64),
                    ("esn", 128),
                ];
                while let Some(x) = args.peek() {
                    if let Some((_, b)) = FLAGS.iter().find(|(n, _)| *n == x) {
                        a.info.flags |= b;
                    } else if let Some(n) = parse_u64(x).and_then(|n| u8::try_from(n).ok()) {
                        a.info.flags |= n;
                    } else {
                        break;
                    }
                    args.next();
                }
            }
            "extra-flag" => {
                while let Some(x) = args.peek() {
                    match x {
                        "dont-encap-dscp" => a.extra_flags |= 1,
                        "oseq-may-wrap" => a.extra_flags |= 2,
                        _ => break,
                    }
                    args.next();
                }
            }
            "if_id" => a.if_id = Some(u32_arg(&args.value()?, "value after \"if_id\" is invalid")?),
            "tfcpad" => a.tfcpad = Some(u32_arg(&args.value()?, "value after \"tfcpad\" is invalid")?),
            "sel" => {
                let mut sp = SelParse::default();
                while let Some(x) = args.peek().map(str::to_string) {
                    args.next();
                    if !sp.word(ip, &x, args)? {
                        args.back();
                        break;
                    }
                }
                a.info.sel = sp.finish(ip.o.family)?;
            }
            "limit" => parse_limit(args, &mut a.info.lft)?,
            "enc" | "auth" | "auth-trunc" | "aead" | "comp" if !list => {
                // what each algorithm type cannot share an SA with
                let clash: &[u16] = match w.as_str() {
                    "enc" => &[XFRMA_ALG_CRYPT, XFRMA_ALG_AEAD],
                    "auth" | "auth-trunc" => &[XFRMA_ALG_AUTH, XFRMA_ALG_AUTH_TRUNC, XFRMA_ALG_AEAD],
                    "aead" => &[XFRMA_ALG_AEAD, XFRMA_ALG_CRYPT, XFRMA_ALG_AUTH, XFRMA_ALG_AUTH_TRUNC],
                    _ => &[XFRMA_ALG_COMP],
                };
                if a.algos.iter().any(|(k, _)| clash.contains(k)) {
                    return Err(Error::duparg("ALGO-TYPE", &w));
                }
                let name = args.next().ok_or_else(|| required("ALGO-NAME"))?;
                if w == "comp" {
                    a.algos.push((XFRMA_ALG_COMP, algo(&name, &[])));
                    continue;
                }
                let key = keymat(&args.next().ok_or_else(|| required("ALGO-KEYMAT"))?)?;
                match w.as_str() {
                    "enc" => {
                        a.algos.push((XFRMA_ALG_CRYPT, algo(&name, &key)));
                        a.has_enc = true;
                    }
                    "auth" => a.algos.push((XFRMA_ALG_AUTH, algo(&name, &key))),
                    _ => {
                        let what = if w == "aead" { "ALGO-ICV-LEN" } else { "ALGO-TRUNC-LEN" };
                        let v = args.next().ok_or_else(|| required(what))?;
                        let n = u32_arg(&v, &format!("{what} value is invalid"))?;
                        if w == "aead" {
                            a.algos.push((XFRMA_ALG_AEAD, algo2(&name, &key, n)));
                            a.has_enc = true;
                        } else {
                            a.algos.push((XFRMA_ALG_AUTH_TRUNC, algo2(&name, &key, n)));
                        }
                    }
                }
            }
            "nokeys" if list => {}
            _ => return Err(Error::invarg("unknown", &w)),
        }
    }
    if fams.0 != 0 && fams.1 != 0 && fams.0 != fams.1 {
        return Err(super::same_family(&last));
    }
    if a.info.family == 0 {
        a.info.family = if ip.o.family == AF_INET6 { AF_INET6 } else { AF_INET } as u16;
    }
    let zero = Some(get_addr(&[0; 16], a.info.family));
    a.info.saddr = a.info.saddr.or(zero);
    a.info.daddr = a.info.daddr.or(zero);
    Ok(a)
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else { return list(ip, &mut args, false) };
    let c = cmd.as_str();
    if matches(c, "add") || matches(c, "update") {
        let add = matches(c, "add");
        let mut a = parse(ip, &mut args, false)?;
        if !a.src && !a.dst && a.proto.is_none() && a.spi.is_none() {
            return Err(Error::msg("Not enough information: ID is required", 1));
        }
        let Some(proto) = a.proto else { return Err(required("XFRM-PROTO")) };
        check_algorithms(&a, proto)?;
        a.info.proto = proto;
        a.info.spi = a.spi.unwrap_or(0);
        let mut body = a.info.encode();
        for (k, v) in &a.algos {
            put_attr(&mut body, *k, v);
        }
        extras(&a, &mut body);
        let (t, flags) = if add {
            (XFRM_MSG_NEWSA, (libc::NLM_F_CREATE | libc::NLM_F_EXCL) as u16)
        } else {
            (XFRM_MSG_UPDSA, (libc::NLM_F_CREATE | libc::NLM_F_REPLACE) as u16)
        };
        return open()?.request_raw(t, flags, &body);
    }
    if matches(c, "allocspi") {
        let mut a = parse(ip, &mut args, false)?;
        let Some(proto) = a.proto else { return Err(required("XFRM-PROTO")) };
        a.info.proto = proto;
        if a.min.unwrap_or(0x100) > a.max.unwrap_or(0x0fff_ffff) {
            return Err(Error::msg("value after \"min\" is larger than value after \"max\"", 1));
        }
        let mut body = a.info.encode();
        body.extend_from_slice(&a.min.unwrap_or(0x100).to_ne_bytes());
        body.extend_from_slice(&a.max.unwrap_or(0x0fff_ffff).to_ne_bytes());
        extras(&a, &mut body);
        let mut reply = Vec::new();
        open()?.get_raw(XFRM_MSG_ALLOCSPI, 0, &body, &mut |m| {
            reply = m.to_vec();
            Ok(())
        })?;
        ip.p.start_doc();
        print_state(ip, reply.get(16..).unwrap_or(&[]));
        ip.p.end_doc();
        return Ok(());
    }
    if matches(c, "delete") || matches(c, "get") {
        let del = matches(c, "delete");
        let a = parse(ip, &mut args, true)?;
        let no_id = !a.src && !a.dst && a.proto.is_none() && a.spi.is_none();
        // no ID at all goes to the kernel as it is (which refuses it)
        let proto = match a.proto {
            Some(p) => p,
            None if no_id => 0,
            None => return Err(required("XFRM-PROTO")),
        };
        let mut body = sa_id(&a.info.daddr, a.spi.unwrap_or(0), a.info.family, proto);
        if a.src {
            let mut s = vec![0u8; 16];
            if let Some(x) = a.info.saddr {
                match x {
                    IpAddr::V4(v) => s[..4].copy_from_slice(&v.octets()),
                    IpAddr::V6(v) => s.copy_from_slice(&v.octets()),
                }
            }
            put_attr(&mut body, XFRMA_SRCADDR, &s);
        }
        if let Some(m) = a.mark {
            put_attr(&mut body, XFRMA_MARK, &mark_bytes(m));
        }
        let mut nl = open()?;
        if del {
            return nl.request_raw(XFRM_MSG_DELSA, 0, &body);
        }
        let mut reply = Vec::new();
        nl.get_raw(XFRM_MSG_GETSA, 0, &body, &mut |m| {
            reply = m.to_vec();
            Ok(())
        })?;
        ip.p.start_doc();
        print_state(ip, reply.get(16..).unwrap_or(&[]));
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
        let mut proto = 255u8; // IPSEC_PROTO_ANY
        while let Some(w) = args.next() {
            if w == "proto" {
                proto = xfrm_proto_parse(&args.value()?)?;
            } else {
                return Err(Error::invarg("unknown", &w));
            }
        }
        return open()?.request_raw(XFRM_MSG_FLUSHSA, 0, &[proto, 0, 0, 0]);
    }
    if matches(c, "count") {
        let mut n = 0u32;
        let mut hinfo = None;
        open()?.get_raw(XFRM_MSG_GETSADINFO, 0, &u32::MAX.to_ne_bytes(), &mut |m| {
            for (k, v) in attrs(m.get(20..).unwrap_or(&[])) {
                if k == XFRMA_SAD_CNT {
                    n = crate::nl::u32_ne(v).unwrap_or(0);
                }
                if k == XFRMA_SAD_HINFO && v.len() >= 8 {
                    hinfo = Some((
                        crate::nl::u32_ne(v).unwrap_or(0),
                        crate::nl::u32_ne(&v[4..]).unwrap_or(0),
                    ));
                }
            }
            Ok(())
        })?;
        let stats = ip.o.stats > 0;
        let p = &mut ip.p;
        p.open_obj(Ctx::Json, "");
        p.uint(Ctx::Any, "count", "\t SAD count {}", n as u64);
        if let Some((c, m)) = hinfo.filter(|_| stats) {
            p.uint(Ctx::Any, "buckets", " (buckets count {}", c as u64);
            p.uint(Ctx::Any, "buckets_max", " Max {})", m as u64);
        }
        p.close_obj(Ctx::Json);
        p.raw("\n");
        return Ok(());
    }
    if matches(c, "help") {
        return Err(Error::arg(usage::STATE));
    }
    Err(Error::arg(format!("Command \"{c}\" is unknown, try \"ip xfrm state help\".")))
}

/// What each XFRM-PROTO requires of and forbids in an SA, with the
/// reference's messages (exit 1).
fn check_algorithms(a: &StateArgs, proto: u8) -> Result<()> {
    let has = |kinds: &[u16]| a.algos.iter().any(|(k, _)| kinds.contains(k));
    let fail = |m: String| Err(Error::msg(m, 1));
    let name = xfrm_proto_name(proto);
    match proto {
        50 if has(&[XFRMA_ALG_COMP]) => {
            return fail("ALGO-TYPE value \"comp\" is invalid with XFRM-PROTO value \"esp\"".into())
        }
        51 if has(&[XFRMA_ALG_CRYPT, XFRMA_ALG_AEAD, XFRMA_ALG_COMP]) => {
            return fail("ALGO-TYPE values \"enc\", \"aead\", and \"comp\" are invalid with XFRM-PROTO value \"ah\"".into())
        }
        108 if has(&[XFRMA_ALG_CRYPT, XFRMA_ALG_AUTH, XFRMA_ALG_AUTH_TRUNC, XFRMA_ALG_AEAD]) => {
            return fail(
                "ALGO-TYPE values \"enc\", \"auth\", \"auth-trunc\", and \"aead\" are invalid with XFRM-PROTO value \"comp\""
                    .into(),
            )
        }
        50 | 51 | 108 => {}
        _ if !a.algos.is_empty() => return fail(format!("ALGO is invalid with XFRM-PROTO value \"{name}\"")),
        _ => {}
    }
    if proto == 50 && !a.has_enc {
        return fail("ALGO-TYPE value \"enc\" or \"aead\" is required with XFRM-PROTO value \"esp\"".into());
    }
    if proto == 51 && !has(&[XFRMA_ALG_AUTH, XFRMA_ALG_AUTH_TRUNC]) {
        return fail("ALGO-TYPE value \"auth\" or \"auth-trunc\" is required with XFRM-PROTO value \"ah\"".into());
    }
    if proto == 108 && !has(&[XFRMA_ALG_COMP]) {
        return fail("ALGO-TYPE value \"comp\" is required with XFRM-PROTO value \"comp\"".into());
    }
    let routing = matches!(proto, 43 | 60);
    if routing && !a.mode {
        return fail(format!("\"mode\" is required with XFRM-PROTO value \"{name}\""));
    }
    if routing && !a.coa {
        return fail(format!("\"coa\" is required with XFRM-PROTO value \"{name}\""));
    }
    if a.coa && !routing {
        return fail(format!("\"coa\" is invalid with XFRM-PROTO value \"{name}\""));
    }
    Ok(())
}

fn extras(a: &StateArgs, body: &mut Vec<u8>) {
    for (k, v) in &a.more {
        put_attr(body, *k, v);
    }
    if let Some(r) = a.replay {
        let mut b = Vec::new();
        for x in r {
            b.extend_from_slice(&x.to_ne_bytes());
        }
        put_attr(body, XFRMA_REPLAY_VAL, &b);
    }
    if let Some(m) = a.mark {
        put_attr(body, XFRMA_MARK, &mark_bytes(m));
    }
    if let Some(i) = a.if_id {
        put_attr(body, XFRMA_IF_ID, &i.to_ne_bytes());
    }
    if let Some(t) = a.tfcpad {
        put_attr(body, XFRMA_TFCPAD, &t.to_ne_bytes());
    }
    if a.extra_flags != 0 {
        put_attr(body, XFRMA_SA_EXTRA_FLAGS, &a.extra_flags.to_ne_bytes());
    }
}

fn list(ip: &mut Ip, args: &mut Args, delete: bool) -> Result<()> {
    let a = parse(ip, args, true)?;
    let keep = |s: &SaInfo| -> bool {
        (!a.src || s.saddr == a.info.saddr)
            && (!a.dst || s.daddr == a.info.daddr)
            && a.proto.is_none_or(|p| p == s.proto)
            && a.spi.is_none_or(|x| x == s.spi)
            && (!a.mode || s.mode == a.info.mode)
            && (!a.reqid || s.reqid == a.info.reqid)
    };
    let mut nl = open()?;
    if delete {
        let mut victims = Vec::new();
        nl.dump_raw(XFRM_MSG_GETSA, &[], &mut |m| {
            if let Some(s) = SaInfo::decode(&m[16..]) {
                if keep(&s) {
                    let mut id = sa_id(&s.daddr, s.spi, s.family, s.proto);
                    for (k, v) in attrs(&m[16 + SA_INFO_LEN..]) {
                        if k == XFRMA_MARK {
                            put_attr(&mut id, k, v);
                        }
                    }
                    victims.push(id);
                }
            }
            Ok(())
        })?;
        for v in victims {
            nl.request_raw(XFRM_MSG_DELSA, 0, &v)?;
        }
        return Ok(());
    }
    ip.p.start_doc();
    let r = nl.dump_raw(XFRM_MSG_GETSA, &[], &mut |m| {
        if let Some(s) = SaInfo::decode(&m[16..]) {
            if keep(&s) {
                print_state(ip, &m[16..]);
            }
        }
        Ok(())
    });
    ip.p.end_doc();
    r
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One SA (an XFRM_MSG_NEWSA payload).
pub fn print_state(ip: &mut Ip, body: &[u8]) {
    print_state_as(ip, body, "");
}

/// The same as the value of `key` in an enclosing JSON object (monitor).
pub fn print_state_as(ip: &mut Ip, body: &[u8], key: &str) {
    let Some(s) = SaInfo::decode(body) else { return };
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, key);
    p.str(Ctx::Any, "src", "src {}", &addr_text(&s.saddr));
    p.str(Ctx::Any, "dst", " dst {}\n", &addr_text(&s.daddr));
    p.str(Ctx::Any, "proto", "\tproto {} ", &xfrm_proto_name(s.proto));
    let stats = ip.o.stats > 0;
    if stats {
        p.str(Ctx::Any, "spi", "spi {}", &format!("{:#010x}", s.spi));
        p.text(&format!("({}) ", s.spi));
        p.uint(Ctx::Any, "reqid", "reqid {}", s.reqid as u64);
        p.text(&format!("({:#010x}) ", s.reqid));
    } else {
        p.str(Ctx::Any, "spi", "spi {} ", &format!("{:#010x}", s.spi));
        p.uint(Ctx::Any, "reqid", "reqid {} ", s.reqid as u64);
    }
    p.str(Ctx::Any, "mode", "mode {}\n", &mode_name(s.mode));
    p.uint(Ctx::Any, "replay-window", "\treplay-window {} ", s.replay_window as u64);
    if stats {
        p.str(Ctx::Any, "seq", "seq {} ", &format!("{:#010x}", s.seq));
    }
    if s.flags != 0 || stats {
        const FLAGS: &[(u8, &str)] = &[
            (1, "noecn"),
            (2, "decap-dscp"),
            (4, "nopmtudisc"),
            (8, "wildrecv"),
            (16, "icmp"),
            (32, "af-unspec"),
            (64, "align4"),
            (128, "esn"),
        ];
        p.open_arr(Ctx::Any, "flag", "flag ");
        for (b, n) in FLAGS {
            if s.flags & b != 0 {
                p.str(Ctx::Any, "", "{} ", n);
            }
        }
        p.close_arr(Ctx::Any, "");
        if stats {
            // the flag bits as binary digits after "0x", as the reference
            p.text(&format!(" (0x{:08b})", s.flags));
        }
    }
    p.text("\n");
    let rest = body.get(SA_INFO_LEN..).unwrap_or(&[]);
    for (k, v) in attrs(rest) {
        if k == XFRMA_MARK {
            print_mark(ip, v);
        }
    }
    for (k, v) in attrs(rest) {
        let name = |v: &[u8]| crate::nl::cstr(&v[..64.min(v.len())]);
        let p = &mut ip.p;
        match k {
            XFRMA_ALG_AUTH | XFRMA_ALG_CRYPT | XFRMA_ALG_COMP if v.len() >= 68 => {
                let kind = match k {
                    XFRMA_ALG_AUTH => "auth",
                    XFRMA_ALG_CRYPT => "enc",
                    _ => "comp",
                };
                p.open_obj(Ctx::Json, kind);
                p.str(Ctx::Any, "name", &format!("\t{kind} {{}} "), &name(v));
                if k != XFRMA_ALG_COMP {
                    p.str(Ctx::Any, "key", "{}", &format!("0x{}", hex(&v[68..])));
                }
                p.text("\n");
                p.close_obj(Ctx::Json);
            }
            XFRMA_ALG_AUTH_TRUNC | XFRMA_ALG_AEAD if v.len() >= 72 => {
                let kind = if k == XFRMA_ALG_AEAD { "aead" } else { "auth-trunc" };
                let n = u32::from_ne_bytes([v[68], v[69], v[70], v[71]]);
                p.open_obj(Ctx::Json, kind);
                p.str(Ctx::Any, "name", &format!("\t{kind} {{}} "), &name(v));
                p.str(Ctx::Any, "key", "{} ", &format!("0x{}", hex(&v[72..])));
                p.uint(Ctx::Any, if k == XFRMA_ALG_AEAD { "icv_len" } else { "trunc_len" }, "{}\n", n as u64);
                p.close_obj(Ctx::Json);
            }
            XFRMA_IF_ID if v.len() >= 4 => {
                let id = u32::from_ne_bytes([v[0], v[1], v[2], v[3]]);
                p.str(Ctx::Any, "if_id", "\tif_id {}\n", &format!("{id:#x}"));
            }
            XFRMA_REPLAY_VAL if v.len() >= 12 => {
                let f = |i: usize| u32::from_ne_bytes([v[i], v[i + 1], v[i + 2], v[i + 3]]);
                p.open_obj(Ctx::Json, "anti-replay");
                p.str(Ctx::Any, "seq", "\tanti-replay context: seq {}", &format!("{:#x}", f(4)));
                p.str(Ctx::Any, "oseq", ", oseq {}", &format!("{:#x}", f(0)));
                p.str(Ctx::Any, "bitmap", ", bitmap {}\n", &format!("{:#010x}", f(8)));
                p.close_obj(Ctx::Json);
            }
            _ => {}
        }
    }
    ip.p.open_obj(Ctx::Json, "sel");
    print_selector(ip, &s.sel, "\tsel ");
    ip.p.close_obj(Ctx::Json);
    if ip.o.stats > 0 {
        super::policy::print_lifetime(ip, &s.lft, &s.cur);
        let p = &mut ip.p;
        p.open_obj(Ctx::Json, "stats");
        p.uint(Ctx::Any, "replay-window", "\tstats:\n\t  replay-window {}", s.stats[0] as u64);
        p.uint(Ctx::Any, "replay", " replay {}", s.stats[1] as u64);
        p.uint(Ctx::Any, "failed", " failed {}\n", s.stats[2] as u64);
        p.close_obj(Ctx::Json);
    }
    ip.p.close_obj(Ctx::Json);
}
