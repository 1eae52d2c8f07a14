//! `ip stats`: the per-link statistics groups of RTM_GETSTATS (link
//! counters, offload counters and their HW stats info, the bridge/bond
//! extended statistics, per-family statistics), and `set ... l3_stats`
//! (RTM_SETSTATS). Groups print in one fixed order per link.

use netlink_packet_route::link::Stats64;

use super::link_show::stats::print_stats64;
use super::Ip;
use crate::cli::Args;
use crate::error::{Error, Result};
use crate::nl::{attrs, put_attr, Nl};
use crate::print::Ctx;

pub const USAGE: &str = r#"Usage: ip stats help
       ip stats show [ dev DEV ] [ group GROUP [ subgroup SUBGROUP [ suite SUITE ] ... ] ... ] ...
       ip stats set dev DEV l3_stats { on | off }
GROUP := { link | xstats | xstats_slave | offload | afstats }
xstats SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
xstats_slave SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
offload SUBGROUP := { cpu_hit | hw_stats_info | l3_stats }
afstats SUBGROUP := { mpls }"#;


const RTM_GETSTATS: u16 = 94;
const RTM_SETSTATS: u16 = 95;
const IFLA_STATS_GET_FILTERS: u16 = 1 | 0x8000; // nested
const IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS: u16 = 2;
const LINK_64: u16 = 1;
const LINK_XSTATS: u16 = 2;
const LINK_XSTATS_SLAVE: u16 = 3;
const LINK_OFFLOAD_XSTATS: u16 = 4;
const AF_SPEC: u16 = 5;
const OFFLOAD_CPU_HIT: u16 = 1;
const OFFLOAD_HW_S_INFO: u16 = 2;
const OFFLOAD_L3_STATS: u16 = 3;
const HW_S_INFO_REQUEST: u16 = 1;
const HW_S_INFO_USED: u16 = 2;
const LINK_XSTATS_TYPE_BRIDGE: u16 = 1;
const BRIDGE_XSTATS_MCAST: u16 = 2;
const BRIDGE_XSTATS_STP: u16 = 4;

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

/// The RTM_GETSTATS payload: if_stats_msg (family, pads, ifindex,
/// filter_mask) and, for offload statistics, which ones.
fn request(ifindex: u32, chosen: &[bool; 11]) -> Vec<u8> {
    let mut mask = 0u32;
    let mut offload = 0u32;
    for (i, e) in ALL.iter().enumerate() {
        if !chosen[i] {
            continue;
        }
        let attr = match e.0 {
            "link" => LINK_64,
            "xstats" => LINK_XSTATS,
            "xstats_slave" => LINK_XSTATS_SLAVE,
            "offload" => LINK_OFFLOAD_XSTATS,
            _ => AF_SPEC,
        };
        mask |= 1 << (attr - 1);
        match e.1 {
            // l3_stats prints its request/used state too
            Some("l3_stats") => offload |= 1 << (OFFLOAD_L3_STATS - 1) | 1 << (OFFLOAD_HW_S_INFO - 1),
            Some("hw_stats_info") => offload |= 1 << (OFFLOAD_HW_S_INFO - 1),
            Some("cpu_hit") => offload |= 1 << (OFFLOAD_CPU_HIT - 1),
            _ => {}
        }
    }
    let mut p = vec![0u8; 4]; // family AF_UNSPEC, pad1, pad2
    p.extend_from_slice(&ifindex.to_ne_bytes());
    p.extend_from_slice(&mask.to_ne_bytes());
    if offload != 0 {
        let mut f = Vec::new();
        put_attr(&mut f, LINK_OFFLOAD_XSTATS, &offload.to_ne_bytes());
        put_attr(&mut p, IFLA_STATS_GET_FILTERS, &f);
    }
    p
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
    let mut p = vec![0u8; 4];
    p.extend_from_slice(&ifindex.to_ne_bytes());
    p.extend_from_slice(&0u32.to_ne_bytes());
    put_attr(&mut p, IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS, &[on]);
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
    // a socket of its own: names are looked up on ip's while this dumps
    let mut nl = Nl::open()?;
    ip.p.start_doc();
    let r = match &dev {
        Some((name, idx)) => {
            let name = name.clone();
            nl.get_raw(RTM_GETSTATS, 0, &request(*idx, &chosen), &mut |m| {
                print_link(ip, m, Some(&name), &chosen);
                Ok(())
            })
        }
        None => nl.dump_raw(RTM_GETSTATS, &request(0, &chosen), &mut |m| {
            print_link(ip, m, None, &chosen);
            ip.p.text("\n");
            Ok(())
        }),
    };
    ip.p.end_doc();
    r
}

/// The statistics of one RTM_NEWSTATS message (header included).
fn print_link(ip: &mut Ip, m: &[u8], name: Option<&str>, chosen: &[bool; 11]) {
    let Some(idx) = m.get(20..24).map(|b| u32::from_ne_bytes(b.try_into().unwrap_or([0; 4]))) else { return };
    let name = match name {
        Some(n) => n.to_string(),
        None => ip.ifname(idx),
    };
    let body = m.get(28..).unwrap_or(&[]);
    let find = |k: u16| attrs(body).find(|(t, _)| *t == k).map(|(_, v)| v);
    let offload = find(LINK_OFFLOAD_XSTATS);
    let off = |k: u16| offload.and_then(|o| attrs(o).find(|(t, _)| *t == k).map(|(_, v)| v));
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
                if let Some(s) = find(LINK_64).and_then(|v| Stats64::parse(v).ok()) {
                    let level = ip.o.stats + 1;
                    print_stats64(ip, &s, "stats64", None, level, false);
                }
            }
            ("offload", Some("l3_stats")) => {
                let (req, used) = hw_info(off(OFFLOAD_HW_S_INFO));
                p.open_obj(Ctx::Json, "info");
                p.on_off(Ctx::Any, "request", " {}", req);
                p.on_off(Ctx::Any, "used", " used {}", used);
                p.close_obj(Ctx::Json);
                p.text("\n");
                if let Some(v) = off(OFFLOAD_L3_STATS) {
                    print_hw_stats(ip, v);
                }
            }
            ("offload", Some("hw_stats_info")) => {
                let (req, used) = hw_info(off(OFFLOAD_HW_S_INFO));
                p.open_obj(Ctx::Json, "info");
                p.open_obj(Ctx::Json, "l3_stats");
                p.on_off(Ctx::Any, "request", "\n    l3_stats {}", req);
                p.on_off(Ctx::Any, "used", " used {}\n", used);
                p.close_obj(Ctx::Json);
                p.close_obj(Ctx::Json);
            }
            ("offload", Some("cpu_hit")) => {
                p.text("\n");
                if let Some(s) = off(OFFLOAD_CPU_HIT).and_then(|v| Stats64::parse(v).ok()) {
                    let level = ip.o.stats + 1;
                    print_stats64(ip, &s, "stats64", None, level, false);
                }
                ip.p.text("\n");
            }
            ("xstats" | "xstats_slave", Some("bridge")) => {
                p.text("\n");
                let outer = find(if *g == "xstats" { LINK_XSTATS } else { LINK_XSTATS_SLAVE });
                let bridge = outer.and_then(|o| attrs(o).find(|(t, _)| *t == LINK_XSTATS_TYPE_BRIDGE).map(|(_, v)| v));
                let want = if *x == Some("mcast") { BRIDGE_XSTATS_MCAST } else { BRIDGE_XSTATS_STP };
                if let Some(v) = bridge.and_then(|b| attrs(b).find(|(t, _)| *t == want).map(|(_, v)| v)) {
                    if want == BRIDGE_XSTATS_MCAST {
                        print_bridge_mcast(&mut ip.p, v);
                    } else {
                        print_bridge_stp(&mut ip.p, v);
                    }
                    ip.p.text("\n");
                }
            }
            _ => p.text("\n"),
        }
        ip.p.close_obj(Ctx::Json);
    }
}

/// The u64 at index `i` of a kernel structure.
fn u64_field(v: &[u8], i: usize) -> u64 {
    v.get(i * 8..i * 8 + 8).map(|b| u64::from_ne_bytes(b.try_into().unwrap_or([0; 8]))).unwrap_or(0)
}

const PAD: &str = "                    ";

/// struct br_mcast_stats: IGMP and MLD counters per direction.
fn print_bridge_mcast(p: &mut crate::print::Printer, v: &[u8]) {
    let f = |i: usize| u64_field(v, i);
    let j = Ctx::Json;
    p.open_obj(j, "multicast");
    // (title, JSON key, indexes of the rx counters v1, v2[, v3]; tx follows each)
    let groups: [(&str, &str, &[usize]); 4] = [
        ("IGMP queries", "igmp_queries", &[0, 2, 4]),
        ("IGMP reports", "igmp_reports", &[8, 10, 12]),
        ("MLD queries", "mld_queries", &[15, 17]),
        ("MLD reports", "mld_reports", &[21, 23]),
    ];
    for (n, (title, key, idx)) in groups.iter().enumerate() {
        p.text(&format!("{PAD}{title}:\n"));
        p.open_obj(j, key);
        for (dir, off) in [("rx", 0), ("tx", 1)] {
            p.text(&format!("{PAD}  {}:", dir.to_uppercase()));
            for (vi, i) in idx.iter().enumerate() {
                p.uint(Ctx::Any, &format!("{dir}_v{}", vi + 1), &format!(" v{} {{}}", vi + 1), f(i + off));
            }
            p.text("\n");
        }
        p.close_obj(j);
        // after the reports of each protocol: its leaves and parse errors
        if n == 1 || n == 3 {
            let (proto, leaves, errors) = if n == 1 { ("IGMP", 6, 14) } else { ("MLD", 19, 25) };
            let lk = proto.to_lowercase();
            p.text(&format!("{PAD}{proto} leaves: "));
            p.open_obj(j, &format!("{lk}_leaves"));
            p.uint(Ctx::Any, "rx", "RX: {}", f(leaves));
            p.uint(Ctx::Any, "tx", " TX: {}\n", f(leaves + 1));
            p.close_obj(j);
            p.uint(Ctx::Any, &format!("{lk}_parse_errors"), &format!("{PAD}{proto} parse errors: {{}}\n"), f(errors));
        }
    }
    p.close_obj(j);
}

/// struct bridge_stp_xstats.
fn print_bridge_stp(p: &mut crate::print::Printer, v: &[u8]) {
    let f = |i: usize| u64_field(v, i);
    p.open_obj(Ctx::Json, "stp");
    p.uint(Ctx::Any, "rx_bpdu", &format!("{PAD}STP BPDU:  RX: {{}}"), f(2));
    p.uint(Ctx::Any, "tx_bpdu", " TX: {}\n", f(3));
    p.uint(Ctx::Any, "rx_tcn", &format!("{PAD}STP TCN:   RX: {{}}"), f(4));
    p.uint(Ctx::Any, "tx_tcn", " TX: {}\n", f(5));
    p.uint(Ctx::Any, "transition_blk", &format!("{PAD}STP Transitions: Blocked: {{}}"), f(0));
    p.uint(Ctx::Any, "transition_fwd", " Forwarding: {}\n", f(1));
    p.close_obj(Ctx::Json);
}

/// request/used of the L3 HW stats (IFLA_OFFLOAD_XSTATS_HW_S_INFO, whose
/// L3_STATS nest holds them).
fn hw_info(v: Option<&[u8]>) -> (bool, bool) {
    let (mut req, mut used) = (false, false);
    let Some(v) = v else { return (false, false) };
    for (k, n) in attrs(v) {
        if k == OFFLOAD_L3_STATS {
            for (k2, x) in attrs(n) {
                match k2 {
                    HW_S_INFO_REQUEST => req = x.first().is_some_and(|&b| b != 0),
                    HW_S_INFO_USED => used = x.first().is_some_and(|&b| b != 0),
                    _ => {}
                }
            }
        }
    }
    (req, used)
}

/// `struct rtnl_hw_stats64` as `ip stats` prints it.
fn print_hw_stats(ip: &mut Ip, v: &[u8]) {
    let f = |i: usize| v.get(i * 8..i * 8 + 8).map(|b| u64::from_ne_bytes(b.try_into().unwrap_or([0; 8]))).unwrap_or(0);
    // rx_packets, tx_packets, rx_bytes, tx_bytes, rx_errors, tx_errors,
    // rx_dropped, tx_dropped, multicast
    let (rxp, txp, rxb, txb, rxe, txe, rxd, txd, mc) = (f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8));
    let p = &mut ip.p;
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
mod tests {
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
        let c = select(&[("group", "link"), ("group", "offload"), ("subgroup", "l3_stats")]).unwrap();
        let mut want = vec![0, 0, 0, 0]; // family, pad1, pad2
        want.extend_from_slice(&3u32.to_ne_bytes()); // ifindex
        want.extend_from_slice(&(1u32 | 8).to_ne_bytes()); // filter_mask: LINK_64, OFFLOAD_XSTATS
        want.extend_from_slice(&12u16.to_ne_bytes()); // IFLA_STATS_GET_FILTERS (4 + 8), nested
        want.extend_from_slice(&0x8001u16.to_ne_bytes());
        want.extend_from_slice(&8u16.to_ne_bytes()); // IFLA_STATS_LINK_OFFLOAD_XSTATS mask
        want.extend_from_slice(&4u16.to_ne_bytes());
        want.extend_from_slice(&6u32.to_ne_bytes()); // HW_S_INFO | L3_STATS
        assert_eq!(request(3, &c), want);
    }

    #[test]
    fn offload_printing() {
        use crate::print::Printer;
        // RTM_NEWSTATS: nlmsghdr, if_stats_msg for ifindex 3, OFFLOAD_XSTATS
        // with HW_S_INFO { L3_STATS { REQUEST 1, USED 0 } }
        let mut l3 = Vec::new();
        put_attr(&mut l3, HW_S_INFO_REQUEST, &[1]);
        put_attr(&mut l3, HW_S_INFO_USED, &[0]);
        let mut info = Vec::new();
        put_attr(&mut info, OFFLOAD_L3_STATS | 0x8000, &l3);
        let mut off = Vec::new();
        put_attr(&mut off, OFFLOAD_HW_S_INFO | 0x8000, &info);
        let mut m = vec![0u8; 16];
        m.extend_from_slice(&[0, 0, 0, 0]);
        m.extend_from_slice(&3u32.to_ne_bytes());
        m.extend_from_slice(&8u32.to_ne_bytes());
        put_attr(&mut m, LINK_OFFLOAD_XSTATS | 0x8000, &off);
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

    #[test]
    fn bridge_stp_block() {
        use crate::print::Printer;
        let mut v = Vec::new();
        for x in [1u64, 2, 3, 4, 5, 6] {
            // transition_blk, transition_fwd, rx_bpdu, tx_bpdu, rx_tcn, tx_tcn
            v.extend_from_slice(&x.to_ne_bytes());
        }
        let mut p = Printer::capture(false, false, false);
        print_bridge_stp(&mut p, &v);
        assert_eq!(
            p.captured(),
            format!("{PAD}STP BPDU:  RX: 3 TX: 4\n{PAD}STP TCN:   RX: 5 TX: 6\n{PAD}STP Transitions: Blocked: 1 Forwarding: 2\n")
        );
        let mut p = Printer::capture(true, false, false);
        p.open_obj(Ctx::Json, "");
        print_bridge_stp(&mut p, &v);
        p.close_obj(Ctx::Json);
        assert_eq!(
            p.captured(),
            "{\"stp\":{\"rx_bpdu\":3,\"tx_bpdu\":4,\"rx_tcn\":5,\"tx_tcn\":6,\"transition_blk\":1,\"transition_fwd\":2}}"
        );
    }
}
