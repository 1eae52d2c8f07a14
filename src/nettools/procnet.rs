//! Readers of the /proc/net files net-tools takes its facts from:
//! `/proc/net/dev` (interface names and counters, for `ifconfig` and
//! `netstat -i`), `/proc/net/if_inet6` (IPv6 addresses, in the kernel's
//! order) and `/proc/net/arp`. Names are kept as bytes.

use std::net::Ipv6Addr;

/// One row of /proc/net/dev.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DevStats {
    pub rx_bytes: u64,
    pub rx_packets: u64,
    pub rx_errs: u64,
    pub rx_drop: u64,
    pub rx_fifo: u64,
    pub rx_frame: u64,
    pub rx_compressed: u64,
    pub rx_multicast: u64,
    pub tx_bytes: u64,
    pub tx_packets: u64,
    pub tx_errs: u64,
    pub tx_drop: u64,
    pub tx_fifo: u64,
    pub tx_colls: u64,
    pub tx_carrier: u64,
    pub tx_compressed: u64,
}

/// The rows of /proc/net/dev text: `(name, counters)` in file order.
pub fn parse_dev(text: &[u8]) -> Vec<(Vec<u8>, DevStats)> {
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n').skip(2) {
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        let name: Vec<u8> = line[..colon].iter().copied().skip_while(|b| *b == b' ').collect();
        let nums: Vec<u64> = line[colon + 1..]
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| std::str::from_utf8(w).ok().and_then(|s| s.parse().ok()).unwrap_or(0))
            .collect();
        let g = |i: usize| nums.get(i).copied().unwrap_or(0);
        out.push((
            name,
            DevStats {
                rx_bytes: g(0),
                rx_packets: g(1),
                rx_errs: g(2),
                rx_drop: g(3),
                rx_fifo: g(4),
                rx_frame: g(5),
                rx_compressed: g(6),
                rx_multicast: g(7),
                tx_bytes: g(8),
                tx_packets: g(9),
                tx_errs: g(10),
                tx_drop: g(11),
                tx_fifo: g(12),
                tx_colls: g(13),
                tx_carrier: g(14),
                tx_compressed: g(15),
            },
        ));
    }
    out
}

/// /proc/net/dev, or nothing when it cannot be read.
pub fn read_dev() -> Vec<(Vec<u8>, DevStats)> {
    std::fs::read("/proc/net/dev").map(|t| parse_dev(&t)).unwrap_or_default()
}

/// One row of /proc/net/if_inet6.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inet6 {
    pub addr: Ipv6Addr,
    pub ifindex: u32,
    pub plen: u32,
    pub scope: u32,
    pub flags: u32,
    pub name: Vec<u8>,
}

pub fn parse_if_inet6(text: &[u8]) -> Vec<Inet6> {
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        let w: Vec<&[u8]> = line.split(|b| *b == b' ').filter(|w| !w.is_empty()).collect();
        if w.len() < 6 || w[0].len() != 32 {
            continue;
        }
        let hex = |s: &[u8]| std::str::from_utf8(s).ok().and_then(|s| u32::from_str_radix(s, 16).ok());
        let Some(a) = std::str::from_utf8(w[0]).ok().and_then(|s| u128::from_str_radix(s, 16).ok()) else {
            continue;
        };
        out.push(Inet6 {
            addr: Ipv6Addr::from(a),
            ifindex: hex(w[1]).unwrap_or(0),
            plen: hex(w[2]).unwrap_or(0),
            scope: hex(w[3]).unwrap_or(0),
            flags: hex(w[4]).unwrap_or(0),
            name: w[5].to_vec(),
        });
    }
    out
}

pub fn read_if_inet6() -> Vec<Inet6> {
    std::fs::read("/proc/net/if_inet6").map(|t| parse_if_inet6(&t)).unwrap_or_default()
}

/// One row of /proc/net/arp (the text fields as the kernel writes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArpRow {
    pub ip: String,
    pub hw_type: u32,
    pub flags: u32,
    pub hw_addr: String,
    pub mask: String,
    pub dev: Vec<u8>,
}

pub fn parse_arp(text: &[u8]) -> Vec<ArpRow> {
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n').skip(1) {
        let w: Vec<&[u8]> = line.split(|b| *b == b' ').filter(|w| !w.is_empty()).collect();
        if w.len() < 6 {
            continue;
        }
        let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let hex = |b: &[u8]| {
            let t = s(b);
            u32::from_str_radix(t.trim_start_matches("0x"), 16).unwrap_or(0)
        };
        out.push(ArpRow {
            ip: s(w[0]),
            hw_type: hex(w[1]),
            flags: hex(w[2]),
            hw_addr: s(w[3]),
            mask: s(w[4]),
            dev: w[5].to_vec(),
        });
    }
    out
}

pub fn read_arp() -> std::io::Result<Vec<ArpRow>> {
    std::fs::read("/proc/net/arp").map(|t| parse_arp(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_rows() {
        let t = b"Inter-|   Receive                                                |  Transmit\n \
face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    \
lo: 39095784    1266    0    0    0     0          0         0 39095784    1266    0    0    0     0       0          0\n  \
v\xff1:       1       2    3    4    5     6          7         8        9      10   11   12   13    14      15         16\n";
        let r = parse_dev(t);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, b"lo");
        assert_eq!(r[0].1.rx_bytes, 39095784);
        assert_eq!(r[0].1.tx_packets, 1266);
        assert_eq!(r[1].0, b"v\xff1");
        assert_eq!(r[1].1.rx_multicast, 8);
        assert_eq!(r[1].1.tx_colls, 14);
        assert_eq!(r[1].1.tx_compressed, 16);
    }

    #[test]
    fn inet6_rows() {
        let t = b"00000000000000000000000000000001 01 80 10 80       lo\n\
fe80000000000000000000fffe000002 02 40 20 80       v1\n";
        let r = parse_if_inet6(t);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].addr, Ipv6Addr::LOCALHOST);
        assert_eq!((r[0].plen, r[0].scope), (128, 0x10));
        assert_eq!(r[1].addr.to_string(), "fe80::ff:fe00:2");
        assert_eq!(r[1].name, b"v1");
    }

    #[test]
    fn arp_rows() {
        let t = b"IP address       HW type     Flags       HW address            Mask     Device\n\
10.0.0.10        0x1         0x2         02:00:00:00:00:98     *        v0\n\
10.0.0.51        0x1         0xc         00:00:00:00:00:00     *        v0\n";
        let r = parse_arp(t);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].ip, "10.0.0.10");
        assert_eq!(r[1].flags, 0xc);
        assert_eq!(r[1].dev, b"v0");
    }
}
