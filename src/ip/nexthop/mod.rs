//! `ip nexthop`: add / replace / del / get / show (list) / flush, and
//! `bucket` (show / get) for the buckets of resilient groups.
//!
//! The messages are built and read by hand in [`msg`]; one nexthop is
//! printed by [`print::print_nexthop`] (also used by `-echo`, routes'
//! `nh_info` and `ip monitor`).

pub mod msg;
pub mod print;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE};

use super::common::get_addr;
use super::{Ip, AF_INET, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::rtm::{RTM_DELNEXTHOP, RTM_GETNEXTHOP, RTM_GETNEXTHOPBUCKET, RTM_NEWNEXTHOP};
use msg::{DumpFilter, Nexthop, ResGroup, GRP_TYPE_MPATH, GRP_TYPE_RES, RTNH_F_ONLINK};

const USAGE: &str = r#"Usage: ip nexthop { list | flush } [ protocol ID ] SELECTOR
       ip nexthop { add | replace } id ID NH [ protocol ID ]
       ip nexthop { get | del } id ID
       ip nexthop bucket list BUCKET_SELECTOR
       ip nexthop bucket get id ID index INDEX
SELECTOR := [ id ID ] [ dev DEV ] [ vrf NAME ] [ master DEV ]
            [ groups ] [ fdb ]
BUCKET_SELECTOR := SELECTOR | [ nhid ID ]
NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ]
        [ encap ENCAPTYPE ENCAPHDR ] |
        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }
GROUP := [ <id[,weight]>/<id[,weight]>/... ]
TYPE := { mpath | resilient }
TYPE_ARGS := [ RESILIENT_ARGS ]
RESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]
                  [ unbalanced_timer UNBALANCED ]
ENCAPTYPE := [ mpls ]
ENCAPHDR := [ MPLSLABEL ]"#;

/// The usage text (stderr, exit 255).
pub fn usage() -> Error {
    Error::arg(USAGE)
}

fn unknown_cmd(c: &str) -> Error {
    Error::arg(format!("Command \"{c}\" is unknown, try \"ip nexthop help\"."))
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return list(ip, args, false);
    };
    if matches(&cmd, "add") {
        modify(ip, args, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_EXCL)
    } else if matches(&cmd, "replace") {
        modify(ip, args, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_REPLACE)
    } else if matches(&cmd, "delete") {
        modify(ip, args, RTM_DELNEXTHOP, 0)
    } else if matches(&cmd, "list") || matches(&cmd, "show") || matches(&cmd, "lst") {
        list(ip, args, false)
    } else if matches(&cmd, "get") {
        get(ip, args)
    } else if matches(&cmd, "flush") {
        list(ip, args, true)
    } else if matches(&cmd, "bucket") {
        bucket(ip, args)
    } else if matches(&cmd, "help") {
        Err(usage())
    } else {
        Err(unknown_cmd(&cmd))
    }
}

/// `id ID` and friends: an unsigned 32-bit number.
fn id_arg(v: &str, what: &str) -> Result<u32> {
    crate::cli::parse_u32(v).ok_or_else(|| Error::invarg(what, v))
}

/// A device that must exist (`Device does not exist`, exit 255).
fn dev_arg(ip: &mut Ip, name: &str) -> Result<u32> {
    match super::common::link_index(ip, name)? {
        Some(i) => Ok(i),
        None => Err(Error::invarg("Device does not exist\n", name)),
    }
}

/// `GROUP := ID[,WEIGHT][/ID[,WEIGHT]]...`
fn parse_group(s: &str) -> Result<Vec<(u32, u16)>> {
    // a bad id is reported as the reference reports it: the word cut at
    // its first `/` and then at its first `,` (it splits the word in place)
    let shown = s.split('/').next().unwrap_or("").split(',').next().unwrap_or("");
    let mut out = Vec::new();
    for member in s.split('/') {
        let (id, w) = match member.split_once(',') {
            Some((i, w)) => (i, Some(w)),
            None => (member, None),
        };
        let id = crate::cli::parse_u32(id).ok_or_else(|| Error::invarg("\"group\" value is invalid\n", shown))?;
        let weight = match w {
            Some(w) => match crate::cli::parse_u32(w) {
                Some(x @ 1..=256) => x as u16,
                _ => return Err(Error::invarg("\"weight\" is invalid\n", w)),
            },
            None => 1,
        };
        out.push((id, weight));
    }
    Ok(out)
}

/// `add` / `replace` / `del`: the words of a nexthop (del takes the same
/// words; the kernel rejects all but `id`).
pub fn parse_nexthop(ip: &mut Ip, args: &mut Args) -> Result<Nexthop> {
    let mut nh = Nexthop { family: ip.o.family, ..Default::default() };
    while let Some(w) = args.next() {
        if w == "id" {
            let v = args.value()?;
            nh.id = Some(id_arg(&v, "invalid id value")?);
        } else if w == "via" {
            let mut v = args.value()?;
            let mut family = nh.family;
            if v == "inet" || v == "inet6" {
                family = super::read_family(&v).unwrap_or(AF_UNSPEC);
                v = args.value()?;
            }
            let a = get_addr(&v, family)?;
            nh.family = a.family;
            nh.gateway = Some(a.addr);
        } else if w == "dev" {
            let v = args.value()?;
            nh.oif = Some(dev_arg(ip, &v)?);
            if nh.family == AF_UNSPEC {
                nh.family = AF_INET;
            }
        } else if w == "blackhole" {
            nh.blackhole = true;
            if nh.family == AF_UNSPEC {
                nh.family = AF_INET;
            }
        } else if w == "fdb" {
            nh.fdb = true;
        } else if w == "onlink" {
            nh.flags |= RTNH_F_ONLINK;
        } else if w == "group" {
            let v = args.value()?;
            nh.group = parse_group(&v)?;
        } else if w == "type" {
            let v = args.value()?;
            if v == "mpath" {
                nh.group_type = Some(GRP_TYPE_MPATH);
                nh.res = None;
            } else if v == "resilient" {
                nh.group_type = Some(GRP_TYPE_RES);
                nh.res = Some(parse_resilient(args)?);
            } else {
                return Err(Error::invarg("\"type\" value is invalid\n", &v));
            }
        } else if w == "encap" {
            nh.encap = Some(crate::ip::route::encap::parse_raw(args)?);
        } else if matches(&w, "protocol") {
            let v = args.value()?;
            nh.protocol = crate::ip::route::names::parse_proto(&v)
                .ok_or_else(|| Error::invarg("\"protocol\" value is invalid\n", &v))?;
        } else if w == "help" {
            return Err(usage());
        } else {
            return Err(Error::invarg("", &w));
        }
    }
    Ok(nh)
}

/// The words after `type resilient`.
fn parse_resilient(args: &mut Args) -> Result<ResGroup> {
    let hz = print::user_hz();
    let mut r = ResGroup::default();
    loop {
        match args.peek() {
            Some("buckets") => {
                args.next();
                let v = args.value()?;
                r.buckets = Some(
                    crate::cli::parse_u64(&v)
                        .and_then(|x| u16::try_from(x).ok())
                        .ok_or_else(|| Error::invarg("invalid buckets value", &v))?,
                );
            }
            Some(w @ ("idle_timer" | "unbalanced_timer")) => {
                let idle = w == "idle_timer";
                args.next();
                let v = args.value()?;
                let what = if idle { "invalid idle timer value" } else { "invalid unbalanced timer value" };
                let secs = crate::cli::parse_u32(&v).ok_or_else(|| Error::invarg(what, &v))?;
                let ticks = (secs as u64 * hz).min(u32::MAX as u64) as u32;
                if idle {
                    r.idle_timer = Some(ticks);
                } else {
                    r.unbalanced_timer = Some(ticks);
                }
            }
            _ => return Ok(r),
        }
    }
}

fn modify(ip: &mut Ip, mut args: Args, cmd: u16, flags: u16) -> Result<()> {
    let nh = parse_nexthop(ip, &mut args)?;
    let payload = msg::encode(&nh);
    ip.change_raw(cmd, flags, &payload, &mut |ip, m| {
        print::print_msg(ip, m);
    })
}

/// `get id ID`: one nexthop.
fn get(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut id = None;
    while let Some(w) = args.next() {
        if w == "id" {
            let v = args.value()?;
            id = Some(id_arg(&v, "invalid id value")?);
        } else {
            return Err(usage());
        }
    }
    let Some(id) = id else { return Err(usage()) };
    show_one(ip, id)
}

fn show_one(ip: &mut Ip, id: u32) -> Result<()> {
    let payload = msg::encode_get(id);
    let mut reply = None;
    ip.nl()?.get_raw(RTM_GETNEXTHOP, 0, &payload, &mut |m| {
        reply = msg::decode(m);
        Ok(())
    })?;
    ip.p.start_doc();
    if let Some(nh) = reply {
        print::print_nexthop(ip, &nh, false);
    }
    ip.p.end_doc();
    Ok(())
}

/// The selectors of `show` / `flush` / `bucket show`.
#[derive(Debug, Default)]
struct Selector {
    kernel: DumpFilter,
    /// `protocol ID` (0: any), checked here
    protocol: u8,
    /// any selector was given (a bare `flush` deletes the groups first)
    given: bool,
}

fn parse_selector(ip: &mut Ip, args: &mut Args, bucket: bool) -> Result<Selector> {
    let mut s = Selector::default();
    s.kernel.family = ip.o.family;
    while let Some(w) = args.next() {
        s.given = true;
        if w == "id" {
            let v = args.value()?;
            s.kernel.id = Some(id_arg(&v, "invalid id value")?);
        } else if matches(&w, "dev") {
            let v = args.value()?;
            s.kernel.oif = Some(dev_arg(ip, &v)?);
        } else if matches(&w, "master") {
            let v = args.value()?;
            s.kernel.master = Some(dev_arg(ip, &v)?);
        } else if matches(&w, "vrf") {
            let v = args.value()?;
            s.kernel.master = Some(vrf_index(ip, &v)?);
        } else if matches(&w, "groups") && !bucket {
            s.kernel.groups = true;
        } else if matches(&w, "fdb") && !bucket {
            s.kernel.fdb = true;
        } else if w == "nhid" && bucket {
            let v = args.value()?;
            s.kernel.nhid = Some(id_arg(&v, "invalid id value")?);
        } else if matches(&w, "protocol") && !bucket {
            let v = args.value()?;
            s.protocol = crate::cli::parse_u32(&v)
                .ok_or_else(|| Error::invarg("invalid protocol value", &v))? as u8;
        } else if w == "help" {
            return Err(usage());
        } else {
            return Err(Error::invarg("", &w));
        }
    }
    Ok(s)
}

/// `vrf NAME`: the index of a VRF device (`Invalid VRF`).
fn vrf_index(ip: &mut Ip, name: &str) -> Result<u32> {
    let bad = || Error::invarg("Invalid VRF\n", name);
    let Some(l) = super::common::get_link_by_name(ip, name)? else {
        return Err(bad());
    };
    if super::link_show::link_kind(&l).as_deref() == Some("vrf") {
        Ok(l.header.index)
    } else {
        Err(bad())
    }
}

/// `show` / `list` (and `flush`) with selectors.
fn list(ip: &mut Ip, mut args: Args, flush: bool) -> Result<()> {
    let s = parse_selector(ip, &mut args, false)?;
    if flush {
        return do_flush(ip, &s);
    }
    if let Some(id) = s.kernel.id {
        return show_one(ip, id);
    }
    let payload = msg::encode_dump(&s.kernel, false);
    ip.p.start_doc();
    // each nexthop is printed as it arrives and dropped
    let r = ip.dump_raw_each(RTM_GETNEXTHOP, &payload, &mut |ip, m| {
        if let Some(nh) = msg::decode(m) {
            if s.protocol == 0 || nh.protocol == s.protocol {
                print::print_nexthop(ip, &nh, false);
            }
        }
        Ok(())
    });
    ip.p.end_doc();
    r
}

fn do_flush(ip: &mut Ip, s: &Selector) -> Result<()> {
    if let Some(id) = s.kernel.id {
        // one delete; its failure is the command's (exit 1)
        let payload = msg::encode(&Nexthop { id: Some(id), ..Default::default() });
        return ip.nl()?.request_raw(RTM_DELNEXTHOP, 0, &payload).map_err(|e| match e {
            Error::Netlink { .. } => Error::Failed(e.to_string()),
            e => e,
        });
    }
    // a bare flush deletes the groups first, then the rest: no group
    // vanishes (with its last member) before its own turn
    let mut n = 0;
    if !s.given {
        let groups = Selector { kernel: DumpFilter { groups: true, ..s.kernel.clone() }, ..*s };
        n += flush_pass(ip, &groups)?;
    }
    n += flush_pass(ip, s)?;
    if n == 0 {
        ip.p.raw("Nothing to flush\n");
    } else {
        ip.p.raw(&format!("Flushed {n} nexthops\n"));
    }
    Ok(())
}

/// One dump of the selected nexthops, then one delete each; returns
/// how many were deleted. A failed delete (a group that went with its
/// last member) is reported and not counted, and the flush goes on.
fn flush_pass(ip: &mut Ip, s: &Selector) -> Result<usize> {
    // the ids first (a dump cannot share the socket with the deletes)
    let payload = msg::encode_dump(&s.kernel, false);
    let mut ids = Vec::new();
    ip.nl()?.dump_raw(RTM_GETNEXTHOP, &payload, &mut |m| {
        if let Some(nh) = msg::decode(m) {
            if s.protocol == 0 || nh.protocol == s.protocol {
                ids.extend(nh.id);
            }
        }
        Ok(())
    })?;
    let mut n = 0;
    for id in &ids {
        let payload = msg::encode(&Nexthop { id: Some(*id), ..Default::default() });
        match ip.nl()?.request_raw(RTM_DELNEXTHOP, 0, &payload) {
            Ok(()) => n += 1,
            Err(e @ Error::Netlink { .. }) => crate::print::warn(e),
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// `bucket { show | list | get }`.
fn bucket(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return bucket_list(ip, args);
    };
    if matches(&cmd, "list") || matches(&cmd, "show") || matches(&cmd, "lst") {
        bucket_list(ip, args)
    } else if matches(&cmd, "get") {
        bucket_get(ip, args)
    } else if matches(&cmd, "help") {
        Err(usage())
    } else {
        Err(unknown_cmd(&cmd))
    }
}

fn bucket_list(ip: &mut Ip, mut args: Args) -> Result<()> {
    let s = parse_selector(ip, &mut args, true)?;
    let payload = msg::encode_dump(&s.kernel, true);
    ip.p.start_doc();
    let r = ip.dump_raw_each(RTM_GETNEXTHOPBUCKET, &payload, &mut |ip, m| {
        if let Some(b) = msg::decode_bucket(m) {
            print::print_bucket(ip, &b, false);
        }
        Ok(())
    });
    match r {
        Ok(()) => {
            ip.p.end_doc();
            Ok(())
        }
        // without the kernel's text the reference says only this
        Err(Error::Netlink { msg: None, .. }) => Err(Error::msg("Dump terminated", 2)),
        Err(e) => Err(e),
    }
}

fn bucket_get(ip: &mut Ip, mut args: Args) -> Result<()> {
    let (mut id, mut index) = (None, None);
    while let Some(w) = args.next() {
        if w == "id" {
            let v = args.value()?;
            id = Some(id_arg(&v, "invalid id value")?);
        } else if w == "index" {
            let v = args.value()?;
            index = Some(
                crate::cli::parse_u64(&v)
                    .and_then(|x| u16::try_from(x).ok())
                    .ok_or_else(|| Error::invarg("invalid bucket index value", &v))?,
            );
        } else {
            return Err(usage());
        }
    }
    let (Some(id), Some(index)) = (id, index) else { return Err(usage()) };
    let payload = msg::encode_bucket_get(id, index);
    let mut reply = None;
    ip.nl()?.get_raw(RTM_GETNEXTHOPBUCKET, 0, &payload, &mut |m| {
        reply = msg::decode_bucket(m);
        Ok(())
    })?;
    ip.p.start_doc();
    if let Some(b) = reply {
        print::print_bucket(ip, &b, false);
    }
    ip.p.end_doc();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::Opts;

    fn parse(words: &[&str]) -> Result<Nexthop> {
        let mut ip = Ip::new(Opts::default());
        parse_nexthop(&mut ip, &mut Args::new(words.iter().copied()))
    }

    #[test]
    fn groups_and_weights() {
        assert_eq!(parse_group("1,3/7,1").unwrap(), vec![(1, 3), (7, 1)]);
        assert_eq!(parse_group("1,256/2").unwrap(), vec![(1, 256), (2, 1)]);
        let e = parse_group("1,0/2").unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"0\" is wrong: \"weight\" is invalid\n");
        assert_eq!(e.exit_code(), 255);
        assert!(parse_group("1,257").is_err());
        let bad = |g: &str| parse_group(g).unwrap_err().to_string();
        assert_eq!(bad("1,2/x,3"), "Error: argument \"1\" is wrong: \"group\" value is invalid\n");
        assert_eq!(bad("/2"), "Error: argument \"\" is wrong: \"group\" value is invalid\n");
        assert_eq!(bad("1,2,3"), "Error: argument \"2,3\" is wrong: \"weight\" is invalid\n");
        let e = parse_group("a/b").unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"a\" is wrong: \"group\" value is invalid\n");
    }

    #[test]
    fn nexthop_words() {
        let nh = parse(&["id", "12", "group", "1/2", "type", "resilient", "buckets", "8", "idle_timer", "120"]).unwrap();
        assert_eq!(nh.id, Some(12));
        assert_eq!(nh.family, AF_UNSPEC);
        assert_eq!(nh.group_type, Some(GRP_TYPE_RES));
        let r = nh.res.unwrap();
        assert_eq!(r.buckets, Some(8));
        assert_eq!(r.idle_timer, Some(120 * print::user_hz() as u32));
        // a later `type` starts the arguments afresh
        let nh = parse(&["group", "1", "type", "resilient", "buckets", "4", "type", "resilient"]).unwrap();
        assert_eq!(nh.res.unwrap().buckets, None);
        let nh = parse(&["id", "4", "blackhole", "proto", "static", "onlink", "fdb"]).unwrap();
        assert!(nh.blackhole && nh.fdb);
        assert_eq!((nh.family, nh.protocol, nh.flags), (AF_INET, 4, RTNH_F_ONLINK));
        let nh = parse(&["via", "inet6", "2001:db8::2", "fdb"]).unwrap();
        assert_eq!(nh.family, crate::ip::AF_INET6);
        assert_eq!(nh.gateway, Some("2001:db8::2".parse().unwrap()));
    }

    #[test]
    fn bad_words() {
        let e = parse(&["id", "abc"]).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"abc\" is wrong: invalid id value");
        let e = parse(&["frob"]).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"frob\" is wrong: ");
        let e = parse(&["via", "2001:db8::2", "via", "10.0.0.2"]).unwrap_err();
        assert_eq!(e.to_string(), "Error: inet6 address is expected rather than \"10.0.0.2\".");
        assert_eq!(e.exit_code(), 1);
        let e = parse(&["group", "1/2", "type", "frob"]).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"frob\" is wrong: \"type\" value is invalid\n");
        let e = parse(&["group", "1", "type", "resilient", "buckets", "abc"]).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"abc\" is wrong: invalid buckets value");
        assert_eq!(parse(&["group"]).unwrap_err().to_string(), crate::cli::INCOMPLETE);
        let e = parse(&["protocol", "frob"]).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"frob\" is wrong: \"protocol\" value is invalid\n");
    }
}
