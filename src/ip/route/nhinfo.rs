//! `nh_info` under a route that uses a nexthop object (`-d`): the
//! nexthop as the kernel describes it (RTM_GETNEXTHOP, read by hand: the
//! netlink crate has no nexthop messages).

use std::collections::HashMap;
use std::net::IpAddr;

use super::names;
use crate::ip::{Ip, AF_INET, AF_INET6};
use crate::nl::{attrs, u32_ne};
use crate::print::Ctx;

const RTM_NEWNEXTHOP: u16 = 104;
const RTM_GETNEXTHOP: u16 = 106;
const NHA_ID: u16 = 1;
const NHA_GROUP: u16 = 2;
const NHA_BLACKHOLE: u16 = 4;
const NHA_OIF: u16 = 5;
const NHA_GATEWAY: u16 = 6;

/// One nexthop object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NhInfo {
    pub id: u32,
    pub scope: u8,
    pub protocol: u8,
    pub flags: u32,
    /// (id, weight) of each group member
    pub group: Vec<(u32, u16)>,
    pub gateway: Option<IpAddr>,
    pub oif: Option<u32>,
    pub blackhole: bool,
}

/// Parse one RTM_NEWNEXTHOP message (netlink header included).
pub fn parse(msg: &[u8]) -> Option<NhInfo> {
    if msg.len() < 24 || u16::from_ne_bytes([msg[4], msg[5]]) != RTM_NEWNEXTHOP {
        return None;
    }
    let family = msg[16];
    let mut nh = NhInfo {
        scope: msg[17],
        protocol: msg[18],
        flags: u32::from_ne_bytes([msg[20], msg[21], msg[22], msg[23]]),
        ..Default::default()
    };
    for (kind, v) in attrs(&msg[24..]) {
        match kind {
            NHA_ID => nh.id = u32_ne(v).unwrap_or(0),
            NHA_OIF => nh.oif = u32_ne(v),
            NHA_BLACKHOLE => nh.blackhole = true,
            NHA_GATEWAY => {
                nh.gateway = match (family, v.len()) {
                    (AF_INET, 4) => Some(IpAddr::from([v[0], v[1], v[2], v[3]])),
                    (AF_INET6, 16) => {
                        let mut a = [0u8; 16];
                        a.copy_from_slice(v);
                        Some(IpAddr::from(a))
                    }
                    _ => None,
                }
            }
            NHA_GROUP => {
                for g in v.chunks_exact(8) {
                    let id = u32::from_ne_bytes([g[0], g[1], g[2], g[3]]);
                    nh.group.push((id, g[4] as u16 + 1));
                }
            }
            _ => {}
        }
    }
    Some(nh)
}

/// Every nexthop object of the namespace, by id (one dump).
pub fn all(ip: &mut Ip) -> HashMap<u32, NhInfo> {
    let mut map = HashMap::new();
    let payload = [0u8; 8];
    let Ok(nl) = ip.nl() else { return map };
    let _ = nl.dump_raw(RTM_GETNEXTHOP, &payload, &mut |m| {
        if let Some(nh) = parse(m) {
            map.insert(nh.id, nh);
        }
        Ok(())
    });
    map
}

/// `\tnh_info id N ...` (text; group members `ID[,WEIGHT]` joined by `/`) / `"nh_info": {...}` (JSON).
pub fn print(ip: &mut Ip, nh: &NhInfo) {
    let numeric = ip.o.numeric;
    let sl = ip.p.sl();
    ip.p.text(&format!("{sl}\tnh_info "));
    ip.p.open_obj(Ctx::Json, "nh_info");
    ip.p.uint(Ctx::Any, "id", "id {} ", nh.id as u64);
    if !nh.group.is_empty() {
        ip.p.text("group ");
        ip.p.open_arr(Ctx::Json, "group", "");
        for (i, (id, w)) in nh.group.iter().enumerate() {
            if i > 0 {
                ip.p.text("/");
            }
            ip.p.open_obj(Ctx::Json, "");
            ip.p.uint(Ctx::Any, "id", "{}", *id as u64);
            if *w > 1 {
                ip.p.uint(Ctx::Any, "weight", ",{}", *w as u64);
            }
            ip.p.close_obj(Ctx::Json);
        }
        ip.p.text(" ");
        ip.p.close_arr(Ctx::Json, "");
    }
    if let Some(g) = &nh.gateway {
        ip.p.str(Ctx::Any, "gateway", "via {} ", &g.to_string());
    }
    if let Some(i) = nh.oif {
        let name = ip.ifname(i);
        ip.p.str(Ctx::Any, "dev", "dev {} ", &name);
    }
    ip.p.str(Ctx::Any, "scope", "scope {} ", &names::scope_name(nh.scope, numeric));
    if nh.blackhole {
        ip.p.null(Ctx::Any, "blackhole", "{} ", "blackhole");
    }
    ip.p.str(Ctx::Any, "protocol", "proto {} ", &names::proto_name(nh.protocol, numeric));
    ip.p.open_arr(Ctx::Json, "flags", "");
    for name in super::print::route_flags(nh.flags & 0xff) {
        ip.p.str(Ctx::Any, "", "{} ", name);
    }
    ip.p.close_arr(Ctx::Json, "");
    ip.p.close_obj(Ctx::Json);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_group() {
        let mut m = vec![0u8; 16];
        m[4..6].copy_from_slice(&RTM_NEWNEXTHOP.to_ne_bytes());
        m.extend_from_slice(&[AF_INET, 0, 0, 0, 0, 0, 0, 0]);
        crate::nl::put_attr(&mut m, NHA_ID, &7u32.to_ne_bytes());
        crate::nl::put_attr(&mut m, NHA_GROUP, &[1, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 1, 0, 0, 0]);
        let nh = parse(&m).unwrap();
        assert_eq!(nh.id, 7);
        assert_eq!(nh.group, vec![(1, 1), (6, 2)]);
    }
}
