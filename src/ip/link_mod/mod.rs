//! `ip link add | set | replace | delete` and `ip link help`.
//!
//! One parser (`parse`) reads the generic link options into a typed
//! `LinkMessage`, as iproute2 6.1 reads them (keyword order decides what a
//! prefix means; the reference's messages and exit codes). The words after
//! `type KIND` go to the kind's own parser (one file each). Then one
//! RTM_NEWLINK / RTM_DELLINK is sent: the kernel applies it whole or not at
//! all, so a failed command leaves nothing half made.

mod bond;
mod bridge;
mod bridge_slave;
mod generic;
mod help;
mod macvlan;
mod other;
mod property;
mod raw;
mod util;
mod veth;
mod vf;
mod vlan;
mod vxlan;
mod xstats;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE};
use netlink_packet_route::link::{InfoData, InfoKind, InfoPortData, LinkAttribute, LinkInfo};
use netlink_packet_route::RouteNetlinkMessage;

pub use generic::{parse, Mode, Req};
pub use util::*;

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

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
        crate::print::stdout(text);
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
            other::parse(ip, k, a)?;
            // the kind's data (the kernel refuses the kind, or a device of
            // another kind, either way); a port's kind (`X_slave`) sends
            // its port data
            info.push(if k.ends_with("_slave") {
                LinkInfo::PortData(InfoPortData::Other(Vec::new()))
            } else {
                LinkInfo::Data(InfoData::Other(Vec::new()))
            });
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
    // the reference sends `-f FAMILY` as the ifinfomsg family: with
    // `-f bridge` the kernel hands the request to the bridge (whose
    // dellink deletes no device)
    req.msg.header.interface_family = ip.o.family.into();
    let msg = if mode == Mode::Delete {
        RouteNetlinkMessage::DelLink(req.msg)
    } else {
        RouteNetlinkMessage::NewLink(req.msg)
    };
    let r = ip.change(msg, flags, &mut |ip, m| {
        crate::ip::link_show::print_msg(ip, m);
    });
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

/// `ip link xstats type TYPE ...`.
pub fn xstats(ip: &mut Ip, args: Args) -> Result<()> {
    xstats::xstats(ip, args)
}

/// `ip link afstats [dev DEV]`.
pub fn afstats(ip: &mut Ip, args: Args) -> Result<()> {
    xstats::afstats(ip, args)
}

/// `ip link help [TYPE]`: a kind's usage on stdout (exit 0), else the
/// link usage on stderr (exit 255).
pub fn help(_ip: &mut Ip, mut args: Args) -> Result<()> {
    if let Some(t) = args.next() {
        if let Some(text) = help::text(&t).filter(|_| t != "link") {
            _ip.p.raw(text);
            return Ok(());
        }
    }
    Err(help::usage())
}
