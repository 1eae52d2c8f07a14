//! net-tools' interface list and its two printers, shared by `ifconfig`
//! and `netstat -i`/`-ie`:
//! - the list: the names of /proc/net/dev (with their counters) and the
//!   IPv4 labels SIOCGIFCONF reports (`v0:0`, without counters), in
//!   net-tools' order ([`name_cmp`]);
//! - the facts of one entry come from SIOCGIF* ioctls on its name (a label
//!   shares its link's flags, MTU and hardware address, but has its own
//!   IPv4 address), its IPv6 addresses from /proc/net/if_inet6;
//! - the long form (`ifconfig`, `netstat -ie`) and the short table
//!   (`ifconfig -s`, `netstat -i`).

use std::cmp::Ordering;
use std::net::{IpAddr, Ipv4Addr};

use super::ioctl::{self, Sock};
use super::procnet::{self, DevStats, Inet6};
use crate::ip::common::{fmt_lladdr, IpText};

pub const IFF_UP: i16 = 0x1;
pub const IFF_BROADCAST: i16 = 0x2;
pub const IFF_POINTOPOINT: i16 = 0x10;
pub const IFF_NOTRAILERS: i16 = 0x20;
pub const IFF_RUNNING: i16 = 0x40;
pub const IFF_NOARP: i16 = 0x80;
pub const IFF_PROMISC: i16 = 0x100;
pub const IFF_ALLMULTI: i16 = 0x200;
pub const IFF_MULTICAST: i16 = 0x1000;
pub const IFF_AUTOMEDIA: i16 = 0x4000;
pub const IFF_DYNAMIC: i16 = 0x8000u16 as i16;

/// The flag names of the long form, by bit.
const FLAG_NAMES: [(u16, &str); 16] = [
    (0x1, "UP"),
    (0x2, "BROADCAST"),
    (0x4, "DEBUG"),
    (0x8, "LOOPBACK"),
    (0x10, "POINTOPOINT"),
    (0x20, "NOTRAILERS"),
    (0x40, "RUNNING"),
    (0x80, "NOARP"),
    (0x100, "PROMISC"),
    (0x200, "ALLMULTI"),
    (0x400, "MASTER"),
    (0x800, "SLAVE"),
    (0x1000, "MULTICAST"),
    (0x2000, "PORTSEL"),
    (0x4000, "AUTOMEDIA"),
    (0x8000, "DYNAMIC"),
];

/// The one-letter flags of the short table, in their column order.
const FLAG_LETTERS: [(u16, char); 14] = [
    (0x200, 'A'),
    (0x2, 'B'),
    (0x4, 'D'),
    (0x8, 'L'),
    (0x400, 'm'),
    (0x1000, 'M'),
    (0x8000, 'd'),
    (0x100, 'P'),
    (0x20, 'N'),
    (0x80, 'O'),
    (0x10, 'P'),
    (0x40, 'R'),
    (0x800, 's'),
    (0x1, 'U'),
];

// ------------------------------------------------------------------ order

/// A name split the way net-tools orders names: an alias `BASE:N` (N all
/// digits) into BASE and N; BASE into its stem and trailing number.
struct Key<'a> {
    base: &'a [u8],
    stem: &'a [u8],
    num: Option<&'a [u8]>,
    alias: Option<&'a [u8]>,
}

fn is_digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

fn key(name: &[u8]) -> Key<'_> {
    let (base, alias) = match name.iter().rposition(|&b| b == b':') {
        Some(i) if is_digits(&name[i + 1..]) => (&name[..i], Some(&name[i + 1..])),
        _ => (name, None),
    };
    let d = base.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let (stem, num) = if d > 0 {
        (&base[..base.len() - d], Some(&base[base.len() - d..]))
    } else {
        (base, None)
    };
    Key { base, stem, num, alias }
}

/// Compare two digit strings by value.
fn num_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
    let (a, b) = (&a[strip(a)..], &b[strip(b)..]);
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// net-tools' interface order, the same for `ifconfig` and `netstat -i`
/// (checked side by side): names whose stems (the name without its
/// trailing number) are equal compare by that number (eth2 < eth10),
/// others by their stems (eth10 < eth2x); `DEV:N` aliases follow DEV in
/// number order, other labels (`v0:web`) are names of their own.
pub fn name_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let (ka, kb) = (key(a), key(b));
    if ka.stem != kb.stem {
        return ka.stem.cmp(kb.stem);
    }
    let by_num = match (ka.num, kb.num) {
        (Some(x), Some(y)) => num_cmp(x, y),
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_num
        .then_with(|| ka.base.cmp(kb.base))
        .then_with(|| match (ka.alias, kb.alias) {
            (Some(x), Some(y)) => num_cmp(x, y),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| a.cmp(b))
}

// ------------------------------------------------------------------ list

/// One entry of the list: a link (with counters) or an IPv4 label.
pub struct Entry {
    pub name: Vec<u8>,
    pub stats: Option<DevStats>,
}

/// The list as net-tools builds it: /proc/net/dev, then the SIOCGIFCONF
/// labels not in it, in [`name_cmp`] order.
pub fn list(sock: &Sock) -> Vec<Entry> {
    let mut v: Vec<Entry> =
        procnet::read_dev().into_iter().map(|(name, s)| Entry { name, stats: Some(s) }).collect();
    if let Ok(conf) = sock.ifconf() {
        for (name, _) in conf {
            if !v.iter().any(|e| e.name == name) {
                v.push(Entry { name, stats: None });
            }
        }
    }
    v.sort_by(|a, b| name_cmp(&a.name, &b.name));
    v
}

/// The counters of one name (None for a label).
pub fn stats_of(name: &[u8]) -> Option<DevStats> {
    procnet::read_dev().into_iter().find(|(n, _)| n == name).map(|(_, s)| s)
}

// ------------------------------------------------------------------ facts

/// The IPv4 address of a name (or label) with its mask and peer addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inet {
    pub addr: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub broadcast: Ipv4Addr,
    pub dstaddr: Ipv4Addr,
}

/// What the SIOCGIF* ioctls tell about one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub flags: i16,
    pub mtu: i32,
    pub txqlen: Option<i32>,
    pub hw: Option<(u16, [u8; 16])>,
    pub inet: Option<Inet>,
}

/// The facts of `name`; the errno of SIOCGIFFLAGS when it has none.
pub fn fetch(sock: &Sock, name: &[u8]) -> Result<Info, i32> {
    let flags = sock.flags(name)?;
    let mtu = sock.get_int(ioctl::SIOCGIFMTU, name).unwrap_or(0);
    let txqlen = sock.get_int(ioctl::SIOCGIFTXQLEN, name).ok();
    let hw = sock.hwaddr(name).ok();
    let inet = sock.get_in4(ioctl::SIOCGIFADDR, name).ok().map(|addr| Inet {
        addr,
        netmask: sock.get_in4(ioctl::SIOCGIFNETMASK, name).unwrap_or(Ipv4Addr::UNSPECIFIED),
        broadcast: sock.get_in4(ioctl::SIOCGIFBRDADDR, name).unwrap_or(Ipv4Addr::UNSPECIFIED),
        dstaddr: sock.get_in4(ioctl::SIOCGIFDSTADDR, name).unwrap_or(Ipv4Addr::UNSPECIFIED),
    });
    Ok(Info { flags, mtu, txqlen, hw, inet })
}

// ------------------------------------------------------------------ printers

/// The whole list, as `ifconfig [-a] [-s]` and `netstat -i[a][e]` print it
/// (`netstat` only changes the short table's header; it writes its own
/// `Kernel Interface table` line first): only UP entries unless `all`.
pub fn print_table(sock: &Sock, out: &mut Vec<u8>, all: bool, short: bool, netstat: bool) {
    if short {
        out.extend_from_slice(short_header(netstat).as_bytes());
    }
    let inet6 = if short { Vec::new() } else { procnet::read_if_inet6() };
    for e in list(sock) {
        let Ok(info) = fetch(sock, &e.name) else { continue };
        if !all && info.flags & IFF_UP == 0 {
            continue;
        }
        if short {
            print_short(out, &e.name, &info, e.stats.as_ref());
        } else {
            print_long(out, &e.name, &info, e.stats.as_ref(), &inet6);
        }
    }
}

fn v4(a: Ipv4Addr) -> IpText {
    IpText::new(&IpAddr::V4(a))
}

/// A byte count as `(60.7 KiB)` shows it (the next unit only above 1024).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v > 1024.0 && i + 1 < UNITS.len() {
        v /= 1024.0;
        i += 1;
    }
    format!("{v:.1} {}", UNITS[i])
}

/// The hardware type's short name, title and address text.
fn hw_text(family: u16, b: &[u8; 16]) -> (&'static str, &'static str, String) {
    match family {
        1 => ("ether", "Ethernet", fmt_lladdr(&b[..6])),
        772 => ("loop", "Local Loopback", String::new()),
        768 => ("tunnel", "IPIP Tunnel", String::new()),
        776 => ("sit", "IPv6-in-IPv4", String::new()),
        512 => ("ppp", "Point-to-Point Protocol", String::new()),
        _ => {
            let parts: Vec<String> = b.iter().map(|x| format!("{x:02X}")).collect();
            ("unspec", "UNSPEC", parts.join("-"))
        }
    }
}

/// The scope's names: `compat` first when that bit is set, then the
/// scope proper.
fn scope_name(scope: u32) -> String {
    let kind = match scope & 0x70 {
        0 => "global",
        0x10 => "host",
        0x20 => "link",
        0x40 => "site",
        _ => "",
    };
    if scope & 0x80 != 0 {
        format!("compat,{kind}")
    } else {
        kind.to_string()
    }
}

/// An IPv6 address as the long form shows it: IPv4-mapped ones as their
/// IPv4 address.
fn v6_text(a: &std::net::Ipv6Addr) -> IpText {
    match a.to_ipv4_mapped() {
        Some(m) => v4(m),
        None => IpText::new(&IpAddr::V6(*a)),
    }
}

/// The long form of one entry, a blank line after it.
pub fn print_long(out: &mut Vec<u8>, name: &[u8], info: &Info, stats: Option<&DevStats>, inet6: &[Inet6]) {
    use std::fmt::Write;
    out.extend_from_slice(name);
    let mut s = String::new();
    let _ = write!(s, ": flags={}<", info.flags);
    let mut first = true;
    for (bit, n) in FLAG_NAMES {
        if info.flags as u16 & bit != 0 {
            if !first {
                s.push(',');
            }
            s.push_str(n);
            first = false;
        }
    }
    let _ = writeln!(s, ">  mtu {}", info.mtu);
    if let Some(a) = &info.inet {
        let _ = write!(s, "        inet {}  netmask {}", v4(a.addr).as_str(), v4(a.netmask).as_str());
        if info.flags & IFF_BROADCAST != 0 {
            let _ = write!(s, "  broadcast {}", v4(a.broadcast).as_str());
        }
        if info.flags & IFF_POINTOPOINT != 0 {
            let _ = write!(s, "  destination {}", v4(a.dstaddr).as_str());
        }
        s.push('\n');
    }
    for r in inet6.iter().filter(|r| r.name == name) {
        let _ = writeln!(
            s,
            "        inet6 {}  prefixlen {}  scopeid 0x{:x}<{}>",
            v6_text(&r.addr).as_str(),
            r.plen,
            r.scope,
            scope_name(r.scope)
        );
    }
    if let Some((fam, b)) = &info.hw {
        let (hn, title, addr) = hw_text(*fam, b);
        let _ = write!(s, "        {hn}");
        if !addr.is_empty() {
            let _ = write!(s, " {addr}");
        }
        if let Some(q) = info.txqlen {
            let _ = write!(s, "  txqueuelen {q}");
        }
        let _ = writeln!(s, "  ({title})");
    }
    if let Some(st) = stats {
        let _ = writeln!(
            s,
            "        RX packets {}  bytes {} ({})",
            st.rx_packets,
            st.rx_bytes,
            human_bytes(st.rx_bytes)
        );
        let _ = writeln!(
            s,
            "        RX errors {}  dropped {}  overruns {}  frame {}",
            st.rx_errs, st.rx_drop, st.rx_fifo, st.rx_frame
        );
        let _ = writeln!(
            s,
            "        TX packets {}  bytes {} ({})",
            st.tx_packets,
            st.tx_bytes,
            human_bytes(st.tx_bytes)
        );
        let _ = writeln!(
            s,
            "        TX errors {}  dropped {} overruns {}  carrier {}  collisions {}",
            st.tx_errs, st.tx_drop, st.tx_fifo, st.tx_carrier, st.tx_colls
        );
    }
    s.push('\n');
    out.extend_from_slice(s.as_bytes());
}

/// The short table's header: `ifconfig -s` and `netstat -i` differ only
/// in the width before `MTU`.
pub fn short_header(netstat: bool) -> &'static str {
    if netstat {
        "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n"
    } else {
        "Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n"
    }
}

/// One row of the short table.
pub fn print_short(out: &mut Vec<u8>, name: &[u8], info: &Info, stats: Option<&DevStats>) {
    use std::fmt::Write;
    out.extend_from_slice(name);
    let pad = 15usize.saturating_sub(name.len());
    let mut s = " ".repeat(pad);
    let _ = write!(s, " {:5}", info.mtu);
    match stats {
        Some(st) => {
            let _ = write!(
                s,
                " {:8} {:6} {:6} {:<6} {:8} {:6} {:6} {:6} ",
                st.rx_packets, st.rx_errs, st.rx_drop, st.rx_fifo, st.tx_packets, st.tx_errs, st.tx_drop, st.tx_fifo
            );
        }
        None => s.push_str("      - no statistics available -                        "),
    }
    for (bit, c) in FLAG_LETTERS {
        if info.flags as u16 & bit != 0 {
            s.push(c);
        }
    }
    s.push('\n');
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = names.to_vec();
        v.sort_by(|a, b| name_cmp(a.as_bytes(), b.as_bytes()));
        v.into_iter().map(String::from).collect()
    }

    #[test]
    fn natural_order() {
        // orders the reference printed
        assert_eq!(
            sorted(&["lo", "eth2x", "eth10:x", "eth10:12", "eth9", "eth10:3", "eth10", "eth2"]),
            ["eth2", "eth9", "eth10", "eth10:3", "eth10:12", "eth10:x", "eth2x", "lo"]
        );
        assert_eq!(sorted(&["v1", "v0:web", "v0", "v0:0"]), ["v0", "v0:0", "v1", "v0:web"]);
        assert_eq!(
            sorted(&["v0x9", "v0a", "v0:a", "v2", "v1", "v00", "v0:10", "v0:9", "v0", "lo"]),
            ["lo", "v0", "v0:9", "v0:10", "v00", "v1", "v2", "v0:a", "v0a", "v0x9"]
        );
        // /sbin/ifconfig -s and /bin/netstat -i both printed this order
        // (labels added with `ip addr add ... label v0:9`)
        assert_eq!(
            sorted(&["vzz", "v0:web", "v0:long", "v10:1", "v10", "v2", "v1", "v0:9", "v00", "v0", "lo"]),
            ["lo", "v0", "v0:9", "v00", "v1", "v2", "v10", "v10:1", "v0:long", "v0:web", "vzz"]
        );
        assert_eq!(sorted(&["a10", "a010", "a1", "a001", "a01"]), ["a001", "a01", "a1", "a010", "a10"]);
        assert_eq!(sorted(&["a2b1", "a1b10", "a1b2", "a10b1"]), ["a10b1", "a1b2", "a1b10", "a2b1"]);
        assert_eq!(
            sorted(&["abc", "ab:x", "ab2", "ab1", "ab0", "ab:1", "ab"]),
            ["ab", "ab:1", "ab0", "ab1", "ab2", "ab:x", "abc"]
        );
    }

    fn info(flags: i16) -> Info {
        Info {
            flags,
            mtu: 1500,
            txqlen: Some(1000),
            hw: Some((1, [2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
            inet: Some(Inet {
                addr: Ipv4Addr::new(10, 0, 0, 1),
                netmask: Ipv4Addr::new(255, 255, 255, 0),
                broadcast: Ipv4Addr::new(10, 0, 0, 255),
                dstaddr: Ipv4Addr::new(10, 0, 0, 1),
            }),
        }
    }

    #[test]
    fn long_form() {
        let mut out = Vec::new();
        let v6 = [Inet6 {
            addr: "2001:db8::1".parse().unwrap(),
            ifindex: 3,
            plen: 64,
            scope: 0,
            flags: 0x80,
            name: b"v0".to_vec(),
        }];
        print_long(&mut out, b"v0", &info(4163), Some(&DevStats { rx_bytes: 62184, ..Default::default() }), &v6);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "v0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 10.0.0.1  netmask 255.255.255.0  broadcast 10.0.0.255
        inet6 2001:db8::1  prefixlen 64  scopeid 0x0<global>
        ether 02:00:00:00:00:01  txqueuelen 1000  (Ethernet)
        RX packets 0  bytes 62184 (60.7 KiB)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

"
        );
        let mut out = Vec::new();
        let mut i = info(-28637);
        i.inet = None;
        print_long(&mut out, b"v0:0", &i, None, &v6);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "v0:0: flags=-28637<UP,BROADCAST,NOTRAILERS,MULTICAST,DYNAMIC>  mtu 1500
        ether 02:00:00:00:00:01  txqueuelen 1000  (Ethernet)

"
        );
    }

    #[test]
    fn short_rows() {
        let mut out = Vec::new();
        let mut i = info(73);
        i.mtu = 65536;
        print_short(&mut out, b"lo", &i, Some(&DevStats { rx_packets: 6, tx_packets: 6, ..Default::default() }));
        print_short(&mut out, b"abcdefghijk:12", &info(0x1102), None);
        print_short(&mut out, b"v0", &info(0x1383), Some(&DevStats::default()));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "lo              65536        6      0      0 0             6      0      0      0 LRU
abcdefghijk:12   1500      - no statistics available -                        BMP
v0               1500        0      0      0 0             0      0      0      0 ABMPOU
"
        );
        assert_eq!(human_bytes(504), "504.0 B");
        // the reference moves to the next unit only above 1024
        assert_eq!(human_bytes(1024), "1024.0 B");
        assert_eq!(human_bytes(1026), "1.0 KiB");
        assert_eq!(scope_name(0x80), "compat,global");
        assert_eq!(scope_name(0x20), "link");
        assert_eq!(v6_text(&"::ffff:1.2.3.4".parse().unwrap()).as_str(), "1.2.3.4");
        assert_eq!(v6_text(&"::1.2.3.5".parse().unwrap()).as_str(), "::1.2.3.5");
        assert_eq!(human_bytes(3078984), "2.9 MiB");
    }
}
