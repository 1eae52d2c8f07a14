//! `ip rule show|list`, `flush`, `save` and `restore`: the dump (one
//! RTM_GETRULE per family, filtered here), printed as it streams in.

use std::io::Write;

use netlink_packet_core::NLM_F_CREATE;
use netlink_packet_route::rule::{RuleAttribute, RuleFlags, RuleMessage};
use netlink_packet_route::RouteNetlinkMessage;

use super::parse::{parse_filter, Filter};
use super::print::print_rule_to;
use crate::cli::Args;
use crate::error::{Error, Result};
use crate::ip::common::Prefix;
use crate::ip::route::addr_match;
use crate::ip::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::nl::rtm::{RTM_DELRULE, RTM_GETRULE, RTM_NEWRULE};
use crate::print::Printer;

/// The saved stream's magic (bytes 86 69 70 71 on this host).
pub const MAGIC: u32 = 0x7170_6986;
/// RTNL_FAMILY_IPMR / RTNL_FAMILY_IP6MR: the families of `ip mrule`.
const RTNL_FAMILY_IPMR: u8 = 128;
const RTNL_FAMILY_IP6MR: u8 = 129;

/// The family a listing dumps: `-4/-6/-f`, IPv4 when none was given;
/// the multicast families for `ip mrule`.
pub fn dump_family(ip: &Ip, mrule: bool) -> u8 {
    let f = ip.o.family;
    if mrule {
        return if f == AF_INET6 { RTNL_FAMILY_IP6MR } else { RTNL_FAMILY_IPMR };
    }
    if f == AF_UNSPEC {
        AF_INET
    } else {
        f
    }
}

/// The family prefixes in the selector are read in.
fn prefix_family(family: u8) -> u8 {
    match family {
        RTNL_FAMILY_IPMR => AF_INET,
        RTNL_FAMILY_IP6MR => AF_INET6,
        f => f,
    }
}

/// A selector prefix against a rule's prefix: the rule's is inside it.
fn prefix_ok(p: &Prefix, family: u8, len: u8, addr: Option<&std::net::IpAddr>) -> bool {
    if p.family != AF_UNSPEC && p.family != prefix_family(family) {
        return false;
    }
    if p.len > len {
        return false;
    }
    match addr {
        Some(a) => {
            let o = match a {
                std::net::IpAddr::V4(a) => a.octets().to_vec(),
                std::net::IpAddr::V6(a) => a.octets().to_vec(),
            };
            addr_match(&o, &p.octets(), p.len)
        }
        None => true,
    }
}

impl Filter {
    /// Does the rule pass the selector? (`protocol` counts for flush only.)
    pub fn accepts(&self, m: &RuleMessage, flush: bool) -> bool {
        let h = &m.header;
        let family = u8::from(h.family);
        let attr = |f: fn(&RuleAttribute) -> bool| m.attributes.iter().find(|a| f(a));
        if self.not && !h.flags.contains(RuleFlags::Invert) {
            return false;
        }
        if let Some(p) = &self.src {
            let a = m.attributes.iter().find_map(|a| match a {
                RuleAttribute::Source(a) => Some(a),
                _ => None,
            });
            if !prefix_ok(p, family, h.src_len, a) {
                return false;
            }
        }
        if let Some(p) = &self.dst {
            let a = m.attributes.iter().find_map(|a| match a {
                RuleAttribute::Destination(a) => Some(a),
                _ => None,
            });
            if !prefix_ok(p, family, h.dst_len, a) {
                return false;
            }
        }
        if let Some(x) = self.pref {
            let prio = m.attributes.iter().find_map(|a| match a {
                RuleAttribute::Priority(p) => Some(*p),
                _ => None,
            });
            if prio.unwrap_or(0) != x {
                return false;
            }
        }
        if let Some(t) = self.tos {
            if h.tos != t {
                return false;
            }
        }
        // a zero mark, mask, protocol, tunnel id or first port selects
        // nothing (as in the reference); a zero tos, pref or uid range does
        if let Some(x) = self.fwmark.filter(|x| *x != 0) {
            if !matches!(attr(|a| matches!(a, RuleAttribute::FwMark(_))), Some(RuleAttribute::FwMark(v)) if *v == x) {
                return false;
            }
        }
        if let Some(x) = self.fwmask.filter(|x| *x != 0) {
            if !matches!(attr(|a| matches!(a, RuleAttribute::FwMask(_))), Some(RuleAttribute::FwMask(v)) if *v == x) {
                return false;
            }
        }
        if self.table != 0 {
            let t = m
                .attributes
                .iter()
                .find_map(|a| match a {
                    RuleAttribute::Table(t) => Some(*t),
                    _ => None,
                })
                .unwrap_or(h.table as u32);
            if t != self.table {
                return false;
            }
        }
        if let Some(n) = &self.iif {
            if !matches!(attr(|a| matches!(a, RuleAttribute::Iifname(_))), Some(RuleAttribute::Iifname(v)) if v == n) {
                return false;
            }
        }
        if let Some(n) = &self.oif {
            if !matches!(attr(|a| matches!(a, RuleAttribute::Oifname(_))), Some(RuleAttribute::Oifname(v)) if v == n) {
                return false;
            }
        }
        if self.l3mdev && !m.attributes.contains(&RuleAttribute::L3MDev(true)) {
            return false;
        }
        if let Some(r) = &self.uidrange {
            if !matches!(attr(|a| matches!(a, RuleAttribute::UidRange(_))), Some(RuleAttribute::UidRange(v)) if v == r) {
                return false;
            }
        }
        if let Some(x) = self.ipproto.filter(|x| *x != 0) {
            if !matches!(attr(|a| matches!(a, RuleAttribute::IpProtocol(_))), Some(RuleAttribute::IpProtocol(v)) if u8::from(*v) == x)
            {
                return false;
            }
        }
        if let Some(r) = self.sport.as_ref().filter(|r| r.start != 0) {
            if !matches!(attr(|a| matches!(a, RuleAttribute::SourcePortRange(_))), Some(RuleAttribute::SourcePortRange(v)) if v == r)
            {
                return false;
            }
        }
        if let Some(r) = self.dport.as_ref().filter(|r| r.start != 0) {
            if !matches!(attr(|a| matches!(a, RuleAttribute::DestinationPortRange(_))), Some(RuleAttribute::DestinationPortRange(v)) if v == r)
            {
                return false;
            }
        }
        if let Some(x) = self.tun_id.filter(|x| *x != 0) {
            if !matches!(attr(|a| matches!(a, RuleAttribute::TunId(_))), Some(RuleAttribute::TunId(v)) if *v == x) {
                return false;
            }
        }
        if let (true, Some(x)) = (flush, self.protocol) {
            let p = m.attributes.iter().find_map(|a| match a {
                RuleAttribute::Protocol(p) => Some(u8::from(*p)),
                _ => None,
            });
            if p.unwrap_or(0) != x {
                return false;
            }
        }
        true
    }
}

/// The 12-byte fib_rule_hdr of a dump request: only the family is set.
fn dump_payload(family: u8) -> [u8; 12] {
    let mut b = [0u8; 12];
    b[0] = family;
    b
}

/// A failed rule dump (or restore): the reference's text, then exit 255.
fn dump_error(e: Error) -> Error {
    match e {
        Error::Netlink { .. } => Error::msg(e.to_string(), 255),
        e => e,
    }
}

/// Dump the rules of `family`, handing each decoded rule and its raw
/// bytes to `f` together with a printer (the command's own, moved out of
/// `ip` while the socket is in use).
fn dump(
    ip: &mut Ip,
    family: u8,
    f: &mut dyn FnMut(&mut Printer, &RuleMessage, &[u8]),
) -> Result<()> {
    let mut p = std::mem::replace(&mut ip.p, Printer::new(false, false, false, false));
    let payload = dump_payload(family);
    let r = match ip.nl() {
        Ok(nl) => nl.dump_raw(RTM_GETRULE, &payload, &mut |bytes| {
            if let Some(RouteNetlinkMessage::NewRule(m)) = crate::nl::decode(bytes) {
                f(&mut p, &m, bytes);
            }
            Ok(())
        }),
        Err(e) => Err(e),
    };
    ip.p = p;
    r.map_err(dump_error)
}

/// `ip rule [show|list] SELECTOR`.
pub fn list(ip: &mut Ip, mut args: Args, mrule: bool) -> Result<()> {
    let family = dump_family(ip, mrule);
    let f = parse_filter(&mut args, prefix_family(family))?;
    let o = ip.o.clone();
    ip.p.start_doc();
    dump(ip, family, &mut |p, m, _| {
        if f.accepts(m, false) {
            print_rule_to(p, &o, m, false);
        }
    })?;
    ip.p.end_doc();
    Ok(())
}

/// `ip rule flush SELECTOR`: delete every selected rule that has a
/// priority (the kernel's pref-0 local rule has none and stays).
pub fn flush(ip: &mut Ip, mut args: Args, mrule: bool) -> Result<()> {
    let family = dump_family(ip, mrule);
    let f = parse_filter(&mut args, prefix_family(family))?;
    // with -j the reference writes an (empty) array here too
    ip.p.start_doc();
    let mut doomed: Vec<Vec<u8>> = Vec::new();
    dump(ip, family, &mut |_, m, bytes| {
        let has_prio = m.attributes.iter().any(|a| matches!(a, RuleAttribute::Priority(_)));
        if has_prio && f.accepts(m, true) {
            doomed.push(bytes.to_vec());
        }
    })?;
    for m in doomed {
        ip.nl()?.request_raw(RTM_DELRULE, 0, &m[16..])?;
    }
    ip.p.end_doc();
    Ok(())
}

/// `ip rule save`: the magic, then every rule of the family as the
/// kernel sent it.
pub fn save(ip: &mut Ip, args: Args, mrule: bool) -> Result<()> {
    if !args.is_empty() {
        return Err(Error::Failed("\"ip rule save\" does not take any arguments.".into()));
    }
    // SAFETY: isatty on fd 1 has no memory effects.
    if unsafe { libc::isatty(1) } == 1 {
        return Err(Error::Failed("Not sending a binary stream to stdout".into()));
    }
    let family = dump_family(ip, mrule);
    ip.p.flush();
    let so = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, so.lock());
    let _ = out.write_all(&MAGIC.to_ne_bytes());
    let r = dump(ip, family, &mut |_, _, bytes| {
        let _ = out.write_all(bytes);
    });
    let _ = out.flush();
    drop(out);
    if r.is_ok() {
        // under -j the reference's (empty) document follows the stream
        ip.p.start_doc();
        ip.p.end_doc();
        ip.p.flush();
    }
    r
}

/// `ip rule restore`: replay a saved stream, each rule as saved with
/// NLM_F_CREATE added (no NLM_F_EXCL: existing rules are duplicated).
pub fn restore(ip: &mut Ip) -> Result<()> {
    let s = crate::ip::common::read_saved_stream(MAGIC).map_err(|m| Error::msg(m, 255))?;
    for m in &s.msgs {
        let kind = u16::from_ne_bytes([m[4], m[5]]);
        if kind != RTM_NEWRULE {
            continue;
        }
        let flags = u16::from_ne_bytes([m[6], m[7]]) | NLM_F_CREATE;
        // the first refused rule ends the replay, exit 255
        ip.nl()?.request_raw(RTM_NEWRULE, flags, &m[16..]).map_err(dump_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::common::get_prefix;

    fn msg(words: &str, prio: u32) -> RuleMessage {
        let mut m = super::super::parse::parse_modify(&mut Args::new(words.split_whitespace()), AF_UNSPEC, None, true)
            .unwrap();
        m.attributes.push(RuleAttribute::Priority(prio));
        m
    }

    fn filter(words: &str) -> Filter {
        parse_filter(&mut Args::new(words.split_whitespace()), AF_INET).unwrap()
    }

    #[test]
    fn selectors() {
        let r = msg("from 10.0.0.0/24 table 100 fwmark 0x10/0xff protocol static", 5);
        assert!(filter("").accepts(&r, false));
        assert!(filter("from 10.0.0.0/16").accepts(&r, false));
        assert!(filter("from all").accepts(&r, false));
        assert!(!filter("from 10.0.0.0/25").accepts(&r, false));
        assert!(!filter("to 10.0.0.0/8").accepts(&r, false));
        assert!(filter("table 100 pref 5 fwmark 0x10").accepts(&r, false));
        assert!(filter("fwmark 0x10/0xff").accepts(&r, false));
        assert!(!filter("fwmark 0x10/0xf").accepts(&r, false));
        assert!(filter("fwmark 0 tun_id 0 ipproto 0 sport 0 dport 0-5").accepts(&r, false));
        assert!(!filter("tos 0x10").accepts(&r, false));
        assert!(!filter("table main").accepts(&r, false));
        assert!(!filter("not").accepts(&r, false));
        assert!(filter("protocol boot").accepts(&r, false));
        assert!(!filter("protocol boot").accepts(&r, true));
        assert!(filter("protocol static").accepts(&r, true));
        let local = RuleMessage::default();
        assert!(filter("pref 0").accepts(&local, false));
        assert!(!filter("iif lo").accepts(&local, false));
        assert!(msg("iif lo sport 5 ipproto tcp", 1).attributes.len() == 4);
        assert!(filter("iif lo sport 5 ipproto tcp").accepts(&msg("iif lo sport 5 ipproto tcp", 1), false));
        assert!(addr_match(&[10, 0, 0, 0], &[10, 255, 0, 0], 8));
        assert!(!addr_match(&[10, 0, 0, 0], &[10, 255, 0, 0], 9));
        let p = get_prefix("2001:db8::/32", AF_INET6).unwrap();
        assert!(!prefix_ok(&p, AF_INET, 32, None));
    }

    #[test]
    fn families() {
        assert_eq!(MAGIC.to_le_bytes(), [0x86, 0x69, 0x70, 0x71]);
        assert_eq!(dump_payload(AF_INET6), [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(prefix_family(RTNL_FAMILY_IP6MR), AF_INET6);
    }
}
