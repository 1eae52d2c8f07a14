//! `-d` details of a link's kind (`linkinfo`): the kind line (`veth`,
//! `bridge ...`, `vxlan ...`, `macvlan ...`, `tun ...`) and the port line
//! of an enslaved link (`bridge_slave ...`).

use netlink_packet_core::Nla;
use netlink_packet_route::link::{
    BridgeId, InfoBridge, InfoBridgePort, InfoData, InfoMacVlan, InfoMacVtap, InfoPortData, InfoTun,
    InfoVxlan, LinkInfo,
};

use crate::ip::Ip;
use crate::print::{Color, Ctx};

const A: Ctx = Ctx::Any;

/// `8000.2:0:0:0:0:10`: a bridge id as ip prints it.
pub fn fmt_bridge_id(id: &BridgeId) -> String {
    let a = id.address;
    format!(
        "{:04x}.{:x}:{:x}:{:x}:{:x}:{:x}:{:x}",
        id.priority, a[0], a[1], a[2], a[3], a[4], a[5]
    )
}

/// A jiffies timer (centiseconds) as `%4i.%.2i` / JSON `N.NN`.
fn timer(ip: &mut Ip, key: &str, v: u64) {
    let hz = 100u64;
    let secs = v / hz;
    let cs = (v % hz) * 100 / hz;
    if ip.p.is_json() {
        ip.p.num(Ctx::Json, key, "", format!("{secs}.{cs:02}"));
    } else {
        ip.p.text(&format!("{key} {secs:>4}.{cs:02} "));
    }
}

/// `%#x` of C: `0` for zero, else `0x..`.
fn hash_hex(v: u64) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("{v:#x}")
    }
}

/// The whole linkinfo: `"linkinfo": {...}` in JSON, one line per kind in
/// text.
pub fn print_linkinfo(ip: &mut Ip, infos: &[LinkInfo]) {
    ip.p.open_obj(Ctx::Json, "linkinfo");
    let mut kind: Option<String> = None;
    for i in infos {
        if let LinkInfo::Kind(k) = i {
            kind = Some(k.to_string());
        }
    }
    if let Some(k) = &kind {
        ip.p.nl();
        ip.p.str(A, "info_kind", "    {} ", k);
        for i in infos {
            if let LinkInfo::Data(d) = i {
                kind_data(ip, d);
            }
        }
    }
    for i in infos {
        if let LinkInfo::PortKind(k) = i {
            let k = k.to_string();
            ip.p.nl();
            ip.p.str(A, "info_slave_kind", "    {}_slave ", &k);
            for j in infos {
                if let LinkInfo::PortData(d) = j {
                    port_data(ip, d);
                }
            }
        }
    }
    ip.p.close_obj(Ctx::Json);
}

fn kind_data(ip: &mut Ip, d: &InfoData) {
    match d {
        InfoData::Bridge(v) => {
            ip.p.open_obj(Ctx::Json, "info_data");
            bridge(ip, v);
            ip.p.close_obj(Ctx::Json);
        }
        InfoData::Vxlan(v) => {
            ip.p.open_obj(Ctx::Json, "info_data");
            vxlan(ip, v);
            ip.p.close_obj(Ctx::Json);
        }
        InfoData::MacVlan(v) => {
            ip.p.open_obj(Ctx::Json, "info_data");
            macvlan(ip, &macvlan_attrs(v));
            ip.p.close_obj(Ctx::Json);
        }
        InfoData::MacVtap(v) => {
            ip.p.open_obj(Ctx::Json, "info_data");
            macvlan(ip, &macvtap_attrs(v));
            ip.p.close_obj(Ctx::Json);
        }
        InfoData::Tun(v) => {
            ip.p.open_obj(Ctx::Json, "info_data");
            tun(ip, v);
            ip.p.close_obj(Ctx::Json);
        }
        _ => {}
    }
}

fn port_data(ip: &mut Ip, d: &InfoPortData) {
    if let InfoPortData::BridgePort(v) = d {
        ip.p.open_obj(Ctx::Json, "info_slave_data");
        bridge_port(ip, v);
        ip.p.close_obj(Ctx::Json);
    }
}

// ---- bridge ------------------------------------------------------------

fn bridge(ip: &mut Ip, v: &[InfoBridge]) {
    macro_rules! find {
        ($pat:pat => $e:expr) => {
            v.iter().find_map(|a| match a {
                $pat => Some($e),
                _ => None,
            })
        };
    }
    use InfoBridge as B;
    let p = &mut ip.p;
    if let Some(x) = find!(B::ForwardDelay(x) => *x) {
        p.uint(A, "forward_delay", "forward_delay {} ", x as u64);
    }
    if let Some(x) = find!(B::HelloTime(x) => *x) {
        p.uint(A, "hello_time", "hello_time {} ", x as u64);
    }
    if let Some(x) = find!(B::MaxAge(x) => *x) {
        p.uint(A, "max_age", "max_age {} ", x as u64);
    }
    if let Some(x) = find!(B::AgeingTime(x) => *x) {
        p.uint(A, "ageing_time", "ageing_time {} ", x as u64);
    }
    if let Some(x) = find!(B::StpState(x) => *x) {
        p.uint(A, "stp_state", "stp_state {} ", u32::from(x) as u64);
    }
    if let Some(x) = find!(B::Priority(x) => *x) {
        p.uint(A, "priority", "priority {} ", x as u64);
    }
    if let Some(x) = find!(B::VlanFiltering(x) => *x) {
        p.uint(A, "vlan_filtering", "vlan_filtering {} ", x as u64);
    }
    if let Some(x) = find!(B::VlanProtocol(x) => *x) {
        let n = match u16::from(x) {
            0x8100 => "802.1Q".to_string(),
            0x88a8 => "802.1ad".to_string(),
            o => format!("{o:#x}"),
        };
        p.str(A, "vlan_protocol", "vlan_protocol {} ", &n);
    }
    if let Some(x) = find!(B::BridgeId(x) => x) {
        p.str(A, "bridge_id", "bridge_id {} ", &fmt_bridge_id(x));
    }
    if let Some(x) = find!(B::RootId(x) => x) {
        p.str(A, "root_id", "designated_root {} ", &fmt_bridge_id(x));
    }
    if let Some(x) = find!(B::RootPort(x) => *x) {
        p.uint(A, "root_port", "root_port {} ", x as u64);
    }
    if let Some(x) = find!(B::RootPathCost(x) => *x) {
        p.uint(A, "root_path_cost", "root_path_cost {} ", x as u64);
    }
    if let Some(x) = find!(B::TopologyChange(x) => *x) {
        p.uint(A, "topology_change", "topology_change {} ", x as u64);
    }
    if let Some(x) = find!(B::TopologyChangeDetected(x) => *x) {
        p.uint(A, "topology_change_detected", "topology_change_detected {} ", x as u64);
    }
    if let Some(x) = find!(B::HelloTimer(x) => *x) {
        timer(ip, "hello_timer", x);
    }
    if let Some(x) = find!(B::TcnTimer(x) => *x) {
        timer(ip, "tcn_timer", x);
    }
    if let Some(x) = find!(B::TopologyChangeTimer(x) => *x) {
        timer(ip, "topology_change_timer", x);
    }
    if let Some(x) = find!(B::GcTimer(x) => *x) {
        timer(ip, "gc_timer", x);
    }
    let p = &mut ip.p;
    if let Some(x) = find!(B::VlanDefaultPvid(x) => *x) {
        p.uint(A, "vlan_default_pvid", "vlan_default_pvid {} ", x as u64);
    }
    if let Some(x) = find!(B::VlanStatsEnabled(x) => *x) {
        p.uint(A, "vlan_stats_enabled", "vlan_stats_enabled {} ", x as u64);
    }
    if let Some(x) = find!(B::VlanStatsPerPort(x) => *x) {
        p.uint(A, "vlan_stats_per_port", "vlan_stats_per_port {} ", x as u64);
    }
    if let Some(x) = find!(B::GroupFwdMask(x) => *x) {
        p.str(A, "group_fwd_mask", "group_fwd_mask {} ", &hash_hex(x as u64));
    }
    if let Some(x) = find!(B::GroupAddr(x) => x) {
        p.str(A, "group_addr", "group_address {} ", &crate::ip::common::fmt_lladdr(x));
    }
    if let Some(x) = find!(B::MulticastSnooping(x) => *x) {
        p.uint(A, "mcast_snooping", "mcast_snooping {} ", x as u64);
    }
    if let Some(x) = find!(B::MultiBoolOpt(x) => x) {
        use netlink_packet_route::link::BridgeBooleanOptionFlags as F;
        let on = |f: F| x.value.contains(f) as u64;
        if x.mask.contains(F::NoLinkLocalLearn) {
            p.uint(A, "no_linklocal_learn", "no_linklocal_learn {} ", on(F::NoLinkLocalLearn));
        }
        if x.mask.contains(F::VlanMulticastSnooping) {
            p.uint(
                A,
                "mcast_vlan_snooping",
                "mcast_vlan_snooping {} ",
                on(F::VlanMulticastSnooping),
            );
        }
    }
    if let Some(x) = find!(B::MulticastRouter(x) => *x) {
        p.uint(A, "mcast_router", "mcast_router {} ", u8::from(x) as u64);
    }
    if let Some(x) = find!(B::MulticastQueryUseIfaddr(x) => *x) {
        p.uint(A, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastQuerier(x) => *x) {
        p.uint(A, "mcast_querier", "mcast_querier {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastHashElasticity(x) => *x) {
        p.uint(A, "mcast_hash_elasticity", "mcast_hash_elasticity {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastHashMax(x) => *x) {
        p.uint(A, "mcast_hash_max", "mcast_hash_max {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastLastMemberCount(x) => *x) {
        p.uint(A, "mcast_last_member_cnt", "mcast_last_member_count {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastStartupQueryCount(x) => *x) {
        p.uint(A, "mcast_startup_query_cnt", "mcast_startup_query_count {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastLastMemberInterval(x) => *x) {
        p.uint(A, "mcast_last_member_intvl", "mcast_last_member_interval {} ", x);
    }
    if let Some(x) = find!(B::MulticastMembershipInterval(x) => *x) {
        p.uint(A, "mcast_membership_intvl", "mcast_membership_interval {} ", x);
    }
    if let Some(x) = find!(B::MulticastQuerierInterval(x) => *x) {
        p.uint(A, "mcast_querier_intvl", "mcast_querier_interval {} ", x);
    }
    if let Some(x) = find!(B::MulticastQueryInterval(x) => *x) {
        p.uint(A, "mcast_query_intvl", "mcast_query_interval {} ", x);
    }
    if let Some(x) = find!(B::MulticastQueryResponseInterval(x) => *x) {
        p.uint(A, "mcast_query_response_intvl", "mcast_query_response_interval {} ", x);
    }
    if let Some(x) = find!(B::MulticastStartupQueryInterval(x) => *x) {
        p.uint(A, "mcast_startup_query_intvl", "mcast_startup_query_interval {} ", x);
    }
    if let Some(x) = find!(B::MulticastStatsEnabled(x) => *x) {
        p.uint(A, "mcast_stats_enabled", "mcast_stats_enabled {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastIgmpVersion(x) => *x) {
        p.uint(A, "mcast_igmp_version", "mcast_igmp_version {} ", x as u64);
    }
    if let Some(x) = find!(B::MulticastMldVersion(x) => *x) {
        p.uint(A, "mcast_mld_version", "mcast_mld_version {} ", x as u64);
    }
    if let Some(x) = find!(B::NfCallIpTables(x) => *x) {
        p.uint(A, "nf_call_iptables", "nf_call_iptables {} ", x as u64);
    }
    if let Some(x) = find!(B::NfCallIp6Tables(x) => *x) {
        p.uint(A, "nf_call_ip6tables", "nf_call_ip6tables {} ", x as u64);
    }
    if let Some(x) = find!(B::NfCallArpTables(x) => *x) {
        p.uint(A, "nf_call_arptables", "nf_call_arptables {} ", x as u64);
    }
}

/// A port's group forward mask as names: `lldp` for bit 14, `0x..` for
/// other bits, `0x0` for none.
pub fn fwd_mask_str(mask: u16) -> String {
    let mut parts = Vec::new();
    for i in 0..16 {
        let bit = 1u32 << i;
        if mask as u32 & bit == 0 {
            continue;
        }
        parts.push(match i {
            0 => "stp".to_string(),
            2 => "lacp".to_string(),
            14 => "lldp".to_string(),
            _ => format!("{bit:#x}"),
        });
    }
    if parts.is_empty() {
        "0x0".to_string()
    } else {
        parts.join(",")
    }
}

/// Bridge port states by number.
pub fn port_state_name(s: u8) -> String {
    match s {
        0 => "disabled".into(),
        1 => "listening".into(),
        2 => "learning".into(),
        3 => "forwarding".into(),
        4 => "blocking".into(),
        o => o.to_string(),
    }
}

fn bridge_port(ip: &mut Ip, v: &[InfoBridgePort]) {
    macro_rules! find {
        ($pat:pat => $e:expr) => {
            v.iter().find_map(|a| match a {
                $pat => Some($e),
                _ => None,
            })
        };
    }
    use InfoBridgePort as P;
    let onoff = |ip: &mut Ip, key: &str, text: &str, x: Option<bool>| {
        if let Some(x) = x {
            ip.p.on_off(A, key, &format!("{text} {{}} "), x);
        }
    };
    if let Some(x) = find!(P::State(x) => *x) {
        ip.p.str(A, "state", "state {} ", &port_state_name(u8::from(x)));
    }
    if let Some(x) = find!(P::Priority(x) => *x) {
        ip.p.uint(A, "priority", "priority {} ", x as u64);
    }
    if let Some(x) = find!(P::Cost(x) => *x) {
        ip.p.uint(A, "cost", "cost {} ", x as u64);
    }
    onoff(ip, "hairpin", "hairpin", find!(P::HairpinMode(x) => *x));
    onoff(ip, "guard", "guard", find!(P::Guard(x) => *x));
    onoff(ip, "root_block", "root_block", find!(P::Protect(x) => *x));
    onoff(ip, "fastleave", "fastleave", find!(P::FastLeave(x) => *x));
    onoff(ip, "learning", "learning", find!(P::Learning(x) => *x));
    onoff(ip, "flood", "flood", find!(P::UnicastFlood(x) => *x));
    if let Some(x) = find!(P::PortId(x) => *x) {
        ip.p.str(A, "id", "port_id {} ", &format!("{x:#x}"));
    }
    if let Some(x) = find!(P::PortNumber(x) => *x) {
        ip.p.str(A, "no", "port_no {} ", &format!("{x:#x}"));
    }
    if let Some(x) = find!(P::DesignatedPort(x) => *x) {
        ip.p.uint(A, "designated_port", "designated_port {} ", x as u64);
    }
    if let Some(x) = find!(P::DesignatedCost(x) => *x) {
        ip.p.uint(A, "designated_cost", "designated_cost {} ", x as u64);
    }
    if let Some(x) = find!(P::BridgeId(x) => x) {
        ip.p.str(A, "bridge_id", "designated_bridge {} ", &fmt_bridge_id(x));
    }
    if let Some(x) = find!(P::RootId(x) => x) {
        ip.p.str(A, "root_id", "designated_root {} ", &fmt_bridge_id(x));
    }
    if let Some(x) = find!(P::HoldTimer(x) => *x) {
        timer(ip, "hold_timer", x);
    }
    if let Some(x) = find!(P::MessageAgeTimer(x) => *x) {
        timer(ip, "message_age_timer", x);
    }
    if let Some(x) = find!(P::ForwardDelayTimer(x) => *x) {
        timer(ip, "forward_delay_timer", x);
    }
    if let Some(x) = find!(P::TopologyChangeAck(x) => *x) {
        ip.p.uint(A, "topology_change_ack", "topology_change_ack {} ", x as u64);
    }
    if let Some(x) = find!(P::ConfigPending(x) => *x) {
        ip.p.uint(A, "config_pending", "config_pending {} ", x as u64);
    }
    onoff(ip, "proxy_arp", "proxy_arp", find!(P::ProxyARP(x) => *x));
    onoff(ip, "proxy_arp_wifi", "proxy_arp_wifi", find!(P::ProxyARPWifi(x) => *x));
    if let Some(x) = find!(P::MulticastRouter(x) => *x) {
        ip.p.uint(A, "multicast_router", "mcast_router {} ", u8::from(x) as u64);
    }
    if let Some(x) = find!(P::FastLeave(x) => *x) {
        // the reference shows fast leave twice; JSON has it once
        ip.p.on_off(Ctx::Text, "", "mcast_fast_leave {} ", x);
    }
    onoff(ip, "mcast_flood", "mcast_flood", find!(P::MulticastFlood(x) => *x));
    onoff(ip, "bcast_flood", "bcast_flood", find!(P::BroadcastFlood(x) => *x));
    onoff(ip, "mcast_to_unicast", "mcast_to_unicast", find!(P::MulticastToUnicast(x) => *x));
    onoff(ip, "neigh_suppress", "neigh_suppress", find!(P::NeighSupress(x) => *x));
    if let Some(x) = find!(P::GroupFwdMask(x) => *x) {
        ip.p.str(A, "group_fwd_mask", "group_fwd_mask {} ", &hash_hex(x as u64));
        ip.p.str(A, "group_fwd_mask_str", "group_fwd_mask_str {} ", &fwd_mask_str(x));
    }
    onoff(ip, "vlan_tunnel", "vlan_tunnel", find!(P::VlanTunnel(x) => *x));
    onoff(ip, "isolated", "isolated", find!(P::Isolated(x) => *x));
    onoff(ip, "locked", "locked", find!(P::Locked(x) => *x));
    if let Some(x) = find!(P::BackupPort(x) => *x) {
        let n = super::index_name(ip, x);
        ip.p.str(A, "backup_port", "backup_port {} ", &n);
    }
}

// ---- vxlan -------------------------------------------------------------

fn vxlan(ip: &mut Ip, v: &[InfoVxlan]) {
    macro_rules! find {
        ($pat:pat => $e:expr) => {
            v.iter().find_map(|a| match a {
                $pat => Some($e),
                _ => None,
            })
        };
    }
    use InfoVxlan as X;
    if find!(X::CollectMetadata(x) => *x) == Some(true) {
        ip.p.bool(A, "external", "external ", true);
    }
    if let Some(x) = find!(X::Id(x) => *x) {
        ip.p.uint(A, "id", "id {} ", x as u64);
    }
    if let Some(g) = find!(X::Group(x) => *x) {
        if !g.is_unspecified() {
            if g.is_multicast() {
                ip.p.color_str(A, Color::None, "group", "group {} ", &g.to_string());
            } else {
                ip.p.str(A, "remote", "remote {} ", &g.to_string());
            }
        }
    } else if let Some(g) = find!(X::Group6(x) => *x) {
        if !g.is_unspecified() {
            if g.is_multicast() {
                ip.p.str(A, "group6", "group {} ", &g.to_string());
            } else {
                ip.p.str(A, "remote6", "remote {} ", &g.to_string());
            }
        }
    }
    if let Some(l) = find!(X::Local(x) => *x) {
        if !l.is_unspecified() {
            ip.p.str(A, "local", "local {} ", &l.to_string());
        }
    } else if let Some(l) = find!(X::Local6(x) => *x) {
        if !l.is_unspecified() {
            ip.p.str(A, "local6", "local {} ", &l.to_string());
        }
    }
    if let Some(x) = find!(X::Link(x) => *x) {
        if x != 0 {
            let n = super::index_name(ip, x);
            ip.p.str(A, "link", "dev {} ", &n);
        }
    }
    if let Some((lo, hi)) = find!(X::PortRange(x) => *x) {
        ip.p.open_obj(Ctx::Json, "port_range");
        ip.p.uint(A, "low", "srcport {} ", lo as u64);
        ip.p.uint(A, "high", "{} ", hi as u64);
        ip.p.close_obj(Ctx::Json);
    }
    if let Some(x) = find!(X::Port(x) => *x) {
        ip.p.uint(A, "port", "dstport {} ", x as u64);
    }
    if let Some(x) = find!(X::Learning(x) => *x) {
        ip.p.bool(Ctx::Json, "learning", "", x);
        if !x {
            ip.p.text("nolearning ");
        }
    }
    for (on, key) in [
        (find!(X::Proxy(x) => *x), "proxy"),
        (find!(X::Rsc(x) => *x), "rsc"),
        (find!(X::L2Miss(x) => *x), "l2miss"),
        (find!(X::L3Miss(x) => *x), "l3miss"),
    ] {
        if on == Some(true) {
            ip.p.bool(A, key, &format!("{key} "), true);
        }
    }
    if let Some(x) = find!(X::Tos(x) => *x) {
        if x == 1 {
            ip.p.str(Ctx::Json, "tos", "", &format!("{x:#x}"));
            ip.p.text("tos inherit ");
        } else if x != 0 {
            ip.p.str(A, "tos", "tos {} ", &format!("{x:#x}"));
        }
    }
    let inherit = find!(X::TtlInherit(x) => *x).unwrap_or(0) != 0;
    if inherit {
        ip.p.text("ttl inherit ");
    } else if let Some(x) = find!(X::Ttl(x) => *x) {
        if x == 0 {
            ip.p.uint(Ctx::Json, "ttl", "", 0);
            ip.p.text("ttl auto ");
        } else {
            ip.p.uint(A, "ttl", "ttl {} ", x as u64);
        }
    }
    if let Some(x) = find!(X::Df(x) => *x) {
        match u8::from(x) {
            0 => ip.p.str(Ctx::Json, "df", "", "unset"),
            1 => ip.p.str(A, "df", "df {} ", "set"),
            2 => ip.p.str(A, "df", "df {} ", "inherit"),
            _ => {}
        }
    }
    if let Some(x) = find!(X::Label(x) => *x) {
        if x != 0 {
            ip.p.str(A, "label", "flowlabel {} ", &format!("{x:#x}"));
        }
    }
    if let Some(x) = find!(X::Ageing(x) => *x) {
        ip.p.uint(A, "ageing", "ageing {} ", x as u64);
    }
    if let Some(x) = find!(X::Limit(x) => *x) {
        if x != 0 {
            ip.p.uint(A, "limit", "maxaddr {} ", x as u64);
        }
    }
    if let Some(x) = find!(X::UDPCsum(x) => *x) {
        ip.p.bool(Ctx::Json, "udp_csum", "", x);
        ip.p.text(if x { "udpcsum " } else { "noudpcsum " });
    }
    if let Some(x) = find!(X::UDPZeroCsumTX(x) => *x) {
        ip.p.bool(Ctx::Json, "udp_zero_csum6_tx", "", x);
        ip.p.text(if x { "udp6zerocsumtx " } else { "noudp6zerocsumtx " });
    }
    if let Some(x) = find!(X::UDPZeroCsumRX(x) => *x) {
        ip.p.bool(Ctx::Json, "udp_zero_csum6_rx", "", x);
        ip.p.text(if x { "udp6zerocsumrx " } else { "noudp6zerocsumrx " });
    }
    if find!(X::RemCsumTX(x) => *x) == Some(true) {
        ip.p.bool(A, "remcsum_tx", "remcsumtx ", true);
    }
    if find!(X::RemCsumRX(x) => *x) == Some(true) {
        ip.p.bool(A, "remcsum_rx", "remcsumrx ", true);
    }
    if v.iter().any(|a| matches!(a, X::Gbp)) {
        ip.p.bool(A, "gbp", "gbp ", true);
    }
    if v.iter().any(|a| matches!(a, X::Gpe)) {
        ip.p.bool(A, "gpe", "gpe ", true);
    }
}

// ---- macvlan / macvtap ---------------------------------------------------

/// What ip shows of a macvlan or macvtap, as plain numbers.
#[derive(Default)]
struct MacVlanAttrs {
    mode: Option<u32>,
    flags: Option<u16>,
    count: Option<u32>,
    addrs: Vec<[u8; 6]>,
    bcqueuelen: Option<u32>,
    used: Option<u32>,
}

/// macvlan and macvtap carry the same attributes in two enums.
macro_rules! mac_attrs {
    ($name:ident, $t:ident) => {
        fn $name(v: &[$t]) -> MacVlanAttrs {
            let mut m = MacVlanAttrs::default();
            for a in v {
                match a {
                    $t::Mode(x) => m.mode = Some(u32::from(*x)),
                    $t::Flags(x) => m.flags = Some(x.bits()),
                    $t::MacAddrCount(x) => m.count = Some(*x),
                    $t::MacAddrData(d) => {
                        for x in d {
                            if let $t::MacAddr(a) = x {
                                m.addrs.push(*a);
                            }
                        }
                    }
                    $t::BcQueueLen(x) => m.bcqueuelen = Some(*x),
                    $t::BcQueueLenUsed(x) => m.used = Some(*x),
                    _ => {}
                }
            }
            m
        }
    };
}
mac_attrs!(macvlan_attrs, InfoMacVlan);
mac_attrs!(macvtap_attrs, InfoMacVtap);

/// MACVLAN_MODE_* names.
pub fn macvlan_mode_name(m: u32) -> String {
    match m {
        1 => "private".into(),
        2 => "vepa".into(),
        4 => "bridge".into(),
        8 => "passthru".into(),
        16 => "source".into(),
        o => o.to_string(),
    }
}

fn macvlan(ip: &mut Ip, m: &MacVlanAttrs) {
    if let Some(x) = m.mode {
        ip.p.str(A, "mode", "mode {} ", &macvlan_mode_name(x));
    }
    if let Some(f) = m.flags {
        if f & 1 != 0 {
            ip.p.bool(A, "nopromisc", "nopromisc ", true);
        }
        if f & 2 != 0 {
            ip.p.bool(A, "nodst", "nodst ", true);
        }
    }
    if let Some(x) = m.bcqueuelen {
        ip.p.uint(A, "bcqueuelen", "bcqueuelen {} ", x as u64);
    }
    if let Some(x) = m.used {
        ip.p.uint(A, "usedbcqueuelen", "usedbcqueuelen {} ", x as u64);
    }
    if let (Some(c), Some(16)) = (m.count, m.mode) {
        ip.p.uint(A, "macaddr_count", "remotes ({}) ", c as u64);
        if !m.addrs.is_empty() {
            ip.p.open_arr(Ctx::Json, "macaddr_data", "");
            for a in &m.addrs {
                ip.p.str(A, "", "{} ", &crate::ip::common::fmt_lladdr(a));
            }
            ip.p.close_arr(Ctx::Json, "");
        }
    }
}

// ---- tun -----------------------------------------------------------------

fn tun(ip: &mut Ip, v: &[InfoTun]) {
    let get = |kind: u16| -> Option<Vec<u8>> {
        v.iter().find_map(|a| match a {
            InfoTun::Other(n) if n.kind() == kind => {
                let mut b = vec![0u8; n.value_len()];
                n.emit_value(&mut b);
                Some(b)
            }
            _ => None,
        })
    };
    let u8v = |b: Option<Vec<u8>>| b.and_then(|b| b.first().copied());
    let u32v = |b: Option<Vec<u8>>| {
        b.and_then(|b| b.get(..4).map(|s| u32::from_ne_bytes([s[0], s[1], s[2], s[3]])))
    };
    let owner = u32v(get(1));
    let group = u32v(get(2));
    let ty = u8v(get(3));
    let pi = u8v(get(4));
    let vnet = u8v(get(5));
    let persist = u8v(get(6));
    let mq = u8v(get(7));
    let nq = u32v(get(8));
    let nd = u32v(get(9));
    if let Some(t) = ty {
        let n = match t {
            1 => "tun".to_string(),
            2 => "tap".to_string(),
            o => format!("UNKNOWN:{o}"),
        };
        ip.p.str(A, "type", "type {} ", &n);
    }
    if let Some(x) = pi {
        ip.p.on_off(A, "pi", "pi {} ", x != 0);
    }
    if let Some(x) = vnet {
        ip.p.on_off(A, "vnet_hdr", "vnet_hdr {} ", x != 0);
    }
    if let Some(x) = mq {
        ip.p.bool(Ctx::Json, "multi_queue", "", x != 0);
    }
    if mq.unwrap_or(0) != 0 {
        ip.p.text("multi_queue ");
        if let Some(x) = nq {
            ip.p.uint(A, "numqueues", "numqueues {} ", x as u64);
        }
        if let Some(x) = nd {
            ip.p.uint(A, "numdisabled", "numdisabled {} ", x as u64);
        }
    }
    if let Some(x) = persist {
        ip.p.on_off(A, "persist", "persist {} ", x != 0);
    }
    if let Some(uid) = owner {
        if uid != u32::MAX {
            ip.p.str(A, "user", "user {} ", &user_name(uid));
        }
    }
    if let Some(gid) = group {
        if gid != u32::MAX {
            ip.p.str(A, "group", "group {} ", &group_name(gid));
        }
    }
}

fn user_name(uid: u32) -> String {
    match nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)) {
        Ok(Some(u)) => u.name,
        _ => uid.to_string(),
    }
}

fn group_name(gid: u32) -> String {
    match nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid)) {
        Ok(Some(g)) => g.name,
        _ => gid.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bridge_ids() {
        let id = BridgeId { priority: 0x8000, address: [2, 0, 0, 0, 0, 0x10] };
        assert_eq!(fmt_bridge_id(&id), "8000.2:0:0:0:0:10");
        assert_eq!(hash_hex(0), "0");
        assert_eq!(hash_hex(0x4000), "0x4000");
        assert_eq!(macvlan_mode_name(4), "bridge");
        assert_eq!(fwd_mask_str(0), "0x0");
        assert_eq!(fwd_mask_str(0x4008), "0x8,lldp");
        assert_eq!(fwd_mask_str(0x30), "0x10,0x20");
    }
}
