//! The kernel's routing tables as net-tools shows them: /proc/net/route
//! (the main table only) and /proc/net/ipv6_route read line by line, each
//! route printed as it is read, in route(8)'s three layouts (`-e` is the
//! one `netstat -r` uses by default). Shared by `route` and `netstat -r`.

use std::collections::HashMap;
use std::io::BufRead;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Error, Result};
use crate::ip::common::{reverse_lookup, IpText};
use crate::print::Printer;

// struct rtentry flags (linux/route.h, linux/ipv6_route.h)
pub const RTF_UP: u32 = 0x0001;
pub const RTF_GATEWAY: u32 = 0x0002;
pub const RTF_HOST: u32 = 0x0004;
pub const RTF_REINSTATE: u32 = 0x0008;
pub const RTF_DYNAMIC: u32 = 0x0010;
pub const RTF_MODIFIED: u32 = 0x0020;
pub const RTF_MSS: u32 = 0x0040;
pub const RTF_WINDOW: u32 = 0x0080;
pub const RTF_IRTT: u32 = 0x0100;
pub const RTF_REJECT: u32 = 0x0200;
const RTF_DEFAULT: u32 = 0x0001_0000;
const RTF_ALLONLINK: u32 = 0x0002_0000;
const RTF_ADDRCONF: u32 = 0x0004_0000;
const RTF_NONEXTHOP: u32 = 0x0020_0000;
const RTF_EXPIRES: u32 = 0x0040_0000;
const RTF_CACHE: u32 = 0x0100_0000;
const RTF_FLOW: u32 = 0x0200_0000;

/// One line of /proc/net/route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route4 {
    pub iface: Vec<u8>,
    pub dst: Ipv4Addr,
    pub gw: Ipv4Addr,
    pub flags: u32,
    pub refcnt: i64,
    pub use_: i64,
    pub metric: i32,
    pub mask: Ipv4Addr,
    pub mss: u64,
    pub window: u64,
    pub irtt: u64,
}

/// One line of /proc/net/ipv6_route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route6 {
    pub dst: Ipv6Addr,
    pub dst_len: u8,
    pub gw: Ipv6Addr,
    pub metric: u32,
    pub refcnt: u32,
    pub use_: u32,
    pub flags: u32,
    pub iface: Vec<u8>,
}

/// An address as /proc/net/route writes it: the in-memory (network order)
/// word printed with %08X on a little-endian machine.
fn hex_v4(s: &[u8]) -> Option<Ipv4Addr> {
    let v = u32::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()?;
    Some(Ipv4Addr::from(v.to_le_bytes()))
}

fn dec<T: std::str::FromStr>(s: &[u8]) -> Option<T> {
    std::str::from_utf8(s).ok()?.parse().ok()
}

fn fields(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    line.split(|b| b.is_ascii_whitespace()).filter(|f| !f.is_empty())
}

/// A data line of /proc/net/route (the header line gives None).
pub fn parse_route4(line: &[u8]) -> Option<Route4> {
    let f: Vec<&[u8]> = fields(line).collect();
    if f.len() < 11 {
        return None;
    }
    Some(Route4 {
        iface: f[0].to_vec(),
        dst: hex_v4(f[1])?,
        gw: hex_v4(f[2])?,
        flags: u32::from_str_radix(std::str::from_utf8(f[3]).ok()?, 16).ok()?,
        refcnt: dec(f[4])?,
        use_: dec(f[5])?,
        metric: dec::<i64>(f[6])? as i32,
        mask: hex_v4(f[7])?,
        mss: dec(f[8])?,
        window: dec(f[9])?,
        irtt: dec(f[10])?,
    })
}

fn hex_v6(s: &[u8]) -> Option<Ipv6Addr> {
    if s.len() != 32 {
        return None;
    }
    let v = u128::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()?;
    Some(Ipv6Addr::from(v))
}

fn hex32(s: &[u8]) -> Option<u32> {
    u32::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()
}

/// A line of /proc/net/ipv6_route.
pub fn parse_route6(line: &[u8]) -> Option<Route6> {
    let f: Vec<&[u8]> = fields(line).collect();
    if f.len() < 10 {
        return None;
    }
    Some(Route6 {
        dst: hex_v6(f[0])?,
        dst_len: u8::from_str_radix(std::str::from_utf8(f[1]).ok()?, 16).ok()?,
        gw: hex_v6(f[4])?,
        metric: hex32(f[5])?,
        refcnt: hex32(f[6])?,
        use_: hex32(f[7])?,
        flags: hex32(f[8])?,
        iface: f[9].to_vec(),
    })
}

/// route(8)'s IPv4 flag letters, in its order; a reject route shows `!`
/// where the others show `U`.
pub fn flags4(flags: u32) -> String {
    let flags = if flags & RTF_REJECT != 0 { flags & !RTF_UP } else { flags };
    const L: &[(u32, char)] = &[
        (RTF_UP, 'U'),
        (RTF_REJECT, '!'),
        (RTF_GATEWAY, 'G'),
        (RTF_HOST, 'H'),
        (RTF_REINSTATE, 'R'),
        (RTF_DYNAMIC, 'D'),
        (RTF_MODIFIED, 'M'),
        (RTF_ADDRCONF, 'A'),
        (RTF_CACHE, 'C'),
    ];
    L.iter().filter(|(b, _)| flags & b != 0).map(|(_, c)| *c).collect()
}

/// route(8)'s IPv6 flag letters, in its order.
pub fn flags6(flags: u32) -> String {
    const L: &[(u32, char)] = &[
        (RTF_UP, 'U'),
        (RTF_REJECT, '!'),
        (RTF_GATEWAY, 'G'),
        (RTF_HOST, 'H'),
        (RTF_DEFAULT, 'D'),
        (RTF_ADDRCONF, 'A'),
        (RTF_CACHE, 'C'),
        (RTF_ALLONLINK, 'a'),
        (RTF_EXPIRES, 'e'),
        (RTF_MODIFIED, 'm'),
        (RTF_NONEXTHOP, 'n'),
        (RTF_FLOW, 'f'),
    ];
    L.iter().filter(|(b, _)| flags & b != 0).map(|(_, c)| *c).collect()
}

/// Names for addresses, looked up once each (net-tools keeps a cache too).
#[derive(Default)]
pub struct Names {
    numeric: bool,
    cache: HashMap<(Ipv4Addr, bool), String>,
}

/// A network's name from the networks database (/etc/networks).
fn network_name(a: Ipv4Addr) -> Option<String> {
    // SAFETY: getnetbyaddr returns NULL or a pointer to a static netent
    // whose n_name is a NUL-terminated string; it is copied out at once.
    unsafe {
        let n = libc::getnetbyaddr(u32::from(a), libc::AF_INET);
        if n.is_null() || (*n).n_name.is_null() {
            return None;
        }
        Some(crate::cli::string_of_bytes(std::ffi::CStr::from_ptr((*n).n_name).to_bytes()))
    }
}

impl Names {
    pub fn new(numeric: bool) -> Names {
        Names { numeric, cache: HashMap::new() }
    }

    /// A destination or gateway as route(8) writes it: without `-n`, the
    /// default route is `default`, a host (or gateway) its host name, a
    /// network its /etc/networks name; at most 15 characters.
    pub fn v4(&mut self, a: Ipv4Addr, mask: Ipv4Addr, gateway: bool) -> String {
        if self.numeric {
            return a.to_string();
        }
        if a.is_unspecified() {
            return if !gateway && mask.is_unspecified() { "default".into() } else { a.to_string() };
        }
        let host = gateway || mask == Ipv4Addr::BROADCAST;
        self.cache
            .entry((a, host))
            .or_insert_with(|| {
                let name = if host { reverse_lookup(&IpAddr::V4(a)) } else { network_name(a) };
                match name {
                    Some(mut n) => {
                        if n.len() > 15 {
                            let mut cut = 15;
                            while !n.is_char_boundary(cut) {
                                cut -= 1;
                            }
                            n.truncate(cut);
                        }
                        n
                    }
                    None => a.to_string(),
                }
            })
            .clone()
    }

    /// An IPv6 address: `[::]` for the unspecified one without `-n`;
    /// an IPv4-mapped one as its IPv4 address.
    pub fn v6(&mut self, a: Ipv6Addr) -> String {
        if let Some(v4) = a.to_ipv4_mapped() {
            return v4.to_string();
        }
        if self.numeric {
            return IpText::new(&IpAddr::V6(a)).as_str().to_string();
        }
        if a.is_unspecified() {
            return "[::]".into();
        }
        reverse_lookup(&IpAddr::V6(a)).unwrap_or_else(|| IpText::new(&IpAddr::V6(a)).as_str().to_string())
    }
}

/// The layouts: route's plain one, `-e`, `-ee`, and what three or more
/// `-e` give (the title line only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Plain,
    Extend,
    Extend2,
    TitleOnly,
}

impl Layout {
    /// route(8): the number of `-e` options.
    pub fn from_count(e: u32) -> Layout {
        match e {
            0 => Layout::Plain,
            1 => Layout::Extend,
            2 => Layout::Extend2,
            _ => Layout::TitleOnly,
        }
    }
}

pub fn header4(p: &mut Printer, layout: Layout) {
    p.raw("Kernel IP routing table\n");
    p.raw(match layout {
        Layout::TitleOnly => "",
        Layout::Plain => "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n",
        Layout::Extend => "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n",
        Layout::Extend2 => {
            "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n"
        }
    });
}

/// The routing cache header (the kernel keeps no IPv4 cache any more:
/// /proc/net/rt_cache holds only its header line).
pub fn header4_cache(p: &mut Printer, layout: Layout) {
    p.raw("Kernel IP routing cache\n");
    p.raw(match layout {
        Layout::TitleOnly => "",
        Layout::Plain => "Source          Destination     Gateway         Flags Metric Ref    Use Iface\n",
        Layout::Extend => "Source          Destination     Gateway         Flags   MSS Window  irtt Iface\n",
        Layout::Extend2 => {
            "Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n"
        }
    });
}

/// One IPv4 route in `layout`.
pub fn row4(p: &mut Printer, names: &mut Names, r: &Route4, layout: Layout) {
    let reject = r.flags & RTF_REJECT != 0;
    let dst = names.v4(r.dst, r.mask, false);
    let gw = if reject { "-".to_string() } else { names.v4(r.gw, Ipv4Addr::BROADCAST, true) };
    let flags = flags4(r.flags);
    let mut s = format!("{dst:<15} {gw:<15} {:<15} {flags:<6}", r.mask.to_string());
    let dash = |v: u64| if reject { "-".to_string() } else { v.to_string() };
    let iface: &[u8] = if reject { b"-" } else { &r.iface };
    match layout {
        Layout::Plain | Layout::Extend2 => {
            let refcnt = if reject { "-".to_string() } else { r.refcnt.to_string() };
            s.push_str(&format!("{:<6} {refcnt:<2} {:>7} ", r.metric, r.use_));
            p.raw(&s);
            if layout == Layout::Plain {
                p.raw_bytes(iface);
            } else {
                p.raw_bytes(iface);
                let pad = 8usize.saturating_sub(iface.len());
                p.raw(&format!(
                    "{:pad$} {:<5} {:<6} {}",
                    "",
                    dash(r.mss),
                    dash(r.window),
                    dash(r.irtt),
                    pad = pad
                ));
            }
        }
        Layout::Extend => {
            s.push_str(&format!("{:>5} {:<5} {:>6} ", dash(r.mss), dash(r.window), dash(r.irtt)));
            p.raw(&s);
            p.raw_bytes(iface);
        }
        Layout::TitleOnly => return,
    }
    p.raw("\n");
}

pub fn header6(p: &mut Printer, cache: bool) {
    p.raw(if cache { "Kernel IPv6 routing cache\n" } else { "Kernel IPv6 routing table\n" });
    p.raw("Destination                    Next Hop                   Flag Met Ref  Use If\n");
}

/// One IPv6 route (one layout whatever `-e` says).
pub fn row6(p: &mut Printer, names: &mut Names, r: &Route6) {
    let dst = format!("{}/{}", names.v6(r.dst), r.dst_len);
    let gw = names.v6(r.gw);
    p.raw(&format!(
        "{dst:<30} {gw:<26} {:<4} {:<3} {:<1} {:>6} ",
        flags6(r.flags),
        r.metric as i32,
        r.refcnt,
        r.use_
    ));
    p.raw_bytes(&r.iface);
    p.raw("\n");
}

fn open(path: &str) -> Result<std::io::BufReader<std::fs::File>> {
    std::fs::File::open(path)
        .map(std::io::BufReader::new)
        .map_err(|e| Error::os(path, e.raw_os_error().unwrap_or(libc::EIO), 1))
}

/// `route -F` for inet: the header, then each route as it is read. A
/// /proc/net/route without even its header line (a namespace whose main
/// table was never made) ends with status 1 after the header, as
/// net-tools does.
pub fn show4(p: &mut Printer, numeric: bool, layout: Layout) -> Result<()> {
    header4(p, layout);
    if layout == Layout::TitleOnly {
        return Ok(());
    }
    let mut names = Names::new(numeric);
    let mut rd = open("/proc/net/route")?;
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        if rd.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
            break;
        }
        if first {
            first = false;
            continue;
        }
        if let Some(r) = parse_route4(&line) {
            row4(p, &mut names, &r, layout);
        }
    }
    if first {
        p.flush();
        return Err(Error::Exit(1));
    }
    Ok(())
}

/// `route -A inet6`.
pub fn show6(p: &mut Printer, numeric: bool, cache: bool) -> Result<()> {
    header6(p, cache);
    if cache {
        return Ok(());
    }
    let mut names = Names::new(numeric);
    let mut rd = open("/proc/net/ipv6_route")?;
    let mut line = Vec::new();
    loop {
        line.clear();
        if rd.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(r) = parse_route6(&line) {
            row6(p, &mut names, &r);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTE: &str = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT          \n\
v0\t00000000\t0200000A\t0003\t0\t0\t7\t00000080\t0\t0\t0        \n\
*\t0000630A\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0       \n\
v0\t0000080A\t0200000A\t01C3\t0\t0\t4294967295\t0000FFFF\t1400\t8192\t300   \n";

    fn table(layout: Layout) -> String {
        let mut p = Printer::capture(false, false, false);
        header4(&mut p, layout);
        let mut names = Names::new(true);
        for l in ROUTE.lines().skip(1) {
            row4(&mut p, &mut names, &parse_route4(l.as_bytes()).unwrap(), layout);
        }
        p.captured().to_string()
    }

    #[test]
    fn parse_v4() {
        let r = parse_route4(ROUTE.lines().nth(3).unwrap().as_bytes()).unwrap();
        assert_eq!(r.iface, b"v0");
        assert_eq!(r.dst, Ipv4Addr::new(10, 8, 0, 0));
        assert_eq!(r.gw, Ipv4Addr::new(10, 0, 0, 2));
        assert_eq!(r.mask, Ipv4Addr::new(255, 255, 0, 0));
        assert_eq!(r.metric, -1);
        assert_eq!((r.mss, r.window, r.irtt), (1400, 8192, 300));
        assert!(parse_route4(ROUTE.lines().next().unwrap().as_bytes()).is_none());
        // a name that is not UTF-8 stays bytes
        let r = parse_route4(b"v\xff\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0").unwrap();
        assert_eq!(r.iface, b"v\xff");
    }

    #[test]
    fn layouts() {
        assert_eq!(
            table(Layout::Plain),
            "Kernel IP routing table\n\
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n\
0.0.0.0         10.0.0.2        128.0.0.0       UG    7      0        0 v0\n\
10.99.0.0       -               255.255.0.0     !     0      -        0 -\n\
10.8.0.0        10.0.0.2        255.255.0.0     UG    -1     0        0 v0\n"
        );
        assert_eq!(
            table(Layout::Extend),
            "Kernel IP routing table\n\
Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n\
0.0.0.0         10.0.0.2        128.0.0.0       UG        0 0          0 v0\n\
10.99.0.0       -               255.255.0.0     !         - -          - -\n\
10.8.0.0        10.0.0.2        255.255.0.0     UG     1400 8192     300 v0\n"
        );
        assert_eq!(
            table(Layout::Extend2),
            "Kernel IP routing table\n\
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n\
0.0.0.0         10.0.0.2        128.0.0.0       UG    7      0        0 v0       0     0      0\n\
10.99.0.0       -               255.255.0.0     !     0      -        0 -        -     -      -\n\
10.8.0.0        10.0.0.2        255.255.0.0     UG    -1     0        0 v0       1400  8192   300\n"
        );
    }

    #[test]
    fn v6_rows() {
        let lines = "20010db8000500000000000000000000 30 00000000000000000000000000000000 00 20010db8000000000000000000000002 00000400 00000001 00000000 00000003       v0\n\
00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n\
00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000003 00000000 80200001       lo\n";
        let mut p = Printer::capture(false, false, false);
        header6(&mut p, false);
        let mut names = Names::new(true);
        let mut unnamed = Names::new(false);
        for l in lines.lines() {
            row6(&mut p, &mut names, &parse_route6(l.as_bytes()).unwrap());
        }
        row6(&mut p, &mut unnamed, &parse_route6(lines.lines().nth(1).unwrap().as_bytes()).unwrap());
        assert_eq!(
            p.captured(),
            "Kernel IPv6 routing table\n\
Destination                    Next Hop                   Flag Met Ref  Use If\n\
2001:db8:5::/48                2001:db8::2                UG   1024 1      0 v0\n\
::/0                           ::                         !n   -1  1      0 lo\n\
::1/128                        ::                         Un   0   3      0 lo\n\
[::]/0                         [::]                       !n   -1  1      0 lo\n"
        );
    }

    #[test]
    fn flag_letters() {
        assert_eq!(flags4(RTF_UP | RTF_GATEWAY | RTF_HOST), "UGH");
        assert_eq!(flags4(RTF_UP | RTF_REJECT | RTF_HOST), "!H");
        assert_eq!(flags6(RTF_UP | RTF_NONEXTHOP | 0x8000_0000), "Un");
        assert_eq!(Layout::from_count(2), Layout::Extend2);
        assert_eq!(Layout::from_count(3), Layout::TitleOnly);
    }
}
