//! `vf NUM [mac LLADDR] [vlan VLANID [qos N] [proto P]] [rate N]
//! [max_tx_rate N] [min_tx_rate N] [spoofchk on|off] [query_rss on|off]
//! [state auto|enable|disable] [trust on|off] [node_guid G] [port_guid G]`:
//! SR-IOV virtual-function settings (IFLA_VFINFO_LIST). At least one
//! option must follow the number; the first other word ends the list.

use netlink_packet_route::link::{
    LinkAttribute, LinkVfInfo, VfInfo, VfInfoGuid, VfInfoLinkState, VfInfoMac, VfInfoRate,
    VfInfoRssQueryEn, VfInfoSpoofCheck, VfInfoTrust, VfInfoTxRate, VfInfoVlan, VfLinkState, VfVlan,
    VfVlanInfo, VlanProtocol,
};

use super::{fail, get_integer, invarg_nl, lladdr, on_off_strict};
use crate::cli::{parse_u32, Args, INCOMPLETE};
use crate::error::{Error, Result};

fn num(a: &mut Args, key: &str) -> Result<u32> {
    let v = a.value()?;
    parse_u32(&v).ok_or_else(|| invarg_nl(&format!("Invalid \"{key}\" value"), &v))
}

/// `xx:xx:xx:xx:xx:xx:xx:xx` → the 64-bit GUID.
fn guid(v: &str) -> Option<u64> {
    let parts: Vec<&str> = v.split(':').collect();
    if parts.len() != 8 {
        return None;
    }
    parts.iter().try_fold(0u64, |acc, p| {
        (p.len() == 2).then_some(())?;
        Some(acc << 8 | u64::from(u8::from_str_radix(p, 16).ok()?))
    })
}

/// Parse after the `vf` keyword; returns the IFLA_VFINFO_LIST attribute.
pub fn parse(a: &mut Args) -> Result<LinkAttribute> {
    let v = a.value()?;
    let vf = get_integer(&v)
        .filter(|n| *n >= 0)
        .ok_or_else(|| invarg_nl("Invalid \"vf\" value", &v))? as u32;
    let mut out = Vec::new();
    let (mut min_rate, mut max_rate) = (None::<u32>, None::<u32>);
    while let Some(w) = a.peek() {
        let w = w.to_string();
        match w.as_str() {
            "mac" | "vlan" | "rate" | "max_tx_rate" | "min_tx_rate" | "spoofchk" | "query_rss"
            | "state" | "trust" | "node_guid" | "port_guid" => {
                a.next();
            }
            _ => break,
        }
        match w.as_str() {
            "mac" => out.push(VfInfo::Mac(VfInfoMac::new(vf, &lladdr(&a.value()?)?))),
            "vlan" => {
                let vlan = num(a, "vlan")?;
                let mut qos = 0;
                let mut proto = None;
                loop {
                    match a.peek() {
                        Some("qos") => {
                            a.next();
                            qos = num(a, "qos")?;
                        }
                        Some("proto") => {
                            a.next();
                            let p = a.value()?;
                            proto = Some(match p.to_ascii_lowercase().as_str() {
                                "802.1q" => VlanProtocol::Ieee8021Q,
                                "802.1ad" => VlanProtocol::Ieee8021Ad,
                                _ => return Err(invarg_nl("protocol is invalid", &p)),
                            });
                        }
                        _ => break,
                    }
                }
                out.push(match proto {
                    Some(p) => {
                        VfInfo::VlanList(vec![VfVlan::Info(VfVlanInfo::new(vf, vlan, qos, p))])
                    }
                    None => VfInfo::Vlan(VfInfoVlan::new(vf, vlan, qos)),
                });
            }
            "rate" => out.push(VfInfo::TxRate(VfInfoTxRate::new(vf, num(a, "rate")?))),
            "max_tx_rate" => max_rate = Some(num(a, "max tx rate")?),
            "min_tx_rate" => min_rate = Some(num(a, "min tx rate")?),
            "spoofchk" => {
                let on = on_off_strict("spoofchk", &a.value()?).map_err(|e| fail(e.to_string()))?;
                out.push(VfInfo::SpoofCheck(VfInfoSpoofCheck::new(vf, on)));
            }
            "query_rss" => {
                let on =
                    on_off_strict("query_rss", &a.value()?).map_err(|e| fail(e.to_string()))?;
                out.push(VfInfo::RssQueryEn(VfInfoRssQueryEn::new(vf, on)));
            }
            "trust" => {
                let on = on_off_strict("trust", &a.value()?).map_err(|e| fail(e.to_string()))?;
                out.push(VfInfo::Trust(VfInfoTrust::new(vf, on)));
            }
            "state" => {
                let s = a.value()?;
                let st = match s.as_str() {
                    "auto" => VfLinkState::Auto,
                    "enable" => VfLinkState::Enable,
                    "disable" => VfLinkState::Disable,
                    _ => return Err(invarg_nl("Invalid \"state\" value", &s)),
                };
                out.push(VfInfo::LinkState(VfInfoLinkState::new(vf, st)));
            }
            _ => {
                let g = a.value()?;
                let n = guid(&g).ok_or_else(|| invarg_nl("Invalid GUID format", &g))?;
                let info = VfInfoGuid::new(vf, n);
                out.push(if w == "node_guid" {
                    VfInfo::IbNodeGuid(info)
                } else {
                    VfInfo::IbPortGuid(info)
                });
            }
        }
    }
    if min_rate.is_some() || max_rate.is_some() {
        out.push(VfInfo::Rate(VfInfoRate::new(
            vf,
            min_rate.unwrap_or(0),
            max_rate.unwrap_or(0),
        )));
    }
    if out.is_empty() {
        return Err(Error::arg(INCOMPLETE));
    }
    Ok(LinkAttribute::VfInfoList(vec![LinkVfInfo(out)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids() {
        assert_eq!(guid("01:02:03:04:05:06:07:08"), Some(0x0102030405060708));
        assert_eq!(guid("1:2:3:4:5:6:7:8"), None);
        assert_eq!(guid("1:2:3:4:5:6:7:zz"), None);
    }

    #[test]
    fn needs_an_option() {
        let e = parse(&mut Args::new(["1", "mtu", "1400"])).unwrap_err();
        assert_eq!(e.to_string(), INCOMPLETE);
        let mut a = Args::new(["1", "mac", "02:00:00:00:00:05", "mtu", "1400"]);
        assert!(parse(&mut a).is_ok());
        assert_eq!(a.peek(), Some("mtu"));
        let e = parse(&mut Args::new(["x", "mac", "02:00:00:00:00:05"])).unwrap_err();
        assert_eq!(e.exit_code(), 255);
    }
}
