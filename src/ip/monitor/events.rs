//! Event printers of the objects whose printer lives elsewhere or not
//! yet: the two dispatch points the integrator connects to the rule and
//! nexthop printers ([`print_rule_event`], [`print_nexthop_event`]), and
//! minimal one-message printers for netconf (to be swapped for
//! `ip netconf`'s own printer: [`print_netconf_event`]), prefixes,
//! multicast routes, address labels and `ip stats` notifications.
//!
//! Each takes the whole message (netlink header included).

use std::net::IpAddr;

use super::Mon;
use crate::ip::addr::info::ip_from as ip_of;
use crate::ip::common::IpText;
use crate::ip::Ip;
use crate::nl::{attrs, u32_ne};

fn ip_text(a: &IpAddr) -> String {
    IpText::new(a).as_str().to_string()
}

/// INTEGRATION POINT (branch `rule`): print one RTM_NEWRULE /
/// RTM_DELRULE as `ip rule` lists it, `Deleted ` first when `deleted`.
/// Until the rule printer is connected, rule events print nothing. (On
/// that branch the body is `crate::ip::rule::print_message(ip, msg)`,
/// which reads `deleted` from the message type itself.)
pub fn print_rule_event(ip: &mut Ip, msg: &[u8], deleted: bool) {
    let _ = deleted; // the printer reads it from the message type
    crate::ip::rule::print_message(ip, msg);
}

/// INTEGRATION POINT (branch `nexthop`): print one RTM_NEWNEXTHOP /
/// RTM_DELNEXTHOP as `ip nexthop` lists it, `Deleted ` first when
/// `deleted`. Until the nexthop printer is connected, nexthop events
/// print nothing. (On that branch the body is
/// `crate::ip::nexthop::print::print_msg(ip, msg);`, which reads
/// `deleted` from the message type itself.)
pub fn print_nexthop_event(ip: &mut Ip, msg: &[u8], deleted: bool) {
    let _ = deleted; // the printer reads it from the message type
    crate::ip::nexthop::print::print_msg(ip, msg);
}


/// TO BE SWAPPED for `ip netconf`'s printer (src/ip/netconf.rs, branch
/// `objects1`): one RTM_NEWNETCONF / RTM_DELNETCONF, `inet v0 forwarding
/// on rp_filter loose ...`; dropped when it is not about the monitor's
/// `dev`.
pub fn print_netconf_event(ip: &mut Ip, m: &Mon, msg: &[u8], deleted: bool) {
    let _ = deleted; // the printer reads it from the message type
    if let Some(d) = m.dev {
        let body = msg.get(20..).unwrap_or(&[]);
        let index = attrs(body).find(|(k, _)| *k == 1).and_then(|(_, v)| u32_ne(v));
        if index != Some(d) {
            return;
        }
    }
    let _ = crate::ip::netconf::print_msg(ip, msg);
}

/// One RTM_NEWPREFIX (an IPv6 prefix from a router advertisement):
/// `prefix 2001:db8::/64dev v0 onlink autoconf valid N preferred N `
/// (no space before `dev`, as the reference prints it).
pub fn print_prefix_event(ip: &mut Ip, msg: &[u8]) {
    // struct prefixmsg: family, pad1, pad2(2), ifindex(4), type, len, flags, pad3
    let Some(h) = msg.get(16..28) else { return };
    let index = u32_ne(&h[4..]).unwrap_or(0);
    let (plen, flags) = (h[9], h[10]);
    ip.p.text("prefix ");
    for (k, v) in attrs(&msg[28..]) {
        if k == 1 {
            if let Some(a) = ip_of(v) {
                ip.p.text(&format!("{}/{plen}", ip_text(&a)));
            }
        }
    }
    if index != 0 {
        let n = ip.ifname(index);
        ip.p.text(&format!("dev {n} "));
    }
    if flags & 1 != 0 {
        ip.p.text("onlink ");
    }
    if flags & 2 != 0 {
        ip.p.text("autoconf ");
    }
    for (k, v) in attrs(&msg[28..]) {
        if k == 2 && v.len() >= 8 {
            let pref = u32_ne(v).unwrap_or(0);
            let valid = u32_ne(&v[4..]).unwrap_or(0);
            ip.p.text(&format!("valid {valid} preferred {pref} "));
        }
    }
    ip.p.text("\n");
}

/// One address label (RTM_NEWADDRLABEL, as `ip addrlabel list` shows
/// it): `prefix ::1/128 label 0 `.
pub fn print_addrlabel_event(ip: &mut Ip, msg: &[u8]) {
    use netlink_packet_route::RouteNetlinkMessage as M;
    if let Some(M::NewAddrLabel(m) | M::DelAddrLabel(m)) = crate::nl::decode(msg) {
        crate::ip::addrlabel::print_label(ip, &crate::ip::addrlabel::Label::of_msg(&m));
    }
}

/// One RTM_NEWSTATS: `3: v0:` and, for the hardware statistics
/// notifications of `ip stats set ... l3_stats`, `    l3_stats on used
/// off`. Counters are not shown (`-s` has no effect in `ip monitor`).
pub fn print_stats_event(ip: &mut Ip, msg: &[u8]) {
    const LINK_OFFLOAD_XSTATS: u16 = 4;
    const OFFLOAD_XSTATS_HW_S_INFO: u16 = 2;
    const OFFLOAD_XSTATS_L3_STATS: u16 = 3;
    // struct if_stats_msg: family, pad1, pad2(2), ifindex(4), filter_mask(4)
    let Some(h) = msg.get(16..28) else { return };
    let index = u32_ne(&h[4..]).unwrap_or(0);
    let n = ip.ifname(index);
    ip.p.text(&format!("{index}: {n}:"));
    let onoff = |v: Option<&[u8]>| match v.and_then(|v| v.first()) {
        Some(0) | None => "off",
        _ => "on",
    };
    for (k, v) in attrs(&msg[28..]) {
        if k != LINK_OFFLOAD_XSTATS {
            continue;
        }
        for (k, v) in attrs(v) {
            if k != OFFLOAD_XSTATS_HW_S_INFO {
                continue;
            }
            for (k, v) in attrs(v) {
                if k != OFFLOAD_XSTATS_L3_STATS {
                    continue;
                }
                let req = attrs(v).find(|(k, _)| *k == 1).map(|(_, v)| v);
                let used = attrs(v).find(|(k, _)| *k == 2).map(|(_, v)| v);
                ip.p.nl();
                ip.p.text(&format!("    l3_stats {} used {}", onoff(req), onoff(used)));
            }
        }
    }
    ip.p.text("\n");
}

/// One multicast route (a route message of family RTNL_FAMILY_IPMR /
/// IP6MR), as `ip mroute` shows it: `(S,G)  Iif: DEV  Oifs: ...  State:
/// resolved Table: T`; dropped when its input is not the monitor's `dev`.
pub fn print_mroute_event(ip: &mut Ip, m: &Mon, msg: &[u8], deleted: bool) {
    let _ = deleted; // the printer reads it from the message type
    if let Some(d) = m.dev {
        const RTA_IIF: u16 = 3;
        let iif = msg.get(28..).and_then(|b| attrs(b).find(|(k, _)| *k == RTA_IIF)).and_then(|(_, v)| u32_ne(v));
        if iif != Some(d) {
            return;
        }
    }
    let _ = crate::ip::mroute::print_msg(ip, msg);
}
