//! `ip link show | list | ls`: the link printer, also used by `ip addr show`.
//!
//! # Interface for other commands (`ip addr show`)
//!
//! * [`LinkFilter`] holds the link selectors shared by `ip link show` and
//!   `ip addr show` (`dev`, `up`, `master`, `nomaster`, `vrf`, `type`,
//!   `group`); [`parse_selector`] reads one of them from the command line
//!   (returns `Ok(false)` when the word is none of them, so the caller can
//!   try its own keywords or take the word as a device name);
//!   [`check_dev`] turns an unknown `dev` into the reference's
//!   `Device "X" does not exist.` (exit 1).
//! * [`each_link`]`(ip, &filter, each)` hands the selected links (one
//!   RTM_GETLINK for a `dev`, else a dump filtered by the kernel and
//!   here) to `each`, in kernel order, as the dump goes (a link waits
//!   only for the links it names), as [`Listed`] (`l.msg()` decodes one);
//!   `l.shown == false` marks a link the reference represents by an empty
//!   JSON object `{}` only: print `ip.p.open_obj(Ctx::Json, "");
//!   ip.p.close_obj(Ctx::Json)` for it, nothing in text. It remembers
//!   every link's name and flags for the `@peer` names and `M-DOWN`.
//!   Statistics are requested only with `-s`; the messages keep only what
//!   the printer reads (linkinfo only with `-d` or the filter's
//!   `keep_kind`). The filter's `family` asks for that family's link
//!   dump instead (`ip -6 addr`); `l.index()` reads the ifindex without
//!   decoding.
//! * [`print_link`]`(ip, &msg, &LinkPrintOpts)` prints one link as text,
//!   `-br`, `-o` or JSON (through `ip.p`). With `for_addr` it prints what
//!   `ip addr` shows of a link: no `mode`, no `addrgenmode`, no alias
//!   (unless `-d`), no statistics; with `-br` only the name and state
//!   columns. With `open` the entry is left open for the caller's
//!   addresses: the JSON object is not closed (append `addr_info`, then
//!   [`print_stats`] if `-s`, then `ip.p.close_obj(Ctx::Json)`), and in
//!   `-br` mode the line is not ended (the caller prints its addresses
//!   and `"\n"`). In full text mode the link's last line always ends with
//!   `"\n"`, so addresses follow on their own lines. With
//!   `family_filtered` (`ip addr` under `-4`, `-6`, `to PREFIX`) there is
//!   no `link/...` line unless `-d`. A message without a queue length
//!   (the IPv6 link dump) gets it from SIOCGIFTXQLEN.
//! * [`show`]`(ip, &filter)` is all of `ip link show` after parsing.
//!   After a link list in the same batch (`ip.do_link`), [`print_link`]
//!   prints `ip addr`'s links with `mode`, alias and `-s` counters as
//!   `ip link` does ([`link_mode`]).
//! * [`print_stats`]`(ip, &msg, lead)` prints the `-s` counters (text
//!   rows or the `stats64` JSON object); `lead: false` is the `ip addr`
//!   layout (each row ends with a newline). A message without counters
//!   (the IPv6 link dump) has them fetched (one RTM_GETLINK).
//! * The name tables (`tables`: IFF flags, operstates, link modes, link
//!   types, groups) and `kinds` (linkinfo details) are public too.

pub mod kinds;
pub mod stats;
pub mod tables;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use netlink_packet_route::link::{
    AfSpecInet6, AfSpecUnspec, InfoKind, LinkAttribute, LinkExtentMask, LinkInfo, LinkMessage, Prop,
};
use netlink_packet_route::nsid::{NsidAttribute, NsidMessage};
use netlink_packet_route::RouteNetlinkMessage;

pub use stats::print_stats;

use super::common::{fmt_lladdr, msg_ifname};
use super::{IndexMap, Ip};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::rtm::RTM_GETLINK;
use crate::nl::{attrs, cstr, put_attr, u32_ne};
use crate::print::{Color, Ctx};

const A: Ctx = Ctx::Any;

/// `master` / `nomaster` selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MasterSel {
    /// links enslaved to this ifindex
    Index(u32),
    /// links without a master
    None,
}

/// The link selectors of `ip link show` and `ip addr show`.
#[derive(Debug, Clone, Default)]
pub struct LinkFilter {
    /// `dev NAME` or a bare name
    pub dev: Option<String>,
    /// its ifindex, once resolved by [`check_dev`]
    pub index: Option<u32>,
    /// `up`: only links that are administratively up
    pub up: bool,
    pub master: Option<MasterSel>,
    /// `type KIND` (`KIND_slave` selects ports of that kind of master)
    pub kind: Option<String>,
    /// `group G`
    pub group: Option<u32>,
    /// show nothing (e.g. `label` in `ip link show`)
    pub nothing: bool,
    /// not a selector: keep the link kinds (IFLA_LINKINFO) in the listed
    /// messages even without `-d` (`ip addr`'s selectors read them)
    pub keep_kind: bool,
    /// not a selector: dump the links of this address family (`ip addr`
    /// under `-4`/`-6`; the IPv6 dump carries less, and the reference
    /// prints that); 0 for the ordinary dump. Ignored with a `dev`.
    pub family: u8,
}

/// How [`print_link`] prints a link.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkPrintOpts {
    /// `ip addr` layout: no `mode`, `addrgenmode` or stats, the alias only
    /// with `-d`; `-br` prints only name and state.
    pub for_addr: bool,
    /// leave the JSON object open / the `-br` line unended.
    pub open: bool,
    /// `ip addr` under an address family (`-4`, `-6`, `to PREFIX`):
    /// without `-d` no `link/...` line, so `link-netns` ends the first
    /// line.
    pub family_filtered: bool,
    /// an RTM_DELLINK (`-echo`, `ip monitor`): `Deleted ` first
    pub deleted: bool,
    /// a link printed as an event (`-echo`, `ip monitor`): the `ip addr`
    /// layout without the queue length; IFLA_EVENT (`event NAME`) and a
    /// move to another namespace (`new-netns`, `new-ifindex`) shown.
    pub event: bool,
}

thread_local! {
    /// ifindex → (name, flags) of the links seen in this command.
    static PEERS: RefCell<IndexMap<(Rc<str>, u32)>> = RefCell::new(IndexMap::default());
    /// nsid → name of the namespaces in /run/netns, filled on first use
    /// and kept for the whole process: in a batch the reference shows a
    /// namespace added after that as `link-netnsid N`.
    static NSNAMES: RefCell<Option<HashMap<i32, String>>> = const { RefCell::new(None) };
}

/// Remember a link's name and flags (for `@peer` and M-DOWN) and its
/// name (for every printer's lookups): one copy of the name for both.
fn remember(ip: &mut Ip, index: u32, name: &str, flags: u32) -> Rc<str> {
    let n: Rc<str> = name.into();
    PEERS.with(|p| p.borrow_mut().insert(index, (n.clone(), flags)));
    ip.cache_name(index, n.clone());
    n
}

/// Name and flags of a link by index (cached; one RTM_GETLINK otherwise).
fn peer(ip: &mut Ip, index: u32) -> Option<(Rc<str>, u32)> {
    if let Some(v) = PEERS.with(|p| p.borrow().get(&index).cloned()) {
        return Some(v);
    }
    let m = super::common::get_link_by_index(ip, index).ok().flatten()?;
    let flags = m.header.flags.bits();
    Some((remember(ip, index, msg_ifname(&m)?, flags), flags))
}

/// Name of a link by index, `ifN` when there is none.
pub fn index_name(ip: &mut Ip, index: u32) -> String {
    peer(ip, index).map(|p| p.0.to_string()).unwrap_or_else(|| format!("if{index}"))
}

/// The name of the namespace that has id `nsid` here, found by asking the
/// kernel for the id of every namespace in /run/netns.
pub fn nsid_name(ip: &mut Ip, nsid: i32) -> Option<String> {
    let known = NSNAMES.with(|n| n.borrow().is_some());
    if !known {
        let mut map = HashMap::new();
        if let Ok(rd) = std::fs::read_dir(crate::netns::NETNS_RUN_DIR) {
            for e in rd.flatten() {
                let name = crate::cli::string_of_os(&e.file_name());
                let Ok(f) = std::fs::File::open(e.path()) else { continue };
                use std::os::fd::AsRawFd;
                let mut req = NsidMessage::default();
                req.attributes.push(NsidAttribute::Fd(f.as_raw_fd() as u32));
                let Ok(nl) = ip.nl() else { break };
                if let Ok(RouteNetlinkMessage::NewNsId(r)) = nl.get(RouteNetlinkMessage::GetNsId(req), 0) {
                    for a in r.attributes {
                        if let NsidAttribute::Id(id) = a {
                            if id >= 0 {
                                map.entry(id).or_insert(name.clone());
                            }
                        }
                    }
                }
            }
        }
        NSNAMES.with(|n| *n.borrow_mut() = Some(map));
    }
    NSNAMES.with(|n| n.borrow().as_ref().and_then(|m| m.get(&nsid).cloned()))
}

/// Read one link selector at `word` (already taken from `args`).
/// `Ok(false)`: not a selector.
pub fn parse_selector(ip: &mut Ip, f: &mut LinkFilter, word: &str, args: &mut Args) -> Result<bool> {
    if word == "dev" {
        let v = args.value()?;
        set_dev(f, v)?;
    } else if word == "up" {
        f.up = true;
    } else if word == "master" {
        let v = args.value()?;
        match super::common::link_index(ip, &v)? {
            Some(i) => f.master = Some(MasterSel::Index(i)),
            None => return Err(Error::invarg("Device does not exist\n", &v)),
        }
    } else if word == "vrf" {
        let v = args.value()?;
        let m = super::common::get_link_by_name(ip, &v)?;
        let is_vrf = m.as_ref().map(|m| link_kind(m).as_deref() == Some("vrf")).unwrap_or(false);
        match (m, is_vrf) {
            (Some(m), true) => f.master = Some(MasterSel::Index(m.header.index)),
            _ => return Err(Error::invarg("Not a valid VRF name\n", &v)),
        }
    } else if word == "nomaster" {
        f.master = Some(MasterSel::None);
    } else if word == "type" {
        let v = args.value()?;
        f.kind = Some(v);
    } else if word == "group" {
        let v = args.value()?;
        match tables::group_parse(&v) {
            Some(g) => f.group = Some(g),
            None => return Err(Error::invarg("Invalid \"group\" value\n", &v)),
        }
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// Take `name` as the device; a second one is an error.
pub fn set_dev(f: &mut LinkFilter, name: String) -> Result<()> {
    if f.dev.is_some() {
        return Err(Error::duparg2("dev", &name));
    }
    f.dev = Some(name);
    Ok(())
}

/// Resolve `dev`: `Device "X" does not exist.` (exit 1) when absent.
pub fn check_dev(ip: &mut Ip, f: &mut LinkFilter) -> Result<()> {
    if let Some(d) = &f.dev {
        match super::common::link_index(ip, d)? {
            Some(i) => f.index = Some(i),
            None => return Err(Error::msg(format!("Device \"{d}\" does not exist."), 1)),
        }
    }
    Ok(())
}

/// The kind of a link (`veth`, `bridge`, ...), if it has one.
pub fn link_kind(m: &LinkMessage) -> Option<String> {
    link_infos(m)?.iter().find_map(|i| match i {
        LinkInfo::Kind(k) => Some(match k {
            InfoKind::Other(s) => s.clone(),
            k => k.to_string(),
        }),
        _ => None,
    })
}

/// The kind of the link's master (`bridge` for a bridge port).
pub fn link_slave_kind(m: &LinkMessage) -> Option<String> {
    link_infos(m)?.iter().find_map(|i| match i {
        LinkInfo::PortKind(k) => Some(k.to_string()),
        _ => None,
    })
}

fn link_infos(m: &LinkMessage) -> Option<&Vec<LinkInfo>> {
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::LinkInfo(v) => Some(v),
        _ => None,
    })
}

fn master_of(m: &LinkMessage) -> Option<u32> {
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::Controller(i) => Some(*i),
        _ => None,
    })
}

/// IFLA_LINK when it names a link of this namespace, not 0.
fn peer_of(m: &LinkMessage) -> Option<u32> {
    let mut peer = None;
    for a in &m.attributes {
        match a {
            LinkAttribute::Link(i) if *i != 0 => peer = Some(*i),
            LinkAttribute::LinkNetNsId(_) => return None,
            _ => {}
        }
    }
    peer
}

fn group_of(m: &LinkMessage) -> u32 {
    m.attributes
        .iter()
        .find_map(|a| match a {
            LinkAttribute::Group(g) => Some(*g),
            _ => None,
        })
        .unwrap_or(0)
}

/// What becomes of a dumped link under a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// printed
    Show,
    /// not printed, but in JSON the reference still writes an empty
    /// object `{}` for it (filters it applies after opening the object:
    /// `up`, `group`, `type` the kernel did not filter, `label`)
    Empty,
    /// not listed at all
    Skip,
}

/// What the filters look at in a link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkFacts {
    pub index: u32,
    pub flags: u32,
    pub name: Option<String>,
    pub group: u32,
    pub master: Option<u32>,
    pub kind: Option<String>,
    pub slave_kind: Option<String>,
    /// IFLA_LINK when it names a link of this namespace (no
    /// IFLA_LINK_NETNSID), not 0: the `@peer` the printer looks up
    pub peer: Option<u32>,
}

impl LinkFacts {
    pub fn of_msg(m: &LinkMessage) -> LinkFacts {
        LinkFacts {
            index: m.header.index,
            flags: m.header.flags.bits(),
            name: msg_ifname(m).map(str::to_string),
            group: group_of(m),
            master: master_of(m),
            kind: link_kind(m),
            slave_kind: link_slave_kind(m),
            peer: peer_of(m),
        }
    }

    /// The links whose names and flags the printer looks up for this one
    /// (its peer, its master).
    fn refs(&self) -> impl Iterator<Item = u32> {
        self.peer.into_iter().chain(self.master)
    }

    /// The same from a whole RTM_NEWLINK message (header included),
    /// without decoding all of it.
    #[cfg(test)]
    pub fn of_raw(raw: &[u8]) -> Option<LinkFacts> {
        scan(raw, None).map(|(f, _)| f)
    }
}

/// The user-space part of the filter.
pub fn verdict(f: &LinkFilter, m: &LinkFacts) -> Verdict {
    if let Some(i) = f.index {
        if m.index != i {
            return Verdict::Skip;
        }
    }
    if !f.master_ok(m) {
        // the kernel filters a dump by master; a lone `dev` is not
        let lone = f.index.is_some() && matches!(f.master, Some(MasterSel::Index(_)));
        return if lone { Verdict::Empty } else { Verdict::Skip };
    }
    if f.nothing {
        return Verdict::Empty;
    }
    if f.up && m.flags & tables::IFF_UP == 0 {
        return Verdict::Empty;
    }
    if let Some(g) = f.group {
        if m.group != g {
            return Verdict::Empty;
        }
    }
    if !f.kind_ok(m) {
        return Verdict::Empty;
    }
    Verdict::Show
}

impl LinkFilter {
    /// Does the link pass `master`/`vrf`/`nomaster`?
    pub fn master_ok(&self, m: &LinkFacts) -> bool {
        match self.master {
            None => true,
            Some(MasterSel::None) => m.master.is_none(),
            Some(MasterSel::Index(i)) => m.master == Some(i),
        }
    }

    /// Does the link pass `type`? (`KIND_slave`: a port of a KIND master.)
    pub fn kind_ok(&self, m: &LinkFacts) -> bool {
        match self.kind.as_deref().map(|k| (k, k.strip_suffix("_slave"))) {
            None => true,
            Some((_, Some(sk))) => m.slave_kind.as_deref() == Some(sk),
            Some((k, None)) => m.kind.as_deref() == Some(k),
        }
    }
}

fn ext_mask(ip: &Ip) -> LinkAttribute {
    let mut v = vec![LinkExtentMask::Vf];
    if ip.o.stats == 0 {
        v.push(LinkExtentMask::SkipStats);
    }
    LinkAttribute::ExtMask(v)
}

/// A link of [`each_link`]: `shown` false means only an empty JSON
/// object `{}` stands for it (nothing in text); see [`Verdict::Empty`].
/// A dumped message is kept as the kernel's bytes (decoded it is ten
/// times larger); [`Listed::msg`] decodes it.
#[derive(Debug, Clone)]
pub struct Listed {
    body: Body,
    pub shown: bool,
}

#[derive(Debug, Clone)]
enum Body {
    Raw(Vec<u8>),
    Msg(Box<LinkMessage>),
}

impl Listed {
    /// The link's ifindex (0 for one that is not `shown`).
    pub fn index(&self) -> u32 {
        match &self.body {
            Body::Msg(m) => m.header.index,
            Body::Raw(r) => r.get(20..).and_then(u32_ne).unwrap_or(0),
        }
    }

    /// The decoded message.
    pub fn msg(&self) -> LinkMessage {
        match &self.body {
            Body::Msg(m) => (**m).clone(),
            Body::Raw(r) => match crate::nl::decode(r) {
                Some(RouteNetlinkMessage::NewLink(l)) => l,
                _ => LinkMessage::default(),
            },
        }
    }
}

/// A copy of an RTM_NEWLINK message with only the attributes the printer
/// reads (decoding the others was most of the cost of a large dump): the
/// counters only with `-s`, the `-d` ones (linkinfo, AF_SPEC's address
/// generation mode, queue and GSO/TSO/GRO limits, ...) only with `-d`.
/// What [`Attrs::of`], [`stats`] and [`LinkFacts`] read must be kept here.
#[cfg(test)]
fn strip(raw: &[u8], stats: bool, details: bool) -> Vec<u8> {
    match scan(raw, Some((stats, details))) {
        Some((_, out)) => out,
        None => raw.to_vec(),
    }
}

/// One walk over an RTM_NEWLINK message (header included): its
/// [`LinkFacts`], and with `keep` = (stats, details) the [`strip`]ped copy
/// (else an empty Vec). None for a message too short to be a link.
fn scan(raw: &[u8], keep: Option<(bool, bool)>) -> Option<(LinkFacts, Vec<u8>)> {
    const STATS: u16 = 7;
    const STATS64: u16 = 23;
    const AF_SPEC: u16 = 26;
    let u32_at = |o: usize| u32_ne(raw.get(o..)?);
    let mut f = LinkFacts { index: u32_at(20)?, flags: u32_at(24)?, ..Default::default() };
    let body = raw.get(32..)?;
    let mut other_netns = false;
    let copy = keep.is_some();
    let (stats, details) = keep.unwrap_or((false, false));
    let has64 = stats && attrs(body).any(|(k, _)| k == STATS64);
    let mut out = Vec::new();
    if copy {
        out.reserve(raw.len());
        out.extend_from_slice(&raw[..32]);
    }
    for (kind, val) in attrs(body) {
        match kind {
            3 => f.name = Some(cstr(val)),
            5 => f.peer = u32_ne(val).filter(|&l| l != 0), // IFLA_LINK
            37 => other_netns = true,                      // IFLA_LINK_NETNSID
            10 => f.master = u32_ne(val),
            27 => f.group = u32_ne(val).unwrap_or(0),
            18 => {
                for (k, v) in attrs(val) {
                    match k {
                        1 => f.kind = Some(cstr(v)),
                        4 => f.slave_kind = Some(cstr(v)),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if !copy {
            continue;
        }
        let keep = match kind {
            // address, broadcast, ifname, mtu, link, qdisc, master, txqlen,
            // operstate, linkmode, ifalias, group, link_netnsid,
            // proto_down, prop_list, perm_address, proto_down_reason
            1..=6 | 10 | 13 | 16 | 17 | 20 | 27 | 37 | 39 | 52 | 54 | 55 => true,
            // counters, and carrier changes for `-s -s`
            STATS64 | 35 => stats,
            STATS => stats && !has64,
            // linkinfo, promiscuity, num_tx/rx_queues, phys_port_name,
            // gso_max_segs/size, min/max_mtu, parent dev name/bus name,
            // gro_max_size, tso_max_size/segs, allmulti
            18 | 30 | 31 | 32 | 38 | 40 | 41 | 50 | 51 | 56..=61 => details,
            // of AF_SPEC only inet6's address generation mode is shown
            AF_SPEC => {
                if details {
                    let mode = attrs(val)
                        .filter(|(fam, _)| *fam == libc::AF_INET6 as u16)
                        .flat_map(|(_, v)| attrs(v))
                        .find(|(k, _)| *k == 8)
                        .and_then(|(_, v)| v.first().copied());
                    if let Some(m) = mode {
                        // AF_SPEC { AF_INET6 { IFLA_INET6_ADDR_GEN_MODE m } }
                        let (mut gen, mut inet6) = (Vec::with_capacity(8), Vec::with_capacity(12));
                        put_attr(&mut gen, 8, &[m]);
                        put_attr(&mut inet6, libc::AF_INET6 as u16 | 0x8000, &gen);
                        put_attr(&mut out, AF_SPEC | 0x8000, &inet6);
                    }
                }
                false
            }
            _ => false,
        };
        if keep {
            // the attribute as it came, flags included
            let start = val.as_ptr() as usize - raw.as_ptr() as usize - 4;
            out.extend_from_slice(&raw[start..start + 4 + val.len()]);
            out.resize((out.len() + 3) & !3, 0);
        }
    }
    if copy {
        let n = out.len() as u32;
        out[..4].copy_from_slice(&n.to_ne_bytes());
    }
    if other_netns {
        f.peer = None;
    }
    Some((f, out))
}

fn remember_facts(ip: &mut Ip, f: &LinkFacts) {
    if let Some(n) = &f.name {
        remember(ip, f.index, n, f.flags);
    }
}

/// The links the filter selects, in kernel order (see the module doc),
/// handed to `each` as the dump goes: a link
/// waits only until the links it names (its `@peer`, its master) have
/// come, or the dump has ended, so that it prints as the reference
/// prints it from its whole list. A 10k-link dump keeps a link or two
/// and every link's name and flags, not every message. A `dev` is
/// fetched alone; otherwise the kernel filters the dump by `master` and
/// (known) `type`, as for the reference, and the rest is filtered here.
/// Name lookups of `each` go through the second socket meanwhile. Forgets
/// the names of links seen before.
pub fn each_link(ip: &mut Ip, f: &LinkFilter, each: &mut dyn FnMut(&mut Ip, Listed) -> Result<()>) -> Result<()> {
    use netlink_packet_core::Emitable;
    PEERS.with(|p| p.borrow_mut().clear());
    let mut req = LinkMessage::default();
    if let Some(index) = f.index {
        req.attributes.push(ext_mask(ip));
        req.header.index = index;
        if let RouteNetlinkMessage::NewLink(l) = ip.nl()?.get(RouteNetlinkMessage::GetLink(req), 0)? {
            let facts = LinkFacts::of_msg(&l);
            remember_facts(ip, &facts);
            let v = verdict(f, &facts);
            if v != Verdict::Skip {
                each(ip, Listed { body: Body::Msg(Box::new(l)), shown: v == Verdict::Show })?;
            }
        }
        return Ok(());
    }
    req.header.interface_family = f.family.into();
    // the IPv6 link dump takes no attributes under strict checking
    if f.family != super::AF_INET6 {
        req.attributes.push(ext_mask(ip));
    }
    if let Some(MasterSel::Index(i)) = f.master {
        req.attributes.push(LinkAttribute::Controller(i));
    }
    if let Some(k) = &f.kind {
        if !k.ends_with("_slave") {
            req.attributes.push(LinkAttribute::LinkInfo(vec![LinkInfo::Kind(InfoKind::from(k.as_str()))]));
        }
    }
    let mut payload = vec![0u8; req.buffer_len()];
    req.emit(&mut payload);
    let (stats, details) = (ip.o.stats > 0, ip.o.details > 0 || f.keep_kind);
    let mut waiting = Waiting::default();
    let seen = |i: &u32| PEERS.with(|p| p.borrow().contains_key(i));
    ip.dump_raw_each(RTM_GETLINK, &payload, &mut |ip, m| {
        // RTM_NEWLINK only
        if m.len() < 32 || u16::from_ne_bytes([m[4], m[5]]) != 16 {
            return Ok(());
        }
        // the facts and the stripped copy in one walk (the copy is
        // dropped for a link that is not shown)
        let Some((facts, stripped)) = scan(m, Some((stats, details))) else { return Ok(()) };
        remember_facts(ip, &facts);
        let listed = match verdict(f, &facts) {
            Verdict::Show => Some(Listed { body: Body::Raw(stripped), shown: true }),
            Verdict::Empty => Some(Listed { body: Body::Raw(Vec::new()), shown: false }),
            Verdict::Skip => None,
        };
        if let Some(l) = listed {
            // `{}` names nothing
            let refs = if l.shown { facts.refs().collect() } else { Vec::new() };
            waiting.push(l, refs);
        }
        while let Some(l) = waiting.pop_ready(seen) {
            each(ip, l)?;
        }
        Ok(())
    })?;
    // links that named a link the dump did not bring (looked up now)
    for l in waiting.q.into_iter().map(|(l, _)| l) {
        each(ip, l)?;
    }
    Ok(())
}

/// Listed links not handed on yet, in kernel order, each with the
/// ifindexes it still waits for.
struct Waiting<T> {
    q: std::collections::VecDeque<(T, Vec<u32>)>,
}

impl<T> Default for Waiting<T> {
    fn default() -> Self {
        Waiting { q: Default::default() }
    }
}

impl<T> Waiting<T> {
    fn push(&mut self, item: T, refs: Vec<u32>) {
        self.q.push_back((item, refs));
    }

    /// The first item, once every link it waits for is `seen`; None
    /// while it still waits (those behind it wait too: order is kept).
    fn pop_ready(&mut self, seen: impl Fn(&u32) -> bool) -> Option<T> {
        let (_, refs) = self.q.front_mut()?;
        refs.retain(|i| !seen(i));
        if refs.is_empty() { self.q.pop_front().map(|(t, _)| t) } else { None }
    }
}

/// The facts of one link message that the printer uses.
#[derive(Default, Debug, PartialEq)]
struct Attrs<'a> {
    ifname: Option<&'a str>,
    link: Option<u32>,
    netnsid: Option<i32>,
    master: Option<u32>,
    mtu: Option<u32>,
    qdisc: Option<&'a str>,
    operstate: Option<u8>,
    linkmode: Option<u8>,
    group: Option<u32>,
    txqlen: Option<u32>,
    address: Option<&'a [u8]>,
    broadcast: Option<&'a [u8]>,
    permaddr: Option<&'a [u8]>,
    alias: Option<&'a str>,
    promiscuity: Option<u32>,
    allmulti: Option<u32>,
    min_mtu: Option<u32>,
    max_mtu: Option<u32>,
    linkinfo: Option<&'a [LinkInfo]>,
    addrgenmode: Option<u8>,
    numtx: Option<u32>,
    numrx: Option<u32>,
    gso_max_size: Option<u32>,
    gso_max_segs: Option<u32>,
    tso_max_size: Option<u32>,
    tso_max_segs: Option<u32>,
    gro_max_size: Option<u32>,
    parentbus: Option<&'a str>,
    parentdev: Option<&'a str>,
    altnames: Vec<&'a str>,
    proto_down: Option<u8>,
    proto_down_reason: u32,
    phys_port_name: Option<&'a str>,
    /// IFLA_EVENT, IFLA_NEW_NETNSID, IFLA_NEW_IFINDEX (events only)
    event: Option<u32>,
    new_netnsid: Option<i32>,
    new_ifindex: Option<i32>,
}

impl<'a> Attrs<'a> {
    fn of(m: &'a LinkMessage) -> Attrs<'a> {
        use LinkAttribute as L;
        let mut a = Attrs::default();
        for x in &m.attributes {
            match x {
                L::IfName(n) => a.ifname = Some(n),
                L::Link(i) => a.link = Some(*i),
                L::LinkNetNsId(i) => a.netnsid = Some(*i),
                L::Controller(i) => a.master = Some(*i),
                L::Mtu(v) => a.mtu = Some(*v),
                L::Qdisc(q) => a.qdisc = Some(q),
                L::OperState(s) => a.operstate = Some(u8::from(*s)),
                L::Mode(mo) => a.linkmode = Some(u8::from(*mo)),
                L::Group(g) => a.group = Some(*g),
                L::TxQueueLen(q) => a.txqlen = Some(*q),
                L::Address(b) => a.address = Some(b),
                L::Broadcast(b) => a.broadcast = Some(b),
                L::PermAddress(b) => a.permaddr = Some(b),
                L::IfAlias(s) => a.alias = Some(s),
                L::Promiscuity(v) => a.promiscuity = Some(*v),
                L::AllMulticast(v) => a.allmulti = Some(*v),
                L::MinMtu(v) => a.min_mtu = Some(*v),
                L::MaxMtu(v) => a.max_mtu = Some(*v),
                L::LinkInfo(v) => a.linkinfo = Some(v),
                L::NumTxQueues(v) => a.numtx = Some(*v),
                L::NumRxQueues(v) => a.numrx = Some(*v),
                L::GsoMaxSize(v) => a.gso_max_size = Some(*v),
                L::GsoMaxSegs(v) => a.gso_max_segs = Some(*v),
                L::TsoMaxSize(v) => a.tso_max_size = Some(*v),
                L::TsoMaxSegs(v) => a.tso_max_segs = Some(*v),
                L::GroMaxSize(v) => a.gro_max_size = Some(*v),
                L::ParentDevBusName(s) => a.parentbus = Some(s),
                L::ParentDevName(s) => a.parentdev = Some(s),
                L::ProtoDown(v) => a.proto_down = Some(*v),
                L::ProtoDownReason(v) => {
                    for r in v {
                        if let netlink_packet_route::link::LinkProtocolDownReason::Value(x) = r {
                            a.proto_down_reason = *x;
                        }
                    }
                }
                L::PhysPortName(s) => a.phys_port_name = Some(s),
                L::Event(e) => a.event = Some(u32::from(*e)),
                L::NewNetnsId(i) => a.new_netnsid = Some(*i),
                L::NewIfIndex(i) => a.new_ifindex = Some(*i),
                L::PropList(props) => {
                    for p in props {
                        if let Prop::AltIfName(n) = p {
                            a.altnames.push(n);
                        }
                    }
                }
                L::AfSpecUnspec(specs) => {
                    for s in specs {
                        if let AfSpecUnspec::Inet6(v) = s {
                            for i in v {
                                if let AfSpecInet6::AddrGenMode(g) = i {
                                    a.addrgenmode = Some(u8::from(g));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        a
    }

    /// The same read straight from the kernel's bytes (a whole
    /// RTM_NEWLINK, header included), for the attributes [`strip`] keeps
    /// without `-d` (IFLA_LINKINFO and AF_SPEC are not read: with `-d`
    /// the message is decoded). None where the decoder refuses the
    /// message (a string that is not UTF-8, a number of the wrong size),
    /// which then prints nothing either.
    fn of_raw(raw: &'a [u8]) -> Option<Attrs<'a>> {
        fn text(v: &[u8]) -> Option<&str> {
            std::str::from_utf8(v.strip_suffix(&[0]).unwrap_or(v)).ok()
        }
        fn word(v: &[u8]) -> Option<u32> {
            Some(u32::from_ne_bytes(v.try_into().ok()?))
        }
        fn byte(v: &[u8]) -> Option<u8> {
            match v {
                [b] => Some(*b),
                _ => None,
            }
        }
        let mut a = Attrs::default();
        for (kind, v) in attrs(raw.get(32..)?) {
            match kind {
                1 => a.address = Some(v),
                2 => a.broadcast = Some(v),
                3 => a.ifname = Some(text(v)?),
                4 => a.mtu = Some(word(v)?),
                5 => a.link = Some(word(v)?),
                6 => a.qdisc = Some(text(v)?),
                10 => a.master = Some(word(v)?),
                13 => a.txqlen = Some(word(v)?),
                16 => a.operstate = Some(byte(v)?),
                17 => a.linkmode = Some(byte(v)?),
                20 => a.alias = Some(text(v)?),
                27 => a.group = Some(word(v)?),
                30 => a.promiscuity = Some(word(v)?),
                31 => a.numtx = Some(word(v)?),
                32 => a.numrx = Some(word(v)?),
                37 => a.netnsid = Some(word(v)? as i32),
                38 => a.phys_port_name = Some(text(v)?),
                39 => a.proto_down = Some(byte(v)?),
                44 => a.event = Some(word(v)?),
                45 => a.new_netnsid = Some(word(v)? as i32),
                49 => a.new_ifindex = Some(word(v)? as i32),
                40 => a.gso_max_segs = Some(word(v)?),
                41 => a.gso_max_size = Some(word(v)?),
                50 => a.min_mtu = Some(word(v)?),
                51 => a.max_mtu = Some(word(v)?),
                52 => {
                    for (k, n) in attrs(v) {
                        if k == 53 {
                            a.altnames.push(text(n)?);
                        }
                    }
                }
                54 => a.permaddr = Some(v),
                55 => {
                    for (k, r) in attrs(v) {
                        if k == 2 {
                            a.proto_down_reason = word(r)?;
                        }
                    }
                }
                56 => a.parentdev = Some(text(v)?),
                57 => a.parentbus = Some(text(v)?),
                58 => a.gro_max_size = Some(word(v)?),
                59 => a.tso_max_size = Some(word(v)?),
                60 => a.tso_max_segs = Some(word(v)?),
                61 => a.allmulti = Some(word(v)?),
                _ => {}
            }
        }
        Some(a)
    }
}

/// An address as `ip` shows it: dotted IPv4 / IPv6 for the tunnel link
/// types, else colon-separated hex.
pub fn fmt_link_addr(link_type: u16, b: &[u8]) -> String {
    match (link_type, b.len()) {
        (768 | 776 | 778, 4) => std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
        (769 | 823, 16) => {
            let mut o = [0u8; 16];
            o.copy_from_slice(b);
            std::net::Ipv6Addr::from(o).to_string()
        }
        _ => fmt_lladdr(b),
    }
}

/// `@peer` part of the name: (text suffix, mdown). The suffix is left
/// empty in JSON, where it is not printed.
fn peer_part(ip: &mut Ip, a: &Attrs) -> (String, bool) {
    let Some(l) = a.link else { return (String::new(), false) };
    let text = !ip.p.is_json();
    let at = |n: &str| if text { ["@", n].concat() } else { String::new() };
    if l == 0 {
        ip.p.null(Ctx::Json, "link", "", "");
        return (at("NONE"), false);
    }
    if a.netnsid.is_some() {
        ip.p.int(Ctx::Json, "link_index", "", l as i64);
        return (at(&format!("if{l}")), false);
    }
    match peer(ip, l) {
        Some((n, flags)) => {
            ip.p.str(Ctx::Json, "link", "", &n);
            (at(&n), flags & tables::IFF_UP == 0)
        }
        None => {
            let n = format!("if{l}");
            ip.p.str(Ctx::Json, "link", "", &n);
            (at(&n), false)
        }
    }
}

fn print_flags(ip: &mut Ip, flags: u32, mdown: bool, close: &str) {
    ip.p.open_arr(A, "flags", "<");
    for (i, w) in tables::flag_words(flags, mdown).iter().enumerate() {
        ip.p.str(A, "", if i == 0 { "{}" } else { ",{}" }, w);
    }
    ip.p.close_arr(A, close);
}

fn operstate_color(s: u8) -> Color {
    match s {
        6 => Color::OperUp,
        2 => Color::OperDown,
        _ => Color::None,
    }
}

fn operstate_text(s: u8) -> Cow<'static, str> {
    tables::operstate_name(s).map(Cow::Borrowed).unwrap_or_else(|| Cow::Owned(format!("{s:#x}")))
}

/// Are `mode`, `addrgenmode`, the alias and `-s` counters printed (not
/// in `-br`)? In `ip link`, and in `ip addr` after a link list ran in the
/// same batch (iproute2 6.1 keeps that flag; see `Ip::do_link`).
pub fn link_mode(ip: &Ip, f: &LinkPrintOpts) -> bool {
    !f.for_addr || ip.do_link
}

/// Print one link (see the module doc). `Ok(false)`: the message had no
/// name and nothing was printed.
pub fn print_link(ip: &mut Ip, m: &LinkMessage, f: &LinkPrintOpts) -> Result<bool> {
    let head = (m.header.index, m.header.flags.bits(), u16::from(m.header.link_layer_type));
    print_attrs(ip, head, &Attrs::of(m), Some(m), f)
}

/// Print one RTM_NEWLINK / RTM_DELLINK message (netlink header included)
/// as `ip link show` prints a link, `Deleted ` first for a deletion, e.g.
/// a `-echo` answer. False when it is no link message.
pub fn print_msg(ip: &mut Ip, raw: &[u8]) -> bool {
    use netlink_packet_route::RouteNetlinkMessage as M;
    let (m, deleted) = match crate::nl::decode(raw) {
        Some(M::NewLink(m)) => (m, false),
        Some(M::DelLink(m)) => (m, true),
        _ => return false,
    };
    // the `ip addr` layout: no mode, qlen or addrgenmode (as ip monitor)
    // (`-br`: name and state, and no line end, as the reference)
    let open = ip.o.brief && !ip.p.is_json();
    let f = LinkPrintOpts { deleted, for_addr: true, event: true, open, ..Default::default() };
    matches!(print_link(ip, &m, &f), Ok(true))
}

/// [`print_link`] from the kernel's bytes, not decoded: for a plain
/// listing (no `-d`, no `-s`: those read the decoded message).
fn print_raw(ip: &mut Ip, raw: &[u8], f: &LinkPrintOpts) -> Result<bool> {
    let head = (|| Some((u32_ne(raw.get(20..)?)?, u32_ne(raw.get(24..)?)?, u16::from_ne_bytes(raw.get(18..20)?.try_into().ok()?))))();
    match (head, Attrs::of_raw(raw)) {
        (Some(head), Some(a)) => print_attrs(ip, head, &a, None, f),
        _ => Ok(false),
    }
}

/// The body of [`print_link`]: `head` is (ifindex, flags, link type);
/// `m`, the decoded message, is needed for `-s`.
fn print_attrs(
    ip: &mut Ip,
    (index, flags, ltype): (u32, u32, u16),
    a: &Attrs,
    m: Option<&LinkMessage>,
    f: &LinkPrintOpts,
) -> Result<bool> {
    let Some(name) = a.ifname else { return Ok(false) };
    ip.p.open_obj(Ctx::Json, "");
    if f.deleted {
        ip.p.bool(Ctx::Json, "deleted", "", true);
        ip.p.text("Deleted ");
    }
    if ip.o.brief {
        let (at, _) = peer_part(ip, a);
        ip.p.str(Ctx::Json, "ifname", "", name);
        if !ip.p.is_json() {
            ip.p.color_str(Ctx::Text, Color::Ifname, "", "{:<16} ", &[name, &at].concat());
        }
        if let Some(s) = a.operstate {
            ip.p.color_str(A, operstate_color(s), "operstate", "{:<14} ", &operstate_text(s));
        }
        if !f.for_addr {
            if let Some(ad) = a.address {
                ip.p.color_str(A, Color::Mac, "address", "{} ", &fmt_link_addr(ltype, ad));
            }
            // M-DOWN is shown in brief mode too
            let mdown = mdown_of(ip, a);
            print_flags(ip, flags, mdown, "> ");
        }
        if !f.open {
            ip.p.text("\n");
            ip.p.close_obj(Ctx::Json);
        }
        return Ok(true);
    }
    ip.p.uint(A, "ifindex", "{}: ", index as u64);
    let (at, mdown) = peer_part(ip, a);
    ip.p.str(Ctx::Json, "ifname", "", name);
    if !ip.p.is_json() {
        ip.p.color_str(Ctx::Text, Color::Ifname, "", "{}", &[name, &at, ": "].concat());
    }
    print_flags(ip, flags, mdown, "> ");
    if let Some(v) = a.mtu {
        ip.p.uint(A, "mtu", "mtu {} ", v as u64);
    }
    if let Some(q) = a.qdisc {
        ip.p.str(A, "qdisc", "qdisc {} ", q);
    }
    if let Some(mi) = a.master {
        let n = index_name(ip, mi);
        ip.p.str(A, "master", "master {} ", &n);
    }
    if let Some(s) = a.operstate {
        ip.p.text("state ");
        ip.p.color_str(A, operstate_color(s), "operstate", "{} ", &operstate_text(s));
    }
    if link_mode(ip, f) {
        if let Some(mo) = a.linkmode {
            let n = tables::linkmode_name(mo).map(Cow::Borrowed).unwrap_or_else(|| Cow::Owned(mo.to_string()));
            ip.p.str(A, "linkmode", "mode {} ", &n);
        }
    }
    if let Some(g) = a.group {
        ip.p.str(A, "group", "group {} ", &tables::group_name(g, ip.o.numeric));
    }
    if let Some(e) = a.event.filter(|&e| e != 0) {
        ip.p.str(A, "event", "event {} ", &tables::event_name(e));
    }
    // a zero queue length is not shown (bridges, tunnels); the IPv6
    // link dump carries none, so the kernel is asked
    let qlen = if f.event { None } else { a.txqlen.or_else(|| ioctl_txqlen(name)) };
    if let Some(q) = qlen.filter(|&q| q != 0) {
        ip.p.int(A, "txqlen", "qlen {}", q as i32 as i64);
    }
    // with -d the reference shows the whole link whatever the family
    if !f.family_filtered || ip.o.details > 0 {
        ip.p.nl();
        ip.p.str(A, "link_type", "    link/{} ", &tables::link_type_name(ltype, ip.o.numeric));
        if let Some(ad) = a.address {
            ip.p.color_str(A, Color::Mac, "address", "{}", &fmt_link_addr(ltype, ad));
        }
        if let (Some(pa), Some(ad)) = (a.permaddr, a.address) {
            if pa != ad {
                ip.p.text(" permaddr ");
                ip.p.color_str(A, Color::Mac, "permaddr", "{}", &fmt_link_addr(ltype, pa));
            }
        }
        if let Some(b) = a.broadcast {
            if flags & tables::IFF_POINTOPOINT != 0 {
                ip.p.text(" peer ");
                ip.p.bool(Ctx::Json, "link_pointtopoint", "", true);
            } else {
                ip.p.text(" brd ");
            }
            ip.p.color_str(A, Color::Mac, "broadcast", "{}", &fmt_link_addr(ltype, b));
        }
    }
    if let Some(id) = a.netnsid {
        ip.p.int(Ctx::Json, "link_netnsid", "", id as i64);
        match nsid_name(ip, id) {
            Some(n) => ip.p.str(Ctx::Text, "", " link-netns {}", &n),
            None => ip.p.int(Ctx::Text, "", " link-netnsid {}", id as i64),
        }
    }
    if let Some(id) = a.new_netnsid {
        match nsid_name(ip, id) {
            Some(n) => ip.p.str(A, "new_netns", " new-netns {}", &n),
            None => ip.p.int(A, "new_netnsid", " new-netnsid {}", id as i64),
        }
    }
    if let Some(i) = a.new_ifindex {
        ip.p.int(A, "new_ifindex", " new-ifindex {}", i as i64);
    }
    if a.proto_down.unwrap_or(0) != 0 {
        ip.p.bool(A, "proto_down", " protodown on ", true);
        if a.proto_down_reason != 0 {
            ip.p.open_arr(A, "proto_down_reason", "protodown_reason <");
            let mut first = true;
            for bit in 0..32 {
                if a.proto_down_reason & (1 << bit) != 0 {
                    let name = tables::protodown_reason_name(bit);
                    ip.p.str(A, "", if first { "{}" } else { ",{}" }, &name);
                    first = false;
                }
            }
            ip.p.close_arr(A, ">");
        }
    }
    if ip.o.details > 0 {
        details(ip, a, f);
    }
    // `ip addr` shows the alias only with -d
    if link_mode(ip, f) || ip.o.details > 0 {
        if let Some(al) = a.alias {
            ip.p.nl();
            ip.p.str(A, "ifalias", "    alias {}", al);
        }
    }
    if link_mode(ip, f) && ip.o.stats > 0 {
        if let Some(m) = m {
            print_stats(ip, m, true);
        }
    }
    if !a.altnames.is_empty() {
        ip.p.open_arr(Ctx::Json, "altnames", "");
        for n in &a.altnames {
            ip.p.nl();
            ip.p.str(A, "", "    altname {}", n);
        }
        ip.p.close_arr(Ctx::Json, "");
    }
    ip.p.text("\n");
    if !f.open {
        ip.p.close_obj(Ctx::Json);
    }
    Ok(true)
}

/// Keep the name and flags cache up to date with a link event of `ip
/// monitor` (RTM_NEWLINK or RTM_DELLINK, header included): a deleted link
/// is forgotten. The reference does it for every event, shown or not.
pub fn note_event(ip: &mut Ip, raw: &[u8], deleted: bool) {
    if let Some((facts, _)) = scan(raw, None) {
        if deleted {
            PEERS.with(|p| p.borrow_mut().remove(&facts.index));
            ip.forget_name(facts.index);
        } else {
            remember_facts(ip, &facts);
        }
    }
}

/// One link event of `ip monitor` (header included), printed as `ip
/// addr` shows a link, without `qlen`, with IFLA_EVENT and a move to
/// another namespace (`-br`: name and state, the line left open).
/// `Ok(false)`: nothing printed (no name).
pub fn print_event(ip: &mut Ip, raw: &[u8]) -> Result<bool> {
    let f = LinkPrintOpts { for_addr: true, open: true, family_filtered: false, event: true, deleted: false };
    if ip.o.details > 0 {
        match crate::nl::decode(raw) {
            Some(RouteNetlinkMessage::NewLink(m)) | Some(RouteNetlinkMessage::DelLink(m)) => {
                print_link(ip, &m, &f)
            }
            _ => Ok(false),
        }
    } else {
        print_raw(ip, raw, &f)
    }
}

/// SIOCGIFTXQLEN: the queue length of the link named `name`.
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
        (r == 0).then_some(ifr.ifr_ifru.ifru_ifindex as u32)
    }
}

fn mdown_of(ip: &mut Ip, a: &Attrs) -> bool {
    match a.link {
        Some(l) if l != 0 && a.netnsid.is_none() => {
            peer(ip, l).map(|(_, fl)| fl & tables::IFF_UP == 0).unwrap_or(false)
        }
        _ => false,
    }
}

/// The `-d` part of a link.
fn details(ip: &mut Ip, a: &Attrs, f: &LinkPrintOpts) {
    if let Some(v) = a.promiscuity {
        ip.p.uint(A, "promiscuity", " promiscuity {} ", v as u64);
    }
    if let Some(v) = a.allmulti {
        ip.p.uint(A, "allmulti", " allmulti {} ", v as u64);
    }
    if let Some(v) = a.min_mtu {
        ip.p.uint(A, "min_mtu", "minmtu {} ", v as u64);
    }
    if let Some(v) = a.max_mtu {
        ip.p.uint(A, "max_mtu", "maxmtu {} ", v as u64);
    }
    if let Some(li) = a.linkinfo {
        kinds::print_linkinfo(ip, li);
    }
    if link_mode(ip, f) {
        if let Some(g) = a.addrgenmode {
            let n = tables::addrgenmode_name(g).map(str::to_string).unwrap_or_else(|| format!("{g:#04x}"));
            ip.p.str(A, "inet6_addr_gen_mode", "addrgenmode {} ", &n);
        }
    }
    let nums = [
        (a.numtx, "num_tx_queues", "numtxqueues {} "),
        (a.numrx, "num_rx_queues", "numrxqueues {} "),
        (a.gso_max_size, "gso_max_size", "gso_max_size {} "),
        (a.gso_max_segs, "gso_max_segs", "gso_max_segs {} "),
        (a.tso_max_size, "tso_max_size", "tso_max_size {} "),
        (a.tso_max_segs, "tso_max_segs", "tso_max_segs {} "),
        (a.gro_max_size, "gro_max_size", "gro_max_size {} "),
    ];
    for (v, key, fmt) in nums {
        if let Some(v) = v {
            ip.p.uint(A, key, fmt, v as u64);
        }
    }
    if let Some(s) = a.phys_port_name {
        ip.p.str(A, "phys_port_name", "portname {} ", s);
    }
    if let Some(s) = a.parentbus {
        ip.p.str(A, "parentbus", "parentbus {} ", s);
    }
    if let Some(s) = a.parentdev {
        ip.p.str(A, "parentdev", "parentdev {} ", s);
    }
}

/// `ip link show [ DEVICE | dev DEVICE ] [ group G ] [ up ] [ master DEV ]
/// [ nomaster ] [ vrf NAME ] [ type KIND ]`.
pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut f = LinkFilter::default();
    while let Some(w) = args.next() {
        if parse_selector(ip, &mut f, &w, &mut args)? {
            continue;
        }
        if matches(&w, "help") {
            return super::link_mod::help(ip, Args::default());
        }
        match w.as_str() {
            "to" => {
                let v = args.value()?;
                return Err(Error::fatal(
                    format!("Error: \"{v}\" may be inet prefix, but it is not allowed in this context."),
                    1,
                ));
            }
            "scope" => {
                args.value()?;
            }
            "label" => {
                args.value()?;
                f.nothing = true;
            }
            "permanent" | "dynamic" | "secondary" | "temporary" | "primary" | "tentative"
            | "-tentative" | "deprecated" | "-deprecated" | "dadfailed" | "-dadfailed" | "home"
            | "-home" | "nodad" | "-nodad" | "optimistic" | "-optimistic" | "mngtmpaddr"
            | "-mngtmpaddr" | "noprefixroute" | "-noprefixroute" | "autojoin" | "-autojoin"
            | "stable-privacy" | "-stable-privacy" => {}
            _ => set_dev(&mut f, w)?,
        }
    }
    check_dev(ip, &mut f)?;
    if let (Some(d), Some(_)) = (&f.dev, f.index) {
        // an alias name resolves (as if_nametoindex cuts it at the
        // colon), but the reference then asks for the link by that name
        if d.contains(':') && super::common::get_link_by_name(ip, d)?.is_none() {
            return Err(Error::msg(
                "RTNETLINK answers: No such device\nCannot send link get request: No such device",
                1,
            ));
        }
    }
    show(ip, &f)
}

/// Print the links `f` selects as `ip link show` does (the filter's `dev`
/// already resolved by [`check_dev`]).
pub fn show(ip: &mut Ip, f: &LinkFilter) -> Result<()> {
    ip.p.start_doc();
    let opts = LinkPrintOpts::default();
    // a plain listing prints from the kernel's bytes (decoding was most
    // of its cost); -d and -s read the decoded message
    let raw = ip.o.details == 0 && ip.o.stats == 0;
    each_link(ip, f, &mut |ip, l| {
        if l.shown {
            match &l.body {
                Body::Raw(r) if raw => print_raw(ip, r, &opts)?,
                _ => print_link(ip, &l.msg(), &opts)?,
            };
        } else {
            ip.p.open_obj(Ctx::Json, "");
            ip.p.close_obj(Ctx::Json);
        }
        Ok(())
    })?;
    ip.p.end_doc();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::Opts;
    use crate::print::Printer;
    use netlink_packet_route::link::{LinkFlags, LinkLayerType, LinkMode, State};

    #[test]
    fn links_wait_only_for_the_links_they_name() {
        // a dump of 2 (peer 3), 3 (peer 2), 4 (master 6), 5, 6, 7 (peer 9,
        // never dumped): what is handed on after each message
        let dump: [(u32, Vec<u32>); 6] =
            [(2, vec![3]), (3, vec![2]), (4, vec![6]), (5, vec![]), (6, vec![]), (7, vec![9])];
        let mut seen = std::collections::HashSet::new();
        let mut w = Waiting::default();
        let mut out = Vec::new();
        let mut most = 0;
        for (index, refs) in dump {
            seen.insert(index);
            w.push(index, refs);
            most = most.max(w.q.len());
            let mut now = Vec::new();
            while let Some(i) = w.pop_ready(|i| seen.contains(i)) {
                now.push(i);
            }
            out.push(now);
        }
        let want: [&[u32]; 6] = [&[], &[2, 3], &[], &[], &[4, 5, 6], &[]];
        assert_eq!(out, want);
        // 7 is left for the end of the dump; at most 3 links were held
        assert_eq!(w.q.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [7]);
        assert_eq!(most, 3);
    }

    fn veth(index: u32, name: &str, peer: u32, mac: u8, up: bool) -> LinkMessage {
        let mut m = LinkMessage::default();
        m.header.index = index;
        m.header.link_layer_type = LinkLayerType::Ether;
        let mut fl = LinkFlags::Broadcast | LinkFlags::Multicast;
        if up {
            fl |= LinkFlags::Up;
        }
        m.header.flags = fl;
        use LinkAttribute as L;
        m.attributes = vec![
            L::IfName(name.into()),
            L::TxQueueLen(1000),
            L::OperState(State::Down),
            L::Mode(LinkMode::Default),
            L::Mtu(1500),
            L::Group(0),
            L::Link(peer),
            L::Qdisc("noop".into()),
            L::Address(vec![2, 0, 0, 0, 0, mac]),
            L::Broadcast(vec![0xff; 6]),
        ];
        m
    }

    fn show(o: Opts, m: &LinkMessage, f: LinkPrintOpts) -> String {
        let json = o.json;
        let mut ip = Ip::new(o);
        ip.p = Printer::capture(json, false, false);
        ip.p.start_doc();
        print_link(&mut ip, m, &f).unwrap();
        ip.p.end_doc();
        ip.p.captured().to_string()
    }

    #[test]
    fn veth_pair_text_json_brief() {
        remember_facts(&mut Ip::new(Opts::default()), &LinkFacts::of_msg(&veth(2, "v1", 3, 2, false)));
        let v0 = veth(3, "v0", 2, 1, true);
        assert_eq!(
            show(Opts::default(), &v0, LinkPrintOpts::default()),
            "3: v0@v1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noop state DOWN \
             mode DEFAULT group default qlen 1000\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n"
        );
        let addr = LinkPrintOpts { for_addr: true, ..Default::default() };
        assert!(!show(Opts::default(), &v0, addr).contains("mode DEFAULT"));
        let o = Opts { brief: true, ..Opts::default() };
        assert_eq!(
            show(o.clone(), &v0, LinkPrintOpts::default()),
            "v0@v1            DOWN           02:00:00:00:00:01 <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> \n"
        );
        assert_eq!(show(o, &v0, LinkPrintOpts { for_addr: true, open: true, ..Default::default() }), "v0@v1            DOWN           ");
        let o = Opts { json: true, ..Opts::default() };
        assert_eq!(
            show(o.clone(), &v0, LinkPrintOpts::default()),
            "[{\"ifindex\":3,\"link\":\"v1\",\"ifname\":\"v0\",\"flags\":[\"NO-CARRIER\",\"BROADCAST\",\
             \"MULTICAST\",\"UP\",\"M-DOWN\"],\"mtu\":1500,\"qdisc\":\"noop\",\"operstate\":\"DOWN\",\
             \"linkmode\":\"DEFAULT\",\"group\":\"default\",\"txqlen\":1000,\"link_type\":\"ether\",\
             \"address\":\"02:00:00:00:00:01\",\"broadcast\":\"ff:ff:ff:ff:ff:ff\"}]\n"
        );
        // left open for addr_info
        assert!(show(o, &v0, LinkPrintOpts { for_addr: true, open: true, ..Default::default() }).ends_with("ff:ff\"]\n"));
    }

    #[test]
    fn zero_queue_length_is_not_shown() {
        let mut br = veth(4, "br0", 4, 6, false);
        br.attributes.retain(|a| !matches!(a, LinkAttribute::Link(_)));
        for a in br.attributes.iter_mut() {
            if let LinkAttribute::TxQueueLen(q) = a {
                *q = 0;
            }
        }
        assert!(show(Opts::default(), &br, LinkPrintOpts::default()).contains("group default \n"));
        let o = Opts { json: true, ..Opts::default() };
        assert!(!show(o, &br, LinkPrintOpts::default()).contains("txqlen"));
    }

    #[test]
    fn facts_from_raw_bytes_match_decoded() {
        use netlink_packet_core::Emitable;
        use netlink_packet_route::link::InfoPortKind;
        let mut m = veth(6, "p1", 5, 1, true);
        m.attributes.push(LinkAttribute::Controller(4));
        for a in m.attributes.iter_mut() {
            if let LinkAttribute::Group(g) = a {
                *g = 7;
            }
        }
        m.attributes.push(LinkAttribute::LinkInfo(vec![
            LinkInfo::Kind(InfoKind::Veth),
            LinkInfo::PortKind(InfoPortKind::Bridge),
        ]));
        let mut raw = vec![0u8; 16 + m.buffer_len()];
        m.emit(&mut raw[16..]);
        let facts = LinkFacts::of_raw(&raw).unwrap();
        assert_eq!(facts, LinkFacts::of_msg(&m));
        assert_eq!(facts.kind.as_deref(), Some("veth"));
        assert_eq!(facts.slave_kind.as_deref(), Some("bridge"));
        assert_eq!((facts.master, facts.group, facts.name.as_deref()), (Some(4), 7, Some("p1")));
    }

    #[test]
    fn stripped_messages_still_decode() {
        use netlink_packet_core::Emitable;
        use netlink_packet_route::link::{AfSpecInet6, AfSpecUnspec, In6AddrGenMode, Stats64};
        let mut m = veth(3, "v0", 2, 1, true);
        m.attributes.push(LinkAttribute::Stats64(Stats64::default()));
        m.attributes.push(LinkAttribute::AfSpecUnspec(vec![AfSpecUnspec::Inet6(vec![
            AfSpecInet6::AddrGenMode(In6AddrGenMode::Random),
        ])]));
        m.attributes.push(LinkAttribute::PropList(vec![Prop::AltIfName("uplink".into())]));
        m.attributes.push(LinkAttribute::Promiscuity(1));
        m.attributes.push(LinkAttribute::Carrier(1));
        let mut raw = vec![0u8; 16 + m.buffer_len()];
        m.emit(&mut raw[16..]);
        raw[4..6].copy_from_slice(&16u16.to_ne_bytes());
        let n = raw.len() as u32;
        raw[..4].copy_from_slice(&n.to_ne_bytes());
        for (stats, details) in [(false, false), (true, true)] {
            let l = Listed { body: Body::Raw(strip(&raw, stats, details)), shown: true }.msg();
            let a = Attrs::of(&l);
            assert_eq!(a.ifname, Some("v0"));
            assert_eq!(a.altnames, ["uplink"]);
            assert_eq!(a.addrgenmode, details.then_some(3));
            assert_eq!(l.attributes.iter().any(|x| matches!(x, LinkAttribute::Stats64(_))), stats);
            assert_eq!(a.promiscuity, details.then_some(1));
            // never printed: dropped
            assert!(!l.attributes.iter().any(|x| matches!(x, LinkAttribute::Carrier(_))));
            assert_eq!((a.mtu, a.qdisc, a.txqlen), (Some(1500), Some("noop"), Some(1000)));
        }
    }

    #[test]
    fn raw_attrs_match_decoded() {
        use netlink_packet_core::Emitable;
        use netlink_packet_route::link::{LinkProtocolDownReason, State};
        let mut m = veth(9, "v\u{e9}0", 8, 3, true);
        m.attributes.extend([
            LinkAttribute::Controller(4),
            LinkAttribute::LinkNetNsId(2),
            LinkAttribute::IfAlias("an alias".into()),
            LinkAttribute::OperState(State::Dormant),
            LinkAttribute::PermAddress(vec![2, 0, 0, 0, 0, 7]),
            LinkAttribute::Promiscuity(2),
            LinkAttribute::AllMulticast(1),
            LinkAttribute::MinMtu(68),
            LinkAttribute::MaxMtu(65535),
            LinkAttribute::NumTxQueues(4),
            LinkAttribute::NumRxQueues(5),
            LinkAttribute::GsoMaxSize(65536),
            LinkAttribute::GsoMaxSegs(100),
            LinkAttribute::TsoMaxSize(1 << 20),
            LinkAttribute::TsoMaxSegs(200),
            LinkAttribute::GroMaxSize(1 << 16),
            LinkAttribute::ParentDevName("0000:00:01.0".into()),
            LinkAttribute::ParentDevBusName("pci".into()),
            LinkAttribute::PhysPortName("p0".into()),
            LinkAttribute::ProtoDown(1),
            LinkAttribute::ProtoDownReason(vec![LinkProtocolDownReason::Value(5)]),
            LinkAttribute::PropList(vec![Prop::AltIfName("a1".into()), Prop::AltIfName("a2".into())]),
        ]);
        let mut raw = vec![0u8; 16 + m.buffer_len()];
        m.emit(&mut raw[16..]);
        let n = raw.len() as u32;
        raw[..4].copy_from_slice(&n.to_ne_bytes());
        let decoded = Attrs::of(&m);
        assert_eq!(decoded.proto_down_reason, 5);
        assert_eq!(decoded.altnames, ["a1", "a2"]);
        assert_eq!(Attrs::of_raw(&raw), Some(decoded));
        // the printed text is the same too
        let o = Opts::default();
        let mut ip = Ip::new(o);
        ip.p = Printer::capture(false, false, false);
        print_raw(&mut ip, &raw, &LinkPrintOpts::default()).unwrap();
        let text = ip.p.captured().to_string();
        assert_eq!(text, show(Opts::default(), &m, LinkPrintOpts::default()));
        assert!(text.starts_with("9: v\u{e9}0@if8: "), "{text}");
    }

    #[test]
    fn filters() {
        let v0 = veth(3, "v0", 2, 1, true);
        let v0 = LinkFacts::of_msg(&v0);
        let f = LinkFilter { up: true, ..Default::default() };
        assert_eq!(verdict(&f, &v0), Verdict::Show);
        let f = LinkFilter { group: Some(5), ..Default::default() };
        assert_eq!(verdict(&f, &v0), Verdict::Empty);
        let f = LinkFilter { index: Some(9), ..Default::default() };
        assert_eq!(verdict(&f, &v0), Verdict::Skip);
        let f = LinkFilter { kind: Some("bridge_slave".into()), ..Default::default() };
        assert_eq!(verdict(&f, &v0), Verdict::Empty);
    }
}
