//! `ip link add | set | replace | delete` and `ip link help`.
//!
//! One parser (`parse`) reads the generic link options into a typed
//! `LinkMessage`, as iproute2 6.1 reads them (keyword order decides what a
//! prefix means; the reference's messages and exit codes). The words after
//! `type KIND` go to the kind's own parser (one file each). Then one
//! RTM_NEWLINK / RTM_DELLINK is sent: the kernel applies it whole or not at
//! all, so a failed command leaves nothing half made.

mod bridge;
mod bridge_slave;
mod help;
mod macvlan;
mod other;
mod property;
mod raw;
mod veth;
mod vf;
mod vxlan;

use std::fs::File;
use std::os::fd::AsRawFd;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE};
use netlink_packet_route::link::{
    AfSpecInet6, InfoData, AfSpecUnspec, In6AddrGenMode, InfoKind, LinkAttribute, LinkFlags, LinkInfo,
    LinkMessage, LinkMode, LinkProtocolDownReason, LinkXdp, State,
};
use netlink_packet_route::RouteNetlinkMessage;

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

/// What the command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Add,
    Replace,
    Set,
    Delete,
}

impl Mode {
    fn create(self) -> bool {
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

/// iproute2's keyword tables: first match in table order, `exact`
/// keywords only when spelled out.
pub struct Kw {
    pub word: &'static str,
    pub exact: bool,
}

pub const fn p(word: &'static str) -> Kw {
    Kw { word, exact: false }
}

pub const fn x(word: &'static str) -> Kw {
    Kw { word, exact: true }
}

/// The keyword `arg` stands for in `table`, if any.
pub fn keyword(arg: &str, table: &[Kw]) -> Option<&'static str> {
    table
        .iter()
        .find(|k| {
            if k.exact {
                arg == k.word
            } else {
                matches(arg, k.word)
            }
        })
        .map(|k| k.word)
}

/// A command's own failure, which iproute2 returns (exit 1; in a batch
/// `Command failed` follows and `-force` goes on), unlike its argument
/// errors, which exit at once.
pub fn fail(msg: impl Into<String>) -> Error {
    Error::msg(msg, 1)
}

/// `on|off` where iproute2 says `must be "on" or "off"` (exit 1).
pub fn on_off(key: &str, v: &str) -> Result<bool> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(fail(format!(
            "Error: argument of \"{key}\" must be \"on\" or \"off\", not \"{v}\""
        ))),
    }
}

/// `on|off` where iproute2 says `must be one of "off", "on"` (exit 22).
pub fn on_off_strict(key: &str, v: &str) -> Result<bool> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(Error::msg(
            format!("Error: argument of \"{key}\" must be one of \"off\", \"on\", not \"{v}\""),
            22,
        )),
    }
}

/// invarg() whose message ends with a newline in iproute2 (an empty line
/// follows the error).
pub fn invarg_nl(what: &str, arg: &str) -> Error {
    Error::invarg(&format!("{what}\n"), arg)
}

/// strtol-style `get_integer` (base 0, whole word, int range).
pub fn get_integer(s: &str) -> Option<i32> {
    crate::cli::parse_i32(s)
}

/// iproute2's ll_addr_a2n: colon-separated hex bytes, each read like
/// `sscanf("%x")`; `"X" is invalid lladdr.` (exit 1) names the bad part.
pub fn lladdr(s: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for part in s.split(':') {
        let bad = || fail(format!("\"{part}\" is invalid lladdr."));
        let t = part.trim_start();
        let t = t
            .strip_prefix("0x")
            .or_else(|| t.strip_prefix("0X"))
            .unwrap_or(t);
        let digits: String = t.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        if digits.is_empty() {
            return Err(bad());
        }
        let v = u64::from_str_radix(&digits, 16).unwrap_or(u64::MAX);
        if v > 255 {
            return Err(bad());
        }
        out.push(v as u8);
    }
    Ok(out)
}

/// check_ifname(): what `name` accepts.
pub fn valid_ifname(s: &str) -> bool {
    s.len() < 16 && valid_altifname(s)
}

/// check_altifname(): what a positional device name or `dev` accepts.
pub fn valid_altifname(s: &str) -> bool {
    !s.is_empty()
        && s.len() < 128
        && !s
            .chars()
            .any(|c| c == '/' || c == ':' || c.is_ascii_whitespace())
}

/// `netns NAME|PID`: the namespace file (kept open) or a pid.
fn netns_attr(v: &str, fds: &mut Vec<File>, key: &str) -> Result<LinkAttribute> {
    let path = if v.contains('/') {
        v.to_string()
    } else {
        format!("{}/{}", crate::netns::NETNS_RUN_DIR, v)
    };
    if let Ok(f) = File::open(&path) {
        let fd = f.as_raw_fd();
        fds.push(f);
        return Ok(LinkAttribute::NetNsFd(fd));
    }
    match get_integer(v) {
        Some(pid) => Ok(LinkAttribute::NetNsPid(pid as u32)),
        None => Err(invarg_nl(&format!("Invalid \"{key}\" value"), v)),
    }
}

/// `group` names: /etc/iproute2/group, `default`, or a number.
pub fn group_a2n(v: &str) -> Option<u32> {
    if let Some(n) = crate::cli::parse_u32(v) {
        return Some(n);
    }
    if v == "default" {
        return Some(0);
    }
    for file in ["/etc/iproute2/group", "/usr/share/iproute2/group"] {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let mut it = line.split_whitespace();
            if let (Some(n), Some(name)) = (it.next(), it.next()) {
                if name == v {
                    return crate::cli::parse_u32(n);
                }
            }
        }
    }
    None
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
                match get_integer(&v) {
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
                let i = super::common::link_index(ip, &v)?
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
        return Err(Error::arg("Not enough information: \"dev\" argument is required."));
    }
    // set/delete: the device as the kernel has it (an address must fit it)
    let found = match (&req.dev, mode.create()) {
        (Some(dev), false) => super::common::get_link_by_name(ip, dev)?,
        _ => None,
    };
    if let (Some(m), Some(len)) = (&found, req.addr_len) {
        let have = m.attributes.iter().find_map(|a| match a {
            LinkAttribute::Address(b) => Some(b.len()),
            _ => None,
        });
        if let Some(h) = have.filter(|h| *h != len) {
            return Err(fail(format!("Invalid address length {len} - must be {h} bytes")));
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
        Ok(LinkAttribute::NetNsFd(fd)) => fd,
        _ => return Err(bad()),
    };
    let mut m = NsidMessage::default();
    m.attributes.push(NsidAttribute::Fd(fd as u32));
    let reply = ip
        .nl()?
        .get(RouteNetlinkMessage::GetNsId(m), 0)
        .map_err(|_| bad())?;
    if let RouteNetlinkMessage::NewNsId(r) = reply {
        for a in r.attributes {
            if let NsidAttribute::Id(id) = a {
                if id >= 0 {
                    return Ok(id);
                }
            }
        }
    }
    Err(bad())
}

/// A kind's parser failed on `word`: `KIND: unknown WHAT "word"?` and the
/// kind's usage, on stderr, exit 1.
pub fn unknown(kind: &str, what: &str, word: &str) -> Error {
    fail(format!(
        "{kind}: unknown {what} \"{word}\"?\n{}",
        help::chomp(help::text(kind).unwrap_or(""))
    ))
}

/// A kind's `help` (or a word its parser does not take): its usage on
/// stderr, exit 1; veth and vxcan print theirs on stdout.
pub fn kind_usage(kind: &str) -> Error {
    let text = help::text(kind).unwrap_or("");
    if matches!(kind, "veth" | "vxcan") {
        print!("{text}");
        return Error::Exit(1);
    }
    fail(help::chomp(text))
}

/// The `IFLA_LINKINFO` of `type KIND [ARGS]`.
fn link_info(
    ip: &mut Ip,
    kind: &str,
    a: &mut Args,
    mode: Mode,
    req: &mut Req,
) -> Result<Vec<LinkInfo>> {
    let mut info = vec![LinkInfo::Kind(InfoKind::Other(kind.to_string()))];
    if let Some(k) = kind_of(kind) {
        info[0] = LinkInfo::Kind(k);
    }
    if a.is_empty() {
        return Ok(info);
    }
    match kind {
        "veth" => info.push(veth::parse(ip, a, mode, &mut req.fds)?),
        "bridge" => info.push(bridge::parse(a)?),
        "bridge_slave" => info.push(bridge_slave::parse(ip, a)?),
        "macvlan" | "macvtap" => info.push(macvlan::parse(kind, a, mode)?),
        "vxlan" => info.push(vxlan::parse(ip, a, mode)?),
        k if other::knows(k) => {
            if other::parse(k, a)? {
                // the kind's data (the kernel refuses the kind, or a
                // device of another kind, either way)
                info.push(LinkInfo::Data(InfoData::Other(Vec::new())));
            }
        }
        _ => {
            let w = a.peek().unwrap_or_default();
            if matches(w, "help") {
                return Err(help::usage());
            }
            return Err(fail(format!(
                "Garbage instead of arguments \"{w} ...\". Try \"ip link help\"."
            )));
        }
    }
    Ok(info)
}

/// The crate's name for the kinds rip builds data for.
fn kind_of(kind: &str) -> Option<InfoKind> {
    Some(match kind {
        "veth" => InfoKind::Veth,
        "bridge" => InfoKind::Bridge,
        "macvlan" => InfoKind::MacVlan,
        "macvtap" => InfoKind::MacVtap,
        "vxlan" => InfoKind::Vxlan,
        _ => return None,
    })
}

/// Parse a whole command and send it.
fn modify(ip: &mut Ip, mut a: Args, mode: Mode) -> Result<()> {
    let mut req = parse(ip, &mut a, mode, false)?;
    if req.group.is_some() {
        // a group of devices takes no kind options, and makes nothing
        if req.kind.is_some() {
            if let Some(w) = a.peek() {
                return Err(Error::arg(format!(
                    "Garbage instead of arguments \"{w} ...\". Try \"ip link help\"."
                )));
            }
        }
        if mode.create() {
            return Err(Error::arg("group cannot be used when creating devices."));
        }
    }
    if let Some(kind) = req.kind.clone() {
        let info = link_info(ip, &kind, &mut a, mode, &mut req)?;
        req.msg.attributes.push(LinkAttribute::LinkInfo(info));
    } else if mode.create() {
        return Err(fail(
            "Not enough information: \"type\" argument is required",
        ));
    }
    let flags = match mode {
        Mode::Add => NLM_F_CREATE | NLM_F_EXCL,
        Mode::Replace => NLM_F_CREATE | NLM_F_REPLACE,
        Mode::Set | Mode::Delete => 0,
    };
    let msg = if mode == Mode::Delete {
        RouteNetlinkMessage::DelLink(req.msg)
    } else {
        RouteNetlinkMessage::NewLink(req.msg)
    };
    let r = ip.nl()?.request(msg, flags);
    drop(req.fds);
    r
}

pub fn add(ip: &mut Ip, args: Args) -> Result<()> {
    modify(ip, args, Mode::Add)
}

pub fn set(ip: &mut Ip, args: Args) -> Result<()> {
    modify(ip, args, Mode::Set)
}

pub fn replace(ip: &mut Ip, args: Args) -> Result<()> {
    modify(ip, args, Mode::Replace)
}

pub fn delete(ip: &mut Ip, args: Args) -> Result<()> {
    modify(ip, args, Mode::Delete)
}

/// `ip link property add|del ...`.
pub fn property(ip: &mut Ip, args: Args) -> Result<()> {
    property::run(ip, args)
}

/// `ip link help [TYPE]`: a kind's usage on stdout (exit 0), else the
/// link usage on stderr (exit 255).
pub fn help(_ip: &mut Ip, mut args: Args) -> Result<()> {
    if let Some(t) = args.next() {
        if let Some(text) = help::text(&t).filter(|_| t != "link") {
            print!("{text}");
            return Ok(());
        }
    }
    Err(help::usage())
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

    #[test]
    fn lladdr_parts() {
        assert_eq!(
            lladdr("02:00:00:00:00:0a").unwrap(),
            vec![2, 0, 0, 0, 0, 10]
        );
        assert_eq!(lladdr("2:0:0:0:0:1").unwrap(), vec![2, 0, 0, 0, 0, 1]);
        let e = lladdr("zz:00:00:00:00:01").unwrap_err();
        assert_eq!(e.to_string(), "\"zz\" is invalid lladdr.");
        assert_eq!(e.exit_code(), 1);
        assert!(lladdr("100:00").is_err());
    }

    #[test]
    fn names() {
        assert!(valid_ifname("abcdefghijklmno"));
        assert!(!valid_ifname("abcdefghijklmnop"));
        assert!(valid_altifname("abcdefghijklmnopqrst"));
        assert!(!valid_altifname("a/b"));
        assert!(!valid_altifname("a b"));
        assert!(!valid_altifname(""));
    }

    #[test]
    fn messages() {
        let e = invarg_nl("Invalid \"mtu\" value", "abc");
        assert_eq!(
            e.to_string(),
            "Error: argument \"abc\" is wrong: Invalid \"mtu\" value\n"
        );
        assert_eq!(on_off_strict("carrier", "x").unwrap_err().exit_code(), 22);
        assert_eq!(on_off("arp", "x").unwrap_err().exit_code(), 1);
    }
}
