//! The link part of `ip address show`, through the shared link printer
//! (`link_show::print_link` in its `ip addr` layout).
//!
//! One form the shared printer has no switch for is printed here: under
//! an address family (`-4`, `-6`, `to PREFIX`) and without `-d` the
//! reference shows only
//! the link's first line, `link-netns` at its end, and the IPv6 link dump
//! carries no queue length (the reference asks SIOCGIFTXQLEN then). It
//! uses the shared tables; it belongs in `link_show` once that grows the
//! switch.

use netlink_packet_route::link::{LinkAttribute, LinkMessage};
use netlink_packet_route::RouteNetlinkMessage;

use crate::error::Result;
use crate::ip::link_show::{self, tables, LinkPrintOpts};
use crate::ip::{Ip, AF_PACKET, AF_UNSPEC};
use crate::print::{Color, Ctx};

const A: Ctx = Ctx::Any;

/// The link's header lines, leaving its JSON object open for
/// `addr_info`.
pub fn full(ip: &mut Ip, m: &LinkMessage) -> Result<()> {
    let family = ip.o.family;
    let with_qlen;
    let mut m = m;
    if !m.attributes.iter().any(|a| matches!(a, LinkAttribute::TxQueueLen(_))) {
        let name = crate::ip::common::msg_ifname(m).unwrap_or("");
        if let Some(q) = ioctl_txqlen(name).filter(|&q| q != 0) {
            let mut c = m.clone();
            c.attributes.push(LinkAttribute::TxQueueLen(q));
            with_qlen = c;
            m = &with_qlen;
        }
    }
    // with -d the reference prints the whole link whatever the family
    if family == AF_UNSPEC || family == AF_PACKET || ip.o.details > 0 {
        link_show::print_link(ip, m, &LinkPrintOpts { for_addr: true, open: true })?;
    } else {
        first_line(ip, m);
    }
    Ok(())
}

/// `-br`: name and state columns (with `-0`, the link's own columns),
/// line left open for the addresses.
pub fn brief(ip: &mut Ip, m: &LinkMessage) -> Result<()> {
    let opts = LinkPrintOpts { for_addr: ip.o.family != AF_PACKET, open: true };
    link_show::print_link(ip, m, &opts)?;
    Ok(())
}

/// `-s` counters after the addresses.
pub fn stats(ip: &mut Ip, m: &LinkMessage) {
    let has = m.attributes.iter().any(|a| matches!(a, LinkAttribute::Stats64(_) | LinkAttribute::Stats(_)));
    if has {
        link_show::print_stats(ip, m, false);
        return;
    }
    // the IPv6 link dump has no counters: ask for the link itself
    let mut q = LinkMessage::default();
    q.header.index = m.header.index;
    if let Ok(RouteNetlinkMessage::NewLink(l)) = ip.nl().and_then(|nl| nl.get(RouteNetlinkMessage::GetLink(q), 0)) {
        link_show::print_stats(ip, &l, false);
    }
}

fn first_line(ip: &mut Ip, m: &LinkMessage) {
    let mut name = "";
    let (mut link, mut netnsid, mut master) = (None, None, None);
    let (mut mtu, mut qdisc, mut oper, mut group, mut qlen) = (None, None, None, None, None);
    for a in &m.attributes {
        match a {
            LinkAttribute::IfName(n) => name = n,
            LinkAttribute::Link(l) => link = Some(*l),
            LinkAttribute::LinkNetNsId(i) => netnsid = Some(*i),
            LinkAttribute::Controller(i) => master = Some(*i),
            LinkAttribute::Mtu(v) => mtu = Some(*v),
            LinkAttribute::Qdisc(q) => qdisc = Some(q.clone()),
            LinkAttribute::OperState(s) => oper = Some(u8::from(*s)),
            LinkAttribute::Group(g) => group = Some(*g),
            LinkAttribute::TxQueueLen(q) => qlen = Some(*q),
            _ => {}
        }
    }
    ip.p.open_obj(Ctx::Json, "");
    ip.p.uint(Ctx::Json, "ifindex", "", m.header.index as u64);
    ip.p.text(&format!("{}: ", m.header.index));
    let mut at = String::new();
    let mut mdown = false;
    match link {
        Some(l) if l != m.header.index && netnsid.is_some() => {
            ip.p.int(Ctx::Json, "link_index", "", l as i64);
            at = format!("@if{l}");
        }
        Some(l) if l != m.header.index => {
            match crate::ip::common::get_link_by_index(ip, l).ok().flatten() {
                Some(peer) => {
                    let n = crate::ip::common::msg_ifname(&peer).unwrap_or("").to_string();
                    mdown = peer.header.flags.bits() & tables::IFF_UP == 0;
                    ip.p.str(Ctx::Json, "link", "", &n);
                    at = format!("@{n}");
                }
                None => {
                    ip.p.str(Ctx::Json, "link", "", &format!("if{l}"));
                    at = format!("@if{l}");
                }
            }
        }
        _ => {}
    }
    ip.p.str(Ctx::Json, "ifname", "", name);
    ip.p.color_str(Ctx::Text, Color::Ifname, "", "{}", &format!("{name}{at}: "));
    ip.p.open_arr(A, "flags", "<");
    for (i, w) in tables::flag_words(m.header.flags.bits(), mdown).iter().enumerate() {
        ip.p.str(A, "", if i == 0 { "{}" } else { ",{}" }, w);
    }
    ip.p.close_arr(A, "> ");
    if let Some(v) = mtu {
        ip.p.uint(A, "mtu", "mtu {} ", v as u64);
    }
    if let Some(q) = qdisc {
        ip.p.str(A, "qdisc", "qdisc {} ", &q);
    }
    if let Some(mi) = master {
        let n = link_show::index_name(ip, mi);
        ip.p.str(A, "master", "master {} ", &n);
    }
    if let Some(s) = oper {
        let text = tables::operstate_name(s).map(str::to_string).unwrap_or_else(|| format!("{s:#x}"));
        let color = match s {
            6 => Color::OperUp,
            2 => Color::OperDown,
            _ => Color::None,
        };
        ip.p.text("state ");
        ip.p.color_str(A, color, "operstate", "{} ", &text);
    }
    if let Some(g) = group {
        ip.p.str(A, "group", "group {} ", &tables::group_name(g, ip.o.numeric));
    }
    if let Some(q) = qlen.filter(|&q| q != 0) {
        ip.p.uint(A, "txqlen", "qlen {}", q as u64);
    }
    if let Some(id) = netnsid {
        ip.p.int(Ctx::Json, "link_netnsid", "", id as i64);
        match link_show::nsid_name(ip, id) {
            Some(n) => ip.p.str(Ctx::Text, "", " link-netns {}", &n),
            None => ip.p.int(Ctx::Text, "", " link-netnsid {}", id as i64),
        }
    }
    ip.p.text("\n");
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
