//! `type bridge` options (IFLA_BR_*), typed as netlink-packet-route's
//! `InfoBridge`. Numbers are passed through as given (timers in 1/100 s).

use netlink_packet_route::link::{
    BridgeBooleanOptionFlags, BridgeBooleanOptions, BridgeMulticastRouterType, BridgeStpState,
    InfoBridge, InfoData, LinkInfo, VlanProtocol,
};

use netlink_packet_core::DefaultNla;

use super::{keyword, kind_usage, lladdr, p, unknown, x, Kw};
use crate::cli::{parse_u64, Args};
use crate::error::{Error, Result};

const IFLA_BR_GROUP_ADDR: u16 = 20;

/// In iproute2's order (a prefix means the first keyword it starts).
const TABLE: &[Kw] = &[
    p("forward_delay"),
    p("hello_time"),
    p("max_age"),
    p("ageing_time"),
    p("stp_state"),
    p("priority"),
    p("group_fwd_mask"),
    p("group_address"),
    p("fdb_flush"),
    x("no_linklocal_learn"),
    p("vlan_filtering"),
    p("vlan_protocol"),
    p("vlan_default_pvid"),
    p("vlan_stats_enabled"),
    p("vlan_stats_per_port"),
    p("mcast_router"),
    p("mcast_snooping"),
    x("mcast_vlan_snooping"),
    p("mcast_query_use_ifaddr"),
    p("mcast_querier"),
    p("mcast_hash_elasticity"),
    p("mcast_hash_max"),
    p("mcast_last_member_count"),
    p("mcast_startup_query_count"),
    p("mcast_last_member_interval"),
    p("mcast_membership_interval"),
    p("mcast_querier_interval"),
    p("mcast_query_interval"),
    p("mcast_query_response_interval"),
    p("mcast_startup_query_interval"),
    p("mcast_stats_enabled"),
    p("mcast_igmp_version"),
    p("mcast_mld_version"),
    p("nf_call_iptables"),
    p("nf_call_ip6tables"),
    p("nf_call_arptables"),
    p("help"),
];

/// A number of at most `max`, else `invalid KEY`.
fn num(a: &mut Args, key: &str, max: u64) -> Result<u64> {
    let v = a.value()?;
    parse_u64(&v)
        .filter(|n| *n <= max)
        .ok_or_else(|| Error::invarg(&format!("invalid {key}"), &v))
}

/// `802.1Q` / `802.1ad` (or a number).
fn vlan_proto(v: &str) -> Option<u16> {
    match v.to_ascii_lowercase().as_str() {
        "802.1q" => Some(0x8100),
        "802.1ad" => Some(0x88a8),
        _ => crate::cli::parse_u64(v).and_then(|n| u16::try_from(n).ok()),
    }
}

pub fn parse(a: &mut Args) -> Result<LinkInfo> {
    let mut out = Vec::new();
    let mut bool_val = BridgeBooleanOptionFlags::empty();
    let mut bool_mask = BridgeBooleanOptionFlags::empty();
    const U8: u64 = u8::MAX as u64;
    const U16: u64 = u16::MAX as u64;
    const U32: u64 = u32::MAX as u64;
    while let Some(w) = a.next() {
        let Some(k) = keyword(&w, TABLE) else {
            return Err(unknown("bridge", "command", &w));
        };
        out.push(match k {
            "forward_delay" => InfoBridge::ForwardDelay(num(a, k, U32)? as u32),
            "hello_time" => InfoBridge::HelloTime(num(a, k, U32)? as u32),
            "max_age" => InfoBridge::MaxAge(num(a, k, U32)? as u32),
            "ageing_time" => InfoBridge::AgeingTime(num(a, k, U32)? as u32),
            "stp_state" => InfoBridge::StpState(BridgeStpState::from(num(a, k, U32)? as u32)),
            "priority" => InfoBridge::Priority(num(a, k, U16)? as u16),
            "group_fwd_mask" => InfoBridge::GroupFwdMask(num(a, k, U16)? as u16),
            "group_address" => {
                let v = a.value()?;
                // any length goes to the kernel, which judges it
                match <[u8; 6]>::try_from(lladdr(&v)?) {
                    Ok(mac) => InfoBridge::GroupAddr(mac),
                    Err(other) => InfoBridge::Other(DefaultNla::new(IFLA_BR_GROUP_ADDR, other)),
                }
            }
            "fdb_flush" => InfoBridge::FdbFlush,
            "no_linklocal_learn" | "mcast_vlan_snooping" => {
                let on = num(a, k, U32)? != 0;
                let f = if k == "no_linklocal_learn" {
                    BridgeBooleanOptionFlags::NoLinkLocalLearn
                } else {
                    BridgeBooleanOptionFlags::VlanMulticastSnooping
                };
                bool_mask |= f;
                if on {
                    bool_val |= f;
                }
                continue;
            }
            "vlan_filtering" => InfoBridge::VlanFiltering(num(a, k, U8)? != 0),
            "vlan_protocol" => {
                let v = a.value()?;
                let n = vlan_proto(&v).ok_or_else(|| Error::invarg("invalid vlan_protocol", &v))?;
                InfoBridge::VlanProtocol(VlanProtocol::from(n))
            }
            "vlan_default_pvid" => InfoBridge::VlanDefaultPvid(num(a, k, U16)? as u16),
            "vlan_stats_enabled" => InfoBridge::VlanStatsEnabled(num(a, k, U8)? != 0),
            "vlan_stats_per_port" => InfoBridge::VlanStatsPerPort(num(a, k, U8)? != 0),
            "mcast_router" => {
                InfoBridge::MulticastRouter(BridgeMulticastRouterType::from(num(a, k, U8)? as u8))
            }
            "mcast_snooping" => InfoBridge::MulticastSnooping(num(a, k, U8)? != 0),
            "mcast_query_use_ifaddr" => InfoBridge::MulticastQueryUseIfaddr(num(a, k, U8)? != 0),
            "mcast_querier" => InfoBridge::MulticastQuerier(num(a, k, U8)? != 0),
            "mcast_hash_elasticity" => InfoBridge::MulticastHashElasticity(num(a, k, U32)? as u32),
            "mcast_hash_max" => InfoBridge::MulticastHashMax(num(a, k, U32)? as u32),
            "mcast_last_member_count" => {
                InfoBridge::MulticastLastMemberCount(num(a, k, U32)? as u32)
            }
            "mcast_startup_query_count" => {
                InfoBridge::MulticastStartupQueryCount(num(a, k, U32)? as u32)
            }
            "mcast_last_member_interval" => {
                InfoBridge::MulticastLastMemberInterval(num(a, k, u64::MAX)?)
            }
            "mcast_membership_interval" => {
                InfoBridge::MulticastMembershipInterval(num(a, k, u64::MAX)?)
            }
            "mcast_querier_interval" => InfoBridge::MulticastQuerierInterval(num(a, k, u64::MAX)?),
            "mcast_query_interval" => InfoBridge::MulticastQueryInterval(num(a, k, u64::MAX)?),
            "mcast_query_response_interval" => {
                InfoBridge::MulticastQueryResponseInterval(num(a, k, u64::MAX)?)
            }
            "mcast_startup_query_interval" => {
                InfoBridge::MulticastStartupQueryInterval(num(a, k, u64::MAX)?)
            }
            "mcast_stats_enabled" => InfoBridge::MulticastStatsEnabled(num(a, k, U8)? != 0),
            "mcast_igmp_version" => InfoBridge::MulticastIgmpVersion(num(a, k, U8)? as u8),
            "mcast_mld_version" => InfoBridge::MulticastMldVersion(num(a, k, U8)? as u8),
            "nf_call_iptables" => InfoBridge::NfCallIpTables(num(a, k, U8)? != 0),
            "nf_call_ip6tables" => InfoBridge::NfCallIp6Tables(num(a, k, U8)? != 0),
            "nf_call_arptables" => InfoBridge::NfCallArpTables(num(a, k, U8)? != 0),
            _ => return Err(kind_usage("bridge")),
        });
    }
    if !bool_mask.is_empty() {
        out.push(InfoBridge::MultiBoolOpt(BridgeBooleanOptions {
            value: bool_val,
            mask: bool_mask,
        }));
    }
    Ok(LinkInfo::Data(InfoData::Bridge(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let t = TABLE;
        assert_eq!(keyword("f", t), Some("forward_delay"));
        assert_eq!(keyword("fd", t), Some("fdb_flush"));
        assert_eq!(keyword("m", t), Some("max_age"));
        assert_eq!(keyword("mcast_", t), Some("mcast_router"));
        assert_eq!(keyword("mcast_s", t), Some("mcast_snooping"));
        assert_eq!(keyword("mcast_quer", t), Some("mcast_query_use_ifaddr"));
        assert_eq!(keyword("mcast_querier", t), Some("mcast_querier"));
        assert_eq!(keyword("mcast_m", t), Some("mcast_membership_interval"));
        assert_eq!(keyword("group_", t), Some("group_fwd_mask"));
        assert_eq!(keyword("h", t), Some("hello_time"));
        assert_eq!(keyword("hel", t), Some("hello_time"));
        assert_eq!(keyword("help", t), Some("help"));
        assert_eq!(keyword("no", t), None);
        assert_eq!(keyword("mcast_vlan", t), None);
    }

    #[test]
    fn bad_value() {
        let mut a = Args::new(["stp_state", "maybe"]);
        let e = parse(&mut a).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error: argument \"maybe\" is wrong: invalid stp_state"
        );
        assert_eq!(e.exit_code(), 255);
        let mut a = Args::new(["priority", "70000"]);
        assert!(parse(&mut a).is_err());
    }
}
