//! `ip stats`: the per-link statistics groups of RTM_GETSTATS (link
//! counters, offload counters and their HW stats info, the bridge/bond
//! extended statistics, per-family statistics), and `set ... l3_stats`
//! (RTM_SETSTATS). Groups print in one fixed order per link.
//!
//! Requests and replies are netlink-packet-route's `StatsMessage`; `get_stats`
//! is the one RTM_GETSTATS round trip, shared with `ip link xstats|afstats`.
//! By hand, because the crate has no type for them: the request's
//! IFLA_STATS_GET_FILTERS nest (a reply attribute enum cannot name it, so it
//! goes out as a `DefaultNla`) and RTM_SETSTATS (no `RouteNetlinkMessage`
//! variant: its `StatsMessage` payload is sent with `request_raw`).

use netlink_packet_core::{DefaultNla, Emitable};
use netlink_packet_route::stats::{
    BridgeMcastStats, BridgeStpXstats, BridgeXstat, HwStats64, HwStatsInfo, LinkXstatGroup, OffloadXstat,
    StatsAttribute, StatsFilterMask, StatsHeader, StatsMessage,
};
use netlink_packet_route::RouteNetlinkMessage;

use super::link_show::stats::print_stats64;
use super::Ip;
use crate::cli::Args;
use crate::error::{Error, Result};
use crate::nl::Nl;
use crate::nl::rtm::RTM_SETSTATS;
use crate::print::{Ctx, Printer};

pub const USAGE: &str = r#"Usage: ip stats help
       ip stats show [ dev DEV ] [ group GROUP [ subgroup SUBGROUP [ suite SUITE ] ... ] ... ] ...
       ip stats set dev DEV l3_stats { on | off }
GROUP := { link | xstats | xstats_slave | offload | afstats }
xstats SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
xstats_slave SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
offload SUBGROUP := { cpu_hit | hw_stats_info | l3_stats }
afstats SUBGROUP := { mpls }"#;
const IFLA_STATS_GET_FILTERS: u16 = 1 | 0x8000; // nested
const IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS: u16 = 2;
const IFLA_STATS_LINK_OFFLOAD_XSTATS: u16 = 4;
const OFFLOAD_CPU_HIT: u16 = 1;
const OFFLOAD_HW_S_INFO: u16 = 2;
const OFFLOAD_L3_STATS: u16 = 3;

/// One RTM_GETSTATS round trip: the statistics in `mask` of `ifindex`
/// (a get, one reply) or of every link (`ifindex` 0: a dump, streamed);
/// `offload` narrows IFLA_STATS_LINK_OFFLOAD_XSTATS to those
/// IFLA_OFFLOAD_XSTATS_* bits (an IFLA_STATS_GET_FILTERS nest).
pub fn get_stats(
    nl: &mut Nl,
    ifindex: u32,
    mask: StatsFilterMask,
    offload: Option<u32>,
    f: &mut dyn FnMut(StatsMessage) -> Result<()>,
) -> Result<()> {
    let msg = RouteNetlinkMessage::GetStats(stats_message(ifindex, mask, offload));
    let mut each = |m: RouteNetlinkMessage| match m {
        RouteNetlinkMessage::NewStats(s) => f(s),
        _ => Ok(()),
    };
    if ifindex == 0 {
        nl.dump(msg, &mut each)
    } else {
        let reply = nl.get(msg, 0)?;
        each(reply)
    }
}

/// The RTM_GETSTATS payload: if_stats_msg (family AF_UNSPEC, ifindex,
/// filter_mask) and, when asked, the offload filter.
fn stats_message(ifindex: u32, mask: StatsFilterMask, offload: Option<u32>) -> StatsMessage {
    let mut m = StatsMessage::default();
    m.header = StatsHeader::default();
    m.header.ifindex = ifindex;
    m.header.filter_mask = mask;
    if let Some(bits) = offload {
        // IFLA_STATS_GET_FILTERS { IFLA_STATS_LINK_OFFLOAD_XSTATS: u32 }:
        // StatsAttribute has no variant for this request-only nest
        let inner = [DefaultNla::new(IFLA_STATS_LINK_OFFLOAD_XSTATS, bits.to_ne_bytes().to_vec())];
        let mut v = vec![0u8; inner.as_slice().buffer_len()];
        inner.as_slice().emit(&mut v);
        m.attributes.push(StatsAttribute::Other(DefaultNla::new(IFLA_STATS_GET_FILTERS, v)));
    }
    m
}

/// The statistics ip stats knows: (group, subgroup, suite), in the order
/// they print for each link.
const ALL: &[(&str, Option<&str>, Option<&str>)] = &[
    ("afstats", Some("mpls"), None),
    ("link", None, None),
    ("offload", Some("l3_stats"), None),
    ("offload", Some("hw_stats_info"), None),
    ("offload", Some("cpu_hit"), None),
    ("xstats_slave", Some("bond"), Some("802.3ad")),
    ("xstats", Some("bond"), Some("802.3ad")),
    ("xstats_slave", Some("bridge"), Some("mcast")),
    ("xstats_slave", Some("bridge"), Some("stp")),
    ("xstats", Some("bridge"), Some("mcast")),
    ("xstats", Some("bridge"), Some("stp")),
];

const GROUPS: &[&str] = &["link", "xstats", "xstats_slave", "offload", "afstats"];

fn what_is(w: &str) -> Error {
    Error::failed_code(format!("What is \"{w}\"?\n{USAGE}"), 22)
}

/// Which entries of ALL a `show` selects, by its group/subgroup/suite words.
#[derive(Debug, Default)]
struct Selection {
    chosen: [bool; 11],
    /// the current group, and whether a subgroup/suite narrowed it yet
    group: Option<String>,
    subgroup: Option<String>,
    sub_given: bool,
    suite_given: bool,
    any: bool,
}

impl Selection {
    fn set(&mut self, f: impl Fn(&(&str, Option<&str>, Option<&str>)) -> bool, on: bool) {
        for (i, e) in ALL.iter().enumerate() {
            if f(e) {
                self.chosen[i] = on;
            }
        }
    }

    fn group(&mut self, g: &str) -> Result<()> {
        if !GROUPS.contains(&g) {
            return Err(Error::failed_code(format!("Error: no group named {g} found inside top-level"), 22));
        }
        self.set(|e| e.0 == g, true);
        self.group = Some(g.to_string());
        self.subgroup = None;
        self.sub_given = false;
        self.any = true;
        Ok(())
    }

    fn subgroup(&mut self, s: &str) -> Result<()> {
        let Some(g) = self.group.clone() else {
            return Err(Error::failed_code(
                format!("Error: subgroup {s} requested without selecting a group first"),
                22,
            ));
        };
        if g == "link" {
            return Err(Error::failed_code(format!("Error: subgroup {s} requested inside leaf group {g}"), 22));
        }
        if !ALL.iter().any(|e| e.0 == g && e.1 == Some(s)) {
            return Err(Error::failed_code(format!("Error: no subgroup named {s} found inside {g}"), 22));
        }
        if !self.sub_given {
            self.set(|e| e.0 == g, false);
            self.sub_given = true;
        }
        self.set(|e| e.0 == g && e.1 == Some(s), true);
        self.subgroup = Some(s.to_string());
        self.suite_given = false;
        Ok(())
    }

    fn suite(&mut self, x: &str) -> Result<()> {
        let (Some(g), Some(s)) = (self.group.clone(), self.subgroup.clone()) else {
            return Err(Error::failed_code(
                format!("Error: suite {x} requested without selecting a subgroup first"),
                22,
            ));
        };
        if !ALL.iter().any(|e| e.0 == g && e.1 == Some(s.as_str()) && e.2.is_some()) {
            return Err(Error::failed_code(format!("Error: suite {x} requested inside leaf subgroup {s}"), 22));
        }
        if !ALL.iter().any(|e| e.0 == g && e.1 == Some(s.as_str()) && e.2 == Some(x)) {
            return Err(Error::failed_code(format!("Error: no suite named {x} found inside {s}"), 22));
        }
        if !self.suite_given {
            self.set(|e| e.0 == g && e.1 == Some(s.as_str()), false);
            self.suite_given = true;
        }
        self.set(|e| e.0 == g && e.1 == Some(s.as_str()) && e.2 == Some(x), true);
        Ok(())
    }

    /// Everything, when no group was named.
    fn finish(mut self) -> [bool; 11] {
        if !self.any {
            self.chosen = [true; 11];
        }
        self.chosen
    }
}

/// What a `show` asks the kernel for: the filter mask and, when only some
/// offload statistics are chosen, which (l3_stats prints its request/used
/// state too). The reference leaves the offload filter out when all three
/// are chosen, and so does this.
fn request(chosen: &[bool; 11]) -> (StatsFilterMask, Option<u32>) {
    let mut mask = StatsFilterMask::empty();
    let mut offload = 0u32;
    for (i, e) in ALL.iter().enumerate() {
        if !chosen[i] {
            continue;
        }
        mask |= match e.0 {
            "link" => StatsFilterMask::Link64,
            "xstats" => StatsFilterMask::LinkXstats,
            "xstats_slave" => StatsFilterMask::LinkXstatsPort,
            "offload" => StatsFilterMask::LinkOffloadXstats,
            _ => StatsFilterMask::AfSpec,
        };
        offload |= match e.1 {
            Some("l3_stats") => 1 << (OFFLOAD_L3_STATS - 1) | 1 << (OFFLOAD_HW_S_INFO - 1),
            Some("hw_stats_info") => 1 << (OFFLOAD_HW_S_INFO - 1),
            Some("cpu_hit") => 1 << (OFFLOAD_CPU_HIT - 1),
            _ => 0,
        };
    }
    (mask, (offload != 0 && offload != 7).then_some(offload))
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    match args.next().as_deref() {
        None => show(ip, &mut args),
        Some("show") => show(ip, &mut args),
        Some("set") => set(ip, &mut args),
        Some("help") => {
            // on stderr, and a success: a batch goes on
            ip.p.flush();
            crate::print::warn(USAGE);
            Ok(())
        }
        Some(c) => Err(Error::Failed(format!("Command \"{c}\" is unknown, try \"ip stats help\"."))),
    }
}

fn set(ip: &mut Ip, args: &mut Args) -> Result<()> {
    let mut dev: Option<(String, u32)> = None;
    let mut l3 = None;
    while let Some(w) = args.next() {
        if w == "dev" {
            let name = args.value()?;
            if dev.is_some() {
                return Err(Error::duparg2("dev", &name));
            }
            let idx = ip.ifindex(&name)?;
            dev = Some((name, idx));
        } else if w == "l3_stats" {
            let v = args.value()?;
            if l3.is_some() {
                return Err(Error::failed_code("A statistics suite to toggle was already given.", 22));
            }
            l3 = Some(match v.as_str() {
                "on" => 1u8,
                "off" => 0,
                _ => {
                    return Err(Error::failed_code(
                        format!("Error: argument of \"l3_stats\" must be one of \"off\", \"on\", not \"{v}\""),
                        22,
                    ))
                }
            });
        } else {
            return Err(what_is(&w));
        }
    }
    let Some((_, ifindex)) = dev else {
        return Err(Error::arg("Not enough information: \"dev\" argument is required."));
    };
    let Some(on) = l3 else {
        return Err(Error::arg("Not enough information: stat type to toggle is required."));
    };
    // RouteNetlinkMessage has no RTM_SETSTATS: the crate's StatsMessage,
    // sent by hand; its attribute (a u8) has no StatsAttribute variant
    let mut m = stats_message(ifindex, StatsFilterMask::empty(), None);
    m.attributes.push(StatsAttribute::Other(DefaultNla::new(IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS, vec![on])));
    let mut p = vec![0u8; m.buffer_len()];
    m.emit(&mut p);
    ip.nl()?.request_raw(RTM_SETSTATS, 0, &p)
}

fn show(ip: &mut Ip, args: &mut Args) -> Result<()> {
    let mut dev: Option<(String, u32)> = None;
    let mut sel = Selection::default();
    while let Some(w) = args.next() {
        match w.as_str() {
            "dev" => {
                let name = args.value()?;
                if dev.is_some() {
                    return Err(Error::duparg2("dev", &name));
                }
                let idx = ip.ifindex(&name)?;
                dev = Some((name, idx));
            }
            "group" => sel.group(&args.value()?)?,
            "subgroup" => sel.subgroup(&args.value()?)?,
            "suite" => sel.suite(&args.value()?)?,
            _ => return Err(what_is(&w)),
        }
    }
    let chosen = sel.finish();
    let (mask, offload) = request(&chosen);
    // a socket of its own: names are looked up on ip's while this dumps
    let mut nl = Nl::open()?;
    ip.p.start_doc();
    let name = dev.as_ref().map(|d| d.0.clone());
    let r = get_stats(&mut nl, dev.as_ref().map_or(0, |d| d.1), mask, offload, &mut |m| {
        print_link(ip, &m, name.as_deref(), &chosen);
        if name.is_none() {
            ip.p.text("\n");
        }
        Ok(())
    });
    ip.p.end_doc();
    r
}

/// The statistics of one RTM_NEWSTATS message.
fn print_link(ip: &mut Ip, m: &StatsMessage, name: Option<&str>, chosen: &[bool; 11]) {
    let idx = m.header.ifindex;
    let name = match name {
        Some(n) => n.to_string(),
        None => ip.ifname(idx).to_string(),
    };
    let attr = |f: &dyn Fn(&StatsAttribute) -> bool| m.attributes.iter().find(|a| f(a));
    let link64 = attr(&|a| matches!(a, StatsAttribute::Link64(_)));
    let offload: &[OffloadXstat] = match attr(&|a| matches!(a, StatsAttribute::LinkOffloadXstats(_))) {
        Some(StatsAttribute::LinkOffloadXstats(v)) => v,
        _ => &[],
    };
    let info = offload.iter().find_map(|o| match o {
        OffloadXstat::HwStatsInfo(i) => Some(i),
        _ => None,
    });
    for (i, (g, s, x)) in ALL.iter().enumerate() {
        if !chosen[i] {
            continue;
        }
        let p = &mut ip.p;
        p.open_obj(Ctx::Json, "");
        p.uint(Ctx::Any, "ifindex", "{}: ", idx as u64);
        p.str(Ctx::Any, "ifname", "{}: ", &name);
        p.str(Ctx::Any, "group", "group {}", g);
        if let Some(s) = s {
            p.str(Ctx::Any, "subgroup", " subgroup {}", s);
        }
        if let Some(x) = x {
            p.str(Ctx::Any, "suite", " suite {}", x);
        }
        match (*g, *s) {
            ("link", _) => {
                p.text("\n");
                if let Some(StatsAttribute::Link64(s)) = link64 {
                    let level = ip.o.stats + 1;
                    print_stats64(ip, s, "stats64", None, level, false);
                }
            }
            ("offload", Some("l3_stats")) => {
                let (req, used) = hw_info(info);
                p.open_obj(Ctx::Json, "info");
                p.on_off(Ctx::Any, "request", " {}", req);
                p.on_off(Ctx::Any, "used", " used {}", used);
                p.close_obj(Ctx::Json);
                p.text("\n");
                if let Some(v) = offload.iter().find_map(|o| match o {
                    OffloadXstat::L3Stats(v) => Some(v),
                    _ => None,
                }) {
                    print_hw_stats(p, v);
                }
            }
            ("offload", Some("hw_stats_info")) => {
                let (req, used) = hw_info(info);
                p.open_obj(Ctx::Json, "info");
                p.open_obj(Ctx::Json, "l3_stats");
                p.on_off(Ctx::Any, "request", "\n    l3_stats {}", req);
                p.on_off(Ctx::Any, "used", " used {}\n", used);
                p.close_obj(Ctx::Json);
                p.close_obj(Ctx::Json);
            }
            ("offload", Some("cpu_hit")) => {
                p.text("\n");
                if let Some(s) = offload.iter().find_map(|o| match o {
                    OffloadXstat::CpuHit(s) => Some(s),
                    _ => None,
                }) {
                    let level = ip.o.stats + 1;
                    print_stats64(ip, s, "stats64", None, level, false);
                }
                ip.p.text("\n");
            }
            ("xstats" | "xstats_slave", Some("bridge")) => {
                p.text("\n");
                let port = *g == "xstats_slave";
                let want = bridge_xstats(m, port).unwrap_or_default().iter().find(|b| match b {
                    BridgeXstat::Mcast(_) => *x == Some("mcast"),
                    BridgeXstat::Stp(_) => *x == Some("stp"),
                    _ => false,
                });
                match want {
                    Some(BridgeXstat::Mcast(v)) => print_bridge_mcast(p, v),
                    Some(BridgeXstat::Stp(v)) => print_bridge_stp(p, v),
                    _ => {}
                }
                if want.is_some() {
                    p.text("\n");
                }
            }
            _ => p.text("\n"),
        }
        ip.p.close_obj(Ctx::Json);
    }
}

/// The bridge group of a message's IFLA_STATS_LINK_XSTATS (or, for a
/// port, _XSTATS_SLAVE): its VLAN, multicast and STP statistics. It can be
/// there and empty: a dump that runs out of room in a port's statistics
/// ends that message early and sends the port again in the next part.
pub fn bridge_xstats(m: &StatsMessage, port: bool) -> Option<&[BridgeXstat]> {
    m.attributes
        .iter()
        .find_map(|a| match a {
            StatsAttribute::LinkXstats(g) if !port => Some(g),
            StatsAttribute::LinkXstatsPort(g) if port => Some(g),
            _ => None,
        })?
        .iter()
        .find_map(|x| match x {
            LinkXstatGroup::Bridge(b) => Some(b.as_slice()),
            _ => None,
        })
}

const PAD: &str = "                    ";

/// struct br_mcast_stats: IGMP and MLD counters per direction (also
/// `ip link xstats`).
pub fn print_bridge_mcast(p: &mut Printer, s: &BridgeMcastStats) {
    let j = Ctx::Json;
    p.open_obj(j, "multicast");
    // (title, JSON key, [rx, tx] of v1, v2[, v3])
    let groups: [(&str, &str, &[[u64; 2]]); 4] = [
        (
            "IGMP queries",
            "igmp_queries",
            &[
                [s.igmp_v1queries_rx, s.igmp_v1queries_tx],
                [s.igmp_v2queries_rx, s.igmp_v2queries_tx],
                [s.igmp_v3queries_rx, s.igmp_v3queries_tx],
            ],
        ),
        (
            "IGMP reports",
            "igmp_reports",
            &[
                [s.igmp_v1reports_rx, s.igmp_v1reports_tx],
                [s.igmp_v2reports_rx, s.igmp_v2reports_tx],
                [s.igmp_v3reports_rx, s.igmp_v3reports_tx],
            ],
        ),
        ("MLD queries", "mld_queries", &[[s.mld_v1queries_rx, s.mld_v1queries_tx], [s.mld_v2queries_rx, s.mld_v2queries_tx]]),
        ("MLD reports", "mld_reports", &[[s.mld_v1reports_rx, s.mld_v1reports_tx], [s.mld_v2reports_rx, s.mld_v2reports_tx]]),
    ];
    for (n, (title, key, versions)) in groups.iter().enumerate() {
        p.text(&format!("{PAD}{title}:\n"));
        p.open_obj(j, key);
        for (dir, d) in [("rx", 0), ("tx", 1)] {
            p.text(&format!("{PAD}  {}:", dir.to_uppercase()));
            for (vi, v) in versions.iter().enumerate() {
                p.uint(Ctx::Any, &format!("{dir}_v{}", vi + 1), &format!(" v{} {{}}", vi + 1), v[d]);
            }
            p.text("\n");
        }
        p.close_obj(j);
        // after the reports of each protocol: its leaves and parse errors
        if n == 1 || n == 3 {
            let (proto, leaves, errors) = if n == 1 {
                ("IGMP", [s.igmp_leaves_rx, s.igmp_leaves_tx], s.igmp_parse_errors)
            } else {
                ("MLD", [s.mld_leaves_rx, s.mld_leaves_tx], s.mld_parse_errors)
            };
            let lk = proto.to_lowercase();
            p.text(&format!("{PAD}{proto} leaves: "));
            p.open_obj(j, &format!("{lk}_leaves"));
            p.uint(Ctx::Any, "rx", "RX: {}", leaves[0]);
            p.uint(Ctx::Any, "tx", " TX: {}\n", leaves[1]);
            p.close_obj(j);
            p.uint(Ctx::Any, &format!("{lk}_parse_errors"), &format!("{PAD}{proto} parse errors: {{}}\n"), errors);
        }
    }
    p.close_obj(j);
}

/// struct bridge_stp_xstats (also `ip link xstats`).
pub fn print_bridge_stp(p: &mut Printer, s: &BridgeStpXstats) {
    p.open_obj(Ctx::Json, "stp");
    p.uint(Ctx::Any, "rx_bpdu", &format!("{PAD}STP BPDU:  RX: {{}}"), s.rx_bpdu);
    p.uint(Ctx::Any, "tx_bpdu", " TX: {}\n", s.tx_bpdu);
    p.uint(Ctx::Any, "rx_tcn", &format!("{PAD}STP TCN:   RX: {{}}"), s.rx_tcn);
    p.uint(Ctx::Any, "tx_tcn", " TX: {}\n", s.tx_tcn);
    p.uint(Ctx::Any, "transition_blk", &format!("{PAD}STP Transitions: Blocked: {{}}"), s.transition_blk);
    p.uint(Ctx::Any, "transition_fwd", " Forwarding: {}\n", s.transition_fwd);
    p.close_obj(Ctx::Json);
}

/// request/used of the L3 HW stats (IFLA_OFFLOAD_XSTATS_HW_S_INFO).
fn hw_info(v: Option<&HwStatsInfo>) -> (bool, bool) {
    v.map_or((false, false), |i| (i.request.is_some_and(|b| b != 0), i.used.is_some_and(|b| b != 0)))
}

/// `struct rtnl_hw_stats64` as `ip stats` prints it.
fn print_hw_stats(p: &mut Printer, s: &HwStats64) {
    let (rxp, txp, rxb, txb, rxe, txe, rxd, txd, mc) =
        (s.rx_packets, s.tx_packets, s.rx_bytes, s.tx_bytes, s.rx_errors, s.tx_errors, s.rx_dropped, s.tx_dropped, s.multicast);
    if p.is_json() {
        let j = Ctx::Json;
        p.open_obj(j, "stats64");
        p.open_obj(j, "rx");
        p.uint(j, "bytes", "", rxb);
        p.uint(j, "packets", "", rxp);
        p.uint(j, "errors", "", rxe);
        p.uint(j, "dropped", "", rxd);
        p.uint(j, "multicast", "", mc);
        p.close_obj(j);
        p.open_obj(j, "tx");
        p.uint(j, "bytes", "", txb);
        p.uint(j, "packets", "", txp);
        p.uint(j, "errors", "", txe);
        p.uint(j, "dropped", "", txd);
        p.close_obj(j);
        p.close_obj(j);
        return;
    }
    let mut c = [9usize, 7, 6, 7, 7];
    for (col, v) in c.iter_mut().zip([rxb.max(txb), rxp.max(txp), rxe.max(txe), rxd.max(txd), mc]) {
        *col = (*col).max(v.to_string().len());
    }
    let text = format!(
        "    RX: {:>w0$} {:>w1$} {:>w2$} {:>w3$} {:>w4$}\n    {rxb:>w5$} {rxp:>w1$} {rxe:>w2$} {rxd:>w3$} {mc:>w4$} \n    TX: {:>w0$} {:>w1$} {:>w2$} {:>w3$}\n    {txb:>w5$} {txp:>w1$} {txe:>w2$} {txd:>w3$} \n",
        "bytes", "packets", "errors", "dropped", "mcast", "bytes", "packets", "errors", "dropped",
        w0 = c[0] - 4, w1 = c[1], w2 = c[2], w3 = c[3], w4 = c[4], w5 = c[0]
    );
    p.text(&text);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn select(words: &[(&str, &str)]) -> Result<[bool; 11]> {
        let mut s = Selection::default();
        for (k, v) in words {
            match *k {
                "group" => s.group(v)?,
                "subgroup" => s.subgroup(v)?,
                _ => s.suite(v)?,
            }
        }
        Ok(s.finish())
    }

    fn names(c: &[bool; 11]) -> Vec<String> {
        ALL.iter().zip(c).filter(|(_, on)| **on).map(|(e, _)| format!("{}/{}/{}", e.0, e.1.unwrap_or(""), e.2.unwrap_or(""))).collect()
    }

    #[test]
    fn selection() {
        assert_eq!(names(&select(&[]).unwrap()).len(), 11);
        assert_eq!(names(&select(&[("group", "offload"), ("subgroup", "l3_stats"), ("group", "link")]).unwrap()), ["link//", "offload/l3_stats/"]);
        assert_eq!(
            names(&select(&[("group", "xstats"), ("subgroup", "bridge"), ("suite", "stp")]).unwrap()),
            ["xstats/bridge/stp"]
        );
        let e = select(&[("group", "foo")]).unwrap_err();
        assert_eq!((e.to_string().as_str(), e.exit_code()), ("Error: no group named foo found inside top-level", 22));
        let e = select(&[("group", "link"), ("subgroup", "foo")]).unwrap_err();
        assert_eq!(e.to_string(), "Error: subgroup foo requested inside leaf group link");
        let e = select(&[("group", "offload"), ("subgroup", "l3_stats"), ("suite", "x")]).unwrap_err();
        assert_eq!(e.to_string(), "Error: suite x requested inside leaf subgroup l3_stats");
        let e = select(&[("group", "xstats"), ("subgroup", "bridge"), ("suite", "foo")]).unwrap_err();
        assert_eq!(e.to_string(), "Error: no suite named foo found inside bridge");
    }

    #[test]
    fn getstats_request() {
        use netlink_packet_core::{NetlinkHeader, NetlinkMessage, NLM_F_REQUEST};
        let c = select(&[("group", "link"), ("group", "offload"), ("subgroup", "l3_stats")]).unwrap();
        let (mask, offload) = request(&c);
        let mut h = NetlinkHeader::default();
        h.flags = NLM_F_REQUEST;
        h.sequence_number = 7;
        let mut m = NetlinkMessage::new(h, RouteNetlinkMessage::GetStats(stats_message(3, mask, offload)).into());
        m.finalize();
        let mut b = vec![0u8; m.buffer_len()];
        m.serialize(&mut b);
        let mut want = Vec::new();
        want.extend_from_slice(&40u32.to_ne_bytes()); // nlmsg_len
        want.extend_from_slice(&94u16.to_ne_bytes()); // RTM_GETSTATS
        want.extend_from_slice(&1u16.to_ne_bytes()); // NLM_F_REQUEST
        want.extend_from_slice(&7u32.to_ne_bytes()); // seq
        want.extend_from_slice(&0u32.to_ne_bytes()); // pid
        want.extend_from_slice(&[0, 0, 0, 0]); // family, pad1, pad2
        want.extend_from_slice(&3u32.to_ne_bytes()); // ifindex
        want.extend_from_slice(&(1u32 | 8).to_ne_bytes()); // filter_mask: LINK_64, OFFLOAD_XSTATS
        want.extend_from_slice(&12u16.to_ne_bytes()); // IFLA_STATS_GET_FILTERS (4 + 8), nested
        want.extend_from_slice(&0x8001u16.to_ne_bytes());
        want.extend_from_slice(&8u16.to_ne_bytes()); // IFLA_STATS_LINK_OFFLOAD_XSTATS mask
        want.extend_from_slice(&4u16.to_ne_bytes());
        want.extend_from_slice(&6u32.to_ne_bytes()); // HW_S_INFO | L3_STATS
        assert_eq!(b, want);
        // all three offload statistics: no filter, as the reference
        let c = select(&[("group", "offload")]).unwrap();
        assert_eq!(request(&c), (StatsFilterMask::LinkOffloadXstats, None));
        let c = select(&[("group", "offload"), ("subgroup", "cpu_hit"), ("subgroup", "hw_stats_info")]).unwrap();
        assert_eq!(request(&c), (StatsFilterMask::LinkOffloadXstats, Some(3)));
        assert_eq!(request(&select(&[]).unwrap()), (StatsFilterMask::from_bits_retain(0x1f), None));
    }

    /// A whole RTM_NEWSTATS message as the kernel sends it: nlmsghdr,
    /// if_stats_msg for ifindex 3, then `attrs`.
    fn newstats(mask: u32, attrs: &[u8]) -> StatsMessage {
        let mut m = Vec::new();
        m.extend_from_slice(&((28 + attrs.len()) as u32).to_ne_bytes()); // nlmsg_len
        m.extend_from_slice(&92u16.to_ne_bytes()); // RTM_NEWSTATS
        m.extend_from_slice(&[0; 10]); // flags, seq, pid
        m.extend_from_slice(&[0, 0, 0, 0]); // family, pad1, pad2
        m.extend_from_slice(&3u32.to_ne_bytes()); // ifindex
        m.extend_from_slice(&mask.to_ne_bytes()); // filter_mask
        m.extend_from_slice(attrs);
        match crate::nl::decode(&m) {
            Some(RouteNetlinkMessage::NewStats(s)) => s,
            other => panic!("not decoded: {other:?}"),
        }
    }

    #[test]
    fn offload_printing() {
        use crate::nl::put_attr;
        // OFFLOAD_XSTATS with HW_S_INFO { L3_STATS { REQUEST 1, USED 0 } }
        let mut l3 = Vec::new();
        put_attr(&mut l3, 1, &[1]); // IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST
        put_attr(&mut l3, 2, &[0]); // IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED
        let mut info = Vec::new();
        put_attr(&mut info, OFFLOAD_L3_STATS | 0x8000, &l3);
        let mut off = Vec::new();
        put_attr(&mut off, OFFLOAD_HW_S_INFO | 0x8000, &info);
        let mut a = Vec::new();
        put_attr(&mut a, IFLA_STATS_LINK_OFFLOAD_XSTATS | 0x8000, &off);
        let m = newstats(8, &a);
        let c = select(&[("group", "offload")]).unwrap();
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_link(&mut ip, &m, Some("v0"), &c);
        assert_eq!(
            ip.p.captured(),
            "3: v0: group offload subgroup l3_stats on used off\n3: v0: group offload subgroup hw_stats_info\n    l3_stats on used off\n3: v0: group offload subgroup cpu_hit\n\n"
        );
        ip.p = Printer::capture(true, false, false);
        ip.p.start_doc();
        print_link(&mut ip, &m, Some("v0"), &c);
        ip.p.end_doc();
        assert_eq!(
            ip.p.captured(),
            "[{\"ifindex\":3,\"ifname\":\"v0\",\"group\":\"offload\",\"subgroup\":\"l3_stats\",\"info\":{\"request\":true,\"used\":false}},{\"ifindex\":3,\"ifname\":\"v0\",\"group\":\"offload\",\"subgroup\":\"hw_stats_info\",\"info\":{\"l3_stats\":{\"request\":true,\"used\":false}}},{\"ifindex\":3,\"ifname\":\"v0\",\"group\":\"offload\",\"subgroup\":\"cpu_hit\"}]\n"
        );
    }

    /// IFLA_STATS_LINK_XSTATS_SLAVE { LINK_XSTATS_TYPE_BRIDGE { BRIDGE_XSTATS_STP
    /// (struct bridge_stp_xstats, u64s 1..=6), BRIDGE_XSTATS_MCAST (struct
    /// br_mcast_stats, u64s 1..=30) } } of a bridge port.
    pub fn bridge_port_reply() -> StatsMessage {
        use crate::nl::put_attr;
        let u64s = |r: std::ops::RangeInclusive<u64>| r.flat_map(|x| x.to_ne_bytes()).collect::<Vec<u8>>();
        let mut br = Vec::new();
        put_attr(&mut br, 4, &u64s(1..=6)); // BRIDGE_XSTATS_STP
        put_attr(&mut br, 2, &u64s(1..=30)); // BRIDGE_XSTATS_MCAST
        let mut x = Vec::new();
        put_attr(&mut x, 1 | 0x8000, &br); // LINK_XSTATS_TYPE_BRIDGE
        let mut a = Vec::new();
        put_attr(&mut a, 3 | 0x8000, &x); // IFLA_STATS_LINK_XSTATS_SLAVE
        newstats(4, &a)
    }

    #[test]
    fn bridge_port_printing() {
        let m = bridge_port_reply();
        let c = select(&[("group", "xstats_slave"), ("subgroup", "bridge")]).unwrap();
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_link(&mut ip, &m, Some("p0"), &c);
        assert_eq!(
            ip.p.captured(),
            format!(
                "3: p0: group xstats_slave subgroup bridge suite mcast
{PAD}IGMP queries:
{PAD}  RX: v1 1 v2 3 v3 5
{PAD}  TX: v1 2 v2 4 v3 6
{PAD}IGMP reports:
{PAD}  RX: v1 9 v2 11 v3 13
{PAD}  TX: v1 10 v2 12 v3 14
{PAD}IGMP leaves: RX: 7 TX: 8
{PAD}IGMP parse errors: 15
{PAD}MLD queries:
{PAD}  RX: v1 16 v2 18
{PAD}  TX: v1 17 v2 19
{PAD}MLD reports:
{PAD}  RX: v1 22 v2 24
{PAD}  TX: v1 23 v2 25
{PAD}MLD leaves: RX: 20 TX: 21
{PAD}MLD parse errors: 26

3: p0: group xstats_slave subgroup bridge suite stp
{PAD}STP BPDU:  RX: 3 TX: 4
{PAD}STP TCN:   RX: 5 TX: 6
{PAD}STP Transitions: Blocked: 1 Forwarding: 2

"
            )
        );
        let mut p = Printer::capture(true, false, false);
        p.open_obj(Ctx::Json, "");
        let Some(BridgeXstat::Stp(stp)) = bridge_xstats(&m, true).unwrap_or_default().first() else { panic!("no stp") };
        print_bridge_stp(&mut p, stp);
        p.close_obj(Ctx::Json);
        assert_eq!(
            p.captured(),
            "{\"stp\":{\"rx_bpdu\":3,\"tx_bpdu\":4,\"rx_tcn\":5,\"tx_tcn\":6,\"transition_blk\":1,\"transition_fwd\":2}}"
        );
        // the master's group is another attribute
        assert!(bridge_xstats(&m, false).is_none());
        // a dump part that ran out of room: the group is there, empty
        let mut x = Vec::new();
        crate::nl::put_attr(&mut x, 1 | 0x8000, &[]); // LINK_XSTATS_TYPE_BRIDGE
        let mut a = Vec::new();
        crate::nl::put_attr(&mut a, 3 | 0x8000, &x); // IFLA_STATS_LINK_XSTATS_SLAVE
        assert_eq!(bridge_xstats(&newstats(4, &a), true), Some(&[][..]));
    }
}
