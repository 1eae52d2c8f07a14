//! `ip link xstats type bridge|bridge_slave [igmp] [dev DEV]` and
//! `ip link afstats [dev DEV]`: RTM_GETSTATS dumps through `ip stats`'s
//! `get_stats`, read as netlink-packet-route's `StatsMessage` (its bridge
//! multicast/STP structures print with `ip stats`'s printers).

use netlink_packet_route::stats::{BridgeXstat, StatsAttribute, StatsFilterMask};

use super::help;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::ip::stats::{bridge_xstats, get_stats, print_bridge_mcast, print_bridge_stp};
use crate::ip::Ip;
use crate::nl::Nl;
use crate::print::Ctx;

const XSTATS_USAGE: &str = "Usage: ... xstats type TYPE [ ARGS ]";

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
    let mask = if slave {
        StatsFilterMask::LinkXstatsPort
    } else {
        StatsFilterMask::LinkXstats
    };
    // a socket of its own: names are looked up on ip's while this dumps
    let mut nl = Nl::open()?;
    ip.p.start_doc();
    let r = get_stats(&mut nl, 0, mask, None, &mut |m| {
        let index = m.header.ifindex;
        // devices without a bridge group (or not the one asked for) are
        // left out; one with an empty group (a dump part that ran out of
        // room) prints its name, as the reference
        let Some(br) = bridge_xstats(&m, slave) else { return Ok(()) };
        if dev.is_some_and(|d| d != index) {
            return Ok(());
        }
        let name = ip.ifname(index);
        let p = &mut ip.p;
        p.open_obj(Ctx::Json, "");
        p.str(Ctx::Any, "ifname", "{:<16}", &name);
        p.text("\n");
        for x in br {
            match x {
                BridgeXstat::Mcast(v) => print_bridge_mcast(p, v),
                BridgeXstat::Stp(v) if !igmp => print_bridge_stp(p, v),
                _ => {}
            }
        }
        p.close_obj(Ctx::Json);
        Ok(())
    });
    ip.p.end_doc();
    r
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
    // the kernel sends an empty IFLA_STATS_AF_SPEC nest for a device
    // without per-family statistics
    let mut any = false;
    get_stats(ip.nl()?, 0, StatsFilterMask::AfSpec, None, &mut |m| {
        let has = m.attributes.iter().any(|a| matches!(a, StatsAttribute::AfSpec(s) if !s.0.is_empty()));
        any |= has && dev.is_none_or(|d| d == m.header.ifindex);
        Ok(())
    })?;
    if any {
        // only MPLS keeps per-family statistics, and this kernel has none
        return Err(super::fail("rip: MPLS statistics are not supported"));
    }
    ip.p.start_doc();
    ip.p.end_doc();
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::ip::stats::tests::bridge_port_reply;
    use crate::ip::stats::{bridge_xstats, print_bridge_mcast};
    use crate::print::{Ctx, Printer};
    use netlink_packet_route::stats::BridgeXstat;

    #[test]
    fn bridge_port_multicast() {
        // a recorded-shape RTM_NEWSTATS of a bridge port, decoded by the crate
        let m = bridge_port_reply();
        let br = bridge_xstats(&m, true).expect("bridge group");
        assert_eq!(br.len(), 2);
        let Some(BridgeXstat::Mcast(mc)) = br.get(1) else { panic!("no multicast") };
        let mut p = Printer::capture(true, false, false);
        p.open_obj(Ctx::Json, "");
        print_bridge_mcast(&mut p, mc);
        p.close_obj(Ctx::Json);
        assert_eq!(
            p.captured(),
            concat!(
                r#"{"multicast":{"igmp_queries":{"rx_v1":1,"rx_v2":3,"rx_v3":5,"tx_v1":2,"tx_v2":4,"tx_v3":6},"#,
                r#""igmp_reports":{"rx_v1":9,"rx_v2":11,"rx_v3":13,"tx_v1":10,"tx_v2":12,"tx_v3":14},"#,
                r#""igmp_leaves":{"rx":7,"tx":8},"igmp_parse_errors":15,"#,
                r#""mld_queries":{"rx_v1":16,"rx_v2":18,"tx_v1":17,"tx_v2":19},"#,
                r#""mld_reports":{"rx_v1":22,"rx_v2":24,"tx_v1":23,"tx_v2":25},"#,
                r#""mld_leaves":{"rx":20,"tx":21},"mld_parse_errors":26}}"#
            )
        );
    }
}
