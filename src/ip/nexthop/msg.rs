//! Nexthop messages (RTM_{NEW,DEL,GET}NEXTHOP and the resilient group
//! buckets, RTM_{NEW,GET}NEXTHOPBUCKET), encoded and decoded by hand:
//! netlink-packet-route 0.34 has no nexthop messages. This is the one
//! place that knows their layout (`struct nhmsg` and the NHA_* attributes
//! of <linux/nexthop.h>).

use std::net::IpAddr;

use crate::nl::rtm::{RTM_DELNEXTHOP, RTM_DELNEXTHOPBUCKET, RTM_NEWNEXTHOP, RTM_NEWNEXTHOPBUCKET};
use crate::nl::{attrs, put_attr, u32_ne};

const NHA_ID: u16 = 1;
const NHA_GROUP: u16 = 2;
const NHA_GROUP_TYPE: u16 = 3;
const NHA_BLACKHOLE: u16 = 4;
const NHA_OIF: u16 = 5;
const NHA_GATEWAY: u16 = 6;
const NHA_ENCAP_TYPE: u16 = 7;
const NHA_ENCAP: u16 = 8;
const NHA_GROUPS: u16 = 9;
const NHA_MASTER: u16 = 10;
const NHA_FDB: u16 = 11;
const NHA_RES_GROUP: u16 = 12;
const NHA_RES_BUCKET: u16 = 13;

const NHA_RES_GROUP_BUCKETS: u16 = 1;
const NHA_RES_GROUP_IDLE_TIMER: u16 = 2;
const NHA_RES_GROUP_UNBALANCED_TIMER: u16 = 3;
const NHA_RES_GROUP_UNBALANCED_TIME: u16 = 4;

const NHA_RES_BUCKET_INDEX: u16 = 1;
const NHA_RES_BUCKET_IDLE_TIME: u16 = 2;
const NHA_RES_BUCKET_NH_ID: u16 = 3;

const NLA_F_NESTED: u16 = 0x8000;

/// NEXTHOP_GRP_TYPE_MPATH / NEXTHOP_GRP_TYPE_RES.
pub const GRP_TYPE_MPATH: u16 = 0;
pub const GRP_TYPE_RES: u16 = 1;

/// RTNH_F_ONLINK in `nh_flags`.
pub const RTNH_F_ONLINK: u32 = 4;

/// The netlink header length: messages handed to the decoders carry it.
const HDR: usize = 16;
/// `struct nhmsg`: family, scope, protocol, reserved, u32 flags.
const NHMSG: usize = 8;

/// The timers of a resilient group, in clock ticks (USER_HZ) as the
/// kernel has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResGroup {
    pub buckets: Option<u16>,
    pub idle_timer: Option<u32>,
    pub unbalanced_timer: Option<u32>,
    pub unbalanced_time: Option<u64>,
}

/// One nexthop object, as a request carries it or a reply describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nexthop {
    pub family: u8,
    pub scope: u8,
    pub protocol: u8,
    pub flags: u32,
    pub id: Option<u32>,
    /// (id, weight 1..=256) of each group member
    pub group: Vec<(u32, u16)>,
    pub group_type: Option<u16>,
    pub blackhole: bool,
    pub oif: Option<u32>,
    pub gateway: Option<IpAddr>,
    /// LWTUNNEL_ENCAP_* and the nested attributes (raw, without header)
    pub encap: Option<(u16, Vec<u8>)>,
    pub fdb: bool,
    pub res: Option<ResGroup>,
}

/// One bucket of a resilient group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bucket {
    pub family: u8,
    pub flags: u32,
    pub id: u32,
    pub index: u16,
    /// clock ticks
    pub idle_time: u64,
    pub nhid: u32,
}

/// The filters a dump request can carry (the kernel applies them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DumpFilter {
    pub family: u8,
    pub id: Option<u32>,
    pub oif: Option<u32>,
    pub master: Option<u32>,
    pub groups: bool,
    pub fdb: bool,
    /// bucket dumps: only buckets pointing at this nexthop
    pub nhid: Option<u32>,
}

fn nhmsg(out: &mut Vec<u8>, family: u8, scope: u8, protocol: u8, flags: u32) {
    out.extend_from_slice(&[family, scope, protocol, 0]);
    out.extend_from_slice(&flags.to_ne_bytes());
}

fn ip_octets(a: &IpAddr) -> Vec<u8> {
    match a {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

/// The payload (after the netlink header) of an RTM_NEWNEXTHOP or
/// RTM_DELNEXTHOP request for `nh`.
pub fn encode(nh: &Nexthop) -> Vec<u8> {
    let mut b = Vec::with_capacity(64);
    nhmsg(&mut b, nh.family, nh.scope, nh.protocol, nh.flags);
    if let Some(id) = nh.id {
        put_attr(&mut b, NHA_ID, &id.to_ne_bytes());
    }
    if !nh.group.is_empty() {
        let mut g = Vec::with_capacity(8 * nh.group.len());
        for (id, w) in &nh.group {
            g.extend_from_slice(&id.to_ne_bytes());
            // weight - 1 in a byte, then 3 reserved bytes
            g.extend_from_slice(&[(w.saturating_sub(1)) as u8, 0, 0, 0]);
        }
        put_attr(&mut b, NHA_GROUP, &g);
    }
    if let Some(t) = nh.group_type {
        put_attr(&mut b, NHA_GROUP_TYPE, &t.to_ne_bytes());
    }
    if let Some(r) = &nh.res {
        let mut n = Vec::new();
        if let Some(v) = r.buckets {
            put_attr(&mut n, NHA_RES_GROUP_BUCKETS, &v.to_ne_bytes());
        }
        if let Some(v) = r.idle_timer {
            put_attr(&mut n, NHA_RES_GROUP_IDLE_TIMER, &v.to_ne_bytes());
        }
        if let Some(v) = r.unbalanced_timer {
            put_attr(&mut n, NHA_RES_GROUP_UNBALANCED_TIMER, &v.to_ne_bytes());
        }
        put_attr(&mut b, NHA_RES_GROUP | NLA_F_NESTED, &n);
    }
    if nh.blackhole {
        put_attr(&mut b, NHA_BLACKHOLE, &[]);
    }
    if let Some((t, body)) = &nh.encap {
        put_attr(&mut b, NHA_ENCAP | NLA_F_NESTED, body);
        put_attr(&mut b, NHA_ENCAP_TYPE, &t.to_ne_bytes());
    }
    if let Some(g) = &nh.gateway {
        put_attr(&mut b, NHA_GATEWAY, &ip_octets(g));
    }
    if let Some(i) = nh.oif {
        put_attr(&mut b, NHA_OIF, &i.to_ne_bytes());
    }
    if nh.fdb {
        put_attr(&mut b, NHA_FDB, &[]);
    }
    b
}

/// The payload of an RTM_GETNEXTHOP request for one id.
pub fn encode_get(id: u32) -> Vec<u8> {
    let mut b = Vec::with_capacity(16);
    nhmsg(&mut b, 0, 0, 0, 0);
    put_attr(&mut b, NHA_ID, &id.to_ne_bytes());
    b
}

/// The payload of a dump request (RTM_GETNEXTHOP, or
/// RTM_GETNEXTHOPBUCKET when `bucket`) with the kernel-side filters.
pub fn encode_dump(f: &DumpFilter, bucket: bool) -> Vec<u8> {
    let mut b = Vec::with_capacity(48);
    nhmsg(&mut b, f.family, 0, 0, 0);
    if let Some(i) = f.oif {
        put_attr(&mut b, NHA_OIF, &i.to_ne_bytes());
    }
    if f.groups {
        put_attr(&mut b, NHA_GROUPS, &[]);
    }
    if let Some(i) = f.master {
        put_attr(&mut b, NHA_MASTER, &i.to_ne_bytes());
    }
    if f.fdb {
        put_attr(&mut b, NHA_FDB, &[]);
    }
    if bucket {
        if let Some(id) = f.id {
            put_attr(&mut b, NHA_ID, &id.to_ne_bytes());
        }
        if let Some(id) = f.nhid {
            let mut n = Vec::new();
            put_attr(&mut n, NHA_RES_BUCKET_NH_ID, &id.to_ne_bytes());
            put_attr(&mut b, NHA_RES_BUCKET | NLA_F_NESTED, &n);
        }
    }
    b
}

/// The payload of an RTM_GETNEXTHOPBUCKET request for one bucket.
pub fn encode_bucket_get(id: u32, index: u16) -> Vec<u8> {
    let mut b = Vec::with_capacity(32);
    nhmsg(&mut b, 0, 0, 0, 0);
    put_attr(&mut b, NHA_ID, &id.to_ne_bytes());
    let mut n = Vec::new();
    put_attr(&mut n, NHA_RES_BUCKET_INDEX, &index.to_ne_bytes());
    put_attr(&mut b, NHA_RES_BUCKET | NLA_F_NESTED, &n);
    b
}

fn u16_ne(v: &[u8]) -> Option<u16> {
    Some(u16::from_ne_bytes(v.get(..2)?.try_into().ok()?))
}

fn u64_ne(v: &[u8]) -> Option<u64> {
    Some(u64::from_ne_bytes(v.get(..8)?.try_into().ok()?))
}

/// The message type of a whole netlink message.
pub fn msg_type(msg: &[u8]) -> u16 {
    if msg.len() < 6 {
        return 0;
    }
    u16::from_ne_bytes([msg[4], msg[5]])
}

/// Decode one RTM_NEWNEXTHOP / RTM_DELNEXTHOP message (netlink header
/// included). Unknown attributes (newer kernels add some) are skipped.
pub fn decode(msg: &[u8]) -> Option<Nexthop> {
    let t = msg_type(msg);
    if msg.len() < HDR + NHMSG || (t != RTM_NEWNEXTHOP && t != RTM_DELNEXTHOP) {
        return None;
    }
    let h = &msg[HDR..];
    let family = h[0];
    let mut nh = Nexthop {
        family,
        scope: h[1],
        protocol: h[2],
        flags: u32::from_ne_bytes([h[4], h[5], h[6], h[7]]),
        ..Default::default()
    };
    for (kind, v) in attrs(&h[NHMSG..]) {
        match kind {
            NHA_ID => nh.id = u32_ne(v),
            NHA_GROUP => {
                for g in v.chunks_exact(8) {
                    let id = u32::from_ne_bytes([g[0], g[1], g[2], g[3]]);
                    nh.group.push((id, g[4] as u16 + 1));
                }
            }
            NHA_GROUP_TYPE => nh.group_type = u16_ne(v),
            NHA_BLACKHOLE => nh.blackhole = true,
            NHA_OIF => nh.oif = u32_ne(v),
            NHA_GATEWAY => {
                nh.gateway = match v.len() {
                    4 => Some(IpAddr::from([v[0], v[1], v[2], v[3]])),
                    16 => <[u8; 16]>::try_from(v).ok().map(IpAddr::from),
                    _ => None,
                }
            }
            NHA_ENCAP_TYPE => {
                let t = u16_ne(v).unwrap_or(0);
                let body = nh.encap.take().map(|(_, b)| b).unwrap_or_default();
                nh.encap = Some((t, body));
            }
            NHA_ENCAP => {
                let t = nh.encap.take().map(|(t, _)| t).unwrap_or(0);
                nh.encap = Some((t, v.to_vec()));
            }
            NHA_FDB => nh.fdb = true,
            NHA_RES_GROUP => {
                let mut r = ResGroup::default();
                for (k, v) in attrs(v) {
                    match k {
                        NHA_RES_GROUP_BUCKETS => r.buckets = u16_ne(v),
                        NHA_RES_GROUP_IDLE_TIMER => r.idle_timer = u32_ne(v),
                        NHA_RES_GROUP_UNBALANCED_TIMER => r.unbalanced_timer = u32_ne(v),
                        NHA_RES_GROUP_UNBALANCED_TIME => r.unbalanced_time = u64_ne(v),
                        _ => {}
                    }
                }
                nh.res = Some(r);
            }
            _ => {}
        }
    }
    Some(nh)
}

/// Decode one RTM_NEWNEXTHOPBUCKET message (netlink header included).
pub fn decode_bucket(msg: &[u8]) -> Option<Bucket> {
    let t = msg_type(msg);
    if msg.len() < HDR + NHMSG || (t != RTM_NEWNEXTHOPBUCKET && t != RTM_DELNEXTHOPBUCKET) {
        return None;
    }
    let h = &msg[HDR..];
    let mut b = Bucket {
        family: h[0],
        flags: u32::from_ne_bytes([h[4], h[5], h[6], h[7]]),
        ..Default::default()
    };
    for (kind, v) in attrs(&h[NHMSG..]) {
        match kind {
            NHA_ID => b.id = u32_ne(v).unwrap_or(0),
            NHA_RES_BUCKET => {
                for (k, v) in attrs(v) {
                    match k {
                        NHA_RES_BUCKET_INDEX => b.index = u16_ne(v).unwrap_or(0),
                        NHA_RES_BUCKET_IDLE_TIME => b.idle_time = u64_ne(v).unwrap_or(0),
                        NHA_RES_BUCKET_NH_ID => b.nhid = u32_ne(v).unwrap_or(0),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::{AF_INET, AF_INET6};

    /// A whole message: a 16-byte netlink header of type `t`, then `payload`.
    fn with_header(t: u16, payload: &[u8]) -> Vec<u8> {
        let mut m = Vec::new();
        m.extend_from_slice(&((16 + payload.len()) as u32).to_ne_bytes());
        m.extend_from_slice(&t.to_ne_bytes());
        m.extend_from_slice(&[0; 10]);
        m.extend_from_slice(payload);
        m
    }

    #[test]
    #[cfg(target_endian = "little")]
    fn encode_gateway_nexthop() {
        // ip nexthop add id 40 via 10.0.0.2 dev v0 onlink proto static
        let nh = Nexthop {
            family: AF_INET,
            protocol: 4,
            flags: RTNH_F_ONLINK,
            id: Some(40),
            gateway: Some("10.0.0.2".parse().unwrap()),
            oif: Some(2),
            ..Default::default()
        };
        let expected = [
            2, // nh_family AF_INET
            0, // nh_scope (return only)
            4, // nh_protocol RTPROT_STATIC
            0, // reserved
            4, 0, 0, 0, // nh_flags RTNH_F_ONLINK
            8, 0, 1, 0, // NHA_ID, length 8
            40, 0, 0, 0, // id 40
            8, 0, 6, 0, // NHA_GATEWAY, length 8
            10, 0, 0, 2, // 10.0.0.2
            8, 0, 5, 0, // NHA_OIF, length 8
            2, 0, 0, 0, // ifindex 2
        ];
        assert_eq!(encode(&nh), expected);
        // the kernel's answer decodes back to the same object
        let back = decode(&with_header(RTM_NEWNEXTHOP, &expected)).unwrap();
        assert_eq!(back, nh);
    }

    #[test]
    #[cfg(target_endian = "little")]
    fn encode_resilient_group() {
        // ip nexthop add id 41 group 1,3/2 type resilient buckets 8
        //    idle_timer 120 unbalanced_timer 60
        let nh = Nexthop {
            id: Some(41),
            group: vec![(1, 3), (2, 1)],
            group_type: Some(GRP_TYPE_RES),
            res: Some(ResGroup {
                buckets: Some(8),
                idle_timer: Some(12000),
                unbalanced_timer: Some(6000),
                unbalanced_time: None,
            }),
            ..Default::default()
        };
        let expected = [
            0, 0, 0, 0, // nh_family AF_UNSPEC, scope, protocol, reserved
            0, 0, 0, 0, // nh_flags
            8, 0, 1, 0, // NHA_ID, length 8
            41, 0, 0, 0, // id 41
            20, 0, 2, 0, // NHA_GROUP, length 20: two struct nexthop_grp
            1, 0, 0, 0, // id 1
            2, 0, 0, 0, // weight 3 - 1, resvd1, resvd2
            2, 0, 0, 0, // id 2
            0, 0, 0, 0, // weight 1 - 1, resvd1, resvd2
            6, 0, 3, 0, // NHA_GROUP_TYPE, length 6
            1, 0, 0, 0, // NEXTHOP_GRP_TYPE_RES, padding
            28, 0, 12, 0x80, // NHA_RES_GROUP | NLA_F_NESTED, length 28
            6, 0, 1, 0, // NHA_RES_GROUP_BUCKETS, length 6
            8, 0, 0, 0, // 8 buckets, padding
            8, 0, 2, 0, // NHA_RES_GROUP_IDLE_TIMER, length 8
            0xe0, 0x2e, 0, 0, // 12000 ticks (120 s)
            8, 0, 3, 0, // NHA_RES_GROUP_UNBALANCED_TIMER, length 8
            0x70, 0x17, 0, 0, // 6000 ticks (60 s)
        ];
        assert_eq!(encode(&nh), expected);
        let back = decode(&with_header(RTM_NEWNEXTHOP, &expected)).unwrap();
        assert_eq!(back, nh);
    }

    #[test]
    #[cfg(target_endian = "little")]
    fn encode_blackhole_fdb_encap() {
        // ip nexthop add id 42 blackhole
        let nh = Nexthop { family: AF_INET, id: Some(42), blackhole: true, ..Default::default() };
        assert_eq!(
            encode(&nh),
            [
                2, 0, 0, 0, // AF_INET, scope, protocol, reserved
                0, 0, 0, 0, // nh_flags
                8, 0, 1, 0, // NHA_ID, length 8
                42, 0, 0, 0, // id 42
                4, 0, 4, 0, // NHA_BLACKHOLE (flag, no value)
            ]
        );
        // ip nexthop add id 43 via 2001:db8::5 fdb
        let nh = Nexthop {
            family: AF_INET6,
            id: Some(43),
            gateway: Some("2001:db8::5".parse().unwrap()),
            fdb: true,
            ..Default::default()
        };
        assert_eq!(
            encode(&nh),
            [
                10, 0, 0, 0, // AF_INET6, scope, protocol, reserved
                0, 0, 0, 0, // nh_flags
                8, 0, 1, 0, // NHA_ID, length 8
                43, 0, 0, 0, // id 43
                20, 0, 6, 0, // NHA_GATEWAY, length 20
                0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, // 2001:db8::
                0, 0, 0, 0, 0, 0, 0, 5, // ::5
                4, 0, 11, 0, // NHA_FDB (flag)
            ]
        );
        // ip nexthop add id 44 encap ip dst 10.0.0.9 via 10.0.0.2 dev v0
        let body = vec![8, 0, 2, 0, 10, 0, 0, 9]; // LWTUNNEL_IP_DST 10.0.0.9
        let nh = Nexthop {
            family: AF_INET,
            id: Some(44),
            encap: Some((2, body)),
            gateway: Some("10.0.0.2".parse().unwrap()),
            oif: Some(2),
            ..Default::default()
        };
        let expected = [
            2, 0, 0, 0, // AF_INET, scope, protocol, reserved
            0, 0, 0, 0, // nh_flags
            8, 0, 1, 0, // NHA_ID, length 8
            44, 0, 0, 0, // id 44
            12, 0, 8, 0x80, // NHA_ENCAP | NLA_F_NESTED, length 12
            8, 0, 2, 0, // LWTUNNEL_IP_DST, length 8
            10, 0, 0, 9, // 10.0.0.9
            6, 0, 7, 0, // NHA_ENCAP_TYPE, length 6
            2, 0, 0, 0, // LWTUNNEL_ENCAP_IP, padding
            8, 0, 6, 0, // NHA_GATEWAY, length 8
            10, 0, 0, 2, // 10.0.0.2
            8, 0, 5, 0, // NHA_OIF, length 8
            2, 0, 0, 0, // ifindex 2
        ];
        assert_eq!(encode(&nh), expected);
        assert_eq!(decode(&with_header(RTM_DELNEXTHOP, &expected)).unwrap(), nh);
    }

    #[test]
    #[cfg(target_endian = "little")]
    fn encode_requests() {
        // ip nexthop get id 7
        assert_eq!(
            encode_get(7),
            [
                0, 0, 0, 0, 0, 0, 0, 0, // struct nhmsg, all zero
                8, 0, 1, 0, // NHA_ID, length 8
                7, 0, 0, 0, // id 7
            ]
        );
        // ip -6 nexthop show dev v0 groups master v1 fdb
        let f = DumpFilter {
            family: AF_INET6,
            oif: Some(2),
            master: Some(3),
            groups: true,
            fdb: true,
            ..Default::default()
        };
        assert_eq!(
            encode_dump(&f, false),
            [
                10, 0, 0, 0, 0, 0, 0, 0, // nhmsg: AF_INET6, rest zero
                8, 0, 5, 0, // NHA_OIF, length 8
                2, 0, 0, 0, // ifindex 2
                4, 0, 9, 0, // NHA_GROUPS (flag)
                8, 0, 10, 0, // NHA_MASTER, length 8
                3, 0, 0, 0, // ifindex 3
                4, 0, 11, 0, // NHA_FDB (flag)
            ]
        );
        // ip nexthop bucket show id 12 nhid 2 dev v0
        let f = DumpFilter { id: Some(12), nhid: Some(2), oif: Some(2), ..Default::default() };
        assert_eq!(
            encode_dump(&f, true),
            [
                0, 0, 0, 0, 0, 0, 0, 0, // struct nhmsg, all zero
                8, 0, 5, 0, // NHA_OIF, length 8
                2, 0, 0, 0, // ifindex 2
                8, 0, 1, 0, // NHA_ID, length 8
                12, 0, 0, 0, // id 12
                12, 0, 13, 0x80, // NHA_RES_BUCKET | NLA_F_NESTED, length 12
                8, 0, 3, 0, // NHA_RES_BUCKET_NH_ID, length 8
                2, 0, 0, 0, // nexthop 2
            ]
        );
        // ip nexthop bucket get id 12 index 3
        assert_eq!(
            encode_bucket_get(12, 3),
            [
                0, 0, 0, 0, 0, 0, 0, 0, // struct nhmsg, all zero
                8, 0, 1, 0, // NHA_ID, length 8
                12, 0, 0, 0, // id 12
                12, 0, 13, 0x80, // NHA_RES_BUCKET | NLA_F_NESTED, length 12
                6, 0, 1, 0, // NHA_RES_BUCKET_INDEX, length 6
                3, 0, 0, 0, // index 3, padding
            ]
        );
    }

    #[test]
    #[cfg(target_endian = "little")]
    fn decode_kernel_answers() {
        // a resilient group as the kernel reports it (with the u64
        // unbalanced time and an attribute 6.1 does not know, 17)
        let payload = [
            0, 0, 0, 0, 0, 0, 0, 0, // struct nhmsg: AF_UNSPEC, scope 0, ...
            8, 0, 1, 0, // NHA_ID, length 8
            12, 0, 0, 0, // id 12
            12, 0, 2, 0, // NHA_GROUP, length 12: one member
            1, 0, 0, 0, // id 1
            0, 0, 0, 0, // weight 1 - 1, reserved
            6, 0, 3, 0, // NHA_GROUP_TYPE, length 6
            1, 0, 0, 0, // NEXTHOP_GRP_TYPE_RES, padding
            8, 0, 17, 0, // attribute 17 (NHA_OP_FLAGS on newer kernels)
            0, 0, 0, 0, // its value
            40, 0, 12, 0x80, // NHA_RES_GROUP | NLA_F_NESTED, length 40
            6, 0, 1, 0, // NHA_RES_GROUP_BUCKETS, length 6
            8, 0, 0, 0, // 8, padding
            8, 0, 2, 0, // NHA_RES_GROUP_IDLE_TIMER, length 8
            0xe0, 0x2e, 0, 0, // 12000
            8, 0, 3, 0, // NHA_RES_GROUP_UNBALANCED_TIMER, length 8
            0, 0, 0, 0, // 0
            12, 0, 4, 0, // NHA_RES_GROUP_UNBALANCED_TIME, length 12
            5, 0, 0, 0, 0, 0, 0, 0, // 5 ticks (u64)
        ];
        let nh = decode(&with_header(RTM_NEWNEXTHOP, &payload)).unwrap();
        assert_eq!(nh.id, Some(12));
        assert_eq!(nh.group, vec![(1, 1)]);
        assert_eq!(nh.group_type, Some(GRP_TYPE_RES));
        assert_eq!(
            nh.res,
            Some(ResGroup {
                buckets: Some(8),
                idle_timer: Some(12000),
                unbalanced_timer: Some(0),
                unbalanced_time: Some(5)
            })
        );
        // another message type is not a nexthop
        assert_eq!(decode(&with_header(24, &payload)), None);

        let payload = [
            0, 0, 0, 0, 0, 0, 0, 0, // struct nhmsg
            8, 0, 1, 0, // NHA_ID, length 8
            12, 0, 0, 0, // group 12
            32, 0, 13, 0x80, // NHA_RES_BUCKET | NLA_F_NESTED, length 32
            6, 0, 1, 0, // NHA_RES_BUCKET_INDEX, length 6
            3, 0, 0, 0, // index 3, padding
            12, 0, 2, 0, // NHA_RES_BUCKET_IDLE_TIME, length 12
            103, 0, 0, 0, 0, 0, 0, 0, // 103 ticks (u64)
            8, 0, 3, 0, // NHA_RES_BUCKET_NH_ID, length 8
            2, 0, 0, 0, // nexthop 2
        ];
        let b = decode_bucket(&with_header(RTM_NEWNEXTHOPBUCKET, &payload)).unwrap();
        assert_eq!(b, Bucket { family: 0, flags: 0, id: 12, index: 3, idle_time: 103, nhid: 2 });
    }
}
