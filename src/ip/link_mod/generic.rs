//! The generic options of `ip link add | set | replace | delete` (and of a
//! veth peer): one typed `LinkMessage`, read as iproute2 6.1 reads them
//! (keyword order decides what a prefix means; its messages, exit codes
//! and order of checks).

use std::fs::File;
use std::os::fd::AsRawFd;

use netlink_packet_route::link::{
    AfSpecInet6, AfSpecUnspec, In6AddrGenMode, LinkAttribute, LinkFlags, LinkMessage, LinkMode,
    LinkProtocolDownReason, LinkXdp, State,
};
use netlink_packet_route::RouteNetlinkMessage;

use super::util::*;
use super::{help, raw, vf};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::ip::Ip;

/// What the command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Add,
    Replace,
    Set,
    Delete,
}

impl Mode {
    pub fn create(self) -> bool {
        matches!(self, Mode::Add | Mode::Replace)
    }
}

/// The generic part of one link request (the device's own, or a veth
/// peer's), as parsed.
pub struct Req {
    pub msg: LinkMessage,
    /// the device named (positional or `dev`)
    pub dev: Option<String>,
    /// `name NAME`
    pub name: Option<String>,
    /// `type KIND`
    pub kind: Option<String>,
    /// `group G` given without a device: the group selects the devices
    pub group: Option<u32>,
    /// netns files that must stay open until the request is sent
    pub fds: Vec<File>,
    addr_len: Option<usize>,
}

/// `netns NAME|PID`: the namespace file (kept open) or a pid.
fn netns_attr(v: &str, fds: &mut Vec<File>, key: &str) -> Result<LinkAttribute> {
    let path = if v.contains('/') {
        v.to_string()
    } else {
        format!("{}/{}", crate::netns::NETNS_RUN_DIR, v)
    };
    if let Ok(f) = File::open(crate::cli::fs_path(&path)) {
        let fd = f.as_raw_fd();
        fds.push(f);
        return Ok(LinkAttribute::NetNsFd(fd));
    }
    match get_integer(v) {
        Some(pid) => Ok(LinkAttribute::NetNsPid(pid as u32)),
        None => Err(invarg_nl(&format!("Invalid \"{key}\" value"), v)),
    }
}

/// The generic keywords of `ip link add/set/delete`, in iproute2's order.
const KEYWORDS: &[Kw] = &[
    x("up"),
    x("down"),
    x("name"),
    x("index"),
    p("link"),
    p("address"),
    p("broadcast"),
    x("brd"),
    p("txqueuelen"),
    x("qlen"),
    p("txqlen"),
    x("mtu"),
    x("xdpgeneric"),
    x("xdpdrv"),
    x("xdpoffload"),
    x("xdp"),
    x("netns"),
    x("multicast"),
    x("allmulticast"),
    x("promisc"),
    x("trailers"),
    x("arp"),
    x("carrier"),
    x("vf"),
    p("master"),
    x("vrf"),
    p("nomaster"),
    p("dynamic"),
    p("type"),
    p("alias"),
    x("group"),
    x("mode"),
    x("state"),
    p("numtxqueues"),
    p("numrxqueues"),
    p("addrgenmode"),
    p("link-netns"),
    p("link-netnsid"),
    x("protodown"),
    x("protodown_reason"),
    x("gso_max_size"),
    x("gso_max_segs"),
    x("gro_max_size"),
    x("parentdev"),
];

const XDP_FLAGS_UPDATE_IF_NOEXIST: u32 = 1;
const XDP_FLAGS_SKB_MODE: u32 = 2;
const XDP_FLAGS_DRV_MODE: u32 = 4;
const XDP_FLAGS_HW_MODE: u32 = 8;

/// A protodown reason: a bit number 0-31 or a name from
/// /etc/iproute2/protodown_reasons.d/*.conf.
fn protodown_reason(v: &str) -> Option<u32> {
    if let Some(n) = crate::cli::parse_u32(v) {
        return (n < 32).then_some(n);
    }
    let dir = std::fs::read_dir("/etc/iproute2/protodown_reasons.d").ok()?;
    for ent in dir.flatten() {
        let text = std::fs::read_to_string(ent.path()).unwrap_or_default();
        for line in text.lines() {
            let mut it = line.split_whitespace();
            if let (Some(n), Some(name)) = (it.next(), it.next()) {
                if name == v && !n.starts_with('#') {
                    return crate::cli::parse_u32(n).filter(|n| *n < 32);
                }
            }
        }
    }
    None
}

fn set_flag(msg: &mut LinkMessage, flag: LinkFlags, on: bool) {
    msg.header.change_mask |= flag;
    if on {
        msg.header.flags |= flag;
    } else {
        msg.header.flags.remove(flag);
    }
}

/// iproute2's duplicate check for options that may be given once.
fn once(seen: &mut Vec<&'static str>, key: &'static str, v: &str) -> Result<()> {
    if seen.contains(&key) {
        return Err(Error::duparg(key, v));
    }
    seen.push(key);
    Ok(())
}

fn operstate(v: &str) -> Option<State> {
    Some(match v.to_ascii_uppercase().as_str() {
        "UNKNOWN" => State::Unknown,
        "NOTPRESENT" => State::NotPresent,
        "DOWN" => State::Down,
        "LOWERLAYERDOWN" => State::LowerLayerDown,
        "TESTING" => State::Testing,
        "DORMANT" => State::Dormant,
        "UP" => State::Up,
        _ => return None,
    })
}

/// Read the generic options up to `type KIND` (taken too) or the end.
/// Without `create`, the device (or group) is required and looked up here,
/// before the kind's options are read, as iproute2 does.
pub fn parse(ip: &mut Ip, a: &mut Args, mode: Mode, kind_given: bool) -> Result<Req> {
    let mut req = Req {
        msg: LinkMessage::default(),
        dev: None,
        name: None,
        kind: None,
        group: None,
        fds: Vec::new(),
        addr_len: None,
    };
    let mut attrs: Vec<LinkAttribute> = Vec::new();
    let (mut mtu, mut qlen, mut netns, mut group) = (false, false, false, None::<u32>);
    let mut index: Option<i32> = None;
    let mut seen: Vec<&'static str> = Vec::new();
    let mut link: Option<String> = None;
    while let Some(w) = a.next() {
        let Some(k) = keyword(&w, KEYWORDS) else {
            if matches(&w, "help") {
                return Err(help::usage());
            }
            let v = if w == "dev" { a.value()? } else { w };
            if req.dev.is_some() {
                return Err(Error::duparg2("dev", &v));
            }
            if !valid_altifname(&v) {
                return Err(Error::invarg("\"dev\" not a valid ifname", &v));
            }
            req.dev = Some(v);
            continue;
        };
        match k {
            "up" => set_flag(&mut req.msg, LinkFlags::Up, true),
            "down" => set_flag(&mut req.msg, LinkFlags::Up, false),
            "name" => {
                let v = a.value()?;
                if req.name.is_some() {
                    return Err(Error::duparg("name", &v));
                }
                if !valid_ifname(&v) {
                    return Err(Error::invarg("\"name\" not a valid ifname", &v));
                }
                req.name = Some(v);
            }
            "index" => {
                let v = a.value()?;
                once(&mut seen, "index", &v)?;
                // a long stored in an int (high bits dropped)
                match crate::cli::parse_long_as_int(&v) {
                    Some(i) if i > 0 => index = Some(i),
                    _ => return Err(Error::invarg("Invalid \"index\" value", &v)),
                }
            }
            "link" => link = Some(a.value()?),
            "address" => {
                let v = lladdr(&a.value()?)?;
                req.addr_len = Some(v.len());
                attrs.push(LinkAttribute::Address(v));
            }
            "broadcast" | "brd" => attrs.push(LinkAttribute::Broadcast(lladdr(&a.value()?)?)),
            "txqueuelen" | "qlen" | "txqlen" => {
                let v = a.value()?;
                if qlen {
                    return Err(Error::duparg("txqueuelen", &v));
                }
                let n =
                    get_integer(&v).ok_or_else(|| invarg_nl("Invalid \"txqueuelen\" value", &v))?;
                qlen = true;
                attrs.push(LinkAttribute::TxQueueLen(n as u32));
            }
            "mtu" => {
                let v = a.value()?;
                if mtu {
                    return Err(Error::duparg("mtu", &v));
                }
                let n = get_integer(&v).ok_or_else(|| invarg_nl("Invalid \"mtu\" value", &v))?;
                mtu = true;
                attrs.push(LinkAttribute::Mtu(n as u32));
            }
            "netns" => {
                let v = a.value()?;
                if netns {
                    return Err(Error::duparg("netns", &v));
                }
                attrs.push(netns_attr(&v, &mut req.fds, "netns")?);
                netns = true;
            }
            "multicast" | "allmulticast" | "promisc" | "trailers" | "arp" | "dynamic" => {
                let on = on_off(k, &a.value()?)?;
                let (flag, set) = match k {
                    "multicast" => (LinkFlags::Multicast, on),
                    "allmulticast" => (LinkFlags::Allmulti, on),
                    "promisc" => (LinkFlags::Promisc, on),
                    "trailers" => (LinkFlags::Notrailers, !on),
                    "arp" => (LinkFlags::Noarp, !on),
                    _ => (LinkFlags::Dynamic, on),
                };
                set_flag(&mut req.msg, flag, set);
            }
            "carrier" => {
                let on = on_off_strict("carrier", &a.value()?)?;
                attrs.push(LinkAttribute::Carrier(on as u8));
            }
            "protodown" => {
                let on = on_off_strict("protodown", &a.value()?)?;
                attrs.push(LinkAttribute::ProtoDown(on as u8));
            }
            "master" => {
                let v = a.value()?;
                let i = crate::ip::common::link_index(ip, &v)?
                    .ok_or_else(|| invarg_nl("Device does not exist", &v))?;
                attrs.push(LinkAttribute::Controller(i));
            }
            "vrf" => {
                let v = a.value()?;
                return Err(invarg_nl("Not a valid VRF name", &v));
            }
            "nomaster" => attrs.push(LinkAttribute::Controller(0)),
            "type" => {
                // a second `type` (in a veth peer) is refused after the
                // device lookup below, as iproute2 checks it
                req.kind = Some(a.value()?);
                break;
            }
            "alias" => {
                let v = a.value()?;
                if v.len() >= 256 {
                    return Err(invarg_nl("alias too long", &v));
                }
                attrs.push(raw::attr(raw::IFLA_IFALIAS, v.as_bytes()));
            }
            "group" => {
                let v = a.value()?;
                if group.is_some() {
                    return Err(Error::duparg("group", &v));
                }
                group =
                    Some(group_a2n(&v).ok_or_else(|| invarg_nl("Invalid \"group\" value", &v))?);
            }
            "mode" => {
                let v = a.value()?;
                let m = match v.as_str() {
                    "default" => LinkMode::Default,
                    "dormant" => LinkMode::Dormant,
                    _ => return Err(invarg_nl("Invalid link mode", &v)),
                };
                attrs.push(LinkAttribute::Mode(m));
            }
            "state" => {
                let v = a.value()?;
                let s = operstate(&v).ok_or_else(|| invarg_nl("Invalid operstate", &v))?;
                attrs.push(LinkAttribute::OperState(s));
            }
            "numtxqueues" | "numrxqueues" => {
                let v = a.value()?;
                once(&mut seen, k, &v)?;
                let n = get_integer(&v)
                    .ok_or_else(|| invarg_nl(&format!("Invalid \"{k}\" value"), &v))?;
                attrs.push(if k == "numtxqueues" {
                    LinkAttribute::NumTxQueues(n as u32)
                } else {
                    LinkAttribute::NumRxQueues(n as u32)
                });
            }
            "addrgenmode" => {
                let v = a.value()?;
                let m = match v.as_str() {
                    "eui64" => In6AddrGenMode::Eui64,
                    "none" => In6AddrGenMode::None,
                    "stable_secret" => In6AddrGenMode::StablePrivacy,
                    "random" => In6AddrGenMode::Random,
                    _ => return Err(invarg_nl("Invalid address generation mode", &v)),
                };
                attrs.push(LinkAttribute::AfSpecUnspec(vec![AfSpecUnspec::Inet6(
                    vec![AfSpecInet6::AddrGenMode(m)],
                )]));
            }
            "link-netns" => {
                let v = a.value()?;
                once(&mut seen, "link-netns/link-netnsid", &v)?;
                let id = link_netnsid(ip, &v)?;
                attrs.push(LinkAttribute::LinkNetNsId(id));
            }
            "link-netnsid" => {
                let v = a.value()?;
                once(&mut seen, "link-netns/link-netnsid", &v)?;
                let id = get_integer(&v)
                    .ok_or_else(|| invarg_nl("Invalid \"link-netnsid\" value", &v))?;
                attrs.push(LinkAttribute::LinkNetNsId(id));
            }
            "gso_max_size" | "gso_max_segs" | "gro_max_size" => {
                let v = a.value()?;
                let n = crate::cli::parse_u32(&v)
                    .ok_or_else(|| invarg_nl(&format!("Invalid \"{k}\" value"), &v))?;
                attrs.push(match k {
                    "gso_max_size" => LinkAttribute::GsoMaxSize(n),
                    "gso_max_segs" => LinkAttribute::GsoMaxSegs(n),
                    _ => LinkAttribute::GroMaxSize(n),
                });
            }
            "parentdev" => {
                let v = a.value()?;
                attrs.push(raw::attr_str(raw::IFLA_PARENT_DEV_NAME, &v));
            }
            "xdp" | "xdpgeneric" | "xdpdrv" | "xdpoffload" => {
                let v = a.value()?;
                if v != "off" {
                    if matches!(v.as_str(), "object" | "obj" | "pinned") {
                        // loading BPF programs needs libbpf: not in rip
                        return Err(fail(format!("rip: \"{k} {v}\" is not supported")));
                    }
                    return Err(Error::arg(format!("What mode is \"{v}\"?")));
                }
                let mode = match k {
                    "xdpgeneric" => XDP_FLAGS_SKB_MODE,
                    "xdpdrv" => XDP_FLAGS_DRV_MODE,
                    "xdpoffload" => XDP_FLAGS_HW_MODE,
                    _ => 0,
                };
                attrs.push(LinkAttribute::Xdp(vec![
                    LinkXdp::Fd(-1),
                    LinkXdp::Flags(XDP_FLAGS_UPDATE_IF_NOEXIST | mode),
                ]));
            }
            "protodown_reason" => {
                let v = a.value()?;
                let r = protodown_reason(&v)
                    .ok_or_else(|| invarg_nl("invalid protodown reason", &v))?;
                let on = on_off("protodown_reason", &a.value()?)?;
                attrs.push(LinkAttribute::ProtoDownReason(vec![
                    LinkProtocolDownReason::Mask(1 << r),
                    LinkProtocolDownReason::Value(if on { 1 << r } else { 0 }),
                ]));
            }
            _ => attrs.push(vf::parse(a)?), // "vf"
        }
    }

    if mode.create() {
        if let (Some(n), Some(d)) = (&req.name, &req.dev) {
            if n != d {
                return Err(Error::arg(
                    "both \"name\" and \"dev\" cannot be used when creating devices.",
                ));
            }
        }
    } else if req.dev.is_none() {
        req.dev = req.name.clone();
    }
    if req.dev.is_none() && req.name.is_none() {
        // no device: the group selects the devices
        req.group = group;
    }
    if !mode.create() && req.dev.is_none() && group.is_none() {
        return Err(Error::arg(
            "Not enough information: \"dev\" argument is required.",
        ));
    }
    // set/delete: the device as the kernel has it (an address must fit it)
    let found = match (&req.dev, mode.create()) {
        (Some(dev), false) => crate::ip::common::get_link_by_name_or_alias(ip, dev)?,
        _ => None,
    };
    if let (Some(m), Some(len)) = (&found, req.addr_len) {
        let have = m.attributes.iter().find_map(|a| match a {
            LinkAttribute::Address(b) => Some(b.len()),
            _ => None,
        });
        if let Some(h) = have.filter(|h| *h != len) {
            return Err(fail(format!(
                "Invalid address length {len} - must be {h} bytes"
            )));
        }
    }
    if !mode.create() && index.is_some() && !netns {
        return Err(Error::arg(
            "index can be used only when creating devices or when moving device to another netns.",
        ));
    }
    match index {
        Some(i) if mode.create() => req.msg.header.index = i as u32,
        // moving to another netns: the index it gets there
        Some(i) => attrs.push(LinkAttribute::NewIfIndex(i)),
        None => {}
    }
    if let Some(g) = group {
        attrs.push(LinkAttribute::Group(g));
    }
    if mode.create() {
        if let Some(l) = link {
            let i = ip.ifindex(&l)?;
            attrs.insert(0, LinkAttribute::Link(i));
        }
        if let Some(n) = req.name.clone().or_else(|| req.dev.clone()) {
            attrs.insert(0, LinkAttribute::IfName(n));
        }
    } else if let Some(dev) = req.dev.clone() {
        let Some(m) = found else {
            return Err(Error::NoDevice(dev));
        };
        req.msg.header.index = m.header.index;
        if let Some(n) = req.name.clone().filter(|n| *n != dev) {
            attrs.push(LinkAttribute::IfName(n));
        }
    }
    if kind_given {
        if let Some(k) = &req.kind {
            return Err(Error::duparg("type", k));
        }
    }
    req.msg.attributes = attrs;
    Ok(req)
}

/// `link-netns NAME`: the id this namespace has for NAME (RTM_GETNSID).
fn link_netnsid(ip: &mut Ip, v: &str) -> Result<i32> {
    use netlink_packet_route::nsid::{NsidAttribute, NsidMessage};
    let mut fds = Vec::new();
    let bad = || invarg_nl("Invalid \"link-netns\" value", v);
    let fd = match netns_attr(v, &mut fds, "link-netns") {
        Ok(LinkAttribute::NetNsFd(fd)) => fd as u32,
        _ => return Err(bad()),
    };
    let get = |ip: &mut Ip| -> Option<i32> {
        let mut m = NsidMessage::default();
        m.attributes.push(NsidAttribute::Fd(fd));
        match ip.nl().ok()?.get(RouteNetlinkMessage::GetNsId(m), 0).ok()? {
            RouteNetlinkMessage::NewNsId(r) => r.attributes.iter().find_map(|a| match a {
                NsidAttribute::Id(id) if *id >= 0 => Some(*id),
                _ => None,
            }),
            _ => None,
        }
    };
    if let Some(id) = get(ip) {
        return Ok(id);
    }
    // no id yet: let the kernel assign one, as iproute2 does
    let mut m = NsidMessage::default();
    m.attributes.push(NsidAttribute::Fd(fd));
    m.attributes.push(NsidAttribute::Id(-1));
    ip.nl()?.request(RouteNetlinkMessage::NewNsId(m), 0).map_err(|_| bad())?;
    get(ip).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_order() {
        assert_eq!(keyword("l", KEYWORDS), Some("link"));
        assert_eq!(keyword("link-", KEYWORDS), Some("link-netns"));
        assert_eq!(keyword("link-netnsi", KEYWORDS), Some("link-netnsid"));
        assert_eq!(keyword("a", KEYWORDS), Some("address"));
        assert_eq!(keyword("al", KEYWORDS), Some("alias"));
        assert_eq!(keyword("addrg", KEYWORDS), Some("addrgenmode"));
        assert_eq!(keyword("t", KEYWORDS), Some("txqueuelen"));
        assert_eq!(keyword("ty", KEYWORDS), Some("type"));
        assert_eq!(keyword("m", KEYWORDS), Some("master"));
        assert_eq!(keyword("mt", KEYWORDS), None);
        assert_eq!(keyword("n", KEYWORDS), Some("nomaster"));
        assert_eq!(keyword("nu", KEYWORDS), Some("numtxqueues"));
        assert_eq!(keyword("d", KEYWORDS), Some("dynamic"));
        assert_eq!(keyword("dev", KEYWORDS), None);
        assert_eq!(keyword("grou", KEYWORDS), None);
    }
}
