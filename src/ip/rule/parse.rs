//! Reading the words of `ip rule add|del` (into the request) and of the
//! `show|list|flush` selector (into a [`Filter`]). Pure: no I/O, except
//! the reference's NAT warning on stderr while the words are read.

use netlink_packet_core::DefaultNla;
use netlink_packet_route::route::{RouteProtocol, RouteRealm};
use netlink_packet_route::rule::{RuleAction, RuleAttribute, RuleFlags, RuleMessage, RulePortRange, RuleUidRange};
use netlink_packet_route::{AddressFamily, IpProtocol};

use super::usage;
use crate::cli::{matches, parse_u32, Args};
use crate::error::{Error, Result};
use crate::ip::common::{get_prefix, parse_addr, parse_ip_proto, Prefix};
use crate::ip::link_show::tables::group_parse;
use crate::ip::route::names;
use crate::ip::{AF_INET, AF_UNSPEC};

/// FRA_DST / FRA_SRC: the crate's `Destination`/`Source` always carry an
/// address, so the empty value the reference sends for `all` is built
/// as a raw attribute.
pub const FRA_DST: u16 = 1;
pub const FRA_SRC: u16 = 2;
/// FRA_UNUSED2, once FRA_GATEWAY: where `nat ADDRESS` still goes (the
/// kernel ignores it; the crate has no variant for it).
pub const FRA_GATEWAY: u16 = 5;
/// RTN_NAT as a rule action (`nat`/`map-to`): shown as `masquerade`.
pub const RTN_NAT: u8 = 10;

/// `Error: argument "X" is wrong: WHAT` plus the empty line the
/// reference's invarg() texts end with here.
fn invarg(what: &str, arg: &str) -> Error {
    Error::invarg(&format!("{what}\n"), arg)
}

/// One `%u` of sscanf: optional blanks and sign, decimal digits (strtoul:
/// saturating, a minus negates). The value (before the caller's cast to
/// its width) and what follows.
fn scan_u(s: &str) -> Option<(u64, &str)> {
    let t = s.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if end == 0 {
        return None;
    }
    let v = t[..end].parse::<u64>().unwrap_or(u64::MAX);
    Some((if neg { v.wrapping_neg() } else { v }, &t[end..]))
}

/// `sport`/`dport` as `sscanf("%hu-%hu")` reads them: one number is a
/// range of one; words after the numbers are ignored.
pub fn parse_port_range(s: &str) -> Option<RulePortRange> {
    let (a, rest) = scan_u(s)?;
    let start = a as u16;
    let end = match rest.strip_prefix('-').and_then(scan_u) {
        Some((b, _)) => b as u16,
        None => start,
    };
    Some(RulePortRange { start, end })
}

/// `uidrange` as `sscanf("%u-%u")` reads it: both numbers required.
pub fn parse_uid_range(s: &str) -> Option<RuleUidRange> {
    let (a, rest) = scan_u(s)?;
    let (b, _) = scan_u(rest.strip_prefix('-')?)?;
    Some(RuleUidRange { start: a as u32, end: b as u32 })
}

/// A device name as the reference checks it here (check_ifname):
/// 1 to 15 bytes, no `/` and no blanks (`:` is fine: `iif a:b`).
fn valid_ifname(s: &str) -> bool {
    !s.is_empty() && s.len() < 16 && !s.chars().any(|c| c == '/' || c.is_ascii_whitespace())
}

/// The device name after `iif`/`dev`/`oif` (`what` names the keyword in
/// the error).
fn ifname(args: &mut Args, what: &str) -> Result<String> {
    let v = args.value()?;
    if !valid_ifname(&v) {
        return Err(Error::invarg(&format!("{what} not a valid ifname"), &v));
    }
    Ok(v)
}

/// `fwmark MARK[/MASK]`.
fn parse_fwmark(v: &str) -> Result<(u32, Option<u32>)> {
    let (mark, mask) = match v.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (v, None),
    };
    let mark = parse_u32(mark).ok_or_else(|| invarg("fwmark value is invalid", mark))?;
    let mask = match mask {
        Some(m) => Some(parse_u32(m).ok_or_else(|| invarg("fwmask value is invalid", m))?),
        None => None,
    };
    Ok((mark, mask))
}


/// A FRA_SRC/FRA_DST value: `all`/`any` (and `default` without a
/// family) go as an empty attribute, as the reference sends them.
fn prefix_attr(kind: u16, word: &str, p: &Prefix, family: u8) -> RuleAttribute {
    if p.any && (word != "default" || family == AF_UNSPEC) {
        return RuleAttribute::Other(DefaultNla::new(kind, Vec::new()));
    }
    if kind == FRA_SRC {
        RuleAttribute::Source(p.addr)
    } else {
        RuleAttribute::Destination(p.addr)
    }
}

/// Read `ip rule add|del SELECTOR ACTION` into the request. `family` is
/// the `-4/-6/-f` choice (AF_UNSPEC: either; the request then says
/// AF_INET), `msg_family` overrides it for `ip mrule`.
pub fn parse_modify(args: &mut Args, family: u8, msg_family: Option<u8>, add: bool) -> Result<RuleMessage> {
    let mut m = RuleMessage::default();
    let h = &mut m.header;
    h.action = if add { RuleAction::ToTable } else { RuleAction::Unspec };
    // a table (any, even 0) or an action word was given: no `main` default
    let mut table_ok = false;
    // a non-zero table was given (what `l3mdev` refuses)
    let mut table_set = false;
    let mut l3mdev = false;
    let mut attrs = Vec::new();
    while let Some(w) = args.next() {
        let w = w.as_str();
        if w == "not" {
            h.flags |= RuleFlags::Invert;
        } else if w == "from" || w == "to" {
            let v = args.value()?;
            let p = get_prefix(&v, family)?;
            if w == "from" {
                h.src_len = p.len;
                attrs.push(prefix_attr(FRA_SRC, &v, &p, family));
            } else {
                h.dst_len = p.len;
                attrs.push(prefix_attr(FRA_DST, &v, &p, family));
            }
        } else if matches(w, "preference") || matches(w, "order") || matches(w, "priority") {
            let v = args.value()?;
            let pref = parse_u32(&v).ok_or_else(|| invarg("preference value is invalid", &v))?;
            attrs.push(RuleAttribute::Priority(pref));
        } else if w == "tos" || matches(w, "dsfield") {
            let v = args.value()?;
            h.tos = names::parse_dsfield(&v).ok_or_else(|| invarg("TOS value is invalid", &v))?;
        } else if w == "fwmark" {
            let (mark, mask) = parse_fwmark(&args.value()?)?;
            attrs.push(RuleAttribute::FwMark(mark));
            if let Some(mask) = mask {
                attrs.push(RuleAttribute::FwMask(mask));
            }
        } else if matches(w, "realms") {
            let v = args.value()?;
            let r = names::parse_realms(&v).ok_or_else(|| invarg("invalid realms", &v))?;
            attrs.push(RuleAttribute::Realm(RouteRealm { source: (r >> 16) as u16, destination: r as u16 }));
        } else if matches(w, "protocol") {
            let v = args.value()?;
            let p = names::parse_proto(&v).ok_or_else(|| invarg("\"protocol\" value is invalid", &v))?;
            attrs.push(RuleAttribute::Protocol(RouteProtocol::from(p)));
        } else if matches(w, "tun_id") {
            let v = args.value()?;
            let id = crate::cli::parse_u64_wrapping(&v).ok_or_else(|| invarg("\"tun_id\" value is invalid", &v))?;
            attrs.push(RuleAttribute::TunId(id));
        } else if matches(w, "table") || w == "lookup" {
            let v = args.value()?;
            let id = names::parse_table(&v).ok_or_else(|| invarg("invalid table ID", &v))?;
            if id < 256 {
                h.table = id as u8;
            } else {
                h.table = 0;
                attrs.push(RuleAttribute::Table(id));
            }
            table_ok = true;
            table_set |= id != 0;
        } else if matches(w, "suppress_prefixlength") || w == "sup_pl" {
            let v = args.value()?;
            let n = crate::cli::parse_i32(&v)
                .filter(|n| *n >= 0)
                .ok_or_else(|| invarg("suppress_prefixlength value is invalid", &v))?;
            attrs.push(RuleAttribute::SuppressPrefixLen(n as u32));
        } else if matches(w, "suppress_ifgroup") || w == "sup_group" {
            let v = args.value()?;
            let g = group_parse(&v).ok_or_else(|| invarg("Invalid \"suppress_ifgroup\" value", &v))?;
            attrs.push(RuleAttribute::SuppressIfGroup(g));
        } else if w == "dev" || w == "iif" {
            attrs.push(RuleAttribute::Iifname(ifname(args, "\"iif\"/\"dev\"")?));
        } else if w == "oif" {
            attrs.push(RuleAttribute::Oifname(ifname(args, "\"oif\"")?));
        } else if w == "l3mdev" {
            attrs.push(RuleAttribute::L3MDev(true));
            l3mdev = true;
        } else if w == "uidrange" {
            let v = args.value()?;
            let r = parse_uid_range(&v).ok_or_else(|| invarg("invalid UID range", &v))?;
            attrs.push(RuleAttribute::UidRange(r));
        } else if w == "ipproto" {
            let v = args.value()?;
            let p = parse_ip_proto(&v).ok_or_else(|| invarg("Invalid \"ipproto\" value", &v))?;
            attrs.push(RuleAttribute::IpProtocol(IpProtocol::from(p)));
        } else if w == "sport" || w == "dport" {
            let v = args.value()?;
            let r = parse_port_range(&v).ok_or_else(|| invarg("invalid port range", &v))?;
            attrs.push(if w == "sport" {
                RuleAttribute::SourcePortRange(r)
            } else {
                RuleAttribute::DestinationPortRange(r)
            });
        } else if w == "nat" || matches(w, "map-to") {
            let v = args.value()?;
            crate::print::warn("Warning: route NAT is deprecated");
            let a = parse_addr(&v, AF_INET)
                .filter(|a| a.family != crate::ip::AF_INET6)
                .ok_or_else(|| Error::msg(format!("Error: an IP address is expected rather than \"{v}\""), 1))?;
            let bytes = if a.any { vec![0; 4] } else { a.octets().to_vec() };
            attrs.push(RuleAttribute::Other(DefaultNla::new(FRA_GATEWAY, bytes)));
            h.action = RuleAction::Other(RTN_NAT);
        } else {
            // an action: `[type] goto N | nop | TYPE`
            let word = if w == "type" { args.value()? } else { w.to_string() };
            let word = word.as_str();
            if matches(word, "help") {
                return Err(usage());
            } else if matches(word, "goto") {
                let v = args.value()?;
                let target = parse_u32(&v).ok_or_else(|| invarg("invalid target", &v))?;
                attrs.push(RuleAttribute::Goto(target));
                h.action = RuleAction::Goto;
            } else if matches(word, "nop") {
                h.action = RuleAction::Nop;
            } else {
                let t = names::parse_type(word)
                    .ok_or_else(|| Error::invarg("Failed to parse rule type", word))?;
                h.action = RuleAction::from(t);
            }
            table_ok = true;
        }
    }
    if l3mdev && table_set {
        return Err(Error::failed_code("table can not be specified for l3mdev rules", libc::EINVAL));
    }
    if add && !table_ok && !l3mdev {
        h.table = names::RT_TABLE_MAIN as u8;
    }
    let fam = msg_family.unwrap_or(if family == AF_UNSPEC { AF_INET } else { family });
    h.family = AddressFamily::from(fam);
    m.attributes = attrs;
    Ok(m)
}

/// The `show|list|flush` selector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub not: bool,
    pub src: Option<Prefix>,
    pub dst: Option<Prefix>,
    pub pref: Option<u32>,
    pub tos: Option<u8>,
    pub fwmark: Option<u32>,
    pub fwmask: Option<u32>,
    /// 0: every table
    pub table: u32,
    pub iif: Option<String>,
    pub oif: Option<String>,
    pub l3mdev: bool,
    pub uidrange: Option<RuleUidRange>,
    pub ipproto: Option<u8>,
    pub sport: Option<RulePortRange>,
    pub dport: Option<RulePortRange>,
    pub tun_id: Option<u64>,
    /// only `flush` looks at it
    pub protocol: Option<u8>,
}

/// Read the selector of `ip rule show|list|flush`; `family` is the one
/// dumped (prefixes must be of it).
pub fn parse_filter(args: &mut Args, family: u8) -> Result<Filter> {
    let mut f = Filter::default();
    while let Some(w) = args.next() {
        let w = w.as_str();
        if w == "not" {
            f.not = true;
        } else if matches(w, "from") || matches(w, "src") {
            let v = args.value()?;
            f.src = Some(get_prefix(&v, family)?);
        } else if w == "to" || matches(w, "dst") {
            let v = args.value()?;
            f.dst = Some(get_prefix(&v, family)?);
        } else if matches(w, "preference") || matches(w, "order") || matches(w, "priority") {
            let v = args.value()?;
            f.pref = Some(parse_u32(&v).ok_or_else(|| invarg("preference value is invalid", &v))?);
        } else if w == "tos" || w == "dsfield" {
            let v = args.value()?;
            f.tos = Some(names::parse_dsfield(&v).ok_or_else(|| invarg("TOS value is invalid", &v))?);
        } else if w == "fwmark" {
            let (mark, mask) = parse_fwmark(&args.value()?)?;
            f.fwmark = Some(mark);
            f.fwmask = mask;
        } else if matches(w, "tun_id") {
            let v = args.value()?;
            f.tun_id = Some(crate::cli::parse_u64_wrapping(&v).ok_or_else(|| invarg("\"tun_id\" value is invalid", &v))?);
        } else if matches(w, "table") || matches(w, "lookup") {
            let v = args.value()?;
            f.table = names::parse_table(&v).ok_or_else(|| invarg("table id value is invalid", &v))?;
        } else if w == "dev" || w == "iif" {
            f.iif = Some(ifname(args, "\"iif\"/\"dev\"")?);
        } else if w == "oif" {
            f.oif = Some(ifname(args, "\"oif\"")?);
        } else if w == "l3mdev" {
            f.l3mdev = true;
        } else if w == "uidrange" {
            let v = args.value()?;
            f.uidrange = Some(parse_uid_range(&v).ok_or_else(|| invarg("invalid UID range", &v))?);
        } else if w == "ipproto" {
            let v = args.value()?;
            f.ipproto = Some(parse_ip_proto(&v).ok_or_else(|| invarg("Invalid \"ipproto\" value", &v))?);
        } else if w == "sport" || w == "dport" {
            let v = args.value()?;
            let r = parse_port_range(&v).ok_or_else(|| invarg("invalid port range", &v))?;
            if w == "sport" {
                f.sport = Some(r);
            } else {
                f.dport = Some(r);
            }
        } else if matches(w, "protocol") {
            let v = args.value()?;
            f.protocol = if v == "all" {
                None
            } else {
                Some(names::parse_proto(&v).ok_or_else(|| invarg("invalid \"protocol\"", &v))?)
            };
        } else {
            // a bare prefix is a destination
            f.dst = Some(get_prefix(w, family)?);
        }
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::AF_INET6;

    fn add(words: &str) -> Result<RuleMessage> {
        parse_modify(&mut Args::new(words.split_whitespace()), AF_UNSPEC, None, true)
    }

    fn err(words: &str) -> (String, i32) {
        let e = add(words).unwrap_err();
        (e.to_string(), e.exit_code())
    }

    #[test]
    fn add_defaults() {
        // no table, no action: table main; a type word or goto/nop: none
        let m = add("pref 5").unwrap();
        assert_eq!(m.header.table, 254);
        assert_eq!(m.header.action, RuleAction::ToTable);
        assert_eq!(u8::from(m.header.family), AF_INET);
        assert_eq!(m.attributes, vec![RuleAttribute::Priority(5)]);
        assert_eq!(add("unicast").unwrap().header.table, 0);
        assert_eq!(add("blackhole").unwrap().header.action, RuleAction::Blackhole);
        assert_eq!(add("table 0").unwrap().header.table, 0);
        assert_eq!(add("l3mdev").unwrap().header.table, 0);
        let m = add("nat 192.0.2.1").unwrap();
        assert_eq!((m.header.table, m.header.action), (254, RuleAction::Other(RTN_NAT)));
        assert_eq!(m.attributes, vec![RuleAttribute::Other(DefaultNla::new(FRA_GATEWAY, vec![192, 0, 2, 1]))]);
        // del: nothing filled in
        let m = parse_modify(&mut Args::new(["pref", "5"]), AF_UNSPEC, None, false).unwrap();
        assert_eq!((m.header.table, m.header.action), (0, RuleAction::Unspec));
    }

    #[test]
    fn keywords_and_prefixes() {
        let m = add("not from 10.0.0.0/24 to all t 5 ta 300 o 7 d 0x10 r 3/4 pro static s 3").unwrap();
        assert!(m.header.flags.contains(RuleFlags::Invert));
        assert_eq!((m.header.src_len, m.header.dst_len, m.header.tos, m.header.table), (24, 0, 0x10, 0));
        assert_eq!(
            m.attributes,
            vec![
                RuleAttribute::Source("10.0.0.0".parse().unwrap()),
                RuleAttribute::Other(DefaultNla::new(FRA_DST, vec![])),
                RuleAttribute::TunId(5),
                RuleAttribute::Table(300),
                RuleAttribute::Priority(7),
                RuleAttribute::Realm(RouteRealm { source: 3, destination: 4 }),
                RuleAttribute::Protocol(RouteProtocol::Static),
                RuleAttribute::SuppressPrefixLen(3),
            ]
        );
        let m = add("pr 9 g 900 suppress_i 4 sup_group 5 n").unwrap();
        assert_eq!(m.header.action, RuleAction::Nop);
        assert_eq!(
            m.attributes,
            vec![
                RuleAttribute::Priority(9),
                RuleAttribute::Goto(900),
                RuleAttribute::SuppressIfGroup(4),
                RuleAttribute::SuppressIfGroup(5),
            ]
        );
        let m = add("iif lo oif v9 uidrange 1-2 ipproto tcp sport 1-2 dport 80 l3mdev fwmark 0x10/0xff").unwrap();
        assert_eq!(m.header.table, 0);
        assert_eq!(m.attributes[2], RuleAttribute::UidRange(RuleUidRange { start: 1, end: 2 }));
        assert_eq!(m.attributes[3], RuleAttribute::IpProtocol(IpProtocol::Tcp));
        assert_eq!(m.attributes[5], RuleAttribute::DestinationPortRange(RulePortRange { start: 80, end: 80 }));
        assert_eq!(m.attributes[7..], [RuleAttribute::FwMark(0x10), RuleAttribute::FwMask(0xff)]);
        // -6 `default` is the zero address, `all` stays empty
        let m = parse_modify(&mut Args::new(["from", "default"]), AF_INET6, None, true).unwrap();
        assert_eq!(m.attributes, vec![RuleAttribute::Source("::".parse().unwrap())]);
        assert_eq!(u8::from(m.header.family), AF_INET6);
        assert_eq!(add("type local").unwrap().header.action, RuleAction::Goto);
    }

    fn bytes(words: &str) -> Vec<u8> {
        use netlink_packet_core::Emitable;
        let m = add(words).unwrap();
        let mut b = vec![0; m.buffer_len()];
        m.emit(&mut b);
        b
    }

    /// The requests byte for byte as the reference sends them (strace).
    #[test]
    fn golden_requests() {
        #[rustfmt::skip]
        let want: Vec<u8> = vec![
            2,                  // family AF_INET (none given)
            0, 0,               // dst_len, src_len
            0,                  // tos
            101,                // table (< 256: in the header)
            0, 0,               // reserved
            1,                  // action FR_ACT_TO_TBL
            2, 0, 0, 0,         // flags FIB_RULE_INVERT
            8, 0, 10, 0,        // FRA_FWMARK, 8 bytes
            1, 0, 0, 0,         //   mark 1
        ];
        assert_eq!(bytes("not fwmark 1 table 101"), want);
        #[rustfmt::skip]
        let want: Vec<u8> = vec![
            2, 0, 0, 0,         // AF_INET, dst_len, src_len 0 (`all`), tos
            5, 0, 0, 1,         // table 5, reserved, FR_ACT_TO_TBL
            0, 0, 0, 0,         // flags
            4, 0, 2, 0,         // FRA_SRC with no value: `from all`
        ];
        assert_eq!(bytes("from all table 5"), want);
        #[rustfmt::skip]
        let want: Vec<u8> = vec![
            2, 0, 0, 0,         // AF_INET, lengths, tos
            0, 0, 0, 1,         // table in FRA_TABLE, FR_ACT_TO_TBL
            0, 0, 0, 0,         // flags
            8, 0, 15, 0,        // FRA_TABLE
            0x70, 0x11, 1, 0,   //   70000
            12, 0, 12, 0,       // FRA_TUN_ID
            0, 0, 0, 0, 0, 0, 0, 5, // 5, big-endian
        ];
        assert_eq!(bytes("table 70000 tun_id 5"), want);
        #[rustfmt::skip]
        let want: Vec<u8> = vec![
            2, 0, 0, 0,         // AF_INET, lengths, tos
            254, 0, 0, 10,      // table main (the default), action RTN_NAT
            0, 0, 0, 0,         // flags
            8, 0, 5, 0,         // FRA_UNUSED2 (once FRA_GATEWAY)
            192, 0, 2, 1,       //   192.0.2.1
        ];
        assert_eq!(bytes("nat 192.0.2.1"), want);
    }

    #[test]
    fn scanf_ranges() {
        let r = |s| parse_port_range(s).map(|r| (r.start, r.end));
        assert_eq!(r("1000-2000"), Some((1000, 2000)));
        assert_eq!(r("5-"), Some((5, 5)));
        assert_eq!(r("-5"), Some((65531, 65531)));
        assert_eq!(r("1-2-3"), Some((1, 2)));
        assert_eq!(r("65536"), Some((0, 0)));
        assert_eq!(r("0x10"), Some((0, 0)));
        assert_eq!(r("abc"), None);
        let u = |s| parse_uid_range(s).map(|r| (r.start, r.end));
        assert_eq!(u("5-6x"), Some((5, 6)));
        assert_eq!(u("4294967296-1"), Some((0, 1)));
        assert_eq!(u("-1-5"), Some((u32::MAX, 5)));
        assert_eq!(u("1000"), None);
        assert_eq!(u("0x10-0x20"), None);
        assert_eq!(crate::cli::parse_u64_wrapping("-1"), Some(u64::MAX));
        assert_eq!(crate::cli::parse_u64_wrapping("18446744073709551616"), None);
    }

    #[test]
    fn errors() {
        let a = |w: &str, what: &str| (format!("Error: argument \"{w}\" is wrong: {what}\n"), 255);
        assert_eq!(err("frob"), ("Error: argument \"frob\" is wrong: Failed to parse rule type".into(), 255));
        assert_eq!(err("l 100"), ("Error: argument \"l\" is wrong: Failed to parse rule type".into(), 255));
        assert_eq!(err("table frob"), a("frob", "invalid table ID"));
        assert_eq!(err("table 4294967296"), a("4294967296", "invalid table ID"));
        assert_eq!(err("fwmark abc"), a("abc", "fwmark value is invalid"));
        assert_eq!(err("fwmark 0x10/xyz"), a("xyz", "fwmask value is invalid"));
        assert_eq!(err("fwmark /5"), a("", "fwmark value is invalid"));
        assert_eq!(err("pref -1"), a("-1", "preference value is invalid"));
        assert_eq!(err("tos 0x1ff"), a("0x1ff", "TOS value is invalid"));
        assert_eq!(err("t 10.0.0.0/8"), a("10.0.0.0/8", "\"tun_id\" value is invalid"));
        assert_eq!(err("sup_pl 2147483648"), a("2147483648", "suppress_prefixlength value is invalid"));
        assert_eq!(err("suppress_ifgroup -1"), a("-1", "Invalid \"suppress_ifgroup\" value"));
        assert_eq!(err("realms 256/1"), a("256/1", "invalid realms"));
        assert_eq!(err("protocol 256"), a("256", "\"protocol\" value is invalid"));
        assert_eq!(err("ipproto 0x10"), a("0x10", "Invalid \"ipproto\" value"));
        assert_eq!(err("uidrange 1-"), a("1-", "invalid UID range"));
        assert_eq!(err("sport abc"), a("abc", "invalid port range"));
        assert_eq!(err("goto abc"), a("abc", "invalid target"));
        assert_eq!(
            err("iif aaaaaaaaaaaaaaaaaaaa"),
            ("Error: argument \"aaaaaaaaaaaaaaaaaaaa\" is wrong: \"iif\"/\"dev\" not a valid ifname".into(), 255)
        );
        assert!(add("iif a:b").is_ok());
        assert_eq!(err("oif a/b").0, "Error: argument \"a/b\" is wrong: \"oif\" not a valid ifname");
        assert_eq!(err("from 10.0.0.0/33"), ("Error: any valid prefix is expected rather than \"10.0.0.0/33\".".into(), 1));
        assert_eq!(err("nat 1.2.3.4/24"), ("Error: an IP address is expected rather than \"1.2.3.4/24\"".into(), 1));
        assert_eq!(err("table"), (crate::cli::INCOMPLETE.into(), 255));
        assert_eq!(err("l3mdev table 100"), ("table can not be specified for l3mdev rules".into(), 22));
        assert_eq!(err("table 300 l3mdev").1, 22);
        assert!(add("l3mdev table 0").is_ok());
        assert_eq!(err("h").1, 255);
        assert_eq!(err("type help").0, super::super::USAGE);
    }

    #[test]
    fn filters() {
        let f = |s: &str| parse_filter(&mut Args::new(s.split_whitespace()), AF_INET);
        let x = f("not s 10.0.0.0/8 d 172.16.0.0/12 p 5 tos 0x10 fwmark 1/2 l main iif lo oif v0 l3mdev t 5 pro static")
            .unwrap();
        assert!(x.not && x.l3mdev);
        assert_eq!((x.src.unwrap().len, x.dst.unwrap().len), (8, 12));
        assert_eq!((x.pref, x.tos, x.fwmark, x.fwmask, x.table), (Some(5), Some(0x10), Some(1), Some(2), 254));
        assert_eq!((x.iif.as_deref(), x.oif.as_deref(), x.tun_id, x.protocol), (Some("lo"), Some("v0"), Some(5), Some(4)));
        assert_eq!(f("172.16.0.0/12").unwrap().dst.unwrap().len, 12);
        assert_eq!(f("protocol all").unwrap().protocol, None);
        let e = f("frob").unwrap_err();
        assert_eq!((e.to_string().as_str(), e.exit_code()), ("Error: inet prefix is expected rather than \"frob\".", 1));
        assert_eq!(f("dsfiel 0x10").unwrap_err().to_string(), "Error: inet prefix is expected rather than \"dsfiel\".");
        assert_eq!(f("table nosuch").unwrap_err().to_string(), "Error: argument \"nosuch\" is wrong: table id value is invalid\n");
        assert_eq!(f("protocol x").unwrap_err().to_string(), "Error: argument \"x\" is wrong: invalid \"protocol\"\n");
        assert_eq!(f("l").unwrap_err().to_string(), crate::cli::INCOMPLETE);
        assert_eq!(f("o nosuch").unwrap_err().to_string(), "Error: argument \"nosuch\" is wrong: preference value is invalid\n");
    }
}
