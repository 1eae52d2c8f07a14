//! `ip link xstats type bridge|bridge_slave [igmp] [dev DEV]` and
//! `ip link afstats [dev DEV]`: RTM_GETSTATS dumps (netlink-packet-route
//! has no stats message, so the request and the reply are read by hand).

use super::help;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::ip::Ip;
use crate::nl::attrs;
use crate::print::Ctx;

const RTM_GETSTATS: u16 = 94;
const IFLA_STATS_LINK_XSTATS: u16 = 2;
const IFLA_STATS_LINK_XSTATS_SLAVE: u16 = 3;
const IFLA_STATS_AF_SPEC: u16 = 5;
const LINK_XSTATS_TYPE_BRIDGE: u16 = 1;
const BRIDGE_XSTATS_MCAST: u16 = 2;
const BRIDGE_XSTATS_STP: u16 = 4;
/// struct if_stats_msg
const IF_STATS_MSG_LEN: usize = 12;
const NLMSG_HDR: usize = 16;

const XSTATS_USAGE: &str = "Usage: ... xstats type TYPE [ ARGS ]";

fn u64s(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8)
        .map(|c| u64::from_ne_bytes(c.try_into().expect("8 bytes")))
        .collect()
}

/// One RTM_GETSTATS dump with `filter` (the IFLA_STATS_* attribute wanted):
/// (ifindex, that attribute's payload) for every device that has it.
fn dump(ip: &mut Ip, filter: u16) -> Result<Vec<(u32, Vec<u8>)>> {
    let mut req = [0u8; IF_STATS_MSG_LEN];
    req[8..12].copy_from_slice(&(1u32 << (filter - 1)).to_ne_bytes());
    let mut out = Vec::new();
    ip.nl()?.dump_raw(RTM_GETSTATS, &req, &mut |m| {
        if m.len() < NLMSG_HDR + IF_STATS_MSG_LEN {
            return Ok(());
        }
        let ifindex = u32::from_ne_bytes(m[NLMSG_HDR + 4..NLMSG_HDR + 8].try_into().expect("4"));
        for (kind, payload) in attrs(&m[NLMSG_HDR + IF_STATS_MSG_LEN..]) {
            if kind == filter && !payload.is_empty() {
                out.push((ifindex, payload.to_vec()));
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// The RX/TX pair lines of one multicast counter group.
fn versions(ip: &mut Ip, key: &str, title: &str, s: &[u64], first: usize, n: usize) {
    let p = &mut ip.p;
    p.text(&format!("                    {title}:\n"));
    p.open_obj(Ctx::Json, key);
    for (dir, label) in [(0, "rx"), (1, "tx")] {
        p.text(&format!(
            "                      {}: ",
            label.to_ascii_uppercase()
        ));
        for v in 0..n {
            let val = s.get(first + 2 * v + dir).copied().unwrap_or(0);
            let end = if v + 1 == n { "\n" } else { " " };
            let fmt = format!("v{} {{}}{end}", v + 1);
            p.uint(Ctx::Any, &format!("{label}_v{}", v + 1), &fmt, val);
        }
    }
    p.close_obj(Ctx::Json);
}

fn rx_tx(ip: &mut Ip, key: &str, title: &str, rx: u64, tx: u64) {
    let p = &mut ip.p;
    p.text(&format!("                    {title}: "));
    p.open_obj(Ctx::Json, key);
    p.uint(Ctx::Any, "rx", "RX: {} ", rx);
    p.uint(Ctx::Any, "tx", "TX: {}\n", tx);
    p.close_obj(Ctx::Json);
}

/// struct br_mcast_stats: pairs [RX, TX] of u64 in this order.
fn print_mcast(ip: &mut Ip, s: &[u64]) {
    // igmp_v1queries, v2, v3 (0..6), igmp_leaves (6..8), igmp_v1..v3reports
    // (8..14), igmp_parse_errors (14), mld_v1queries, v2 (15..19),
    // mld_leaves (19..21), mld_v1reports, v2 (21..25), mld_parse_errors (25)
    let g = |i: usize| s.get(i).copied().unwrap_or(0);
    ip.p.open_obj(Ctx::Json, "multicast");
    versions(ip, "igmp_queries", "IGMP queries", s, 0, 3);
    versions(ip, "igmp_reports", "IGMP reports", s, 8, 3);
    rx_tx(ip, "igmp_leaves", "IGMP leaves", g(6), g(7));
    ip.p.uint(
        Ctx::Any,
        "igmp_parse_errors",
        "                    IGMP parse errors: {}\n",
        g(14),
    );
    versions(ip, "mld_queries", "MLD queries", s, 15, 2);
    versions(ip, "mld_reports", "MLD reports", s, 21, 2);
    rx_tx(ip, "mld_leaves", "MLD leaves", g(19), g(20));
    ip.p.uint(
        Ctx::Any,
        "mld_parse_errors",
        "                    MLD parse errors: {}\n",
        g(25),
    );
    ip.p.close_obj(Ctx::Json);
}

/// struct bridge_stp_xstats: transition_blk, transition_fwd, rx_bpdu,
/// tx_bpdu, rx_tcn, tx_tcn.
fn print_stp(ip: &mut Ip, s: &[u64]) {
    let g = |i: usize| s.get(i).copied().unwrap_or(0);
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "stp");
    p.uint(
        Ctx::Any,
        "rx_bpdu",
        "                    STP BPDU:  RX: {} ",
        g(2),
    );
    p.uint(Ctx::Any, "tx_bpdu", "TX: {}\n", g(3));
    p.uint(
        Ctx::Any,
        "rx_tcn",
        "                    STP TCN:   RX: {} ",
        g(4),
    );
    p.uint(Ctx::Any, "tx_tcn", "TX: {}\n", g(5));
    p.uint(
        Ctx::Any,
        "transition_blk",
        "                    STP Transitions: Blocked: {} ",
        g(0),
    );
    p.uint(Ctx::Any, "transition_fwd", "Forwarding: {}\n", g(1));
    p.close_obj(Ctx::Json);
}

/// `[igmp] [dev DEV]` after `type bridge|bridge_slave`.
fn bridge_args(ip: &mut Ip, kind: &str, a: &mut Args) -> Result<(bool, Option<u32>)> {
    let (mut igmp, mut dev) = (false, None);
    while let Some(w) = a.next() {
        if w == "igmp" {
            igmp = true;
        } else if w == "dev" {
            dev = Some(ip.ifindex(&a.value()?)?);
        } else if w == "help" {
            ip.p.raw(&format!("Usage: ... {kind} [ igmp ] [ dev DEVICE ]\n"));
            return Err(Error::Exit(0));
        } else {
            return Err(Error::invarg("unknown attribute", &w));
        }
    }
    Ok((igmp, dev))
}

pub fn xstats(ip: &mut Ip, mut a: Args) -> Result<()> {
    let Some(w) = a.next() else {
        return Err(super::fail("xstats: missing argument"));
    };
    if matches(&w, "help") {
        ip.p.raw(&format!("{XSTATS_USAGE}\n"));
        return Ok(());
    }
    if !matches(&w, "type") {
        return Err(Error::invarg("unknown argument", &w));
    }
    let kind = a.value()?;
    let slave = match kind.as_str() {
        "bridge" | "bond" => false,
        "bridge_slave" | "bond_slave" => true,
        _ if super::help::text(&kind).is_some() => {
            return Err(super::fail(format!(
                "xstats: link type {kind} doesn't support xstats"
            )))
        }
        _ => return Err(Error::invarg("invalid type", &kind)),
    };
    let (igmp, dev) = bridge_args(ip, &kind, &mut a)?;
    if kind.starts_with("bond") {
        // no bonding in this kernel: no device has bond statistics
        ip.p.start_doc();
        ip.p.end_doc();
        return Ok(());
    }
    let filter = if slave {
        IFLA_STATS_LINK_XSTATS_SLAVE
    } else {
        IFLA_STATS_LINK_XSTATS
    };
    let list = dump(ip, filter)?;
    ip.p.start_doc();
    for (index, payload) in list {
        if dev.is_some_and(|d| d != index) {
            continue;
        }
        let Some((_, br)) = attrs(&payload).find(|(k, _)| *k == LINK_XSTATS_TYPE_BRIDGE)
        else {
            continue;
        };
        let name = ip.ifname(index);
        ip.p.open_obj(Ctx::Json, "");
        ip.p.str(Ctx::Any, "ifname", "{:<16}", &name);
        ip.p.text("\n");
        for (k, v) in attrs(br) {
            match k {
                BRIDGE_XSTATS_MCAST => print_mcast(ip, &u64s(v)),
                BRIDGE_XSTATS_STP if !igmp => print_stp(ip, &u64s(v)),
                _ => {}
            }
        }
        ip.p.close_obj(Ctx::Json);
    }
    ip.p.end_doc();
    Ok(())
}

pub fn afstats(ip: &mut Ip, mut a: Args) -> Result<()> {
    // the whole command is read before the device is looked up
    let mut name: Option<String> = None;
    while let Some(w) = a.next() {
        if w == "dev" {
            let v = a.value()?;
            if name.is_some() {
                return Err(Error::duparg2("dev", &v));
            }
            name = Some(v);
        } else if matches(&w, "help") {
            return Err(help::usage());
        } else {
            return Err(Error::arg(format!(
                "Command \"{w}\" is unknown, try \"ip link help\"."
            )));
        }
    }
    let mut dev = None;
    if let Some(name) = name {
        match crate::ip::common::link_index(ip, &name)? {
            Some(i) => dev = Some(i),
            None => {
                crate::print::warn(format_args!("Device \"{name}\" does not exist."));
                return Ok(());
            }
        }
    }
    let list = dump(ip, IFLA_STATS_AF_SPEC)?;
    if list.iter().any(|(i, _)| dev.is_none_or(|d| d == *i)) {
        // only MPLS keeps per-family statistics, and this kernel has none
        return Err(super::fail("rip: MPLS statistics are not supported"));
    }
    ip.p.start_doc();
    ip.p.end_doc();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes() {
        let mut b = Vec::new();
        b.extend_from_slice(&[5, 0, 1, 0, 9, 0, 0, 0]);
        b.extend_from_slice(&[12, 0, 2, 0]);
        b.extend_from_slice(&7u64.to_ne_bytes());
        let v: Vec<_> = attrs(&b).collect();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0], (1, &[9u8][..]));
        assert_eq!(u64s(v[1].1), vec![7]);
    }
}
