//! One rule, printed as the reference prints it: a text line
//! (`PREF:\tSELECTOR ACTION`) or one JSON object. Usable for a single
//! message outside a dump (`ip monitor`, `-echo`).

use std::net::IpAddr;

use netlink_packet_route::rule::{RuleAction, RuleAttribute, RuleFlags, RuleMessage};

use super::parse::RTN_NAT;
use crate::ip::common::{ip_proto_name, IpText};
use crate::ip::link_show::tables::group_name;
use crate::ip::route::names;
use crate::ip::{Ip, Opts, AF_INET6};
use crate::print::{Color, Ctx, Printer};

/// `%#x`: `0`, else `0x…`.
fn hex(v: u32) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("{v:#x}")
    }
}

/// A rule action (an RTN_* type number) as the reference names it:
/// the route type names, but 0 is `none`; the number with `-N`.
fn action_name(a: u8, numeric: bool) -> String {
    if a == 0 && !numeric {
        return "none".to_string();
    }
    names::type_name(a, numeric)
}

/// Print one rule message: `Deleted ` first when `deleted` (an
/// RTM_DELRULE in `ip monitor`), then the line, newline included.
pub fn print_rule(ip: &mut Ip, m: &RuleMessage, deleted: bool) {
    print_rule_to(&mut ip.p, &ip.o, m, deleted);
}

/// [`print_rule`] with the printer and the options apart (a dump prints
/// while the socket is borrowed).
pub fn print_rule_to(p: &mut Printer, o: &Opts, m: &RuleMessage, deleted: bool) {
    let h = &m.header;
    let family = u8::from(h.family);
    let host = if family == AF_INET6 { 128 } else { 32 };
    let color = Color::of_family(family);
    let numeric = o.numeric;
    p.open_obj(Ctx::Json, "");
    if deleted {
        if p.is_json() {
            p.bool(Ctx::Json, "deleted", "", true);
        } else {
            p.text("Deleted ");
        }
    }
    let mut prio = 0;
    let (mut src, mut dst) = (None::<IpAddr>, None::<IpAddr>);
    let (mut mark, mut mask) = (None, None);
    let mut table = h.table as u32;
    for a in &m.attributes {
        match a {
            RuleAttribute::Priority(v) => prio = *v,
            RuleAttribute::Source(a) => src = Some(*a),
            RuleAttribute::Destination(a) => dst = Some(*a),
            RuleAttribute::FwMark(v) => mark = Some(*v),
            RuleAttribute::FwMask(v) => mask = Some(*v),
            RuleAttribute::Table(t) => table = *t,
            _ => {}
        }
    }
    p.uint(Ctx::Any, "priority", "{}:\t", prio as u64);
    if h.flags.contains(RuleFlags::Invert) {
        p.null(Ctx::Any, "not", "{}", "not ");
    }
    match src {
        Some(a) => {
            p.text("from ");
            p.color_str(Ctx::Any, color, "src", "{}", IpText::new(&a).as_str());
            if h.src_len != host {
                p.uint(Ctx::Any, "srclen", "/{}", h.src_len as u64);
            }
        }
        None if h.src_len != 0 => {
            p.str(Ctx::Any, "src", "from {}", "0");
            p.uint(Ctx::Any, "srclen", "/{}", h.src_len as u64);
        }
        None => p.str(Ctx::Any, "src", "from {}", "all"),
    }
    if let Some(a) = dst {
        p.text(" to ");
        p.color_str(Ctx::Any, color, "dst", "{}", IpText::new(&a).as_str());
        if h.dst_len != host {
            p.uint(Ctx::Any, "dstlen", "/{}", h.dst_len as u64);
        }
    } else if h.dst_len != 0 {
        p.str(Ctx::Any, "dst", " to {}", "0");
        p.uint(Ctx::Any, "dstlen", "/{}", h.dst_len as u64);
    }
    if h.tos != 0 {
        p.str(Ctx::Any, "tos", " tos {}", &names::dsfield_name(h.tos, numeric));
    }
    if mark.is_some() || mask.is_some() {
        p.str(Ctx::Any, "fwmark", " fwmark {}", &hex(mark.unwrap_or(0)));
        match mask {
            Some(mk) if mk != u32::MAX => p.str(Ctx::Any, "fwmask", "/{}", &hex(mk)),
            _ => {}
        }
    }
    for a in &m.attributes {
        match a {
            RuleAttribute::Iifname(n) => {
                p.text(" iif ");
                p.color_str(Ctx::Any, Color::Ifname, "iif", "{}", n);
                if h.flags.contains(RuleFlags::IifDetached) {
                    p.null(Ctx::Any, "iif_detached", "{}", " [detached]");
                }
            }
            RuleAttribute::Oifname(n) => {
                p.text(" oif ");
                p.color_str(Ctx::Any, Color::Ifname, "oif", "{}", n);
                if h.flags.contains(RuleFlags::OifDetached) {
                    p.null(Ctx::Any, "oif_detached", "{}", " [detached]");
                }
            }
            _ => {}
        }
    }
    // the reference's order: iif, oif, l3mdev, uidrange, ipproto, ports,
    // tun_id, then the table and the action
    let find = |f: fn(&RuleAttribute) -> bool| m.attributes.iter().find(|a| f(a));
    if let Some(RuleAttribute::L3MDev(true)) = find(|a| matches!(a, RuleAttribute::L3MDev(_))) {
        p.null(Ctx::Any, "l3mdev", "{}", " lookup [l3mdev-table]");
    }
    if let Some(RuleAttribute::UidRange(r)) = find(|a| matches!(a, RuleAttribute::UidRange(_))) {
        p.uint(Ctx::Any, "uid_start", " uidrange {}", r.start as u64);
        p.uint(Ctx::Any, "uid_end", "-{}", r.end as u64);
    }
    if let Some(RuleAttribute::IpProtocol(x)) = find(|a| matches!(a, RuleAttribute::IpProtocol(_))) {
        p.str(Ctx::Any, "ipproto", " ipproto {}", &ip_proto_name(u8::from(*x), numeric));
    }
    for (key, r) in m.attributes.iter().filter_map(|a| match a {
        RuleAttribute::SourcePortRange(r) => Some(("sport", r)),
        RuleAttribute::DestinationPortRange(r) => Some(("dport", r)),
        _ => None,
    }) {
        if r.start == r.end {
            p.uint(Ctx::Any, key, &format!(" {key} {{}}"), r.start as u64);
        } else {
            p.uint(Ctx::Any, &format!("{key}_start"), &format!(" {key} {{}}"), r.start as u64);
            p.uint(Ctx::Any, &format!("{key}_end"), "-{}", r.end as u64);
        }
    }
    if let Some(RuleAttribute::TunId(id)) = find(|a| matches!(a, RuleAttribute::TunId(_))) {
        p.uint(Ctx::Any, "tun_id", " tun_id {}", *id);
    }
    if table != 0 {
        p.str(Ctx::Any, "table", " lookup {}", &names::table_name(table, numeric));
        if let Some(RuleAttribute::SuppressPrefixLen(v)) = find(|a| matches!(a, RuleAttribute::SuppressPrefixLen(_))) {
            if *v as i32 != -1 {
                p.int(Ctx::Any, "suppress_prefixlen", " suppress_prefixlength {}", *v as i32 as i64);
            }
        }
        if let Some(RuleAttribute::SuppressIfGroup(v)) = find(|a| matches!(a, RuleAttribute::SuppressIfGroup(_))) {
            if *v as i32 != -1 {
                p.str(Ctx::Any, "suppress_ifgroup", " suppress_ifgroup {}", &group_name(*v, numeric));
            }
        }
    }
    if let Some(RuleAttribute::Realm(r)) = find(|a| matches!(a, RuleAttribute::Realm(_))) {
        p.text(" realms ");
        if r.source != 0 {
            p.str(Ctx::Any, "flow_from", "{}/", &names::realm_name(r.source as u32, numeric));
        }
        p.str(Ctx::Any, "flow_to", "{}", &names::realm_name(r.destination as u32, numeric));
    }
    match h.action {
        RuleAction::Other(RTN_NAT) => {
            // `map-to ADDR` would need FRA_GATEWAY back, which no kernel
            // sends any more: the reference then always says masquerade
            p.null(Ctx::Any, "masquerade", "{}", " masquerade");
        }
        RuleAction::Goto => {
            let target = m
                .attributes
                .iter()
                .find_map(|a| match a {
                    RuleAttribute::Goto(t) => Some(*t),
                    _ => None,
                })
                .unwrap_or(0);
            p.uint(Ctx::Any, "goto", " goto {}", target as u64);
            if h.flags.contains(RuleFlags::Unresolved) {
                p.null(Ctx::Any, "unresolved", "{}", " [unresolved]");
            }
        }
        RuleAction::Nop => p.null(Ctx::Any, "nop", "{}", " nop"),
        RuleAction::ToTable => {}
        other => p.str(Ctx::Any, "action", " {}", &action_name(u8::from(other), numeric)),
    }
    if let Some(RuleAttribute::Protocol(pr)) = find(|a| matches!(a, RuleAttribute::Protocol(_))) {
        let pr = u8::from(*pr);
        // the kernel's own rules say `kernel`: shown only with -d
        if (pr != 0 && pr != 2) || o.details > 0 {
            p.str(Ctx::Any, "protocol", " proto {}", &names::proto_name(pr, numeric));
        }
    }
    p.text("\n");
    p.close_obj(Ctx::Json);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Args;
    use crate::ip::{AF_UNSPEC, AF_INET};
    use netlink_packet_route::route::RouteProtocol;

    /// A rule as the kernel would dump it: the request plus what the
    /// kernel adds.
    fn rule(words: &str, prio: u32, family: u8) -> RuleMessage {
        let mut m = super::super::parse::parse_modify(&mut Args::new(words.split_whitespace()), family, None, true)
            .unwrap();
        m.attributes.retain(|a| !matches!(a, RuleAttribute::Other(_)));
        m.attributes.push(RuleAttribute::Priority(prio));
        m.attributes.push(RuleAttribute::SuppressPrefixLen(u32::MAX));
        if !m.attributes.iter().any(|a| matches!(a, RuleAttribute::Protocol(_))) {
            m.attributes.push(RuleAttribute::Protocol(RouteProtocol::Unspec));
        }
        m
    }

    fn show(m: &RuleMessage, json: bool, o: &Opts) -> String {
        let mut p = Printer::capture(json, false, false);
        print_rule_to(&mut p, o, m, false);
        p.captured().to_string()
    }

    #[test]
    fn text_lines() {
        let o = Opts::default();
        let t = |w: &str, prio: u32| show(&rule(w, prio, AF_UNSPEC), false, &o);
        assert_eq!(t("from 10.0.0.0/24 table 100", 32765), "32765:\tfrom 10.0.0.0/24 lookup 100\n");
        assert_eq!(
            t("from 192.168.1.1 to 10.1.0.0/16 tos 0x10 table main", 1001),
            "1001:\tfrom 192.168.1.1 to 10.1.0.0/16 tos 0x10 lookup main\n"
        );
        assert_eq!(t("fwmark 0x10/0xff table 102", 1003), "1003:\tfrom all fwmark 0x10/0xff lookup 102\n");
        assert_eq!(t("fwmark 7/0 table 3", 44), "44:\tfrom all fwmark 0x7/0 lookup 3\n");
        assert_eq!(t("table 105 suppress_prefixlength 0", 500), "500:\tfrom all lookup 105 suppress_prefixlength 0\n");
        assert_eq!(t("realms 3/4 table 106", 502), "502:\tfrom all lookup 106 realms 3/4\n");
        assert_eq!(t("nop", 601), "601:\tfrom all nop\n");
        assert_eq!(t("prohibit", 604), "604:\tfrom all prohibit\n");
        assert_eq!(t("not from 10.9.0.0/16 table 107", 700), "700:\tnot from 10.9.0.0/16 lookup 107\n");
        assert_eq!(
            t("ipproto udp sport 1000-2000 dport 53 table 110 uidrange 1-2", 703),
            "703:\tfrom all uidrange 1-2 ipproto udp sport 1000-2000 dport 53 lookup 110\n"
        );
        assert_eq!(t("table 111 protocol static", 704), "704:\tfrom all lookup 111 proto static\n");
        assert_eq!(t("l3mdev iif lo", 705), "705:\tfrom all iif lo lookup [l3mdev-table]\n");
        assert_eq!(t("tun_id 5 table 112", 707), "707:\tfrom all tun_id 5 lookup 112\n");
        assert_eq!(t("table 5 nat 192.0.2.1", 49), "49:\tfrom all lookup 5 masquerade\n");
        let mut m = rule("goto 999", 605, AF_UNSPEC);
        m.header.flags |= RuleFlags::Unresolved;
        assert_eq!(show(&m, false, &o), "605:\tfrom all goto 999 [unresolved]\n");
        let mut m = rule("oif nosuch table 104", 1005, AF_UNSPEC);
        m.header.flags |= RuleFlags::OifDetached;
        assert_eq!(show(&m, false, &o), "1005:\tfrom all oif nosuch [detached] lookup 104\n");
        let v6 = rule("from 2001:db8::/32 table 100", 800, crate::ip::AF_INET6);
        assert_eq!(show(&v6, false, &o), "800:\tfrom 2001:db8::/32 lookup 100\n");
        let d = Opts { details: 1, ..Opts::default() };
        assert_eq!(show(&rule("table 5", 5, AF_INET), false, &d), "5:\tfrom all lookup 5 proto unspec\n");
        assert_eq!(show(&rule("table 5 proto kernel", 5, AF_INET), false, &o), "5:\tfrom all lookup 5\n");
        let n = Opts { numeric: true, ..Opts::default() };
        assert_eq!(show(&rule("blackhole", 602, AF_INET), false, &n), "602:\tfrom all 6\n");
        assert_eq!(show(&rule("ipproto tcp table main", 7, AF_INET), false, &n), "7:\tfrom all ipproto ipproto-6 lookup 254\n");
        let mut p = Printer::capture(false, false, false);
        print_rule_to(&mut p, &o, &rule("table 5", 7, AF_INET), true);
        assert_eq!(p.captured(), "Deleted 7:\tfrom all lookup 5\n");
    }

    #[test]
    fn json_objects() {
        let o = Opts::default();
        let j = |w: &str, prio: u32| show(&rule(w, prio, AF_UNSPEC), true, &o);
        assert_eq!(j("from 10.0.0.0/24 table 100", 1), r#"{"priority":1,"src":"10.0.0.0","srclen":24,"table":"100"}"#);
        assert_eq!(
            j("ipproto udp sport 1000-2000 dport 53 table 110", 703),
            r#"{"priority":703,"src":"all","ipproto":"udp","sport_start":1000,"sport_end":2000,"dport":53,"table":"110"}"#
        );
        assert_eq!(j("table 5 realms 5/0 table 7", 50), r#"{"priority":50,"src":"all","table":"7","flow_from":"5","flow_to":"cosmos"}"#.replace("cosmos", &names::realm_name(0, false)));
        assert_eq!(j("pref 0 blackhole", 602), r#"{"priority":602,"src":"all","action":"blackhole"}"#);
        assert_eq!(j("not fwmark 0x10/0xff l3mdev", 9), r#"{"priority":9,"not":null,"src":"all","fwmark":"0x10","fwmask":"0xff","l3mdev":null}"#);
        assert_eq!(j("uidrange 1000-2000 tun_id 5 table main", 8), r#"{"priority":8,"src":"all","uid_start":1000,"uid_end":2000,"tun_id":5,"table":"main"}"#);
        let mut m = rule("iif v9 table 100", 12, AF_UNSPEC);
        m.header.flags |= RuleFlags::IifDetached;
        assert_eq!(show(&m, true, &o), r#"{"priority":12,"src":"all","iif":"v9","iif_detached":null,"table":"100"}"#);
        let mut p = Printer::capture(true, false, false);
        print_rule_to(&mut p, &o, &rule("table 5", 7, AF_INET), true);
        assert_eq!(p.captured(), r#"{"deleted":true,"priority":7,"src":"all","table":"5"}"#);
    }
}
