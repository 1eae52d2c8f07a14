//! `ip mroute show`: the multicast routing cache (RTM_GETROUTE for the
//! RTNL_FAMILY_IPMR / RTNL_FAMILY_IP6MR families). A kernel without
//! multicast routing answers such a dump with its unicast routes, which
//! the reference reports as an error; so does rip.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::common::IpText;
use super::route::names;
use super::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::rtm::{RTM_DELROUTE, RTM_GETROUTE, RTM_NEWROUTE};
use crate::nl::{attrs, put_attr, u32_ne};
use crate::print::Ctx;

pub const USAGE: &str = "\
Usage: ip mroute show [ [ to ] PREFIX ] [ from PREFIX ] [ iif DEVICE ]
                      [ table TABLE_ID ]
TABLE_ID := [ local | main | default | all | NUMBER ]";

pub const RTNL_FAMILY_IPMR: u8 = 128;
pub const RTNL_FAMILY_IP6MR: u8 = 129;
const RTA_DST: u16 = 1;
const RTA_SRC: u16 = 2;
const RTA_IIF: u16 = 3;
const RTA_MULTIPATH: u16 = 9;
const RTA_TABLE: u16 = 15;
const RTA_MFC_STATS: u16 = 17;
const RT_TABLE_DEFAULT: u32 = 253;
const RT_TABLE_MAIN: u32 = 254;
/// `struct rtmsg`
const RTMSG_LEN: usize = 12;

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return show(ip, args);
    };
    if matches(&cmd, "list") || matches(&cmd, "show") || matches(&cmd, "lst") {
        show(ip, args)
    } else if matches(&cmd, "help") {
        Err(Error::arg(USAGE))
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip mroute help\"."
        )))
    }
}

/// The selector of `show`.
#[derive(Debug, Default, PartialEq, Eq)]
struct Filter {
    /// 0: every table
    table: u32,
    iif: Option<String>,
}

/// A prefix in the multicast families: the reference parses it for a
/// family it has no parser for, so only `default`/`any`/`all` pass.
fn mr_prefix(s: &str) -> Result<()> {
    if matches!(s, "default" | "any" | "all") {
        Ok(())
    } else {
        Err(Error::msg(
            format!("Error: ??? prefix is expected rather than \"{s}\"."),
            1,
        ))
    }
}

fn parse(mut args: Args, family: u8) -> Result<Filter> {
    let mut f = Filter {
        // IPv4 asks for the default table unless told; IPv6 for all
        table: if family == RTNL_FAMILY_IPMR {
            RT_TABLE_DEFAULT
        } else {
            0
        },
        iif: None,
    };
    while let Some(w) = args.next() {
        if matches(&w, "table") {
            let v = args.value()?;
            f.table = if v == "all" {
                0
            } else {
                names::parse_table(&v).ok_or_else(|| {
                    Error::arg(format!(
                        "Error: argument \"{v}\" is wrong: table id value is invalid\n"
                    ))
                })?
            };
        } else if w == "iif" {
            f.iif = Some(args.value()?);
        } else if matches(&w, "from") {
            mr_prefix(&args.value()?)?;
        } else if matches(&w, "help") {
            return Err(Error::arg(USAGE));
        } else {
            let v = if matches(&w, "to") { args.value()? } else { w };
            mr_prefix(&v)?;
        }
    }
    Ok(f)
}

/// The dump request: `rtmsg` with the family, RTA_TABLE unless all.
fn request(family: u8, table: u32) -> Vec<u8> {
    let mut b = vec![0u8; RTMSG_LEN];
    b[0] = family;
    if table != 0 {
        put_attr(&mut b, RTA_TABLE, &table.to_ne_bytes());
    }
    b
}

fn show(ip: &mut Ip, args: Args) -> Result<()> {
    let family = match ip.o.family {
        AF_UNSPEC | AF_INET => RTNL_FAMILY_IPMR,
        AF_INET6 => RTNL_FAMILY_IP6MR,
        // no multicast routes in the other families: nothing at all
        _ => return Ok(()),
    };
    let f = parse(args, family)?;
    let iif = match &f.iif {
        Some(n) => Some(ip.ifindex(n)?),
        None => None,
    };
    // names are looked up after the dump (one socket)
    let mut list = Vec::new();
    let r = ip
        .nl()?
        .dump_raw(RTM_GETROUTE, &request(family, f.table), &mut |m| {
            let Some(r) = Mroute::parse(m) else {
                return Ok(());
            };
            if r.family != family {
                return Err(Error::msg(
                "Non multicast route received, kernel does support IP multicast?\nDump terminated",
                1,
            ));
            }
            if iif.is_none_or(|i| r.iif == Some(i)) && (f.table == 0 || r.table == f.table) {
                list.push(r);
            }
            Ok(())
        });
    ip.p.start_doc();
    if r.is_ok() {
        for m in &list {
            print_mroute(ip, m, false);
        }
    }
    ip.p.end_doc();
    r
}

/// One multicast forwarding cache entry.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Mroute {
    pub family: u8,
    pub rtm_type: u8,
    pub table: u32,
    pub src: Option<IpAddr>,
    pub group: Option<IpAddr>,
    pub iif: Option<u32>,
    /// (ifindex, ttl)
    pub oifs: Vec<(u32, u8)>,
    /// packets, bytes, wrong-interface packets
    pub stats: Option<(u64, u64, u64)>,
}

impl Mroute {
    pub fn parse(m: &[u8]) -> Option<Mroute> {
        let body = m.get(16..)?;
        let hdr = body.get(..RTMSG_LEN)?;
        let mut r = Mroute {
            family: hdr[0],
            rtm_type: hdr[7],
            table: hdr[4] as u32,
            ..Default::default()
        };
        let addr = |v: &[u8]| -> Option<IpAddr> {
            match v.len() {
                4 => Some(IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(v).ok()?))),
                16 => Some(IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(v).ok()?))),
                _ => None,
            }
        };
        for (t, v) in attrs(&body[RTMSG_LEN..]) {
            match t {
                RTA_SRC => r.src = addr(v),
                RTA_DST => r.group = addr(v),
                RTA_IIF => r.iif = u32_ne(v),
                RTA_TABLE => r.table = u32_ne(v).unwrap_or(r.table),
                RTA_MULTIPATH => {
                    // rtnexthop: len u16, flags u8, hops u8 (the TTL), ifindex
                    let mut off = 0;
                    while off + 8 <= v.len() {
                        let len = u16::from_ne_bytes([v[off], v[off + 1]]) as usize;
                        let ttl = v[off + 3];
                        let idx = u32_ne(&v[off + 4..])?;
                        r.oifs.push((idx, ttl));
                        if len < 8 {
                            break;
                        }
                        off += (len + 3) & !3;
                    }
                }
                RTA_MFC_STATS if v.len() >= 24 => {
                    let g = |o: usize| u64::from_ne_bytes(v[o..o + 8].try_into().unwrap_or([0; 8]));
                    r.stats = Some((g(0), g(8), g(16)));
                }
                _ => {}
            }
        }
        Some(r)
    }
}

/// Print one RTM_NEWROUTE / RTM_DELROUTE message of a multicast family
/// (netlink header included) as `ip mroute` does; other messages are
/// ignored. For `ip monitor` (RTM_NEWROUTE of RTNL_FAMILY_IPMR/IP6MR).
pub fn print_msg(ip: &mut Ip, msg: &[u8]) -> Result<()> {
    let kind = msg.get(4..6).map(|b| u16::from_ne_bytes([b[0], b[1]]));
    if let (Some(k @ (RTM_NEWROUTE | RTM_DELROUTE)), Some(m)) = (kind, Mroute::parse(msg)) {
        if matches!(m.family, RTNL_FAMILY_IPMR | RTNL_FAMILY_IP6MR) {
            print_mroute(ip, &m, k == RTM_DELROUTE);
        }
    }
    Ok(())
}

/// `(SRC,GROUP) Iif: DEV Oifs: DEV... State: resolved Table: T`.
pub fn print_mroute(ip: &mut Ip, m: &Mroute, deleted: bool) {
    let any = |a: &Option<IpAddr>| {
        a.as_ref()
            .map_or("*".to_string(), |a| IpText::new(a).as_str().to_string())
    };
    let (src, grp) = (any(&m.src), any(&m.group));
    let iif = m.iif.map(|i| ip.ifname(i));
    let oifs: Vec<(String, u8)> = m.oifs.iter().map(|&(i, t)| (ip.ifname(i).to_string(), t)).collect();
    let stats = ip.o.stats > 0;
    let ip_numeric = ip.o.numeric;
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    if deleted {
        p.bool(Ctx::Json, "deleted", "", true);
        p.text("Deleted ");
    }
    p.str(Ctx::Json, "src", "", &src);
    p.str(Ctx::Json, "group", "", &grp);
    p.text(&format!("{:<32} ", format!("({src},{grp})")));
    match &iif {
        Some(n) => p.str(Ctx::Any, "iif", "Iif: {:<10} ", n),
        None => p.null(Ctx::Any, "iif", "Iif: {:<10} ", "unresolved"),
    }
    p.open_arr(Ctx::Json, "multipath", "");
    if !oifs.is_empty() {
        p.text("Oifs: ");
    }
    for (n, ttl) in &oifs {
        p.open_obj(Ctx::Json, "");
        p.str(Ctx::Any, "dev", "{}", n);
        if *ttl > 1 {
            p.uint(Ctx::Any, "ttl", "(ttl {})", *ttl as u64);
        }
        p.text(" ");
        p.close_obj(Ctx::Json);
    }
    p.close_arr(Ctx::Json, "");
    let resolved = iif.is_some() && m.rtm_type != 0;
    p.str(
        Ctx::Any,
        "state",
        " State: {}",
        if resolved { "resolved" } else { "unresolved" },
    );
    if let (true, Some((pk, by, wrong))) = (stats, m.stats) {
        p.text(&format!("{}  ", p.sl()));
        p.uint(Ctx::Any, "packets", "{} packets,", pk);
        p.uint(Ctx::Any, "bytes", " {} bytes", by);
        if wrong > 0 {
            p.uint(Ctx::Any, "wrong_if", ", {} arrived on wrong iif.", wrong);
        }
    }
    // the reference names the table (even `default`) unless it is main
    if m.table != RT_TABLE_MAIN {
        p.str(
            Ctx::Any,
            "table",
            " Table: {}",
            &names::table_name(m.table, ip_numeric),
        );
    }
    p.text("\n");
    p.close_obj(Ctx::Json);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let f = parse(Args::new(["tab", "5", "iif", "v0"]), RTNL_FAMILY_IPMR).unwrap();
        assert_eq!(
            f,
            Filter {
                table: 5,
                iif: Some("v0".into())
            }
        );
        assert_eq!(
            parse(Args::new(["table", "all"]), RTNL_FAMILY_IPMR)
                .unwrap()
                .table,
            0
        );
        assert_eq!(
            parse(Args::new(Vec::<String>::new()), RTNL_FAMILY_IPMR)
                .unwrap()
                .table,
            253
        );
        assert_eq!(
            parse(Args::new(Vec::<String>::new()), RTNL_FAMILY_IP6MR)
                .unwrap()
                .table,
            0
        );
        let e = |w: &[&str]| {
            parse(Args::new(w.iter().copied()), RTNL_FAMILY_IPMR)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            e(&["from", "10.0.0.1"]),
            "Error: ??? prefix is expected rather than \"10.0.0.1\"."
        );
        assert_eq!(
            e(&["i", "v0"]),
            "Error: ??? prefix is expected rather than \"i\"."
        );
        assert_eq!(
            e(&["table", "foo"]),
            "Error: argument \"foo\" is wrong: table id value is invalid\n"
        );
        assert!(parse(Args::new(["to", "default", "any"]), RTNL_FAMILY_IPMR).is_ok());
    }

    #[test]
    fn request_bytes() {
        let want: Vec<u8> = [
            &[128u8, 0, 0, 0][..], // family IPMR, dst_len, src_len, tos
            &[0, 0, 0, 0],         // table, protocol, scope, type
            &[0, 0, 0, 0],         // flags
            &[8, 0, 15, 0],        // RTA_TABLE, 8 bytes
            &253u32.to_ne_bytes(), // RT_TABLE_DEFAULT
        ]
        .concat();
        assert_eq!(request(RTNL_FAMILY_IPMR, 253), want);
        assert_eq!(
            request(RTNL_FAMILY_IP6MR, 0),
            vec![129, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        );
    }

    /// The two messages of the monitor's synthetic capture: a resolved
    /// entry with two oifs (ttl 1 and 5), and a deleted unresolved one.
    #[test]
    fn monitor_messages() {
        let nh = |ttl: u8, idx: u32| {
            let mut v = vec![8, 0, 0, ttl];
            v.extend_from_slice(&idx.to_ne_bytes());
            v
        };
        let build = |kind: u16, full: bool| {
            let mut body = vec![RTNL_FAMILY_IPMR, 32, 32, 0, 253, 17, 0, 5, 0, 0, 0, 0];
            put_attr(&mut body, RTA_TABLE, &253u32.to_ne_bytes());
            put_attr(&mut body, RTA_SRC, &[192, 0, 2, if full { 1 } else { 9 }]);
            put_attr(
                &mut body,
                RTA_DST,
                &if full { [239, 1, 2, 3] } else { [239, 9, 9, 9] },
            );
            if full {
                put_attr(&mut body, RTA_IIF, &3u32.to_ne_bytes());
                put_attr(&mut body, RTA_MULTIPATH, &[nh(1, 2), nh(5, 1)].concat());
            }
            let mut m = ((16 + body.len()) as u32).to_ne_bytes().to_vec();
            m.extend_from_slice(&kind.to_ne_bytes());
            m.extend_from_slice(&[0; 10]);
            m.extend_from_slice(&body);
            m
        };
        let mut ip = Ip::new(Default::default());
        ip.p = crate::print::Printer::capture(false, false, false);
        ip.cache_name(1, "lo");
        ip.cache_name(2, "v1");
        ip.cache_name(3, "v0");
        print_msg(&mut ip, &build(RTM_NEWROUTE, true)).unwrap();
        print_msg(&mut ip, &build(RTM_DELROUTE, false)).unwrap();
        assert_eq!(
            ip.p.captured(),
            "(192.0.2.1,239.1.2.3)            Iif: v0         Oifs: v1 lo(ttl 5)  State: resolved Table: default\n\
             Deleted (192.0.2.9,239.9.9.9)            Iif: unresolved  State: unresolved Table: default\n"
        );
    }

    #[test]
    fn entry_line() {
        let mut body = vec![RTNL_FAMILY_IPMR, 32, 32, 0, 253, 0, 0, 5, 0, 0, 0, 0];
        put_attr(&mut body, RTA_SRC, &[10, 0, 0, 1]);
        put_attr(&mut body, RTA_DST, &[239, 1, 1, 1]);
        put_attr(&mut body, RTA_IIF, &2u32.to_ne_bytes());
        let mut mp = vec![8, 0, 0, 1];
        mp.extend_from_slice(&3u32.to_ne_bytes());
        put_attr(&mut body, RTA_MULTIPATH, &mp);
        let mut m = vec![0u8; 16];
        m.extend_from_slice(&body);
        let r = Mroute::parse(&m).unwrap();
        assert_eq!(r.oifs, vec![(3, 1)]);
        let mut ip = Ip::new(Default::default());
        ip.p = crate::print::Printer::capture(false, false, false);
        ip.cache_name(2, "v1");
        ip.cache_name(3, "v0");
        print_mroute(&mut ip, &r, false);
        assert_eq!(
            ip.p.captured(),
            "(10.0.0.1,239.1.1.1)             Iif: v1         Oifs: v0  State: resolved Table: default\n"
        );
    }
}
