//! `ip monitor [ all | OBJECTS ] [ file FILE ] [ label ] [ all-nsid ]
//! [ dev DEV ]`: the kernel's rtnetlink events as they happen, or the
//! messages of a file recorded by `rtmon`.
//!
//! This module owns the subscription (a [`Listener`] of its own, joined to
//! the groups of the chosen objects and address family) and the dispatch
//! ([`dispatch`]): each message is printed by the printer its object's
//! listing uses (links by `link_show`, addresses by `addr::info`, routes by
//! `route::print`, neighbours by `neigh`, nsids by `netns`), after the
//! monitor's own headers (`-t`/`-ts` time, `[nsid N]`, `[LABEL]`) and
//! `Deleted `. The printers of the objects that have none yet elsewhere
//! are in [`events`]. Whatever the options say, the output is text
//! (`-j` and `-s` change nothing, as in the reference); it is flushed
//! after each datagram (live) so a pipe reader sees every event at once.

mod dispatch;
mod events;
mod file;

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::Listener;
use crate::print::Printer;

pub use dispatch::dispatch;

const USAGE: &str = "\
Usage: ip monitor [ all | OBJECTS ] [ FILE ] [ label ] [ all-nsid ]
                  [ dev DEVICE ]
OBJECTS :=  address | link | mroute | neigh | netconf |
            nexthop | nsid | prefix | route | rule | stats
FILE := file FILENAME";

/// The objects `ip monitor` can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Obj {
    Link,
    Address,
    Route,
    Mroute,
    Prefix,
    Neigh,
    Netconf,
    Rule,
    Nsid,
    Nexthop,
    Stats,
}

/// The object words in the order their abbreviations are tried (`l` is
/// `label`, `a` address, `n` neigh, `r` route; `stats` only in full).
const OBJ_WORDS: &[(&str, Obj)] = &[
    ("link", Obj::Link),
    ("address", Obj::Address),
    ("route", Obj::Route),
    ("mroute", Obj::Mroute),
    ("prefix", Obj::Prefix),
    ("neigh", Obj::Neigh),
    ("netconf", Obj::Netconf),
    ("rule", Obj::Rule),
    ("nsid", Obj::Nsid),
    ("nexthop", Obj::Nexthop),
];

const ALL: [Obj; 11] = [
    Obj::Link,
    Obj::Address,
    Obj::Route,
    Obj::Mroute,
    Obj::Prefix,
    Obj::Neigh,
    Obj::Netconf,
    Obj::Rule,
    Obj::Nsid,
    Obj::Nexthop,
    Obj::Stats,
];

/// What the monitor was asked for.
#[derive(Debug, Clone, Default)]
pub struct Mon {
    objs: Vec<Obj>,
    /// `[LABEL]` before each event (`label`, `all`)
    pub label: bool,
    /// `[nsid N]` before each event; events of peer namespaces too
    pub all_nsid: bool,
    /// `dev DEV` (its ifindex once resolved)
    dev_name: Option<String>,
    pub dev: Option<u32>,
    file: Option<String>,
    /// `-4` / `-6` (0: both)
    pub family: u8,
    /// `-t` (`Timestamp:` line) / `-ts` (`[...]` prefix)
    pub timestamp: bool,
    pub tshort: bool,
}

fn parse(args: &mut Args) -> Result<Mon> {
    let mut m = Mon::default();
    while let Some(w) = args.next() {
        if w == "all" {
            m.label = true;
            m.objs.extend_from_slice(&ALL);
        } else if matches(&w, "file") {
            m.file = Some(args.value()?);
        } else if matches(&w, "label") {
            m.label = true;
        } else if let Some(&(_, o)) = OBJ_WORDS.iter().find(|(k, _)| matches(&w, k)) {
            m.objs.push(o);
        } else if matches(&w, "all-nsid") {
            m.all_nsid = true;
        } else if w == "stats" {
            m.objs.push(Obj::Stats);
        } else if w == "dev" {
            m.dev_name = Some(args.value()?);
        } else if matches(&w, "help") {
            return Err(Error::arg(USAGE));
        } else {
            return Err(Error::arg(format!("Argument \"{w}\" is unknown, try \"ip monitor help\".")));
        }
    }
    if m.objs.is_empty() {
        m.objs.extend_from_slice(&ALL);
    }
    Ok(m)
}

/// The RTNLGRP_* groups of the chosen objects under the address family.
fn groups(m: &Mon) -> Vec<u32> {
    let v4 = m.family != super::AF_INET6;
    let v6 = m.family != super::AF_INET;
    let any = m.family == super::AF_UNSPEC;
    let mut g = Vec::new();
    let mut add = |on: bool, n: u32| {
        if on && !g.contains(&n) {
            g.push(n);
        }
    };
    for o in &m.objs {
        match o {
            Obj::Link => add(true, 1),
            Obj::Address => {
                add(v4, 5);
                add(v6, 9);
            }
            Obj::Route => {
                add(v4, 7);
                add(v6, 11);
                add(any, 27);
            }
            Obj::Mroute => {
                add(v4, 6);
                add(v6, 10);
            }
            Obj::Prefix => add(v6, 18),
            Obj::Neigh => add(true, 3),
            Obj::Netconf => {
                add(v4, 24);
                add(v6, 25);
                add(any, 29);
            }
            Obj::Rule => {
                add(v4, 8);
                add(v6, 19);
            }
            Obj::Nsid => add(true, 28),
            Obj::Nexthop => add(true, 32),
            Obj::Stats => add(true, 36),
        }
    }
    g
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut m = parse(&mut args)?;
    m.family = ip.o.family;
    m.timestamp = ip.o.timestamp > 0;
    m.tshort = ip.o.tshort;
    if let Some(name) = m.dev_name.clone() {
        match super::common::link_index(ip, &name)? {
            Some(i) => m.dev = Some(i),
            // the reference ends this one with an empty line
            None => {
                return Err(Error::arg(format!("Error: argument \"{name}\" is wrong: Device does not exist\n")))
            }
        }
    }
    // text whatever -j says; no counters whatever -s says
    ip.o.json = false;
    ip.o.pretty = false;
    ip.o.stats = 0;
    ip.p = Printer::new(false, false, ip.o.color.enabled(), ip.o.oneline);
    if let Some(path) = m.file.clone() {
        let r = file::replay(ip, &m, &path);
        ip.p.flush();
        return r;
    }
    // the names and flags of the links there are now (for `@peer` and
    // M-DOWN); events keep them up to date
    let _ = super::link_show::each_link(ip, &Default::default(), &mut |_, _| Ok(()));
    let rcvbuf = ip.o.rcvbuf.map(|v| v as usize).unwrap_or(1 << 20);
    let mut l = Listener::open(&groups(&m), m.all_nsid, rcvbuf)?;
    loop {
        l.recv(&mut |msg, nsid| dispatch(ip, &m, msg, nsid))?;
        ip.p.flush();
        if ip.p.take_error().is_some() {
            // stdout is gone (SIGPIPE is the usual end of that)
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests;
