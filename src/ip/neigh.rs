//! `ip neigh`: add / del / change / replace, show / flush, get.

use std::net::IpAddr;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE};
use netlink_packet_route::neighbour::{
    NeighbourAddress, NeighbourAttribute, NeighbourExtFlags, NeighbourFlags, NeighbourMessage,
};
use netlink_packet_route::route::RouteProtocol;
use netlink_packet_route::RouteNetlinkMessage;

use super::common::{self, Prefix};
use super::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::rtm::{RTM_DELNEIGH, RTM_NEWNEIGH};
use crate::print::{Color, Ctx, Printer};

pub const USAGE: &str = "\
Usage: ip neigh { add | del | change | replace }
                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }
                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]
                [ protocol PROTO ]

\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
\t\t\t\t  [ vrf NAME ] [ nomaster ]
\tip neigh get { ADDR | proxy ADDR } dev DEV

STATE := { delay | failed | incomplete | noarp | none |
           permanent | probe | reachable | stale }";

const NUD_INCOMPLETE: u16 = 0x01;
const NUD_REACHABLE: u16 = 0x02;
const NUD_STALE: u16 = 0x04;
const NUD_DELAY: u16 = 0x08;
const NUD_PROBE: u16 = 0x10;
const NUD_FAILED: u16 = 0x20;
const NUD_NOARP: u16 = 0x40;
const NUD_PERMANENT: u16 = 0x80;
const NUD_ALL: u16 = 0xff;

/// State bits in the order (and with the names) the reference prints them.
const NUD_NAMES: &[(u16, &str)] = &[
    (NUD_INCOMPLETE, "INCOMPLETE"),
    (NUD_REACHABLE, "REACHABLE"),
    (NUD_STALE, "STALE"),
    (NUD_DELAY, "DELAY"),
    (NUD_PROBE, "PROBE"),
    (NUD_FAILED, "FAILED"),
    (NUD_NOARP, "NOARP"),
    (NUD_PERMANENT, "PERMANENT"),
];

/// `USER_HZ`: the kernel reports neighbour times in clock ticks.
pub fn user_hz() -> u32 {
    // SAFETY: sysconf has no memory effects.
    let v = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if v > 0 {
        v as u32
    } else {
        100
    }
}

fn usage() -> Error {
    Error::arg(USAGE)
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return show_or_flush(ip, args, false);
    };
    if matches(&cmd, "add") {
        modify(ip, args, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL)
    } else if matches(&cmd, "change") || cmd == "chg" {
        modify(ip, args, RTM_NEWNEIGH, NLM_F_REPLACE)
    } else if matches(&cmd, "replace") {
        modify(ip, args, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE)
    } else if matches(&cmd, "delete") {
        modify(ip, args, RTM_DELNEIGH, 0)
    } else if matches(&cmd, "get") {
        get(ip, args)
    } else if matches(&cmd, "show") || matches(&cmd, "list") || matches(&cmd, "lst") {
        show_or_flush(ip, args, false)
    } else if matches(&cmd, "flush") {
        show_or_flush(ip, args, true)
    } else if matches(&cmd, "help") {
        Err(usage())
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip neigh help\"."
        )))
    }
}

// ---------------------------------------------------------------- parsing

/// A `nud` word: a state name or a number below 256. As the reference,
/// `permanent`, `reachable` and `failed` may be abbreviated (`perm`,
/// `r`, `fail`); the other names are taken whole.
fn parse_nud(s: &str) -> Result<u16> {
    let v = match s {
        _ if matches(s, "permanent") => NUD_PERMANENT,
        _ if matches(s, "reachable") => NUD_REACHABLE,
        _ if matches(s, "failed") => NUD_FAILED,
        "noarp" => NUD_NOARP,
        "none" => 0,
        "stale" => NUD_STALE,
        "incomplete" => NUD_INCOMPLETE,
        "delay" => NUD_DELAY,
        "probe" => NUD_PROBE,
        _ => match crate::cli::parse_u32(s) {
            // a number only when it is one of the named states
            Some(n) if n == 0 || (n <= 0x80 && n.is_power_of_two()) => n as u16,
            _ => return Err(Error::invarg("nud state is bad", s)),
        },
    };
    Ok(v)
}

fn nl_addr(p: &Prefix) -> NeighbourAddress {
    match p.addr {
        IpAddr::V4(a) => NeighbourAddress::Inet(a),
        IpAddr::V6(a) => NeighbourAddress::Inet6(a),
    }
}

// ---------------------------------------------------------------- add/del

/// The address of `add`/`get` (after `proxy` when `proxy`).
fn set_dst(dst: &mut Option<Prefix>, v: &str, family: u8, proxy: bool) -> Result<()> {
    if matches(v, "help") {
        return Err(usage());
    }
    if dst.is_some() {
        return Err(if proxy {
            Error::duparg("address", v)
        } else {
            Error::duparg2("to", v)
        });
    }
    *dst = Some(common::get_addr(v, family)?);
    Ok(())
}

fn modify(ip: &mut Ip, mut args: Args, cmd: u16, flags: u16) -> Result<()> {
    let mut dst: Option<Prefix> = None;
    let mut lladdr: Option<String> = None;
    let mut dev: Option<String> = None;
    let mut state: Option<u16> = None;
    let mut nflags = NeighbourFlags::empty();
    let mut ext = NeighbourExtFlags::empty();
    let mut proto: Option<u8> = None;
    let family = ip.o.family;
    while let Some(w) = args.next() {
        if matches(&w, "lladdr") {
            let v = args.value()?;
            if lladdr.is_some() {
                return Err(Error::duparg("lladdr", &v));
            }
            lladdr = Some(v);
        } else if w == "nud" {
            let v = args.value()?;
            state = Some(parse_nud(&v)?);
        } else if matches(&w, "proxy") {
            set_dst(&mut dst, &args.value()?, family, true)?;
            nflags |= NeighbourFlags::Proxy;
        } else if w == "router" {
            nflags |= NeighbourFlags::Router;
        } else if w == "use" {
            nflags |= NeighbourFlags::Use;
        } else if w == "managed" {
            ext |= NeighbourExtFlags::Managed;
        } else if matches(&w, "extern_learn") {
            nflags |= NeighbourFlags::ExtLearned;
        } else if w == "dev" {
            dev = Some(args.value()?);
        } else if matches(&w, "protocol") {
            let v = args.value()?;
            proto = Some(
                crate::ip::route::names::parse_proto(&v)
                    .ok_or_else(|| Error::invarg("\"protocol\" value is invalid\n", &v))?,
            );
        } else {
            let v = if w == "to" { args.value()? } else { w };
            set_dst(&mut dst, &v, family, false)?;
        }
    }
    let proxy = nflags.contains(NeighbourFlags::Proxy);
    let dst = match dst {
        Some(d) if d.family != AF_UNSPEC && (dev.is_some() || proxy) => d,
        _ => return Err(Error::arg("Device and destination are required arguments.")),
    };
    let mut m = NeighbourMessage::default();
    m.header.family = dst.family.into();
    // permanent, or none for a `managed` entry (the kernel resolves it)
    let default = if ext.contains(NeighbourExtFlags::Managed) { 0 } else { NUD_PERMANENT };
    m.header.state = state.unwrap_or(default).into();
    m.header.flags = nflags;
    m.attributes
        .push(NeighbourAttribute::Destination(nl_addr(&dst)));
    if let Some(l) = &lladdr {
        if l != "null" {
            m.attributes
                .push(NeighbourAttribute::LinkLayerAddress(crate::ip::common::parse_lladdr(l)?));
        }
    }
    if let Some(d) = &dev {
        m.header.ifindex = ip.ifindex(d)?;
    }
    if let Some(p) = proto {
        m.attributes
            .push(NeighbourAttribute::Protocol(RouteProtocol::from(p)));
    }
    if !ext.is_empty() {
        m.attributes.push(NeighbourAttribute::ExtFlags(ext));
    }
    let msg = if cmd == RTM_DELNEIGH {
        RouteNetlinkMessage::DelNeighbour(m)
    } else {
        RouteNetlinkMessage::NewNeighbour(m)
    };
    // the reference exit(2)s here: the error ends a batch at once.
    // -echo: the kernel (6.18) echoes no neighbour, so this prints
    // nothing, as the reference; were one echoed, it is printed as a
    // listing line.
    ip.change(msg, flags, &mut |ip, m| {
        if let Some(RouteNetlinkMessage::NewNeighbour(n)) = crate::nl::decode(m) {
            print_neigh(ip, &Filter::default(), &n);
        }
    })
    .map_err(|e| match e {
        Error::Netlink { .. } => Error::msg(e.to_string(), 2),
        e => e,
    })
}

// ---------------------------------------------------------------- get

fn get(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut dst: Option<Prefix> = None;
    let mut dev: Option<String> = None;
    let mut proxy = false;
    let family = ip.o.family;
    while let Some(w) = args.next() {
        if w == "dev" {
            dev = Some(args.value()?);
        } else if matches(&w, "proxy") {
            set_dst(&mut dst, &args.value()?, family, true)?;
            proxy = true;
        } else {
            let v = if w == "to" { args.value()? } else { w };
            set_dst(&mut dst, &v, family, false)?;
        }
    }
    let dst = match dst {
        Some(d) if d.family != AF_UNSPEC && (dev.is_some() || proxy) => d,
        _ => {
            return Err(Error::Failed(
                "Device and address are required arguments.".into(),
            ))
        }
    };
    let mut m = NeighbourMessage::default();
    m.header.family = dst.family.into();
    if proxy {
        m.header.flags = NeighbourFlags::Proxy;
    }
    if let Some(d) = &dev {
        m.header.ifindex = ip.ifindex(d)?;
    }
    m.attributes
        .push(NeighbourAttribute::Destination(nl_addr(&dst)));
    let reply = ip.nl()?.get(RouteNetlinkMessage::GetNeighbour(m), 0)?;
    if let RouteNetlinkMessage::NewNeighbour(n) = reply {
        print_as_text(ip, &Filter::default(), &[n]);
    }
    Ok(())
}

/// `get` and `flush` print text even with `-j` (then without colour).
fn print_as_text(ip: &mut Ip, f: &Filter, list: &[NeighbourMessage]) {
    if !ip.p.is_json() {
        for n in list {
            print_neigh(ip, f, n);
        }
        return;
    }
    let mut tp = Printer::capture(false, false, false);
    std::mem::swap(&mut ip.p, &mut tp);
    for n in list {
        print_neigh(ip, f, n);
    }
    std::mem::swap(&mut ip.p, &mut tp);
    ip.p.raw(tp.captured());
}

// ---------------------------------------------------------------- show/flush

/// What `show`/`flush` select.
#[derive(Debug, Clone, Default)]
struct Filter {
    family: u8,
    /// ifindex of `dev`, 0 for all
    index: u32,
    /// state bits that pass
    state: u16,
    /// entries in state NONE (0) pass
    none: bool,
    prefix: Option<Prefix>,
    unused: bool,
    proxy: bool,
    /// NDA_MASTER for the dump request (`nomaster`: -1, `vrf`: its index)
    master: Option<u32>,
    /// `protocol PROTO`: entries of that protocol (0: no filter)
    protocol: u8,
}

fn show_or_flush(ip: &mut Ip, mut args: Args, flush: bool) -> Result<()> {
    let mut f = Filter {
        family: ip.o.family,
        state: if flush {
            NUD_ALL & !(NUD_PERMANENT | NUD_NOARP)
        } else {
            NUD_ALL & !NUD_NOARP
        },
        none: flush,
        ..Filter::default()
    };
    if flush && args.is_empty() {
        return Err(Error::Failed("Flush requires arguments.".into()));
    }
    let mut dev: Option<String> = None;
    let mut explicit_state = false;
    while let Some(w) = args.next() {
        if w == "dev" {
            let v = args.value()?;
            if dev.is_some() {
                return Err(Error::duparg("dev", &v));
            }
            dev = Some(v);
        } else if w == "master" {
            let v = args.value()?;
            let i = ip
                .ifindex(&v)
                .map_err(|_| Error::invarg("Device does not exist\n", &v))?;
            f.master = Some(i);
        } else if w == "vrf" {
            let v = args.value()?;
            f.master = Some(vrf_index(ip, &v)?);
        } else if w == "nomaster" {
            f.master = Some(u32::MAX);
        } else if w == "unused" {
            f.unused = true;
        } else if w == "nud" {
            let v = args.value()?;
            if !explicit_state {
                f.state = 0;
                f.none = false;
                explicit_state = true;
            }
            if v == "all" {
                f.state = NUD_ALL;
                f.none = true;
                if flush {
                    f.state &= !NUD_NOARP;
                }
            } else {
                let s = parse_nud(&v)?;
                if s == 0 {
                    f.none = true;
                }
                f.state |= s;
            }
        } else if w == "proxy" {
            f.proxy = true;
        } else if matches(&w, "protocol") {
            let v = args.value()?;
            f.protocol = crate::ip::route::names::parse_proto(&v)
                .ok_or_else(|| Error::invarg("invalid \"protocol\"\n", &v))?;
        } else {
            let v = if w == "to" { args.value()? } else { w };
            if matches(&v, "help") {
                return Err(usage());
            }
            let p = common::get_prefix(&v, f.family)?;
            if p.family != AF_UNSPEC && f.family == AF_UNSPEC {
                f.family = p.family;
            }
            f.prefix = Some(p);
        }
    }
    if let Some(d) = &dev {
        f.index = ip.ifindex(d)?;
    }
    if flush {
        return do_flush(ip, &f);
    }
    ip.p.start_doc();
    // each entry is printed as it arrives and dropped
    let req = dump_request(&f);
    ip.dump_each(RouteNetlinkMessage::GetNeighbour(req), &mut |ip, msg| {
        if let RouteNetlinkMessage::NewNeighbour(n) = msg {
            if selected(&f, &n) {
                print_neigh(ip, &f, &n);
            }
        }
        Ok(())
    })
    .map_err(dump_failed)?;
    ip.p.end_doc();
    Ok(())
}

/// `vrf NAME`: the index of a VRF device.
fn vrf_index(ip: &mut Ip, name: &str) -> Result<u32> {
    use netlink_packet_route::link::{InfoKind, LinkAttribute, LinkInfo};
    let bad = || Error::invarg("Not a valid VRF name\n", name);
    let Some(l) = common::get_link_by_name(ip, name)? else {
        return Err(bad());
    };
    let is_vrf = l.attributes.iter().any(|a| match a {
        LinkAttribute::LinkInfo(infos) => infos
            .iter()
            .any(|i| matches!(i, LinkInfo::Kind(InfoKind::Vrf))),
        _ => false,
    });
    if is_vrf {
        Ok(l.header.index)
    } else {
        Err(bad())
    }
}

/// The dump request for a selector.
fn dump_request(f: &Filter) -> NeighbourMessage {
    let mut m = NeighbourMessage::default();
    m.header.family = f.family.into();
    if f.proxy {
        m.header.flags = NeighbourFlags::Proxy;
    }
    if f.index != 0 {
        m.attributes.push(NeighbourAttribute::IfIndex(f.index));
    }
    if let Some(master) = f.master {
        m.attributes.push(NeighbourAttribute::Controller(master));
    }
    m
}

/// A failed dump ends the process with exit status 1.
fn dump_failed(e: Error) -> Error {
    match e {
        Error::Netlink { .. } => Error::msg(e.to_string(), 1),
        e => e,
    }
}

/// One dump of the neighbour (or proxy) table, keeping what the filter
/// selects (a flush round needs them all before it deletes).
fn dump(ip: &mut Ip, f: &Filter, out: &mut Vec<NeighbourMessage>) -> Result<()> {
    let r = ip.nl()?.dump(RouteNetlinkMessage::GetNeighbour(dump_request(f)), &mut |msg| {
        if let RouteNetlinkMessage::NewNeighbour(n) = msg {
            if selected(f, &n) {
                out.push(n);
            }
        }
        Ok(())
    });
    r.map_err(dump_failed)
}

fn dst_of(n: &NeighbourMessage) -> Option<&NeighbourAddress> {
    n.attributes.iter().find_map(|a| match a {
        NeighbourAttribute::Destination(d) => Some(d),
        _ => None,
    })
}

fn in_prefix(p: &Prefix, d: &NeighbourAddress) -> bool {
    let bytes: Vec<u8> = match (d, p.addr) {
        (NeighbourAddress::Inet(a), IpAddr::V4(_)) if p.family != AF_INET6 => a.octets().to_vec(),
        (NeighbourAddress::Inet6(a), IpAddr::V6(_)) if p.family != AF_INET => a.octets().to_vec(),
        _ => return p.any && p.family == AF_UNSPEC,
    };
    let want = p.octets();
    let bits = p.len as usize;
    for i in 0..bits {
        let mask = 0x80u8 >> (i % 8);
        if bytes[i / 8] & mask != want[i / 8] & mask {
            return false;
        }
    }
    true
}

fn selected(f: &Filter, n: &NeighbourMessage) -> bool {
    let h = &n.header;
    let family: u8 = h.family.into();
    if f.family != AF_UNSPEC && family != f.family {
        return false;
    }
    if f.index != 0 && h.ifindex != f.index {
        return false;
    }
    let state: u16 = h.state.into();
    let special = h
        .flags
        .intersects(NeighbourFlags::Proxy | NeighbourFlags::ExtLearned);
    if !special {
        let pass = if state == 0 {
            f.none
        } else {
            state & f.state != 0
        };
        if !pass {
            return false;
        }
    }
    if let Some(p) = &f.prefix {
        match dst_of(n) {
            Some(d) => {
                if !in_prefix(p, d) {
                    return false;
                }
            }
            None => return false,
        }
    }
    if f.protocol != 0 {
        let proto = n.attributes.iter().find_map(|a| match a {
            NeighbourAttribute::Protocol(p) => Some(u8::from(*p)),
            _ => None,
        });
        if proto != Some(f.protocol) {
            return false;
        }
    }
    if f.unused {
        let refcnt = n.attributes.iter().find_map(|a| match a {
            NeighbourAttribute::CacheInfo(c) => Some(c.refcnt),
            _ => None,
        });
        if refcnt.unwrap_or(0) != 0 {
            return false;
        }
    }
    true
}

const MAX_ROUNDS: u32 = 10;

fn do_flush(ip: &mut Ip, f: &Filter) -> Result<()> {
    let mut round = 0;
    loop {
        let mut list = Vec::new();
        dump(ip, f, &mut list).map_err(|e| match e {
            Error::Msg { msg, code } => Error::Msg {
                msg: msg.replace("\nDump terminated", "\nFlush terminated"),
                code,
            },
            e => e,
        })?;
        if list.is_empty() {
            if ip.o.stats > 0 {
                if round == 0 {
                    ip.p.raw("Nothing to flush.\n");
                } else {
                    let s = if round == 1 { "" } else { "s" };
                    ip.p.raw(&format!(
                        "*** Flush is complete after {round} round{s} ***\n"
                    ));
                }
            }
            return Ok(());
        }
        round += 1;
        if ip.o.stats > 1 {
            print_as_text(ip, f, &list);
        }
        // all deletes go out, in batches; the first failure is reported
        // afterwards
        let mut failure = None;
        let mut note = |e: Error| {
            if let Error::Netlink { errno, .. } = e {
                failure.get_or_insert(errno);
            }
            Ok(())
        };
        let n = list.len();
        for m in list {
            // the dumped entry itself, attributes and all, as the request
            let nl = ip.nl()?;
            nl.queue(RouteNetlinkMessage::DelNeighbour(m), 0);
            if nl.queued_len() >= crate::nl::QUEUE_BYTES {
                nl.send_queued(&mut note)?;
            }
        }
        ip.nl()?.send_queued(&mut note)?;
        if let Some(errno) = failure {
            return Err(Error::msg(
                format!(
                    "Failed to send flush request: {}",
                    crate::error::strerror(errno)
                ),
                1,
            ));
        }
        if ip.o.stats > 0 {
            ip.p.raw(&format!("\n*** Round {round}, deleting {n} entries ***\n"));
        }
        if round >= MAX_ROUNDS {
            if ip.o.stats > 0 {
                ip.p.raw(&format!(
                    "*** Flush remains incomplete after {round} rounds. ***\n"
                ));
            }
            return Ok(());
        }
    }
}

// ---------------------------------------------------------------- printing

/// One neighbour event of `ip monitor`: the entry as `ip neigh` lists
/// it; `dev_index` (the monitor's `dev`, 0 for none) leaves out `dev`.
pub fn print_event(ip: &mut Ip, n: &NeighbourMessage, dev_index: u32) {
    let f = Filter { index: dev_index, ..Filter::default() };
    print_neigh(ip, &f, n);
}

fn print_neigh(ip: &mut Ip, f: &Filter, n: &NeighbourMessage) {
    let h = &n.header;
    let family: u8 = h.family.into();
    let dev = if f.index == 0 && h.ifindex != 0 {
        Some(ip.ifname(h.ifindex))
    } else {
        None
    };
    let dst = dst_of(n).map(|d| match d {
        NeighbourAddress::Inet(a) => (a.to_string(), Color::Inet),
        NeighbourAddress::Inet6(a) => (a.to_string(), Color::Inet6),
        NeighbourAddress::Other(b) => (common::fmt_lladdr(b), Color::None),
        _ => (String::new(), Color::None),
    });
    let dst_color = |c: Color| {
        if family == AF_INET6 {
            Color::Inet6
        } else if family == AF_INET {
            Color::Inet
        } else {
            c
        }
    };
    let lladdr = n.attributes.iter().find_map(|a| match a {
        NeighbourAttribute::LinkLayerAddress(b) => Some(common::fmt_lladdr(b)),
        _ => None,
    });
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    if ip.o.brief {
        if let Some((d, c)) = &dst {
            p.color_str(Ctx::Any, dst_color(*c), "dst", "{:<39} ", d);
        }
        if let Some(dev) = &dev {
            p.color_str(Ctx::Any, Color::Ifname, "dev", "{:<16} ", dev);
        }
        if let Some(l) = &lladdr {
            p.color_str(Ctx::Any, Color::Mac, "lladdr", "{}", l);
        }
        p.text("\n");
        p.close_obj(Ctx::Json);
        return;
    }
    if let Some((d, c)) = &dst {
        p.color_str(Ctx::Any, dst_color(*c), "dst", "{} ", d);
    }
    if let Some(dev) = &dev {
        p.text("dev ");
        p.color_str(Ctx::Any, Color::Ifname, "dev", "{} ", dev);
    }
    if let Some(l) = &lladdr {
        p.text("lladdr ");
        p.color_str(Ctx::Any, Color::Mac, "lladdr", "{} ", l);
    }
    let ext = n
        .attributes
        .iter()
        .find_map(|a| match a {
            NeighbourAttribute::ExtFlags(e) => Some(*e),
            _ => None,
        })
        .unwrap_or_default();
    if h.flags.contains(NeighbourFlags::Router) {
        p.null(Ctx::Any, "router", "{} ", "router");
    }
    if h.flags.contains(NeighbourFlags::Proxy) {
        p.null(Ctx::Any, "proxy", "{} ", "proxy");
    }
    if ext.contains(NeighbourExtFlags::Managed) {
        p.null(Ctx::Any, "managed", "{} ", "managed");
    }
    if h.flags.contains(NeighbourFlags::ExtLearned) {
        p.null(Ctx::Any, "extern_learn", "{} ", "extern_learn");
    }
    if h.flags.contains(NeighbourFlags::Offloaded) {
        p.null(Ctx::Any, "offload", "{} ", "offload");
    }
    if ip.o.stats > 0 {
        for a in &n.attributes {
            if let NeighbourAttribute::CacheInfo(c) = a {
                let hz = user_hz();
                if c.refcnt != 0 {
                    p.uint(Ctx::Any, "refcnt", " ref {}", c.refcnt as u64);
                }
                p.uint(Ctx::Any, "used", " used {}", (c.used / hz) as u64);
                p.uint(Ctx::Any, "confirmed", "/{}", (c.confirmed / hz) as u64);
                p.uint(Ctx::Any, "updated", "/{}", (c.updated / hz) as u64);
            }
        }
        for a in &n.attributes {
            if let NeighbourAttribute::Probes(v) = a {
                p.uint(Ctx::Any, "probes", "probes {} ", *v as u64);
            }
        }
    }
    let state: u16 = h.state.into();
    if state != 0 {
        p.open_arr(Ctx::Json, "state", "");
        for (bit, name) in NUD_NAMES {
            if state & bit != 0 {
                p.str(Ctx::Any, "", "{} ", name);
            }
        }
        p.close_arr(Ctx::Json, "");
    }
    for a in &n.attributes {
        if let NeighbourAttribute::Protocol(pr) = a {
            let name = crate::ip::route::names::proto_name(u8::from(*pr), ip.o.numeric);
            p.str(Ctx::Any, "protocol", "proto {} ", &name);
        }
    }
    p.text("\n");
    p.close_obj(Ctx::Json);
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_route::neighbour::NeighbourCacheInfo;

    #[test]
    fn nud_words() {
        assert_eq!(parse_nud("stale").unwrap(), NUD_STALE);
        assert_eq!(parse_nud("0x80").unwrap(), NUD_PERMANENT);
        assert_eq!(parse_nud("none").unwrap(), 0);
        let e = parse_nud("PERMANENT").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error: argument \"PERMANENT\" is wrong: nud state is bad"
        );
        assert!(parse_nud("0x1ff").is_err());
        assert!(parse_nud("0x7f").is_err());
        assert_eq!(parse_nud("010").unwrap(), NUD_DELAY);
    }

    #[test]
    fn protocols() {
        assert_eq!(crate::ip::route::names::parse_proto("static"), Some(4));
        assert_eq!(crate::ip::route::names::parse_proto("0x10"), Some(16));
        assert_eq!(crate::ip::route::names::parse_proto("frob"), None);
        assert_eq!(crate::ip::route::names::proto_name(99, false), "openr");
        assert_eq!(crate::ip::route::names::proto_name(99, true), "99");
        assert_eq!(crate::ip::route::names::proto_name(250, false), "250");
    }

    fn entry(dst: &str, state: u16, stats: bool) -> NeighbourMessage {
        let mut n = NeighbourMessage::default();
        let a: IpAddr = dst.parse().unwrap();
        n.header.family = if a.is_ipv4() { AF_INET } else { AF_INET6 }.into();
        n.header.ifindex = 3;
        n.header.state = state.into();
        n.attributes.push(NeighbourAttribute::Destination(a.into()));
        n.attributes.push(NeighbourAttribute::LinkLayerAddress(vec![
            2, 0, 0, 0, 0, 0x99,
        ]));
        if stats {
            // confirmed 6000, used 0, updated 0, refcnt 1
            let mut b = Vec::new();
            for v in [6000u32, 0, 0, 1] {
                b.extend_from_slice(&v.to_ne_bytes());
            }
            n.attributes.push(NeighbourAttribute::CacheInfo(
                NeighbourCacheInfo::parse(&b).unwrap(),
            ));
            n.attributes.push(NeighbourAttribute::Probes(0));
        }
        n
    }

    fn render(json: bool, stats: u32, brief: bool, n: &NeighbourMessage) -> String {
        let mut o = super::super::Opts {
            stats,
            brief,
            json,
            ..Default::default()
        };
        o.family = AF_UNSPEC;
        let mut ip = Ip::new(o);
        ip.p = Printer::capture(json, false, false);
        ip.cache_name(3, "v0");
        let f = Filter::default();
        ip.p.start_doc();
        print_neigh(&mut ip, &f, n);
        ip.p.end_doc();
        ip.p.captured().to_string()
    }

    #[test]
    fn printing() {
        let n = entry("10.0.0.7", NUD_STALE, true);
        assert_eq!(
            render(false, 0, false, &n),
            "10.0.0.7 dev v0 lladdr 02:00:00:00:00:99 STALE \n"
        );
        assert_eq!(
            render(false, 1, false, &n),
            "10.0.0.7 dev v0 lladdr 02:00:00:00:00:99  ref 1 used 0/60/0probes 0 STALE \n"
        );
        assert_eq!(
            render(true, 1, false, &n),
            "[{\"dst\":\"10.0.0.7\",\"dev\":\"v0\",\"lladdr\":\"02:00:00:00:00:99\",\"refcnt\":1,\"used\":0,\"confirmed\":60,\"updated\":0,\"probes\":0,\"state\":[\"STALE\"]}]\n"
        );
        let n = entry("2001:db8::9", NUD_PERMANENT, false);
        assert_eq!(
            render(false, 0, true, &n),
            format!("{:<40}{:<17}02:00:00:00:00:99\n", "2001:db8::9", "v0")
        );
    }

    #[test]
    fn filters() {
        let mut f = Filter {
            state: NUD_ALL & !NUD_NOARP,
            ..Default::default()
        };
        assert!(selected(&f, &entry("10.0.0.7", NUD_STALE, false)));
        assert!(!selected(&f, &entry("10.0.0.6", NUD_NOARP, false)));
        assert!(!selected(&f, &entry("10.0.0.6", 0, false)));
        f.none = true;
        assert!(selected(&f, &entry("10.0.0.6", 0, false)));
        f.prefix = Some(common::get_prefix("10.0.0.8/31", AF_UNSPEC).unwrap());
        assert!(!selected(&f, &entry("10.0.0.7", NUD_STALE, false)));
        assert!(selected(&f, &entry("10.0.0.9", NUD_STALE, false)));
        assert!(!selected(&f, &entry("2001:db8::9", NUD_STALE, false)));
        f.unused = true;
        assert!(!selected(&f, &entry("10.0.0.9", NUD_STALE, true)));
    }
}
