//! `type bridge_slave` options on a bridge port (IFLA_BRPORT_*), sent as
//! `IFLA_INFO_SLAVE_DATA`.

use netlink_packet_route::link::{
    BridgeMulticastRouterType, BridgePortState, InfoBridgePort, InfoPortData, LinkInfo,
};

use super::{invarg_nl, keyword, kind_usage, p, unknown, Kw};
use crate::cli::{parse_u64, Args};
use crate::error::{Error, Result};
use crate::ip::Ip;

/// In iproute2's order (a prefix means the first keyword it starts).
const TABLE: &[Kw] = &[
    p("fdb_flush"),
    p("state"),
    p("priority"),
    p("cost"),
    p("guard"),
    p("hairpin"),
    p("fastleave"),
    p("root_block"),
    p("learning"),
    p("flood"),
    p("mcast_flood"),
    p("proxy_arp"),
    p("proxy_arp_wifi"),
    p("mcast_router"),
    p("mcast_fast_leave"),
    p("bcast_flood"),
    p("mcast_to_unicast"),
    p("group_fwd_mask"),
    p("neigh_suppress"),
    p("vlan_tunnel"),
    p("isolated"),
    p("locked"),
    p("backup_port"),
    p("nobackup_port"),
    p("help"),
];

fn num(a: &mut Args, max: u64, what: &str) -> Result<u64> {
    let v = a.value()?;
    parse_u64(&v)
        .filter(|n| *n <= max)
        .ok_or_else(|| Error::invarg(what, &v))
}

/// on/off: `must be one of "off", "on"`, exit 1 here (ending a batch).
fn on_off(a: &mut Args, key: &str) -> Result<bool> {
    let v = a.value()?;
    match v.as_str() {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(Error::fatal(
            format!("Error: argument of \"{key}\" must be one of \"off\", \"on\", not \"{v}\""),
            1,
        )),
    }
}

pub fn parse(ip: &mut Ip, a: &mut Args) -> Result<LinkInfo> {
    let mut out = Vec::new();
    while let Some(w) = a.next() {
        let Some(k) = keyword(&w, TABLE) else {
            return Err(unknown("bridge_slave", "option", &w));
        };
        out.push(match k {
            "fdb_flush" => InfoBridgePort::Flush,
            "state" => {
                InfoBridgePort::State(BridgePortState::from(num(a, 255, "state is invalid")? as u8))
            }
            "priority" => InfoBridgePort::Priority(num(a, 0xffff, "priority is invalid")? as u16),
            "cost" => InfoBridgePort::Cost(num(a, u32::MAX as u64, "cost is invalid")? as u32),
            "mcast_router" => InfoBridgePort::MulticastRouter(BridgeMulticastRouterType::from(
                num(a, 255, "invalid mcast_router")? as u8,
            )),
            "group_fwd_mask" => {
                InfoBridgePort::GroupFwdMask(num(a, 0xffff, "invalid group_fwd_mask")? as u16)
            }
            "backup_port" => {
                let v = a.value()?;
                let i = crate::ip::common::link_index(ip, &v)?
                    .ok_or_else(|| invarg_nl("Device does not exist", &v))?;
                InfoBridgePort::BackupPort(i)
            }
            "nobackup_port" => InfoBridgePort::BackupPort(0),
            "help" => return Err(kind_usage("bridge_slave")),
            flag => {
                let on = on_off(a, flag)?;
                match flag {
                    "guard" => InfoBridgePort::Guard(on),
                    "hairpin" => InfoBridgePort::HairpinMode(on),
                    "fastleave" | "mcast_fast_leave" => InfoBridgePort::FastLeave(on),
                    "root_block" => InfoBridgePort::Protect(on),
                    "learning" => InfoBridgePort::Learning(on),
                    "flood" => InfoBridgePort::UnicastFlood(on),
                    "mcast_flood" => InfoBridgePort::MulticastFlood(on),
                    "proxy_arp" => InfoBridgePort::ProxyARP(on),
                    "proxy_arp_wifi" => InfoBridgePort::ProxyARPWifi(on),
                    "bcast_flood" => InfoBridgePort::BroadcastFlood(on),
                    "mcast_to_unicast" => InfoBridgePort::MulticastToUnicast(on),
                    "neigh_suppress" => InfoBridgePort::NeighSupress(on),
                    "vlan_tunnel" => InfoBridgePort::VlanTunnel(on),
                    "isolated" => InfoBridgePort::Isolated(on),
                    _ => InfoBridgePort::Locked(on),
                }
            }
        });
    }
    Ok(LinkInfo::PortData(InfoPortData::BridgePort(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(keyword("f", TABLE), Some("fdb_flush"));
        assert_eq!(keyword("fl", TABLE), Some("flood"));
        assert_eq!(keyword("pr", TABLE), Some("priority"));
        assert_eq!(keyword("proxy_arp", TABLE), Some("proxy_arp"));
        assert_eq!(keyword("mcast_", TABLE), Some("mcast_flood"));
        assert_eq!(keyword("g", TABLE), Some("guard"));
        assert_eq!(keyword("l", TABLE), Some("learning"));
        assert_eq!(keyword("b", TABLE), Some("bcast_flood"));
        assert_eq!(keyword("n", TABLE), Some("neigh_suppress"));
        assert_eq!(keyword("h", TABLE), Some("hairpin"));
        assert_eq!(keyword("he", TABLE), Some("help"));
    }
}
