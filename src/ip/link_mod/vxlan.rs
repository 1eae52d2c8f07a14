//! `type vxlan` options (IFLA_VXLAN_*). Each option may be given once
//! (iproute2's "either X is duplicate" check); creating needs an id (or
//! `external`) and always says whether to learn.

use std::net::IpAddr;

use netlink_packet_route::link::{InfoData, InfoVxlan, LinkInfo, VxlanDf};

use super::{fail, keyword, kind_usage, p, unknown, x, Kw, Mode};
use crate::cli::{parse_u64, Args};
use crate::error::{Error, Result};
use crate::ip::common::get_addr;
use crate::ip::{Ip, AF_UNSPEC};

/// In iproute2's order (a prefix means the first keyword it starts).
const TABLE: &[Kw] = &[
    p("id"),
    p("vni"),
    p("group"),
    p("remote"),
    p("local"),
    p("dev"),
    p("ttl"),
    p("hoplimit"),
    p("tos"),
    p("dsfield"),
    p("df"),
    p("label"),
    p("flowlabel"),
    p("ageing"),
    p("maxaddress"),
    p("port"),
    p("srcport"),
    p("dstport"),
    p("nolearning"),
    p("learning"),
    p("noproxy"),
    p("proxy"),
    p("norsc"),
    p("rsc"),
    p("nol2miss"),
    p("l2miss"),
    p("nol3miss"),
    p("l3miss"),
    p("udpcsum"),
    p("noudpcsum"),
    p("udp6zerocsumtx"),
    p("noudp6zerocsumtx"),
    p("udp6zerocsumrx"),
    p("noudp6zerocsumrx"),
    p("remcsumtx"),
    p("noremcsumtx"),
    p("remcsumrx"),
    p("noremcsumrx"),
    p("external"),
    p("noexternal"),
    p("gbp"),
    p("gpe"),
    x("vnifilter"),
    p("help"),
];

fn vx_err(msg: &str) -> Error {
    fail(format!("vxlan: {msg}"))
}

/// rtnl_dsfield_a2n: a hex number or a name from rt_dsfield.
use crate::ip::route::names::parse_dsfield as dsfield;

fn is_multicast(a: &IpAddr) -> bool {
    a.is_multicast()
}

pub fn parse(ip: &mut Ip, a: &mut Args, mode: Mode) -> Result<LinkInfo> {
    let mut out: Vec<InfoVxlan> = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut family = AF_UNSPEC;
    let (mut id, mut group, mut remote, mut dev) = (None::<u32>, false, false, false);
    let (mut learning, mut external, mut vnifilter, mut dstport) =
        (None::<bool>, false, false, false);
    while let Some(w) = a.next() {
        let Some(k) = keyword(&w, TABLE) else {
            return Err(unknown("vxlan", "command", &w));
        };
        // the attribute each keyword sets (for the duplicate check)
        let slot: &'static str = match k {
            "vni" | "id" => "id",
            "hoplimit" | "ttl" => "ttl",
            "dsfield" | "tos" => "tos",
            "flowlabel" | "label" => "label",
            "srcport" | "port" => "port",
            "learning" | "nolearning" => "learning",
            "help" => "help",
            other => other
                .strip_prefix("no")
                .filter(|s| TABLE.iter().any(|t| t.word == *s))
                .unwrap_or(other),
        };
        let takes_value = matches!(
            slot,
            "id" | "group"
                | "remote"
                | "local"
                | "dev"
                | "ttl"
                | "tos"
                | "df"
                | "label"
                | "ageing"
                | "maxaddress"
                | "port"
                | "dstport"
        );
        let key = match k {
            "vni" => "id",
            "hoplimit" => "ttl",
            "dsfield" => "tos",
            "flowlabel" => "label",
            "srcport" => "port",
            other => other,
        };
        let v = if takes_value { a.value()? } else { w.clone() };
        if slot == "help" {
            return Err(kind_usage("vxlan"));
        }
        if seen.contains(&slot) {
            return Err(Error::duparg2(key, &v));
        }
        seen.push(slot);
        let u32v = |what: &str| {
            parse_u64(&v)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| Error::invarg(what, &v))
        };
        match slot {
            "id" => {
                let n = u32v("invalid id")?;
                if n >= 1 << 24 {
                    return Err(Error::invarg("invalid id", &v));
                }
                id = Some(n);
            }
            "group" | "remote" | "local" => {
                if (slot == "group" && remote) || (slot == "remote" && group) {
                    return Err(vx_err("both group and remote cannot be specified"));
                }
                let pfx = get_addr(&v, family)?;
                family = pfx.family;
                let mc = is_multicast(&pfx.addr);
                if slot == "group" && !mc {
                    return Err(Error::invarg("invalid group address", &v));
                }
                if slot == "remote" && mc {
                    return Err(Error::invarg("invalid remote address", &v));
                }
                group |= slot == "group";
                remote |= slot == "remote";
                out.push(match (slot, pfx.addr) {
                    ("local", IpAddr::V4(a)) => InfoVxlan::Local(a),
                    ("local", IpAddr::V6(a)) => InfoVxlan::Local6(a),
                    (_, IpAddr::V4(a)) => InfoVxlan::Group(a),
                    (_, IpAddr::V6(a)) => InfoVxlan::Group6(a),
                });
            }
            "dev" => {
                out.push(InfoVxlan::Link(ip.ifindex(&v)?));
                dev = true;
            }
            "ttl" => match v.as_str() {
                "inherit" => out.push(InfoVxlan::TtlInheritFlag),
                "auto" => out.push(InfoVxlan::Ttl(0)),
                _ => {
                    let n = parse_u64(&v)
                        .filter(|n| *n <= u32::MAX as u64)
                        .ok_or_else(|| Error::invarg("invalid TTL", &v))?;
                    if n > 255 {
                        return Err(Error::invarg("TTL must be <= 255", &v));
                    }
                    out.push(InfoVxlan::Ttl(n as u8));
                }
            },
            "tos" => {
                let t = if v == "inherit" {
                    1
                } else {
                    dsfield(&v).ok_or_else(|| Error::invarg("bad TOS value", &v))?
                };
                out.push(InfoVxlan::Tos(t));
            }
            "df" => out.push(InfoVxlan::Df(match v.as_str() {
                "unset" => VxlanDf::Unset,
                "set" => VxlanDf::Set,
                "inherit" => VxlanDf::Inherit,
                _ => return Err(Error::invarg("DF must be 'unset', 'set' or 'inherit'", &v)),
            })),
            "label" => {
                let n = u32v("invalid flowlabel")?;
                if n > 0xfffff {
                    return Err(Error::invarg("invalid flowlabel", &v));
                }
                out.push(InfoVxlan::Label(n));
            }
            "ageing" => out.push(InfoVxlan::Ageing(u32v("ageing timer")?)),
            "maxaddress" => {
                let n = if v == "unlimited" {
                    0
                } else {
                    u32v("max addresses")?
                };
                out.push(InfoVxlan::Limit(n));
            }
            "port" => {
                let lo = parse_u64(&v)
                    .and_then(|n| u16::try_from(n).ok())
                    .ok_or_else(|| Error::invarg("min port", &v))?;
                let hv = a.value()?;
                let hi = parse_u64(&hv)
                    .and_then(|n| u16::try_from(n).ok())
                    .ok_or_else(|| Error::invarg("max port", &hv))?;
                out.push(InfoVxlan::PortRange((lo, hi)));
            }
            "dstport" => {
                let n = parse_u64(&v)
                    .and_then(|n| u16::try_from(n).ok())
                    .ok_or_else(|| Error::invarg("dst port", &v))?;
                dstport = true;
                if n != 0 {
                    out.push(InfoVxlan::Port(n));
                }
            }
            "learning" => learning = Some(k == "learning"),
            "external" => {
                external = k == "external";
                out.push(InfoVxlan::CollectMetadata(external));
            }
            "vnifilter" => {
                vnifilter = true;
                out.push(InfoVxlan::Vnifilter(true));
            }
            "gbp" => out.push(InfoVxlan::Gbp),
            "gpe" => out.push(InfoVxlan::Gpe),
            flag => {
                let on = !k.starts_with("no");
                out.push(match flag {
                    "proxy" => InfoVxlan::Proxy(on),
                    "rsc" => InfoVxlan::Rsc(on),
                    "l2miss" => InfoVxlan::L2Miss(on),
                    "l3miss" => InfoVxlan::L3Miss(on),
                    "udpcsum" => InfoVxlan::UDPCsum(on),
                    "udp6zerocsumtx" => InfoVxlan::UDPZeroCsumTX(on),
                    "udp6zerocsumrx" => InfoVxlan::UDPZeroCsumRX(on),
                    "remcsumtx" => InfoVxlan::RemCsumTX(on),
                    _ => InfoVxlan::RemCsumRX(on),
                });
            }
        }
    }
    let create = matches!(mode, Mode::Add | Mode::Replace);
    if external && id.is_some() {
        return Err(vx_err("both 'external' and vni cannot be specified"));
    }
    if create && id.is_none() && !external {
        return Err(vx_err("missing virtual network identifier"));
    }
    if group && remote {
        return Err(vx_err("both group and remote cannot be specified"));
    }
    if group && !dev {
        return Err(vx_err("'group' requires 'dev' to be specified"));
    }
    if vnifilter && !external {
        return Err(vx_err("vnifilter is valid only when 'external' is set"));
    }
    if create && !dstport && !out.contains(&InfoVxlan::Gpe) {
        crate::print::warn(
            "vxlan: destination port not specified\n\
             Will use Linux kernel default (non-standard value)\n\
             Use 'dstport 4789' to get the IANA assigned value\n\
             Use 'dstport 0' to get default and quiet this message"
        );
    }
    if let Some(n) = id {
        out.insert(0, InfoVxlan::Id(n));
    }
    if let Some(l) = learning.or(create.then_some(!external)) {
        out.push(InfoVxlan::Learning(l));
    }
    Ok(LinkInfo::Data(InfoData::Vxlan(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(keyword("d", TABLE), Some("dev"));
        assert_eq!(keyword("ds", TABLE), Some("dsfield"));
        assert_eq!(keyword("df", TABLE), Some("df"));
        assert_eq!(keyword("dst", TABLE), Some("dstport"));
        assert_eq!(keyword("l", TABLE), Some("local"));
        assert_eq!(keyword("p", TABLE), Some("port"));
        assert_eq!(keyword("t", TABLE), Some("ttl"));
        assert_eq!(keyword("h", TABLE), Some("hoplimit"));
        assert_eq!(keyword("vnif", TABLE), None);
    }

    #[test]
    fn tos_hex() {
        assert_eq!(dsfield("10"), Some(0x10));
        assert_eq!(dsfield("0x10"), Some(0x10));
        assert_eq!(dsfield("zz"), None);
    }
}
