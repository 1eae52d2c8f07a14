//! `ip address`: add / change / replace / del (here), show and flush
//! (`list`), the address printer (`info`).

mod dump;
pub mod info;
pub mod list;

use std::net::IpAddr;

use super::common::{get_addr, get_prefix, Prefix};
use super::{Ip, AF_BRIDGE, AF_INET, AF_INET6, AF_MPLS, AF_PACKET, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::put_attr;
use crate::nl::rtm::{RTM_DELADDR, RTM_NEWADDR};
use info::*;

pub const USAGE: &str = "\
Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]
                                                      [ CONFFLAG-LIST ]
       ip address del IFADDR dev IFNAME [mngtmpaddr]
       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]
                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]
       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]
                         [ nomaster ]
                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]
                         [ label LABEL ] [up] [ vrf NAME ] ]
       ip address {showdump|restore}
IFADDR := PREFIX | ADDR peer PREFIX
          [ broadcast ADDR ] [ anycast ADDR ]
          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]
SCOPE-ID := [ host | link | global | NUMBER ]
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG  := [ permanent | dynamic | secondary | primary |
           [-]tentative | [-]deprecated | [-]dadfailed | temporary |
           CONFFLAG-LIST ]
CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG
CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]
LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]
LFT := forever | SECONDS
TYPE := { amt | bareudp | bond | bond_slave | bridge | bridge_slave |
          dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |
          ip6erspan | ip6gre | ip6gretap | ip6tnl |
          ipip | ipoib | ipvlan | ipvtap |
          macsec | macvlan | macvtap |
          netdevsim | nlmon | rmnet | sit | team | team_slave |
          vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |
          xfrm | virt_wifi }";

pub fn usage() -> Error {
    Error::arg(USAGE)
}
const NLM_F_REPLACE: u16 = 0x100;
const NLM_F_EXCL: u16 = 0x200;
const NLM_F_CREATE: u16 = 0x400;

/// `address show` (see `list::show` for its batch quirk).
fn show(ip: &mut Ip, args: Args) -> Result<()> {
    list::show(ip, args)
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return show(ip, args);
    };
    if matches(&cmd, "add") {
        modify(ip, args, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL)
    } else if matches(&cmd, "change") || cmd == "chg" {
        modify(ip, args, RTM_NEWADDR, NLM_F_REPLACE)
    } else if matches(&cmd, "replace") {
        modify(ip, args, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE)
    } else if matches(&cmd, "delete") {
        modify(ip, args, RTM_DELADDR, 0)
    } else if matches(&cmd, "list") || matches(&cmd, "show") || matches(&cmd, "lst") {
        show(ip, args)
    } else if matches(&cmd, "flush") {
        list::flush(ip, args)
    } else if matches(&cmd, "save") {
        dump::save(ip, args)
    } else if matches(&cmd, "showdump") {
        dump::showdump(ip)
    } else if matches(&cmd, "restore") {
        dump::restore(ip)
    } else if matches(&cmd, "help") {
        Err(usage())
    } else {
        Err(Error::arg(format!("Command \"{cmd}\" is unknown, try \"ip address help\".")))
    }
}

/// What `broadcast` said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brd {
    /// `+`: all host bits set
    Plus,
    /// `-`: all host bits clear
    Minus,
    Addr(Prefix),
}

/// The arguments of add/change/replace/del.
#[derive(Debug, Default)]
struct Request {
    family: u8,
    local: Option<Prefix>,
    /// `local` as it was written (the wildcard-deletion warning shows it)
    local_text: String,
    peer: Option<Prefix>,
    brd: Option<Brd>,
    anycast: Option<Prefix>,
    label: Option<String>,
    scope: Option<u8>,
    metric: Option<u32>,
    valid: Option<u32>,
    preferred: Option<u32>,
    flags: u32,
    dev: Option<String>,
}

fn lifetime(v: &str, what: &str) -> Result<u32> {
    if v == "forever" {
        return Ok(INFINITY_LIFE_TIME);
    }
    crate::cli::parse_u32(v).ok_or_else(|| Error::invarg(what, v))
}

/// An address (`prefix` false) or prefix argument, with the reference's
/// answers for the families that have no IP addresses: `-0` refuses
/// anything, `-B` everything, `-M` takes MPLS labels (which the kernel
/// then refuses).
pub fn addr_arg(s: &str, family: u8, prefix: bool) -> Result<Prefix> {
    let what = if prefix { "prefix" } else { "address" };
    match family {
        AF_PACKET => Err(Error::fatal(
            format!("Error: \"{s}\" may be inet {what}, but it is not allowed in this context."),
            1,
        )),
        AF_MPLS => crate::ip::common::non_ip_family(s, family, what).expect("not IP"),
        // `default` too: `ip -B addr add default` goes to the kernel
        AF_BRIDGE if !matches!(s, "default" | "any" | "all") => {
            crate::ip::common::non_ip_family(s, family, what).expect("not IP")
        }
        _ => {
            let r = if prefix { get_prefix(s, family) } else { get_addr(s, family) };
            match (&r, short_v4(s, family)) {
                (Err(_), Some(long)) => if prefix { get_prefix(&long, family) } else { get_addr(&long, family) }
                    .map_err(|_| r.unwrap_err()),
                _ => r,
            }
        }
    }
}

/// The reference reads IPv4 addresses part by part (each a strtoul
/// number), so `10/8`, `10.1` (= 10.1.0.0) and `0x0a.0.0.1` are
/// addresses too: spelled out in full here.
fn short_v4(s: &str, family: u8) -> Option<String> {
    if family != AF_INET && family != AF_UNSPEC {
        return None;
    }
    let (a, len) = match s.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (s, None),
    };
    let parts: Vec<&str> = a.split('.').collect();
    if parts.len() > 4 || a.contains(':') {
        return None;
    }
    let mut octets = [0u8; 4];
    for (i, part) in parts.iter().enumerate() {
        let part = part.strip_prefix('+').unwrap_or(part);
        octets[i] = crate::cli::parse_u8(part)?;
    }
    let addr = std::net::Ipv4Addr::from(octets).to_string();
    Some(match len {
        Some(l) => format!("{addr}/{l}"),
        None => addr,
    })
}

/// The first address given fixes the request's family.
fn adopt(family: &mut u8, f: u8) {
    if *family == AF_UNSPEC {
        *family = f;
    }
}

fn warn(ip: &mut Ip, msg: &str) {
    ip.p.flush();
    crate::print::warn(msg);
}

fn parse_request(ip: &mut Ip, args: &mut Args) -> Result<Request> {
    let mut r = Request { family: ip.o.family, ..Request::default() };
    while let Some(w) = args.next() {
        let w = w.as_str();
        if w == "peer" || w == "remote" {
            let v = args.value()?;
            if r.peer.is_some() {
                return Err(Error::duparg("peer", &v));
            }
            let p = addr_arg(&v, r.family, true)?;
            adopt(&mut r.family, p.family);
            r.peer = Some(p);
        } else if matches(w, "broadcast") || w == "brd" {
            let v = args.value()?;
            if r.brd.is_some() {
                return Err(Error::duparg("broadcast", &v));
            }
            r.brd = Some(match v.as_str() {
                "+" => Brd::Plus,
                "-" => Brd::Minus,
                _ => {
                    let a = addr_arg(&v, r.family, false)?;
                    adopt(&mut r.family, a.family);
                    Brd::Addr(a)
                }
            });
        } else if w == "anycast" {
            let v = args.value()?;
            if r.anycast.is_some() {
                return Err(Error::duparg("anycast", &v));
            }
            let a = addr_arg(&v, r.family, false)?;
            adopt(&mut r.family, a.family);
            r.anycast = Some(a);
        } else if w == "scope" {
            let v = args.value()?;
            r.scope = Some(crate::ip::route::parse_scope(&v).ok_or_else(|| Error::invarg("invalid scope value.", &v))?);
        } else if w == "dev" {
            r.dev = Some(args.value()?);
        } else if w == "label" {
            r.label = Some(args.value()?);
        } else if matches(w, "metric") || matches(w, "priority") || matches(w, "preference") {
            let v = args.value()?;
            r.metric = Some(
                crate::cli::parse_u32(&v)
                    .ok_or_else(|| Error::invarg("\"metric\" value is invalid\n", &v))?,
            );
        } else if matches(w, "valid_lft") {
            let v = args.value()?;
            r.valid = Some(lifetime(&v, "valid_lft value")?);
        } else if matches(w, "preferred_lft") {
            let v = args.value()?;
            r.preferred = Some(lifetime(&v, "preferred_lft value")?);
        } else if let Some((flag, name)) = conf_flag(w) {
            if matches!(name, "home" | "nodad" | "mngtmpaddr" | "optimistic") && r.family != AF_INET6 {
                warn(ip, &format!("Warning: {name} option can be set only for IPv6 addresses"));
            }
            r.flags |= flag;
        } else if matches!(
            w,
            "secondary" | "temporary" | "dadfailed" | "deprecated" | "tentative" | "permanent" | "stable-privacy"
        ) {
            // flags the kernel sets: the reference warns and goes on
            warn(ip, &format!("Warning: {w} option is not mutable from userspace"));
        } else {
            let mut w = w.to_string();
            if w == "local" {
                w = args.value()?;
            }
            if matches(&w, "help") {
                return Err(usage());
            }
            // after `any` (the reference's zero-length address) a second
            // word is read as an address first: a bad one is refused as such
            if let Some(l) = &r.local {
                if l.any {
                    addr_arg(&w, r.family, true)?;
                }
                return Err(Error::duparg2("local", &w));
            }
            let p = addr_arg(&w, r.family, true)?;
            adopt(&mut r.family, p.family);
            r.local = Some(p);
            r.local_text = w;
        }
    }
    Ok(r)
}

/// The flags add/change/replace/del accept (exact words).
fn conf_flag(w: &str) -> Option<(u32, &'static str)> {
    Some(match w {
        "home" => (IFA_F_HOMEADDRESS, "home"),
        "nodad" => (IFA_F_NODAD, "nodad"),
        "mngtmpaddr" => (IFA_F_MANAGETEMPADDR, "mngtmpaddr"),
        "noprefixroute" => (IFA_F_NOPREFIXROUTE, "noprefixroute"),
        "autojoin" => (IFA_F_MCAUTOJOIN, "autojoin"),
        "optimistic" => (IFA_F_OPTIMISTIC, "optimistic"),
        _ => return None,
    })
}

/// The broadcast address `+`/`-` stand for, when the prefix has one.
fn derived_broadcast(local: &Prefix, plen: u8, plus: bool) -> Option<[u8; 4]> {
    let IpAddr::V4(a) = local.addr else {
        return None;
    };
    if plen >= 31 {
        return None;
    }
    let mask: u32 = if plen == 0 { 0 } else { u32::MAX << (32 - plen as u32) };
    let v = u32::from(a);
    Some(if plus { v | !mask } else { v & mask }.to_be_bytes())
}

/// Built by hand rather than as netlink-packet-route's `AddressMessage`:
/// its `Label(String)` could not carry a label that is not UTF-8 (see
/// `info.rs`).
fn modify(ip: &mut Ip, mut args: Args, cmd: u16, nlflags: u16) -> Result<()> {
    let r = parse_request(ip, &mut args)?;
    let Some(dev) = r.dev.clone() else {
        return Err(Error::msg("Not enough information: \"dev\" argument is required.", 1));
    };
    let mut attrs = Vec::new();
    let mut plen = 0u8;
    if let Some(l) = &r.local {
        plen = l.len;
        put_attr(&mut attrs, IFA_LOCAL, &l.sent_octets());
    }
    if let Some(label) = &r.label {
        let mut v = label.as_bytes().to_vec();
        v.push(0);
        put_attr(&mut attrs, IFA_LABEL, &v);
    }
    if let Some(m) = r.metric {
        put_attr(&mut attrs, IFA_RT_PRIORITY, &m.to_ne_bytes());
    }
    if let Some(a) = &r.anycast {
        put_attr(&mut attrs, IFA_ANYCAST, &a.octets());
    }
    if r.flags != 0 {
        put_attr(&mut attrs, IFA_FLAGS, &r.flags.to_ne_bytes());
    }
    if let Some(p) = &r.peer {
        if !p.empty {
            // (`default` is a whole address here)
            plen = if p.any { p.bits() } else { p.len };
        }
        put_attr(&mut attrs, IFA_ADDRESS, &p.sent_octets());
    }
    if let Some(l) = &r.local {
        // an empty peer counts as none for the wildcard deletion
        let no_peer = r.peer.as_ref().is_none_or(|p| p.empty);
        let wildcard = cmd == RTM_DELADDR && !l.has_len && l.family == AF_INET && !l.empty && no_peer;
        if wildcard {
            warn(
                ip,
                &format!(
                    "Warning: Executing wildcard deletion to stay compatible with old scripts.\n         \
                     Explicitly specify the prefix length ({}/32) to avoid this warning.\n         \
                     This special behaviour is likely to disappear in further releases,\n         \
                     fix your scripts!",
                    r.local_text
                ),
            );
        } else if r.peer.is_none() && !l.empty {
            // (an address of no bytes is not repeated)
            put_attr(&mut attrs, IFA_ADDRESS, &l.octets());
        }
    }
    match r.brd {
        Some(Brd::Addr(b)) => put_attr(&mut attrs, IFA_BROADCAST, &b.octets()),
        Some(sign) => {
            if r.family != AF_INET {
                return Err(Error::msg("Broadcast can be set only for IPv4 addresses", 1));
            }
            if let Some(b) = r.local.as_ref().and_then(|l| derived_broadcast(l, plen, sign == Brd::Plus)) {
                put_attr(&mut attrs, IFA_BROADCAST, &b);
            }
        }
        None => {}
    }
    let scope = r.scope.unwrap_or_else(|| match r.local.map(|l| l.addr) {
        Some(IpAddr::V4(a)) if a.octets()[0] == 127 => 254,
        _ => 0,
    });
    let index = ip.ifindex(&dev)?;
    if r.valid.is_some() || r.preferred.is_some() {
        let valid = r.valid.unwrap_or(INFINITY_LIFE_TIME);
        let preferred = r.preferred.unwrap_or(INFINITY_LIFE_TIME);
        if valid == 0 {
            return Err(Error::msg("valid_lft is zero", 1));
        }
        if preferred > valid {
            return Err(Error::msg("preferred_lft is greater than valid_lft", 1));
        }
        let mut ci = Vec::with_capacity(16);
        for v in [preferred, valid, 0, 0] {
            ci.extend_from_slice(&v.to_ne_bytes());
        }
        put_attr(&mut attrs, IFA_CACHEINFO, &ci);
    }
    if r.flags & IFA_F_MCAUTOJOIN != 0 && !r.local.map(|l| l.addr.is_multicast()).unwrap_or(false) {
        return Err(Error::msg("autojoin needs multicast address", 1));
    }
    let family = if r.family == AF_UNSPEC { AF_UNSPEC } else { r.family };
    let mut payload = vec![family, plen, 0, scope];
    payload.extend_from_slice(&index.to_ne_bytes());
    payload.extend_from_slice(&attrs);
    ip.change_raw(cmd, nlflags, &payload, &mut |ip, m| {
        info::print_msg(ip, m);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ipv4() {
        assert_eq!(short_v4("10/8", AF_UNSPEC).as_deref(), Some("10.0.0.0/8"));
        assert_eq!(short_v4("10.1", AF_INET).as_deref(), Some("10.1.0.0"));
        assert_eq!(short_v4("0x10.1.1.1", AF_UNSPEC).as_deref(), Some("16.1.1.1"));
        assert_eq!(short_v4("1.2.3.4.5", AF_UNSPEC), None);
        assert_eq!(short_v4("10..1", AF_UNSPEC), None);
        assert_eq!(short_v4("256.1", AF_UNSPEC), None);
        assert_eq!(addr_arg("10.1/16", AF_UNSPEC, true).unwrap().len, 16);
        assert_eq!(
            addr_arg("10.1.1.1x", AF_UNSPEC, true).unwrap_err().to_string(),
            "Error: any valid prefix is expected rather than \"10.1.1.1x\"."
        );
    }

    #[test]
    fn broadcast_signs() {
        let l = get_prefix("10.0.0.41/30", AF_UNSPEC).unwrap();
        assert_eq!(derived_broadcast(&l, 30, false), Some([10, 0, 0, 40]));
        assert_eq!(derived_broadcast(&l, 30, true), Some([10, 0, 0, 43]));
        assert_eq!(derived_broadcast(&l, 31, true), None);
        assert_eq!(derived_broadcast(&l, 0, true), Some([255, 255, 255, 255]));
    }

    fn parse(words: &[&str]) -> Result<Request> {
        let mut ip = Ip::new(crate::ip::Opts::default());
        parse_request(&mut ip, &mut Args::new(words.iter().copied()))
    }

    #[test]
    fn requests() {
        let r = parse(&["10.0.0.1/24", "brd", "+", "dev", "v0", "m", "5", "valid", "forever", "label", "v0:1"]).unwrap();
        assert_eq!(r.family, AF_INET);
        assert_eq!(r.brd, Some(Brd::Plus));
        assert_eq!((r.metric, r.valid), (Some(5), Some(INFINITY_LIFE_TIME)));
        assert_eq!(r.dev.as_deref(), Some("v0"));
        let r = parse(&["local", "10.0.0.1", "remote", "10.0.0.2/30", "scope", "link", "noprefixroute"]).unwrap();
        assert_eq!((r.peer.unwrap().len, r.scope, r.flags), (30, Some(253), IFA_F_NOPREFIXROUTE));
        let e = |w: &[&str]| parse(w).unwrap_err();
        assert_eq!(
            e(&["10.0.0.1/24", "10.0.0.2/24"]).to_string(),
            "Error: either \"local\" is duplicate, or \"10.0.0.2/24\" is a garbage."
        );
        assert_eq!(
            e(&["1.1.1.1", "brd", "1.1.1.255", "broadcast", "+"]).to_string(),
            "Error: duplicate \"broadcast\": \"+\" is the second value."
        );
        assert_eq!(
            e(&["1.1.1.1", "metric", "x"]).to_string(),
            "Error: argument \"x\" is wrong: \"metric\" value is invalid\n"
        );
        assert_eq!(e(&["1.1.1.1", "scope", "256"]).exit_code(), 255);
        assert_eq!(e(&["1.1.1.1/33"]).exit_code(), 1);
        assert_eq!(e(&["1.1.1.1", "peer", "2001:db8::1"]).to_string(), "Error: inet prefix is expected rather than \"2001:db8::1\".");
        assert!(e(&["1.1.1.1", "help"]).to_string().starts_with("Usage: ip address"));
        assert_eq!(e(&["1.1.1.1", "dev"]).to_string(), crate::cli::INCOMPLETE);
    }

    #[test]
    fn usage_errors() {
        assert_eq!(lifetime("forever", "x").unwrap(), INFINITY_LIFE_TIME);
        assert_eq!(
            lifetime("-1", "valid_lft value").unwrap_err().to_string(),
            "Error: argument \"-1\" is wrong: valid_lft value"
        );
        assert!(USAGE.ends_with("xfrm | virt_wifi }"));
    }
}
