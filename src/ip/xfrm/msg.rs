//! The NETLINK_XFRM structures, encoded and decoded by hand (no crate has
//! them): selectors, policies, templates, SAs, SPI requests, SA ids.
//! Layouts follow <linux/xfrm.h> on x86-64; integers are native-endian
//! except ports and SPIs (network order).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::ip::{AF_INET, AF_INET6};

pub const XFRM_MSG_NEWSA: u16 = 0x10;
pub const XFRM_MSG_DELSA: u16 = 0x11;
pub const XFRM_MSG_GETSA: u16 = 0x12;
pub const XFRM_MSG_NEWPOLICY: u16 = 0x13;
pub const XFRM_MSG_DELPOLICY: u16 = 0x14;
pub const XFRM_MSG_GETPOLICY: u16 = 0x15;
pub const XFRM_MSG_ALLOCSPI: u16 = 0x16;
pub const XFRM_MSG_UPDPOLICY: u16 = 0x19;
pub const XFRM_MSG_UPDSA: u16 = 0x1a;
pub const XFRM_MSG_FLUSHSA: u16 = 0x1c;
pub const XFRM_MSG_FLUSHPOLICY: u16 = 0x1d;
pub const XFRM_MSG_GETSADINFO: u16 = 0x23;
pub const XFRM_MSG_NEWSPDINFO: u16 = 0x24;
pub const XFRM_MSG_GETSPDINFO: u16 = 0x25;
pub const XFRM_MSG_SETDEFAULT: u16 = 0x27;
pub const XFRM_MSG_GETDEFAULT: u16 = 0x28;

pub const XFRMA_ALG_AUTH: u16 = 1;
pub const XFRMA_ALG_CRYPT: u16 = 2;
pub const XFRMA_ALG_COMP: u16 = 3;
pub const XFRMA_ENCAP: u16 = 4;
pub const XFRMA_TMPL: u16 = 5;
pub const XFRMA_SEC_CTX: u16 = 8;
pub const XFRMA_REPLAY_VAL: u16 = 10;
pub const XFRMA_SRCADDR: u16 = 13;
pub const XFRMA_COADDR: u16 = 14;
pub const XFRMA_POLICY_TYPE: u16 = 16;
pub const XFRMA_ALG_AEAD: u16 = 18;
pub const XFRMA_ALG_AUTH_TRUNC: u16 = 20;
pub const XFRMA_MARK: u16 = 21;
pub const XFRMA_TFCPAD: u16 = 22;
pub const XFRMA_SA_EXTRA_FLAGS: u16 = 24;
pub const XFRMA_OFFLOAD_DEV: u16 = 28;
pub const XFRMA_SET_MARK: u16 = 29;
pub const XFRMA_SET_MARK_MASK: u16 = 30;
pub const XFRMA_IF_ID: u16 = 31;
pub const XFRMA_SAD_CNT: u16 = 1;
pub const XFRMA_SAD_HINFO: u16 = 2;
pub const XFRMA_SPD_INFO: u16 = 1;
pub const XFRMA_SPD_HINFO: u16 = 2;
pub const XFRMA_SPD_IPV4_HTHRESH: u16 = 3;
pub const XFRMA_SPD_IPV6_HTHRESH: u16 = 4;

/// XFRM_INF: no limit
pub const INF: u64 = u64::MAX;

#[cfg(test)]
pub const SELECTOR_LEN: usize = 56;
pub const POLICY_INFO_LEN: usize = 168;
pub const POLICY_ID_LEN: usize = 64;
pub const TMPL_LEN: usize = 64;
pub const SA_INFO_LEN: usize = 224;
pub const SA_ID_LEN: usize = 24;

fn put_addr(b: &mut [u8], a: &Option<IpAddr>) {
    match a {
        Some(IpAddr::V4(x)) => b[..4].copy_from_slice(&x.octets()),
        Some(IpAddr::V6(x)) => b[..16].copy_from_slice(&x.octets()),
        None => {}
    }
}

/// An xfrm_address_t of the given family (None when all zero).
pub fn get_addr(b: &[u8], family: u16) -> IpAddr {
    if family == AF_INET6 as u16 {
        IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(&b[..16]).unwrap_or([0; 16])))
    } else {
        IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
    }
}

fn u16_at(b: &[u8], o: usize) -> u16 {
    u16::from_ne_bytes([b[o], b[o + 1]])
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_ne_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]])
}

fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_ne_bytes(b[o..o + 8].try_into().unwrap_or([0; 8]))
}

/// struct xfrm_selector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selector {
    pub daddr: Option<IpAddr>,
    pub saddr: Option<IpAddr>,
    pub dport: u16,
    pub dport_mask: u16,
    pub sport: u16,
    pub sport_mask: u16,
    pub family: u16,
    pub prefixlen_d: u8,
    pub prefixlen_s: u8,
    pub proto: u8,
    pub ifindex: i32,
    pub user: u32,
}

impl Selector {
    pub fn encode(&self, b: &mut [u8]) {
        put_addr(&mut b[0..16], &self.daddr);
        put_addr(&mut b[16..32], &self.saddr);
        b[32..34].copy_from_slice(&self.dport.to_be_bytes());
        b[34..36].copy_from_slice(&self.dport_mask.to_be_bytes());
        b[36..38].copy_from_slice(&self.sport.to_be_bytes());
        b[38..40].copy_from_slice(&self.sport_mask.to_be_bytes());
        b[40..42].copy_from_slice(&self.family.to_ne_bytes());
        b[42] = self.prefixlen_d;
        b[43] = self.prefixlen_s;
        b[44] = self.proto;
        b[48..52].copy_from_slice(&self.ifindex.to_ne_bytes());
        b[52..56].copy_from_slice(&self.user.to_ne_bytes());
    }

    pub fn decode(b: &[u8]) -> Selector {
        let family = u16_at(b, 40);
        Selector {
            daddr: Some(get_addr(&b[0..16], family)),
            saddr: Some(get_addr(&b[16..32], family)),
            dport: u16::from_be_bytes([b[32], b[33]]),
            dport_mask: u16::from_be_bytes([b[34], b[35]]),
            sport: u16::from_be_bytes([b[36], b[37]]),
            sport_mask: u16::from_be_bytes([b[38], b[39]]),
            family,
            prefixlen_d: b[42],
            prefixlen_s: b[43],
            proto: b[44],
            ifindex: u32_at(b, 48) as i32,
            user: u32_at(b, 52),
        }
    }
}

/// struct xfrm_lifetime_cfg (limits) and xfrm_lifetime_cur (counters).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lifetime {
    pub soft_bytes: u64,
    pub hard_bytes: u64,
    pub soft_packets: u64,
    pub hard_packets: u64,
    pub soft_add: u64,
    pub hard_add: u64,
    pub soft_use: u64,
    pub hard_use: u64,
}

impl Default for Lifetime {
    fn default() -> Lifetime {
        Lifetime {
            soft_bytes: INF,
            hard_bytes: INF,
            soft_packets: INF,
            hard_packets: INF,
            soft_add: 0,
            hard_add: 0,
            soft_use: 0,
            hard_use: 0,
        }
    }
}

impl Lifetime {
    fn encode(&self, b: &mut [u8]) {
        let v = [
            self.soft_bytes,
            self.hard_bytes,
            self.soft_packets,
            self.hard_packets,
            self.soft_add,
            self.hard_add,
            self.soft_use,
            self.hard_use,
        ];
        for (i, x) in v.iter().enumerate() {
            b[i * 8..i * 8 + 8].copy_from_slice(&x.to_ne_bytes());
        }
    }

    fn decode(b: &[u8]) -> Lifetime {
        let f = |i: usize| u64_at(b, i * 8);
        Lifetime {
            soft_bytes: f(0),
            hard_bytes: f(1),
            soft_packets: f(2),
            hard_packets: f(3),
            soft_add: f(4),
            hard_add: f(5),
            soft_use: f(6),
            hard_use: f(7),
        }
    }
}

/// struct xfrm_userpolicy_info.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyInfo {
    pub sel: Selector,
    pub lft: Lifetime,
    /// bytes, packets, add time, use time
    pub cur: [u64; 4],
    pub priority: u32,
    pub index: u32,
    pub dir: u8,
    pub action: u8,
    pub flags: u8,
    pub share: u8,
}

impl PolicyInfo {
    pub fn encode(&self) -> Vec<u8> {
        let mut b = vec![0u8; POLICY_INFO_LEN];
        self.sel.encode(&mut b[0..56]);
        self.lft.encode(&mut b[56..120]);
        for (i, x) in self.cur.iter().enumerate() {
            b[120 + i * 8..128 + i * 8].copy_from_slice(&x.to_ne_bytes());
        }
        b[152..156].copy_from_slice(&self.priority.to_ne_bytes());
        b[156..160].copy_from_slice(&self.index.to_ne_bytes());
        b[160] = self.dir;
        b[161] = self.action;
        b[162] = self.flags;
        b[163] = self.share;
        b
    }

    pub fn decode(b: &[u8]) -> Option<PolicyInfo> {
        if b.len() < POLICY_INFO_LEN {
            return None;
        }
        Some(PolicyInfo {
            sel: Selector::decode(&b[0..56]),
            lft: Lifetime::decode(&b[56..120]),
            cur: [u64_at(b, 120), u64_at(b, 128), u64_at(b, 136), u64_at(b, 144)],
            priority: u32_at(b, 152),
            index: u32_at(b, 156),
            dir: b[160],
            action: b[161],
            flags: b[162],
            share: b[163],
        })
    }
}

/// struct xfrm_userpolicy_id: a policy by selector (or index) and direction.
pub fn policy_id(sel: &Selector, index: u32, dir: u8) -> Vec<u8> {
    let mut b = vec![0u8; POLICY_ID_LEN];
    sel.encode(&mut b[0..56]);
    b[56..60].copy_from_slice(&index.to_ne_bytes());
    b[60] = dir;
    b
}

/// struct xfrm_user_tmpl.
#[derive(Debug, Clone, PartialEq)]
pub struct Tmpl {
    pub daddr: Option<IpAddr>,
    pub spi: u32,
    pub proto: u8,
    pub family: u16,
    pub saddr: Option<IpAddr>,
    pub reqid: u32,
    pub mode: u8,
    pub share: u8,
    pub optional: u8,
    pub aalgos: u32,
    pub ealgos: u32,
    pub calgos: u32,
}

impl Default for Tmpl {
    fn default() -> Tmpl {
        Tmpl {
            daddr: None,
            spi: 0,
            proto: 0,
            family: 0,
            saddr: None,
            reqid: 0,
            mode: 0,
            share: 0,
            optional: 0,
            aalgos: u32::MAX,
            ealgos: u32::MAX,
            calgos: u32::MAX,
        }
    }
}

impl Tmpl {
    pub fn encode(&self, b: &mut Vec<u8>) {
        let mut t = [0u8; TMPL_LEN];
        put_addr(&mut t[0..16], &self.daddr);
        t[16..20].copy_from_slice(&self.spi.to_be_bytes());
        t[20] = self.proto;
        t[24..26].copy_from_slice(&self.family.to_ne_bytes());
        put_addr(&mut t[28..44], &self.saddr);
        t[44..48].copy_from_slice(&self.reqid.to_ne_bytes());
        t[48] = self.mode;
        t[49] = self.share;
        t[50] = self.optional;
        t[52..56].copy_from_slice(&self.aalgos.to_ne_bytes());
        t[56..60].copy_from_slice(&self.ealgos.to_ne_bytes());
        t[60..64].copy_from_slice(&self.calgos.to_ne_bytes());
        b.extend_from_slice(&t);
    }

    pub fn decode(t: &[u8]) -> Tmpl {
        let family = u16_at(t, 24);
        Tmpl {
            daddr: Some(get_addr(&t[0..16], family)),
            spi: u32::from_be_bytes([t[16], t[17], t[18], t[19]]),
            proto: t[20],
            family,
            saddr: Some(get_addr(&t[28..44], family)),
            reqid: u32_at(t, 44),
            mode: t[48],
            share: t[49],
            optional: t[50],
            aalgos: u32_at(t, 52),
            ealgos: u32_at(t, 56),
            calgos: u32_at(t, 60),
        }
    }
}

/// struct xfrm_usersa_info.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaInfo {
    pub sel: Selector,
    pub daddr: Option<IpAddr>,
    pub spi: u32,
    pub proto: u8,
    pub saddr: Option<IpAddr>,
    pub lft: Lifetime,
    pub cur: [u64; 4],
    /// replay_window, replay, integrity_failed
    pub stats: [u32; 3],
    pub seq: u32,
    pub reqid: u32,
    pub family: u16,
    pub mode: u8,
    pub replay_window: u8,
    pub flags: u8,
}

impl SaInfo {
    pub fn encode(&self) -> Vec<u8> {
        let mut b = vec![0u8; SA_INFO_LEN];
        self.sel.encode(&mut b[0..56]);
        put_addr(&mut b[56..72], &self.daddr);
        b[72..76].copy_from_slice(&self.spi.to_be_bytes());
        b[76] = self.proto;
        put_addr(&mut b[80..96], &self.saddr);
        self.lft.encode(&mut b[96..160]);
        for (i, x) in self.cur.iter().enumerate() {
            b[160 + i * 8..168 + i * 8].copy_from_slice(&x.to_ne_bytes());
        }
        for (i, x) in self.stats.iter().enumerate() {
            b[192 + i * 4..196 + i * 4].copy_from_slice(&x.to_ne_bytes());
        }
        b[204..208].copy_from_slice(&self.seq.to_ne_bytes());
        b[208..212].copy_from_slice(&self.reqid.to_ne_bytes());
        b[212..214].copy_from_slice(&self.family.to_ne_bytes());
        b[214] = self.mode;
        b[215] = self.replay_window;
        b[216] = self.flags;
        b
    }

    pub fn decode(b: &[u8]) -> Option<SaInfo> {
        if b.len() < SA_INFO_LEN {
            return None;
        }
        let family = u16_at(b, 212);
        let mut sel = Selector::decode(&b[0..56]);
        if sel.family == 0 {
            // (larval SAs) the selector's addresses are of the SA's family
            sel.daddr = Some(get_addr(&b[0..16], family));
            sel.saddr = Some(get_addr(&b[16..32], family));
        }
        Some(SaInfo {
            sel,
            daddr: Some(get_addr(&b[56..72], family)),
            spi: u32::from_be_bytes([b[72], b[73], b[74], b[75]]),
            proto: b[76],
            saddr: Some(get_addr(&b[80..96], family)),
            lft: Lifetime::decode(&b[96..160]),
            cur: [u64_at(b, 160), u64_at(b, 168), u64_at(b, 176), u64_at(b, 184)],
            stats: [u32_at(b, 192), u32_at(b, 196), u32_at(b, 200)],
            seq: u32_at(b, 204),
            reqid: u32_at(b, 208),
            family,
            mode: b[214],
            replay_window: b[215],
            flags: b[216],
        })
    }
}

/// struct xfrm_usersa_id: an SA by destination, SPI, family and protocol.
pub fn sa_id(daddr: &Option<IpAddr>, spi: u32, family: u16, proto: u8) -> Vec<u8> {
    let mut b = vec![0u8; SA_ID_LEN];
    put_addr(&mut b[0..16], daddr);
    b[16..20].copy_from_slice(&spi.to_be_bytes());
    b[20..22].copy_from_slice(&family.to_ne_bytes());
    b[22] = proto;
    b
}

/// struct xfrm_algo (enc, auth, comp): name, key length in bits, key.
pub fn algo(name: &str, key: &[u8]) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    for (d, s) in b.iter_mut().zip(name.bytes().take(63)) {
        *d = s;
    }
    b.extend_from_slice(&((key.len() * 8) as u32).to_ne_bytes());
    b.extend_from_slice(key);
    b
}

/// struct xfrm_algo_auth / xfrm_algo_aead: name, key bits, a second
/// length in bits (truncation / ICV), key.
pub fn algo2(name: &str, key: &[u8], len2: u32) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    for (d, s) in b.iter_mut().zip(name.bytes().take(63)) {
        *d = s;
    }
    b.extend_from_slice(&((key.len() * 8) as u32).to_ne_bytes());
    b.extend_from_slice(&len2.to_ne_bytes());
    b.extend_from_slice(key);
    b
}

/// The family of an address.
pub fn family_of(a: &IpAddr) -> u16 {
    if a.is_ipv4() { AF_INET as u16 } else { AF_INET6 as u16 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_layout() {
        let s = Selector {
            daddr: Some("10.1.0.0".parse().unwrap()),
            saddr: Some("10.0.0.0".parse().unwrap()),
            dport: 80,
            dport_mask: 0xffff,
            family: AF_INET as u16,
            prefixlen_d: 24,
            prefixlen_s: 16,
            proto: 6,
            ..Default::default()
        };
        let mut b = [0u8; SELECTOR_LEN];
        s.encode(&mut b);
        let mut want = vec![10, 1, 0, 0];
        want.resize(16, 0); // daddr (xfrm_address_t, 16 bytes)
        want.extend_from_slice(&[10, 0, 0, 0]);
        want.resize(32, 0); // saddr
        want.extend_from_slice(&[0, 80, 0xff, 0xff]); // dport, dport_mask (network order)
        want.extend_from_slice(&[0, 0, 0, 0]); // sport, sport_mask
        want.extend_from_slice(&(AF_INET as u16).to_ne_bytes()); // family
        want.extend_from_slice(&[24, 16, 6, 0, 0, 0]); // prefixlen_d, prefixlen_s, proto, padding
        want.extend_from_slice(&0i32.to_ne_bytes()); // ifindex
        want.extend_from_slice(&0u32.to_ne_bytes()); // user
        assert_eq!(&b[..], &want[..]);
        assert_eq!(Selector::decode(&b), s);
    }

    #[test]
    fn tmpl_layout() {
        let t = Tmpl {
            daddr: Some("192.0.2.2".parse().unwrap()),
            saddr: Some("192.0.2.1".parse().unwrap()),
            proto: 50,
            family: AF_INET as u16,
            reqid: 1,
            mode: 1,
            ..Default::default()
        };
        let mut b = Vec::new();
        t.encode(&mut b);
        assert_eq!(b.len(), TMPL_LEN);
        assert_eq!(&b[0..4], &[192, 0, 2, 2]); // id.daddr
        assert_eq!(&b[16..21], &[0, 0, 0, 0, 50]); // id.spi, id.proto esp
        assert_eq!(&b[24..26], &(AF_INET as u16).to_ne_bytes()); // family
        assert_eq!(&b[28..32], &[192, 0, 2, 1]); // saddr
        assert_eq!(&b[44..48], &1u32.to_ne_bytes()); // reqid
        assert_eq!(&b[48..52], &[1, 0, 0, 0]); // mode tunnel, share, optional, pad
        assert_eq!(&b[52..64], &[0xff; 12]); // aalgos, ealgos, calgos: all
        assert_eq!(Tmpl::decode(&b), t);
    }

    #[test]
    fn policy_and_sa_round_trip() {
        let p = PolicyInfo { priority: 5, index: 8, dir: 1, action: 1, ..Default::default() };
        let b = p.encode();
        assert_eq!(b.len(), POLICY_INFO_LEN);
        assert_eq!(&b[152..164], &[5, 0, 0, 0, 8, 0, 0, 0, 1, 1, 0, 0]); // priority, index, dir, action, flags, share
        assert_eq!(&b[56..64], &[0xff; 8]); // lft.soft_byte_limit: XFRM_INF
        let mut got = PolicyInfo::decode(&b).unwrap();
        got.sel.daddr = None;
        got.sel.saddr = None;
        assert_eq!(got, p);
        let s = SaInfo { spi: 0x100, proto: 50, family: AF_INET as u16, reqid: 3, mode: 1, ..Default::default() };
        let b = s.encode();
        assert_eq!(&b[72..77], &[0, 0, 1, 0, 50]); // id.spi (network order), id.proto
        assert_eq!(&b[208..215], &[3, 0, 0, 0, 2, 0, 1]); // reqid, family AF_INET, mode
        let d = SaInfo::decode(&b).unwrap();
        assert_eq!((d.spi, d.reqid, d.mode), (0x100, 3, 1));
        let id = sa_id(&Some("192.0.2.2".parse().unwrap()), 0x1000, AF_INET as u16, 50);
        assert_eq!(&id[16..23], &[0, 0, 0x10, 0, 2, 0, 50]); // spi, family, proto
        let a = algo("cbc(aes)", &[0; 16]);
        assert_eq!(&a[64..68], &128u32.to_ne_bytes()); // key length in bits
    }
}
