//! `type bond` options, read as iproute2 reads them. This kernel has no
//! bonding, so only the reading matters: bad words fail as in the
//! reference, good ones end in the kernel's `Unknown device type`.

use super::{fail, keyword, kind_usage, lladdr, p, unknown, x, Kw};
use crate::cli::{parse_u64, Args};
use crate::error::{Error, Result};
use crate::ip::common::get_addr;
use crate::ip::{Ip, AF_INET6};

/// In iproute2's order (a prefix means the first keyword it starts).
const TABLE: &[Kw] = &[
    p("mode"),
    p("active_slave"),
    p("clear_active_slave"),
    p("miimon"),
    p("updelay"),
    p("downdelay"),
    p("peer_notify_delay"),
    p("use_carrier"),
    p("arp_interval"),
    p("arp_validate"),
    p("arp_all_targets"),
    p("arp_ip_target"),
    x("ns_ip6_target"),
    p("primary"),
    p("primary_reselect"),
    p("fail_over_mac"),
    p("xmit_hash_policy"),
    p("resend_igmp"),
    p("num_grat_arp"),
    p("num_unsol_na"),
    p("all_slaves_active"),
    p("min_links"),
    p("lp_interval"),
    p("packets_per_slave"),
    p("tlb_dynamic_lb"),
    p("lacp_rate"),
    x("lacp_active"),
    p("ad_select"),
    p("ad_user_port_key"),
    p("ad_actor_sys_prio"),
    p("ad_actor_system"),
    x("arp_missed_max"),
    p("help"),
];

/// The names each enumerated option takes.
fn names(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "mode" => &[
            "balance-rr",
            "active-backup",
            "balance-xor",
            "broadcast",
            "802.3ad",
            "balance-tlb",
            "balance-alb",
        ],
        "arp_validate" => &[
            "none",
            "active",
            "backup",
            "all",
            "filter",
            "filter_active",
            "filter_backup",
        ],
        "arp_all_targets" => &["any", "all"],
        "primary_reselect" => &["always", "better", "failure"],
        "fail_over_mac" => &["none", "active", "follow"],
        "xmit_hash_policy" => &[
            "layer2",
            "layer3+4",
            "layer2+3",
            "encap2+3",
            "encap3+4",
            "vlan+srcmac",
        ],
        "lacp_rate" => &["slow", "fast"],
        "lacp_active" => &["off", "on"],
        "ad_select" => &["stable", "bandwidth", "count"],
        _ => return None,
    })
}

/// The largest number each numeric option takes.
fn max(key: &str) -> u64 {
    match key {
        "use_carrier" | "all_slaves_active" | "tlb_dynamic_lb" | "arp_missed_max" => 0xff,
        "ad_user_port_key" | "ad_actor_sys_prio" => 0xffff,
        _ => 0xffff_ffff,
    }
}

pub fn parse(ip: &mut Ip, a: &mut Args) -> Result<()> {
    while let Some(w) = a.next() {
        let Some(k) = keyword(&w, TABLE) else {
            return Err(unknown("bond", "command", &w));
        };
        match k {
            "clear_active_slave" => {}
            "help" => return Err(kind_usage("bond")),
            "active_slave" | "primary" => {
                ip.ifindex(&a.value()?)?;
            }
            "arp_ip_target" => {
                let v = a.value()?;
                for t in v.split(',') {
                    if t.parse::<std::net::Ipv4Addr>().is_err() {
                        return Err(fail(format!(
                            "Error: an IP address is expected rather than \"{t}\""
                        )));
                    }
                }
            }
            "ns_ip6_target" => {
                let v = a.value()?;
                for t in v.split(',') {
                    get_addr(t, AF_INET6)?;
                }
            }
            "ad_actor_system" => {
                lladdr(&a.value()?)?;
            }
            _ => {
                let v = a.value()?;
                let ok = match names(k) {
                    // a name, or its index in the table
                    Some(list) => {
                        list.contains(&v.as_str())
                            || parse_u64(&v).is_some_and(|n| n < list.len() as u64)
                    }
                    None => parse_u64(&v).is_some_and(|n| n <= max(k)),
                };
                if !ok {
                    let key = if k.starts_with("num_") {
                        "num_grat_arp|num_unsol_na"
                    } else {
                        k
                    };
                    return Err(Error::invarg(&format!("invalid {key}"), &v));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(keyword("a", TABLE), Some("active_slave"));
        assert_eq!(keyword("arp_", TABLE), Some("arp_interval"));
        assert_eq!(keyword("p", TABLE), Some("peer_notify_delay"));
        assert_eq!(keyword("primary", TABLE), Some("primary"));
        assert_eq!(keyword("mi", TABLE), Some("miimon"));
        assert_eq!(keyword("l", TABLE), Some("lp_interval"));
        assert_eq!(keyword("lacp_activ", TABLE), None);
        assert_eq!(keyword("ad_actor_sys", TABLE), Some("ad_actor_sys_prio"));
    }
}
