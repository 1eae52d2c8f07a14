//! `ip mptcp`: the in-kernel MPTCP path manager's endpoints and limits
//! over the `mptcp_pm` generic netlink family.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::common::{get_addr, IpText};
use super::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::cli::{matches, parse_u32, parse_u64, Args};
use crate::error::{Error, Result};
use crate::genl::Genl;
use crate::nl::{attrs, put_attr};
use crate::print::Ctx;

pub const USAGE: &str = r#"Usage:	ip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ]
				      [ port NR ] [ FLAG-LIST ]
	ip mptcp endpoint delete id ID [ ADDRESS ]
	ip mptcp endpoint change [ id ID ] [ ADDRESS ] [ port NR ] CHANGE-OPT
	ip mptcp endpoint show [ id ID ]
	ip mptcp endpoint flush
	ip mptcp limits set [ subflows NR ] [ add_addr_accepted NR ]
	ip mptcp limits show
	ip mptcp monitor
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG  := [ signal | subflow | backup | fullmesh ]
CHANGE-OPT := [ backup | nobackup | fullmesh | nofullmesh ]"#;


const CMD_ADD_ADDR: u8 = 1;
const CMD_DEL_ADDR: u8 = 2;
const CMD_GET_ADDR: u8 = 3;
const CMD_FLUSH_ADDRS: u8 = 4;
const CMD_SET_LIMITS: u8 = 5;
const CMD_GET_LIMITS: u8 = 6;
const CMD_SET_FLAGS: u8 = 7;
const ATTR_ADDR: u16 = 1 | 0x8000; // nested
const ATTR_RCV_ADD_ADDRS: u16 = 2;
const ATTR_SUBFLOWS: u16 = 3;
const ADDR_FAMILY: u16 = 1;
const ADDR_ID: u16 = 2;
const ADDR_ADDR4: u16 = 3;
const ADDR_ADDR6: u16 = 4;
const ADDR_PORT: u16 = 5;
const ADDR_FLAGS: u16 = 6;
const ADDR_IF_IDX: u16 = 7;
const F_SIGNAL: u32 = 1;
const F_SUBFLOW: u32 = 2;
const F_BACKUP: u32 = 4;
const F_FULLMESH: u32 = 8;
/// flag bits and their words, in the order they are printed
const FLAGS: &[(u32, &str)] =
    &[(F_SIGNAL, "signal"), (F_SUBFLOW, "subflow"), (F_BACKUP, "backup"), (F_FULLMESH, "fullmesh"), (16, "implicit")];

/// One endpoint as a command gives it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Endpoint {
    pub addr: Option<IpAddr>,
    pub id: Option<u8>,
    pub port: Option<u16>,
    pub flags: u32,
    pub ifindex: Option<u32>,
}

impl Endpoint {
    /// The nested MPTCP_PM_ATTR_ADDR.
    pub fn encode(&self) -> Vec<u8> {
        let mut n = Vec::new();
        match self.addr {
            Some(IpAddr::V4(a)) => {
                put_attr(&mut n, ADDR_FAMILY, &(AF_INET as u16).to_ne_bytes());
                put_attr(&mut n, ADDR_ADDR4, &a.octets());
            }
            Some(IpAddr::V6(a)) => {
                put_attr(&mut n, ADDR_FAMILY, &(AF_INET6 as u16).to_ne_bytes());
                put_attr(&mut n, ADDR_ADDR6, &a.octets());
            }
            None => {}
        }
        if let Some(id) = self.id {
            put_attr(&mut n, ADDR_ID, &[id]);
        }
        if let Some(p) = self.port {
            put_attr(&mut n, ADDR_PORT, &p.to_ne_bytes());
        }
        if self.flags != 0 {
            put_attr(&mut n, ADDR_FLAGS, &self.flags.to_ne_bytes());
        }
        if let Some(i) = self.ifindex {
            put_attr(&mut n, ADDR_IF_IDX, &(i as i32).to_ne_bytes());
        }
        let mut a = Vec::new();
        put_attr(&mut a, ATTR_ADDR, &n);
        a
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Add,
    Del,
    Change,
    Show,
}

fn parse_endpoint(ip: &mut Ip, args: &mut Args, op: Op) -> Result<Endpoint> {
    let mut e = Endpoint::default();
    let mut clear = 0u32;
    while let Some(w) = args.next() {
        if let Some(&(bit, _)) = FLAGS[..4].iter().find(|(_, n)| *n == w) {
            if op == Op::Change && bit & (F_BACKUP | F_FULLMESH) == 0 {
                return Err(Error::invarg("invalid flags, backup and fullmesh only", &w));
            }
            e.flags |= bit;
            if e.flags & F_SIGNAL != 0 && e.flags & F_FULLMESH != 0 {
                return Err(Error::invarg("flags mustn't have both signal and fullmesh", &w));
            }
        } else if op == Op::Change && (w == "nobackup" || w == "nofullmesh") {
            clear |= if w == "nobackup" { F_BACKUP } else { F_FULLMESH };
        } else if w == "id" {
            let v = args.value()?;
            match parse_u64(&v).and_then(|x| u8::try_from(x).ok()) {
                Some(id) => e.id = Some(id),
                None => return Err(Error::invarg("invalid ID\n", &v)),
            }
        } else if w == "dev" {
            let v = args.value()?;
            match super::common::link_index(ip, &v)? {
                Some(i) => e.ifindex = Some(i),
                None => return Err(Error::invarg("device does not exist\n", &v)),
            }
        } else if w == "port" {
            let v = args.value()?;
            match parse_u64(&v).and_then(|x| u16::try_from(x).ok()) {
                Some(p) => e.port = Some(p),
                None => return Err(Error::invarg("expected port", &v)),
            }
        } else {
            e.addr = Some(get_addr(&w, AF_UNSPEC)?.addr);
        }
    }
    e.flags &= !clear;
    match op {
        Op::Add if e.addr.is_none() => Err(Error::arg("Error: argument \"ADDRESS\" is required")),
        Op::Del if e.id.is_none() => Err(Error::arg("Error: argument \"ID\" is required")),
        Op::Del if e.id != Some(0) && e.addr.is_some() => {
            Err(Error::invarg("invalid for non-zero id address\n", "ADDRESS"))
        }
        Op::Del if e.id == Some(0) && e.addr.is_none() => {
            Err(Error::invarg("address is needed for deleting id 0 address\n", "ID"))
        }
        _ => Ok(e),
    }
}

fn open() -> Result<Genl> {
    Genl::open("mptcp_pm", 1)
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let unknown = |c: &str| Error::arg(format!("Command \"{c}\" is unknown, try \"ip mptcp help\"."));
    let Some(obj) = args.next() else { return Err(Error::arg(USAGE)) };
    if matches(&obj, "help") {
        return Err(Error::arg(USAGE));
    }
    if matches(&obj, "endpoint") {
        let cmd = args.next();
        let op = match cmd.as_deref() {
            None => Op::Show,
            Some(c) if matches(c, "add") => Op::Add,
            Some(c) if matches(c, "delete") => Op::Del,
            Some(c) if matches(c, "change") => Op::Change,
            Some(c) if matches(c, "show") => Op::Show,
            Some(c) if matches(c, "flush") => return open()?.request(CMD_FLUSH_ADDRS, 0, &[]),
            Some(c) => return Err(unknown(c)),
        };
        let e = parse_endpoint(ip, &mut args, op)?;
        return match op {
            Op::Add => open()?.request(CMD_ADD_ADDR, 0, &e.encode()),
            Op::Del => open()?.request(CMD_DEL_ADDR, 0, &e.encode()),
            Op::Change => open()?.request(CMD_SET_FLAGS, 0, &e.encode()),
            Op::Show => show(ip, &e),
        };
    }
    if matches(&obj, "limits") {
        let cmd = args.next();
        let set = match cmd.as_deref() {
            None => false,
            Some(c) if matches(c, "set") => true,
            Some(c) if matches(c, "show") => false,
            Some(c) => return Err(unknown(c)),
        };
        let mut a = Vec::new();
        while let Some(w) = args.next() {
            let kind = match w.as_str() {
                "subflows" => ATTR_SUBFLOWS,
                "add_addr_accepted" => ATTR_RCV_ADD_ADDRS,
                _ => return Err(Error::invarg("unknown limit", &w)),
            };
            let v = args.value()?;
            let Some(n) = parse_u32(&v) else {
                return Err(Error::invarg(&format!("invalid {w}\n"), &v));
            };
            put_attr(&mut a, kind, &n.to_ne_bytes());
        }
        if set {
            return open()?.request(CMD_SET_LIMITS, 0, &a);
        }
        let mut reply = Vec::new();
        open()?.get(CMD_GET_LIMITS, &a, &mut |b| {
            reply = b.to_vec();
            Ok(())
        })?;
        print_limits(ip, &reply);
        return Ok(());
    }
    if matches(&obj, "monitor") {
        if let Some(w) = args.next() {
            return Err(unknown(&w));
        }
        let g = open()?;
        let Some(group) = g.group("mptcp_pm_events") else {
            return Err(Error::msg("can't subscribe to mptcp events", 1));
        };
        drop(g);
        return crate::nl::listen(netlink_sys::protocols::NETLINK_GENERIC, &[group], &mut |_, b| {
            // genl header: the event is its command
            if let Some(line) = event_line(b.first().copied().unwrap_or(0), b.get(4..).unwrap_or(&[])) {
                ip.p.raw(&line);
            }
            ip.p.flush();
            ip.p.take_error().is_none()
        });
    }
    Err(unknown(&obj))
}

fn show(ip: &mut Ip, e: &Endpoint) -> Result<()> {
    let mut g = open()?;
    if e.id.is_some() || e.addr.is_some() {
        let mut reply = Vec::new();
        g.get(CMD_GET_ADDR, &e.encode(), &mut |b| {
            reply = b.to_vec();
            Ok(())
        })?;
        ip.p.start_doc();
        print_endpoint(ip, &reply);
        ip.p.end_doc();
        return Ok(());
    }
    ip.p.start_doc();
    let r = g.dump(CMD_GET_ADDR, &[], &mut |_, b| {
        print_endpoint(ip, b);
        Ok(())
    });
    ip.p.end_doc();
    r
}

/// One endpoint: the attributes of a MPTCP_PM_CMD_GET_ADDR reply.
pub fn print_endpoint(ip: &mut Ip, b: &[u8]) {
    let Some((_, n)) = attrs(b).find(|(k, _)| *k == ATTR_ADDR & 0x3fff) else { return };
    let (mut addr, mut id, mut port, mut flags, mut ifindex) = (None, 0u8, None, 0u32, None);
    for (k, v) in attrs(n) {
        match k {
            ADDR_ADDR4 => addr = <[u8; 4]>::try_from(v).ok().map(|o| IpAddr::V4(Ipv4Addr::from(o))),
            ADDR_ADDR6 => addr = <[u8; 16]>::try_from(v).ok().map(|o| IpAddr::V6(Ipv6Addr::from(o))),
            ADDR_ID => id = v.first().copied().unwrap_or(0),
            ADDR_PORT if v.len() >= 2 => port = Some(u16::from_ne_bytes([v[0], v[1]])),
            ADDR_FLAGS => flags = crate::nl::u32_ne(v).unwrap_or(0),
            ADDR_IF_IDX => ifindex = crate::nl::u32_ne(v),
            _ => {}
        }
    }
    let name = ifindex.filter(|&i| i != 0).map(|i| super::link_show::index_name(ip, i));
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    if let Some(a) = addr {
        p.str(Ctx::Any, "address", "{} ", IpText::new(&a).as_str());
    }
    if let Some(port) = port.filter(|&x| x != 0) {
        p.uint(Ctx::Any, "port", "port {} ", port as u64);
    }
    p.uint(Ctx::Any, "id", "id {} ", id as u64);
    for (bit, word) in FLAGS {
        if flags & bit != 0 {
            p.bool(Ctx::Json, word, "", true);
            p.text(word);
            p.text(" ");
        }
    }
    if let Some(n) = name {
        p.str(Ctx::Any, "dev", "dev {} ", &n);
    }
    p.close_obj(Ctx::Json);
    p.text("\n");
}

/// The events iproute2 6.1 knows (MPTCP_EVENT_*), as it names them.
const EVENTS: &[(u8, &str)] = &[
    (1, "CREATED"),
    (2, "ESTABLISHED"),
    (3, "CLOSED"),
    (6, "ANNOUNCED"),
    (7, "REMOVED"),
    (10, "SF_ESTABLISHED"),
    (11, "SF_CLOSED"),
    (13, "SF_PRIO"),
];

/// One `ip mptcp monitor` line: `[  NAME] key=value...` in attribute
/// order of the reference; `[UNKNOWN N]` alone for an event it does not know.
pub fn event_line(event: u8, b: &[u8]) -> Option<String> {
    use std::fmt::Write;
    let Some((_, name)) = EVENTS.iter().find(|(e, _)| *e == event) else {
        return Some(format!("[UNKNOWN {event}]\n"));
    };
    let mut a: [Option<&[u8]>; 18] = [None; 18];
    for (k, v) in attrs(b) {
        if let Some(slot) = a.get_mut(k as usize) {
            *slot = Some(v);
        }
    }
    let u8v = |v: &[u8]| v.first().copied().unwrap_or(0);
    let u16v = |v: &[u8]| v.get(..2).map(|x| u16::from_ne_bytes([x[0], x[1]])).unwrap_or(0);
    let be16 = |v: &[u8]| v.get(..2).map(|x| u16::from_be_bytes([x[0], x[1]])).unwrap_or(0);
    let u32v = |v: &[u8]| crate::nl::u32_ne(v).unwrap_or(0);
    let v4 = |v: &[u8]| <[u8; 4]>::try_from(v).map(|o| Ipv4Addr::from(o).to_string()).unwrap_or_default();
    let v6 = |v: &[u8]| {
        <[u8; 16]>::try_from(v).map(|o| IpText::new(&IpAddr::V6(Ipv6Addr::from(o))).as_str().to_string()).unwrap_or_default()
    };
    let mut s = format!("[{name:>14}]");
    // MPTCP_ATTR_*: token 1, loc_id 3, rem_id 4, saddr4 5, saddr6 6,
    // daddr4 7, daddr6 8, sport 9, dport 10, backup 11, error 12, flags 13,
    // timeout 14, if_idx 15, reset_reason 16, reset_flags 17
    if let Some(v) = a[1] {
        let _ = write!(s, " token={:08x}", u32v(v));
    }
    if let Some(v) = a[4] {
        let _ = write!(s, " remid={}", u8v(v));
    }
    if let Some(v) = a[3] {
        let _ = write!(s, " locid={}", u8v(v));
    }
    if let Some(v) = a[5] {
        let _ = write!(s, " saddr4={}", v4(v));
    }
    if let Some(v) = a[6] {
        let _ = write!(s, " saddr6={}", v6(v));
    }
    if let Some(v) = a[7] {
        let _ = write!(s, " daddr4={}", v4(v));
    }
    if let Some(v) = a[8] {
        let _ = write!(s, " daddr6={}", v6(v));
    }
    if let Some(v) = a[9] {
        let _ = write!(s, " sport={}", be16(v));
    }
    if let Some(v) = a[10] {
        let _ = write!(s, " dport={}", be16(v));
    }
    if let Some(v) = a[11] {
        let _ = write!(s, " backup={}", u8v(v));
    }
    if let Some(v) = a[12] {
        let _ = write!(s, " error={}", u8v(v));
    }
    if let Some(v) = a[13] {
        let _ = write!(s, " flags={:x}", u16v(v));
    }
    if let Some(v) = a[14] {
        let _ = write!(s, " timeout={}", u32v(v));
    }
    if let Some(v) = a[15] {
        let _ = write!(s, " ifindex={}", u32v(v) as i32);
    }
    if let Some(v) = a[16] {
        let _ = write!(s, " reset_reason={}", u32v(v));
    }
    if let Some(v) = a[17] {
        let _ = write!(s, " reset_flags={:#x}", u32v(v));
    }
    s.push('\n');
    Some(s)
}

/// The limits (a MPTCP_PM_CMD_GET_LIMITS reply). The reference writes
/// text even under -j; rip writes one JSON object with the same keys.
pub fn print_limits(ip: &mut Ip, b: &[u8]) {
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    for (k, v) in attrs(b) {
        let n = crate::nl::u32_ne(v).unwrap_or(0) as u64;
        match k {
            ATTR_RCV_ADD_ADDRS => p.uint(Ctx::Any, "add_addr_accepted", "add_addr_accepted {} ", n),
            ATTR_SUBFLOWS => p.uint(Ctx::Any, "subflows", "subflows {} ", n),
            _ => {}
        }
    }
    p.close_obj(Ctx::Json);
    p.raw("\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Printer;

    fn parse(w: &[&str], op: Op) -> Result<Endpoint> {
        let mut ip = Ip::new(Default::default());
        parse_endpoint(&mut ip, &mut Args::new(w.iter().copied()), op)
    }

    #[test]
    fn parser() {
        let e = parse(&["10.0.0.2", "id", "5", "subflow", "backup"], Op::Add).unwrap();
        assert_eq!(e.id, Some(5));
        assert_eq!(e.flags, F_SUBFLOW | F_BACKUP);
        let err = parse(&["10.0.0.5", "signal", "fullmesh"], Op::Add).unwrap_err();
        assert_eq!(err.to_string(), "Error: argument \"fullmesh\" is wrong: flags mustn't have both signal and fullmesh");
        assert_eq!(parse(&["id", "3"], Op::Add).unwrap_err().to_string(), "Error: argument \"ADDRESS\" is required");
        let err = parse(&["10.0.0.3", "frob"], Op::Add).unwrap_err();
        assert_eq!((err.to_string().as_str(), err.exit_code()), ("Error: any valid address is expected rather than \"frob\".", 1));
        assert_eq!(parse(&["id", "300"], Op::Add).unwrap_err().to_string(), "Error: argument \"300\" is wrong: invalid ID\n");
        assert_eq!(parse(&["id", "5", "nobackup"], Op::Change).unwrap().flags, 0);
        assert!(parse(&["id", "5", "signal"], Op::Change).is_err());
        assert!(parse(&["10.0.0.1"], Op::Del).is_err());
    }

    #[test]
    fn encode_endpoint() {
        let e = Endpoint { addr: Some("10.0.0.2".parse().unwrap()), id: Some(5), flags: F_SUBFLOW, ..Default::default() };
        let mut want = Vec::new();
        want.extend_from_slice(&36u16.to_ne_bytes()); // MPTCP_PM_ATTR_ADDR, 4 + 32
        want.extend_from_slice(&(1u16 | 0x8000).to_ne_bytes()); // nested
        want.extend_from_slice(&6u16.to_ne_bytes()); // ADDR_ATTR_FAMILY
        want.extend_from_slice(&1u16.to_ne_bytes());
        want.extend_from_slice(&2u16.to_ne_bytes()); // AF_INET
        want.extend_from_slice(&[0, 0]); // padding
        want.extend_from_slice(&8u16.to_ne_bytes()); // ADDR_ATTR_ADDR4
        want.extend_from_slice(&3u16.to_ne_bytes());
        want.extend_from_slice(&[10, 0, 0, 2]);
        want.extend_from_slice(&5u16.to_ne_bytes()); // ADDR_ATTR_ID
        want.extend_from_slice(&2u16.to_ne_bytes());
        want.extend_from_slice(&[5, 0, 0, 0]); // id 5, padding
        want.extend_from_slice(&8u16.to_ne_bytes()); // ADDR_ATTR_FLAGS
        want.extend_from_slice(&6u16.to_ne_bytes());
        want.extend_from_slice(&F_SUBFLOW.to_ne_bytes());
        assert_eq!(e.encode(), want);
    }

    #[test]
    fn monitor_lines() {
        let mut b = Vec::new();
        put_attr(&mut b, 1, &0xb4118484u32.to_ne_bytes()); // token
        put_attr(&mut b, 4, &[1]); // remote id
        put_attr(&mut b, 7, &[10, 0, 0, 2]); // daddr4
        put_attr(&mut b, 10, &5000u16.to_be_bytes()); // dport, network order
        assert_eq!(
            event_line(6, &b).unwrap(),
            "[     ANNOUNCED] token=b4118484 remid=1 daddr4=10.0.0.2 dport=5000\n"
        );
        assert_eq!(event_line(15, &b).unwrap(), "[UNKNOWN 15]\n");
    }

    #[test]
    fn printers() {
        let e = Endpoint { addr: Some("10.0.0.2".parse().unwrap()), id: Some(5), flags: F_SUBFLOW | F_BACKUP, ..Default::default() };
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_endpoint(&mut ip, &e.encode());
        let mut l = Vec::new();
        put_attr(&mut l, ATTR_RCV_ADD_ADDRS, &2u32.to_ne_bytes());
        put_attr(&mut l, ATTR_SUBFLOWS, &3u32.to_ne_bytes());
        print_limits(&mut ip, &l);
        assert_eq!(ip.p.captured(), "10.0.0.2 id 5 subflow backup \nadd_addr_accepted 2 subflows 3 \n");
        ip.p = Printer::capture(true, false, false);
        ip.p.start_doc();
        print_endpoint(&mut ip, &e.encode());
        ip.p.end_doc();
        print_limits(&mut ip, &l);
        assert_eq!(
            ip.p.captured(),
            "[{\"address\":\"10.0.0.2\",\"id\":5,\"subflow\":true,\"backup\":true}]\n{\"add_addr_accepted\":2,\"subflows\":3}\n"
        );
    }
}
