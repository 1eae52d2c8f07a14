//! One message → its headers and its object's printer.
//!
//! The headers (`-t`/`-ts` time, `[nsid N]` with `all-nsid`, `[LABEL]`)
//! come before the object's own filters (`dev`, `-4`/`-6`), as in the
//! reference: a message the filter drops still leaves its headers (only
//! a neighbour of the other family leaves none). In a file, addresses,
//! nexthops, netconf, nsids, mroutes, address labels and stats are not
//! filtered by family; rules, nexthops, nsids, prefixes and stats not by
//! device.

use netlink_packet_route::RouteNetlinkMessage;

use super::{events, Mon};
use crate::error::Result;
use crate::ip::addr::info::{self, IfAddr, Lead};
use crate::ip::route::print::{print_route, Hide, Route};
use crate::ip::{link_show, neigh, netns, Ip, AF_UNSPEC};
use crate::nl::rtm::{
    RTM_DELADDR, RTM_DELADDRLABEL, RTM_DELLINK, RTM_DELNEIGH, RTM_DELNETCONF, RTM_DELNEXTHOP,
    RTM_DELNSID, RTM_DELROUTE, RTM_DELRULE, RTM_NEWADDR, RTM_NEWADDRLABEL, RTM_NEWLINK,
    RTM_NEWNEIGH, RTM_NEWNETCONF, RTM_NEWNEXTHOP, RTM_NEWNSID, RTM_NEWPREFIX, RTM_NEWROUTE,
    RTM_NEWRULE, RTM_NEWSTATS,
};
use crate::nl::u32_ne;

pub const NLMSG_NOOP: u16 = 1;
pub const NLMSG_ERROR: u16 = 2;
pub const NLMSG_DONE: u16 = 3;
/// rtmon's time stamp record (`struct { u32 sec, usec }`)
pub const NLMSG_TSTAMP: u16 = 15;

/// Multicast routes come as routes of these families.
const RTNL_FAMILY_IPMR: u8 = 128;
const RTNL_FAMILY_IP6MR: u8 = 129;

pub use crate::clock::asctime;

pub use crate::clock::short_time;

fn now() -> (i64, u32) {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    (d.as_secs() as i64, d.subsec_micros())
}

/// The headers before an event.
fn header(ip: &mut Ip, m: &Mon, nsid: Option<i32>, label: &str) {
    if m.timestamp {
        let (s, us) = now();
        if m.tshort {
            ip.p.text(&format!("[{}] ", short_time(s, us)));
        } else {
            ip.p.text(&format!("Timestamp: {} {us} usec\n", asctime(s)));
        }
    }
    if m.all_nsid {
        match nsid {
            Some(n) if n >= 0 => ip.p.text(&format!("[nsid {n}]")),
            _ => ip.p.text("[nsid current]"),
        }
    }
    if m.label {
        ip.p.text(&format!("[{label}]"));
    }
}

fn deleted(ip: &mut Ip, yes: bool) {
    if yes {
        ip.p.text("Deleted ");
    }
}

fn u16_at(b: &[u8], off: usize) -> u16 {
    b.get(off..off + 2).map(|v| u16::from_ne_bytes([v[0], v[1]])).unwrap_or(0)
}

/// The ifindex (a u32) at `off`, 0 when the message is too short.
fn index_at(b: &[u8], off: usize) -> u32 {
    b.get(off..).and_then(u32_ne).unwrap_or(0)
}

/// Is `index` outside the monitor's `dev`?
fn other_dev(m: &Mon, index: u32) -> bool {
    matches!(m.dev, Some(d) if d != index)
}

fn other_family(m: &Mon, family: u8) -> bool {
    m.family != AF_UNSPEC && family != m.family
}

/// Print one message (header included) received live (`nsid`: the
/// namespace it came from, with `all-nsid`) or read from a file. An
/// unknown message type is reported on stderr and skipped.
pub fn dispatch(ip: &mut Ip, m: &Mon, msg: &[u8], nsid: Option<i32>) -> Result<()> {
    let kind = u16_at(msg, 4);
    let family = msg.get(16).copied().unwrap_or(0);
    match kind {
        NLMSG_NOOP | NLMSG_ERROR | NLMSG_DONE => {}
        NLMSG_TSTAMP => {
            let secs = index_at(msg, 16);
            let usec = index_at(msg, 20);
            ip.p.text(&format!("Timestamp: {} {usec} us\n", asctime(secs as i64)));
        }
        RTM_NEWLINK | RTM_DELLINK => {
            header(ip, m, nsid, "LINK");
            link_show::note_event(ip, msg, kind == RTM_DELLINK);
            if other_dev(m, index_at(msg, 20)) {
                return Ok(());
            }
            deleted(ip, kind == RTM_DELLINK);
            link_show::print_event(ip, msg)?;
        }
        RTM_NEWADDR | RTM_DELADDR => {
            header(ip, m, nsid, "ADDR");
            let Some(a) = IfAddr::parse(msg) else { return Ok(()) };
            if other_dev(m, a.index) {
                return Ok(());
            }
            deleted(ip, kind == RTM_DELADDR);
            let fmt = info::Fmt::of(&ip.o);
            if ip.o.brief {
                info::print_brief(&mut ip.p, fmt, &a);
            } else {
                let name = ip.ifname(a.index);
                info::print_full(&mut ip.p, fmt, &a, Lead::Dev(a.index, &name));
            }
        }
        RTM_NEWROUTE | RTM_DELROUTE if family == RTNL_FAMILY_IPMR || family == RTNL_FAMILY_IP6MR => {
            header(ip, m, nsid, "MROUTE");
            events::print_mroute_event(ip, m, msg, kind == RTM_DELROUTE);
        }
        RTM_NEWROUTE | RTM_DELROUTE => {
            header(ip, m, nsid, "ROUTE");
            // read as a dump reads it; an RTM_DELROUTE prints `Deleted `
            let Some(r) = Route::from_nl(msg) else { return Ok(()) };
            if other_family(m, r.family) || other_dev(m, r.oif.unwrap_or(0)) {
                return Ok(());
            }
            let hide = Hide { dev: m.dev.is_some(), ..Hide::default() };
            print_route(ip, &r, &hide);
        }
        RTM_NEWNEIGH | RTM_DELNEIGH => {
            let n = match crate::nl::decode(msg) {
                Some(RouteNetlinkMessage::NewNeighbour(n)) | Some(RouteNetlinkMessage::DelNeighbour(n)) => n,
                _ => return Ok(()),
            };
            if other_family(m, family) {
                return Ok(());
            }
            header(ip, m, nsid, "NEIGH");
            if other_dev(m, n.header.ifindex) {
                return Ok(());
            }
            deleted(ip, kind == RTM_DELNEIGH);
            neigh::print_event(ip, &n, m.dev.unwrap_or(0));
        }
        RTM_NEWRULE | RTM_DELRULE => {
            header(ip, m, nsid, "RULE");
            if other_family(m, family) {
                return Ok(());
            }
            events::print_rule_event(ip, msg, kind == RTM_DELRULE);
        }
        RTM_NEWNEXTHOP | RTM_DELNEXTHOP => {
            header(ip, m, nsid, "NEXTHOP");
            events::print_nexthop_event(ip, msg, kind == RTM_DELNEXTHOP);
        }
        RTM_NEWNETCONF | RTM_DELNETCONF => {
            header(ip, m, nsid, "NETCONF");
            events::print_netconf_event(ip, m, msg, kind == RTM_DELNETCONF);
        }
        RTM_NEWNSID | RTM_DELNSID => {
            header(ip, m, nsid, "NSID");
            if let Some(RouteNetlinkMessage::NewNsId(n)) | Some(RouteNetlinkMessage::DelNsId(n)) = crate::nl::decode(msg) {
                deleted(ip, kind == RTM_DELNSID);
                netns::print_nsid_event(ip, &n);
            }
        }
        RTM_NEWPREFIX => {
            header(ip, m, nsid, "PREFIX");
            if other_family(m, family) {
                return Ok(());
            }
            events::print_prefix_event(ip, msg);
        }
        RTM_NEWADDRLABEL | RTM_DELADDRLABEL => {
            header(ip, m, nsid, "ADDRLABEL");
            deleted(ip, kind == RTM_DELADDRLABEL);
            events::print_addrlabel_event(ip, msg);
        }
        RTM_NEWSTATS => {
            header(ip, m, nsid, "STATS");
            events::print_stats_event(ip, msg);
        }
        _ => {
            let flags = u16_at(msg, 6) as u32;
            let len = index_at(msg, 0);
            ip.p.flush();
            crate::print::warn(format!(
                "Unknown message: type=0x{:08x}({}) flags=0x{:08x}({}) len=0x{:08x}({})",
                kind, kind, flags, flags, len, len
            ));
        }
    }
    Ok(())
}
