//! The link part of `ip address show`: the header lines of each link
//! (as `ip link show` prints them, without `mode`), its `-br` columns and
//! its `-s` counters.
//!
//! INTERIM: a private minimal link printer (no `-d` details) until the
//! shared one of `ip link show` lands; then these three functions call it.

use netlink_packet_route::link::{LinkAttribute, LinkFlags, LinkMessage, State};

use crate::error::Result;
use crate::ip::{Ip, AF_PACKET, AF_UNSPEC};
use crate::print::{Color, Ctx};

fn name(m: &LinkMessage) -> String {
    crate::ip::common::msg_ifname(m).unwrap_or("").to_string()
}

fn attr_u32(m: &LinkMessage, f: impl Fn(&LinkAttribute) -> Option<u32>) -> Option<u32> {
    m.attributes.iter().find_map(f)
}

fn netnsid(m: &LinkMessage) -> Option<i32> {
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::LinkNetNsId(i) => Some(*i),
        _ => None,
    })
}

fn operstate(m: &LinkMessage) -> &'static str {
    let s = m.attributes.iter().find_map(|a| match a {
        LinkAttribute::OperState(s) => Some(*s),
        _ => None,
    });
    match s {
        Some(State::NotPresent) => "NOTPRESENT",
        Some(State::Down) => "DOWN",
        Some(State::LowerLayerDown) => "LOWERLAYERDOWN",
        Some(State::Testing) => "TESTING",
        Some(State::Dormant) => "DORMANT",
        Some(State::Up) => "UP",
        _ => "UNKNOWN",
    }
}

fn oper_color(st: &str) -> Color {
    match st {
        "UP" => Color::OperUp,
        "DOWN" => Color::OperDown,
        _ => Color::None,
    }
}

/// `name@peer` parts: the ifname, then `link`/`link_index`.
fn print_names(ip: &mut Ip, m: &LinkMessage, fmt: &str) -> bool {
    let link = attr_u32(m, |a| match a {
        LinkAttribute::Link(i) => Some(*i),
        _ => None,
    });
    let mut mdown = false;
    let mut suffix = String::new();
    if let Some(l) = link.filter(|&l| l != m.header.index) {
        if netnsid(m).is_some() {
            ip.p.uint(Ctx::Json, "link_index", "", l as u64);
            suffix = format!("@if{l}");
        } else if let Some(peer) = crate::ip::common::get_link_by_index(ip, l).ok().flatten() {
            let n = name(&peer);
            ip.p.str(Ctx::Json, "link", "", &n);
            mdown = !peer.header.flags.contains(LinkFlags::Up);
            suffix = format!("@{n}");
        } else {
            ip.p.str(Ctx::Json, "link", "", &format!("if{l}"));
            suffix = format!("@if{l}");
        }
    }
    let full = format!("{}{suffix}", name(m));
    ip.p.color_str(Ctx::Json, Color::Ifname, "ifname", "", &name(m));
    ip.p.color_str(Ctx::Text, Color::Ifname, "", fmt, &full);
    mdown
}

const FLAGS: &[(u32, &str)] = &[
    (0x8, "LOOPBACK"),
    (0x2, "BROADCAST"),
    (0x10, "POINTOPOINT"),
    (0x1000, "MULTICAST"),
    (0x80, "NOARP"),
    (0x200, "ALLMULTI"),
    (0x100, "PROMISC"),
    (0x400, "MASTER"),
    (0x800, "SLAVE"),
    (0x4, "DEBUG"),
    (0x8000, "DYNAMIC"),
    (0x4000, "AUTOMEDIA"),
    (0x2000, "PORTSEL"),
    (0x20, "NOTRAILERS"),
    (0x1, "UP"),
    (0x10000, "LOWER_UP"),
    (0x20000, "DORMANT"),
    (0x40000, "ECHO"),
];

fn print_flags(ip: &mut Ip, flags: u32, mdown: bool, close: &str) {
    let mut names = Vec::new();
    if flags & 1 != 0 && flags & 0x40 == 0 {
        names.push("NO-CARRIER");
    }
    names.extend(FLAGS.iter().filter(|(b, _)| flags & b != 0).map(|(_, n)| *n));
    if mdown {
        names.push("M-DOWN");
    }
    ip.p.open_arr(Ctx::Any, "flags", "<");
    for (i, n) in names.iter().enumerate() {
        ip.p.str(Ctx::Any, "", if i == 0 { "{}" } else { ",{}" }, n);
    }
    ip.p.close_arr(Ctx::Any, close);
}

/// The name of the namespace with this id, from /run/netns.
fn netns_name(ip: &mut Ip, id: i32) -> Option<String> {
    use netlink_packet_route::nsid::{NsidAttribute, NsidMessage};
    use netlink_packet_route::RouteNetlinkMessage;
    use std::os::fd::AsRawFd;
    let dir = std::fs::read_dir("/run/netns").ok()?;
    for e in dir.flatten() {
        let Ok(file) = std::fs::File::open(e.path()) else { continue };
        let mut q = NsidMessage::default();
        q.attributes.push(NsidAttribute::Fd(file.as_raw_fd() as u32));
        let got = match ip.nl().ok()?.get(RouteNetlinkMessage::GetNsId(q), 0) {
            Ok(RouteNetlinkMessage::NewNsId(r)) => r.attributes.iter().find_map(|a| match a {
                NsidAttribute::Id(i) => Some(*i),
                _ => None,
            }),
            _ => None,
        };
        if got == Some(id) {
            return e.file_name().to_str().map(str::to_string);
        }
    }
    None
}

/// SIOCGIFTXQLEN: the queue length when the message has none (the
/// IPv6 link dump).
fn ioctl_txqlen(name: &str) -> Option<u32> {
    // SAFETY: plain socket/ioctl/close on a zeroed ifreq we own.
    unsafe {
        let s = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
        if s < 0 {
            return None;
        }
        let mut ifr: libc::ifreq = std::mem::zeroed();
        for (i, b) in name.bytes().take(15).enumerate() {
            ifr.ifr_name[i] = b as libc::c_char;
        }
        let r = libc::ioctl(s, 0x8942, &mut ifr); // SIOCGIFTXQLEN
        libc::close(s);
        (r == 0).then(|| ifr.ifr_ifru.ifru_ifindex as u32)
    }
}

/// Header lines (`N: name: <FLAGS> ...` and `link/ether ...`).
pub fn full(ip: &mut Ip, m: &LinkMessage) -> Result<()> {
    let family = ip.o.family;
    ip.p.uint(Ctx::Any, "ifindex", "{}: ", m.header.index as u64);
    let mdown = print_names(ip, m, "{}: ");
    print_flags(ip, m.header.flags.bits(), mdown, "> ");
    for a in &m.attributes {
        if let LinkAttribute::Mtu(v) = a {
            ip.p.uint(Ctx::Any, "mtu", "mtu {} ", *v as u64);
        }
    }
    if let Some(q) = m.attributes.iter().find_map(|a| match a {
        LinkAttribute::Qdisc(q) => Some(q.clone()),
        _ => None,
    }) {
        ip.p.str(Ctx::Any, "qdisc", "qdisc {} ", &q);
    }
    if let Some(mi) = attr_u32(m, |a| match a {
        LinkAttribute::Controller(i) => Some(*i),
        _ => None,
    }) {
        let n = ip.ifname(mi);
        ip.p.str(Ctx::Any, "master", "master {} ", &n);
    }
    let st = operstate(m);
    ip.p.text("state ");
    ip.p.color_str(Ctx::Any, oper_color(st), "operstate", "{} ", st);
    if let Some(g) = attr_u32(m, |a| match a {
        LinkAttribute::Group(g) => Some(*g),
        _ => None,
    }) {
        let g = if g == 0 { "default".to_string() } else { g.to_string() };
        ip.p.str(Ctx::Any, "group", "group {} ", &g);
    }
    let qlen = attr_u32(m, |a| match a {
        LinkAttribute::TxQueueLen(q) => Some(*q),
        _ => None,
    })
    .or_else(|| ioctl_txqlen(&name(m)));
    if let Some(q) = qlen.filter(|&q| q != 0) {
        ip.p.uint(Ctx::Any, "txqlen", "qlen {}", q as u64);
    }
    let lines = family == AF_UNSPEC || family == AF_PACKET;
    if lines {
        ip.p.nl();
        let t: u16 = m.header.link_layer_type.into();
        let tname = match t {
            1 => "ether".to_string(),
            772 => "loopback".to_string(),
            65534 => "none".to_string(),
            n => format!("[{n}]"),
        };
        ip.p.str(Ctx::Any, "link_type", "    link/{} ", &tname);
        for a in &m.attributes {
            if let LinkAttribute::Address(b) = a {
                let s = crate::ip::common::fmt_lladdr(b);
                ip.p.color_str(Ctx::Any, Color::Mac, "address", "{}", &s);
            }
        }
        for a in &m.attributes {
            if let LinkAttribute::Broadcast(b) = a {
                let s = crate::ip::common::fmt_lladdr(b);
                ip.p.text(" brd ");
                ip.p.color_str(Ctx::Any, Color::Mac, "broadcast", "{}", &s);
            }
        }
    }
    if let Some(id) = netnsid(m) {
        ip.p.int(Ctx::Json, "link_netnsid", "", id as i64);
        match netns_name(ip, id) {
            Some(n) => ip.p.text(&format!(" link-netns {n}")),
            None => ip.p.text(&format!(" link-netnsid {id}")),
        }
    }
    ip.p.text("\n");
    Ok(())
}

/// `-br` columns: name and state.
pub fn brief(ip: &mut Ip, m: &LinkMessage) -> Result<()> {
    let mdown = print_names(ip, m, "{:<16} ");
    let st = operstate(m);
    ip.p.color_str(Ctx::Any, oper_color(st), "operstate", "{:<14} ", st);
    if ip.o.family == AF_PACKET {
        // `-0`: the link's own columns, as `ip -br link`
        for a in &m.attributes {
            if let LinkAttribute::Address(b) = a {
                let s = crate::ip::common::fmt_lladdr(b);
                ip.p.color_str(Ctx::Any, Color::Mac, "address", "{} ", &s);
            }
        }
        print_flags(ip, m.header.flags.bits(), mdown, "> ");
    }
    Ok(())
}

/// `-s` counters after the addresses.
pub fn stats(ip: &mut Ip, m: &LinkMessage) -> Result<()> {
    let fetched;
    let mut src = m;
    if !m.attributes.iter().any(|a| matches!(a, LinkAttribute::Stats64(_))) {
        let mut q = LinkMessage::default();
        q.header.index = m.header.index;
        match ip.nl()?.get(netlink_packet_route::RouteNetlinkMessage::GetLink(q), 0) {
            Ok(netlink_packet_route::RouteNetlinkMessage::NewLink(l)) => {
                fetched = l;
                src = &fetched;
            }
            _ => return Ok(()),
        }
    }
    let Some(s) = src.attributes.iter().find_map(|a| match a {
        LinkAttribute::Stats64(s) => Some(s.clone()),
        _ => None,
    }) else {
        return Ok(());
    };
    ip.p.text("    RX:  bytes packets errors dropped  missed   mcast           \n");
    ip.p.text(&format!(
        "    {:>10} {:>7} {:>6} {:>7} {:>7} {:>7} \n",
        s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped, s.rx_missed_errors, s.multicast
    ));
    ip.p.text("    TX:  bytes packets errors dropped carrier collsns           \n");
    ip.p.text(&format!(
        "    {:>10} {:>7} {:>6} {:>7} {:>7} {:>7} \n",
        s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped, s.tx_carrier_errors, s.collisions
    ));
    Ok(())
}
