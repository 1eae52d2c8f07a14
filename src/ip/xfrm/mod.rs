//! `ip xfrm`: IPsec policies (SPD) and states (SAD) over NETLINK_XFRM.
//! This kernel has no ESP/AH/IPcomp: policies work fully, SAs only as
//! larval ones (`state allocspi`); adding a real SA relays the kernel's
//! refusal. The reference's text output is followed byte for byte; under
//! -j rip writes JSON with the same names.

mod monitor;
mod msg;
mod policy;
mod state;
mod usage;

use std::net::IpAddr;

use super::common::{get_prefix, IpText};
use super::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::cli::{matches, parse_u64, Args};
use crate::error::{Error, Result};
use crate::nl::Nl;
use crate::print::Ctx;
use msg::Selector;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    // ip xfrm exit()s on every error, kernel answers included (status 2):
    // a batch ends there, without "Command failed"
    run_obj(ip, args).map_err(|e| match e {
        Error::Netlink { .. } => Error::fatal(e.to_string(), 2),
        Error::Msg { msg, code } => Error::fatal(msg, code),
        e => e,
    })
}

fn run_obj(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(obj) = args.next() else { return Err(Error::arg(usage::XFRM)) };
    if matches(&obj, "state") || matches(&obj, "sa") {
        return state::run(ip, args);
    }
    if matches(&obj, "policy") {
        return policy::run(ip, args);
    }
    if matches(&obj, "monitor") {
        return monitor::run(ip, &mut args);
    }
    Err(Error::arg(usage::XFRM))
}

/// The NETLINK_XFRM socket.
fn open() -> Result<Nl> {
    Nl::open_proto(netlink_sys::protocols::NETLINK_XFRM)
}

/// XFRM-PROTO names.
const XFRM_PROTOS: &[(u8, &str)] = &[(50, "esp"), (51, "ah"), (108, "comp"), (43, "route2"), (60, "hao"), (255, "ipsec-any")];

fn xfrm_proto_parse(s: &str) -> Result<u8> {
    XFRM_PROTOS
        .iter()
        .find(|(_, n)| *n == s)
        .map(|(p, _)| *p)
        .ok_or_else(|| Error::invarg("XFRM-PROTO value is invalid", s))
}

fn xfrm_proto_name(p: u8) -> String {
    XFRM_PROTOS.iter().find(|(n, _)| *n == p).map(|(_, s)| s.to_string()).unwrap_or_else(|| p.to_string())
}

const MODES: &[&str] = &["transport", "tunnel", "ro", "in_trigger", "beet"];

fn mode_parse(s: &str) -> Result<u8> {
    MODES.iter().position(|m| *m == s).map(|i| i as u8).ok_or_else(|| Error::invarg("MODE value is invalid", s))
}

fn mode_name(m: u8) -> String {
    MODES.get(m as usize).map(|s| s.to_string()).unwrap_or_else(|| m.to_string())
}

/// IP protocol names from /etc/protocols (as getprotobyname/number read
/// it), read once.
fn protocols() -> &'static [(u8, String)] {
    static TABLE: std::sync::OnceLock<Vec<(u8, String)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let text = std::fs::read_to_string("/etc/protocols").unwrap_or_default();
        let mut out = Vec::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut w = line.split_whitespace();
            if let (Some(name), Some(num)) = (w.next(), w.next()) {
                if let Ok(n) = num.parse::<u8>() {
                    out.push((n, name.to_string()));
                    // aliases: found by name, never printed (the first
                    // entry of a number wins)
                    out.extend(w.map(|a| (n, a.to_string())));
                }
            }
        }
        out
    })
}

fn ip_proto_name(p: u8) -> String {
    protocols().iter().find(|(n, _)| *n == p).map(|(_, s)| s.clone()).unwrap_or_else(|| p.to_string())
}

fn ip_proto_parse(s: &str) -> Option<u8> {
    if let Some(n) = parse_u64(s) {
        return u8::try_from(n).ok();
    }
    protocols().iter().find(|(_, n)| n == s).map(|(p, _)| *p)
}

const IPPROTO_ICMP: u8 = 1;
const IPPROTO_GRE: u8 = 47;
const IPPROTO_ICMPV6: u8 = 58;
const IPPROTO_MH: u8 = 135;

/// A selector being read from the command line.
#[derive(Debug, Default)]
struct SelParse {
    sel: Selector,
    src: bool,
    dst: bool,
    proto_word: Option<String>,
    sport: Option<String>,
    dport: Option<String>,
    icmp_type: Option<String>,
    icmp_code: Option<String>,
    key: Option<String>,
    /// src and dst of different families (reported when the selector ends)
    mismatch: bool,
    /// the last word a selector keyword took
    last: String,
}

impl SelParse {
    /// Take one selector word (and its value); false if `w` is none.
    fn word(&mut self, ip: &mut Ip, w: &str, args: &mut Args) -> Result<bool> {
        match w {
            "src" | "dst" => {
                let v = args.value()?;
                let p = get_prefix(&v, ip.o.family)?;
                let fam = if p.family == AF_UNSPEC { AF_INET } else { p.family } as u16;
                if self.sel.family != 0 && self.sel.family != fam {
                    self.mismatch = true;
                }
                self.sel.family = fam;
                let len = if p.has_len || p.any { p.len } else if fam == AF_INET6 as u16 { 128 } else { 32 };
                if w == "src" {
                    self.sel.saddr = Some(p.addr);
                    self.sel.prefixlen_s = len;
                    self.src = true;
                } else {
                    self.sel.daddr = Some(p.addr);
                    self.sel.prefixlen_d = len;
                    self.dst = true;
                }
            }
            "dev" => {
                let v = args.value()?;
                match super::common::link_index(ip, &v)? {
                    Some(i) => self.sel.ifindex = i as i32,
                    None => return Err(Error::invarg("DEV value is invalid", &v)),
                }
            }
            "proto" => {
                let v = args.value()?;
                let Some(p) = ip_proto_parse(&v) else {
                    return Err(Error::invarg("PROTO value is invalid", &v));
                };
                self.sel.proto = p;
                self.proto_word = Some(v);
            }
            "sport" => self.sport = Some(args.value()?),
            "dport" => self.dport = Some(args.value()?),
            "type" => self.icmp_type = Some(args.value()?),
            "code" => self.icmp_code = Some(args.value()?),
            "key" => self.key = Some(args.value()?),
            _ => {
                self.end_run()?;
                return Ok(false);
            }
        }
        args.back();
        self.last = args.next().unwrap_or_default();
        Ok(true)
    }

    /// A run of selector words ended: src and dst must be of one family.
    fn end_run(&mut self) -> Result<()> {
        if self.mismatch {
            return Err(same_family(&self.last));
        }
        Ok(())
    }

    fn finish(mut self, family: u8) -> Result<Selector> {
        self.end_run()?;
        let port = |w: &str, v: &str| -> Result<u16> {
            parse_u64(v)
                .and_then(|x| u16::try_from(x).ok())
                .ok_or_else(|| Error::invarg(&format!("value after \"{w}\" is invalid"), v))
        };
        let p = self.sel.proto;
        let icmp = matches!(p, IPPROTO_ICMP | IPPROTO_ICMPV6 | IPPROTO_MH);
        let ports = matches!(p, 6 | 17 | 132 | 33); // tcp, udp, sctp, dccp
        let pname = || self.proto_word.clone().unwrap_or_default();
        if (self.sport.is_some() || self.dport.is_some()) && !ports {
            return Err(Error::msg(format!("\"sport\" and \"dport\" are invalid with PROTO value \"{}\"", pname()), 1));
        }
        if (self.icmp_type.is_some() || self.icmp_code.is_some()) && !icmp {
            return Err(Error::msg(format!("\"type\" and \"code\" are invalid with PROTO value \"{}\"", pname()), 1));
        }
        if self.key.is_some() && p != IPPROTO_GRE {
            return Err(Error::msg(format!("\"key\" is invalid with PROTO value \"{}\"", pname()), 1));
        }
        if let Some(v) = &self.sport {
            self.sel.sport = port("sport", v)?;
            self.sel.sport_mask = 0xffff;
        }
        if let Some(v) = &self.dport {
            self.sel.dport = port("dport", v)?;
            self.sel.dport_mask = 0xffff;
        }
        if icmp {
            if let Some(v) = &self.icmp_type {
                self.sel.sport = port("type", v)?;
                self.sel.sport_mask = 0xffff;
            }
            if let Some(v) = &self.icmp_code {
                self.sel.dport = port("code", v)?;
                self.sel.dport_mask = 0xffff;
            }
        }
        if p == IPPROTO_GRE {
            if let Some(v) = &self.key {
                let k = match v.parse::<std::net::Ipv4Addr>() {
                    Ok(a) => u32::from(a),
                    Err(_) => parse_u64(v)
                        .and_then(|x| u32::try_from(x).ok())
                        .ok_or_else(|| Error::invarg("value after \"key\" is invalid", v))?,
                };
                self.sel.sport = (k >> 16) as u16;
                self.sel.dport = k as u16;
                self.sel.sport_mask = 0xffff;
                self.sel.dport_mask = 0xffff;
            }
        }
        if self.sel.family == 0 {
            self.sel.family = if family == AF_INET6 { AF_INET6 } else { AF_INET } as u16;
        }
        let fam = self.sel.family;
        let zero = || if fam == AF_INET6 as u16 { IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED) } else { IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED) };
        if self.sel.saddr.is_none() {
            self.sel.saddr = Some(zero());
        }
        if self.sel.daddr.is_none() {
            self.sel.daddr = Some(zero());
        }
        Ok(self.sel)
    }

    fn any(&self) -> bool {
        self.src || self.dst || self.proto_word.is_some() || self.sel.ifindex != 0
    }
}

/// src and dst (of an SA id, a template or a selector) of two families.
/// `limit { time-soft | time-hard | time-use-soft | time-use-hard |
/// byte-soft | byte-hard | packet-soft | packet-hard } N` (the word
/// `limit` already taken), shared by states and policies.
fn parse_limit(args: &mut Args, l: &mut msg::Lifetime) -> Result<()> {
    let kind = args.value()?;
    let v = args.value()?;
    let n = parse_u64(&v).ok_or_else(|| Error::invarg(&format!("value after \"{kind}\" is invalid"), &v))?;
    match kind.as_str() {
        "time-soft" => l.soft_add = n,
        "time-hard" => l.hard_add = n,
        "time-use-soft" => l.soft_use = n,
        "time-use-hard" => l.hard_use = n,
        "byte-soft" => l.soft_bytes = n,
        "byte-hard" => l.hard_bytes = n,
        "packet-soft" => l.soft_packets = n,
        "packet-hard" => l.hard_packets = n,
        _ => return Err(Error::invarg("LIMIT value is invalid", &kind)),
    }
    Ok(())
}

fn same_family(last: &str) -> Error {
    Error::invarg("the same address family is required between values after \"src\" and \"dst\"", last)
}

fn addr_text(a: &Option<IpAddr>) -> String {
    match a {
        Some(a) => IpText::new(a).as_str().to_string(),
        None => "0.0.0.0".into(),
    }
}

/// The selector as the reference writes it: `src A/L dst A/L [UPSPEC]
/// [dev D] ` (`-s`: ` uid N`). `lead` is the text before it.
fn print_selector(ip: &mut Ip, s: &Selector, lead: &str) {
    let dev = (s.ifindex != 0).then(|| ip.ifname(s.ifindex as u32));
    let p = &mut ip.p;
    p.text(lead);
    p.str(Ctx::Any, "src", "src {}", &format!("{}/{}", addr_text(&s.saddr), s.prefixlen_s));
    p.str(Ctx::Any, "dst", " dst {} ", &format!("{}/{}", addr_text(&s.daddr), s.prefixlen_d));
    if s.proto != 0 {
        p.str(Ctx::Any, "proto", "proto {} ", &ip_proto_name(s.proto));
        match s.proto {
            IPPROTO_ICMP | IPPROTO_ICMPV6 | IPPROTO_MH => {
                if s.sport_mask != 0 {
                    p.uint(Ctx::Any, "type", "type {} ", s.sport as u64);
                }
                if s.dport_mask != 0 {
                    p.uint(Ctx::Any, "code", "code {} ", s.dport as u64);
                }
            }
            IPPROTO_GRE => {
                if s.sport_mask != 0 || s.dport_mask != 0 {
                    p.uint(Ctx::Any, "key", "key {} ", ((s.sport as u64) << 16) | s.dport as u64);
                }
            }
            _ => {
                if s.sport_mask != 0 {
                    p.uint(Ctx::Any, "sport", "sport {} ", s.sport as u64);
                }
                if s.dport_mask != 0 {
                    p.uint(Ctx::Any, "dport", "dport {} ", s.dport as u64);
                }
            }
        }
    }
    if let Some(d) = dev {
        p.str(Ctx::Any, "dev", "dev {} ", &d);
    }
    if ip.o.stats > 0 {
        ip.p.uint(Ctx::Any, "uid", "uid {}", s.user as u64);
    }
    ip.p.text("\n");
}

/// `mark V/M` attribute text.
fn print_mark(ip: &mut Ip, v: &[u8]) {
    if v.len() < 8 {
        return;
    }
    let val = u32::from_ne_bytes([v[0], v[1], v[2], v[3]]);
    let mask = u32::from_ne_bytes([v[4], v[5], v[6], v[7]]);
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "mark");
    p.str(Ctx::Any, "value", "\tmark {}", &format!("{val:#x}"));
    p.str(Ctx::Any, "mask", "/{} \n", &format!("{mask:#x}"));
    p.close_obj(Ctx::Json);
}

/// `mark MARK [mask MASK]`: the XFRMA_MARK value.
fn parse_mark(args: &mut Args) -> Result<[u32; 2]> {
    let v = args.value()?;
    let val = parse_u64(&v)
        .and_then(|x| u32::try_from(x).ok())
        .ok_or_else(|| Error::invarg("MARK value is invalid\n", &v))?;
    let mut mask = u32::MAX;
    if args.peek() == Some("mask") {
        args.next();
        let m = args.value()?;
        mask = parse_u64(&m)
            .and_then(|x| u32::try_from(x).ok())
            .ok_or_else(|| Error::invarg("MASK value is invalid\n", &m))?;
    }
    Ok([val, mask])
}

fn mark_bytes(m: [u32; 2]) -> Vec<u8> {
    let mut b = m[0].to_ne_bytes().to_vec();
    b.extend_from_slice(&m[1].to_ne_bytes());
    b
}
