//! `route add` / `route del`: the words parsed as net-tools parses them,
//! then one SIOCADDRT / SIOCDELRT ioctl, as net-tools makes it. The kernel
//! turns the old `struct rtentry` into a route of its own (metric - 1,
//! `mss N` as advmss N-40, `reject` as an unreachable route): handing it
//! the same structure gives the same route.

use std::ffi::CString;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::table::{
    RTF_DYNAMIC, RTF_GATEWAY, RTF_HOST, RTF_IRTT, RTF_MODIFIED, RTF_MSS, RTF_REINSTATE, RTF_REJECT, RTF_UP,
    RTF_WINDOW,
};
use crate::error::{strerror, Error, Result};
use crate::nettools::ioctl::{self, Rt4, Rt6, Sock};
use crate::nettools::name_bytes;
use crate::nettools::resolve::{inet_aton, lookup_code};

pub const INET_USAGE: &str = "Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported";

pub const INET6_USAGE: &str = "Usage: inet6_route [-vF] del Target
       inet6_route [-vF] add Target [gw Gw] [metric M] [[dev] If]
       inet6_route [-FC] flush      NOT supported";

fn usage4() -> Error {
    Error::msg(INET_USAGE, 3)
}

/// A message, then the inet usage (stderr, exit 3).
fn usage4_with(msg: String) -> Error {
    Error::msg(format!("{msg}\n{INET_USAGE}"), 3)
}

fn usage6() -> Error {
    Error::msg(INET6_USAGE, 3)
}

/// How a name is to be read (net-tools' resolver hints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    /// `-net TARGET`
    Net,
    /// `-host TARGET`, `gw G`
    Host,
    /// a target without -net/-host
    Any,
    /// `netmask M`
    Mask,
}

fn network_by_name(name: &str) -> Option<Ipv4Addr> {
    let c = CString::new(name).ok()?;
    // SAFETY: getnetbyname gets a NUL-terminated name and returns NULL or
    // a static netent, read at once.
    unsafe {
        let n = libc::getnetbyname(c.as_ptr());
        if n.is_null() {
            return None;
        }
        Some(Ipv4Addr::from((*n).n_net))
    }
}

/// A name or address for IPv4, and whether it names a network.
fn resolve4(name: &str, hint: Hint) -> Result<(Ipv4Addr, bool)> {
    if name == "default" {
        return Ok((Ipv4Addr::UNSPECIFIED, true));
    }
    if let Some(a) = inet_aton(name) {
        return Ok((a, hint == Hint::Net));
    }
    if hint != Hint::Host {
        if let Some(a) = network_by_name(name) {
            return Ok((a, true));
        }
    }
    if let Ok(std::net::IpAddr::V4(a)) = lookup_code(name, libc::AF_INET) {
        return Ok((a, false));
    }
    if hint == Hint::Host {
        if let Some(a) = network_by_name(name) {
            return Ok((a, true));
        }
    }
    let numeric_looking = name.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let why = if hint == Hint::Host || numeric_looking { "Unknown host" } else { "Host name lookup failure" };
    Err(Error::msg(format!("{name}: {why}"), 6))
}

/// sscanf("%d"): leading blanks, a sign and at least one digit; what
/// follows the digits is ignored (`0x10` is 0, `010` is 10).
fn scan_int(s: &str) -> Option<i64> {
    let t = s.trim_start();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    body.bytes().next().filter(u8::is_ascii_digit)?;
    Some(atoi(t))
}

/// strtoul(s, &end, 10) with the whole word read.
fn decimal(s: &str) -> Option<i64> {
    let t = s.trim_start();
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    body.parse().ok()
}

/// atoi(3): leading blanks, a sign, digits; anything else ends it (0).
fn atoi(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut v: i64 = 0;
    for b in body.bytes().take_while(u8::is_ascii_digit) {
        v = v.wrapping_mul(10).wrapping_add((b - b'0') as i64);
    }
    if neg { -v } else { v }
}

/// A parsed `route add|del` for inet.
#[derive(Debug, PartialEq, Eq)]
pub struct Req4 {
    pub dst: Ipv4Addr,
    pub mask: Option<Ipv4Addr>,
    pub host: bool,
    pub gw: Option<Ipv4Addr>,
    pub metric: Option<i64>,
    pub mss: Option<u64>,
    pub window: Option<u64>,
    pub irtt: Option<i64>,
    pub flags: u32,
    pub dev: Option<Vec<u8>>,
}

/// The mask net-tools makes of `/len`: its shift is taken modulo 32 (as
/// x86 does), so /32 gives no mask at all (0) and /33 gives /1's.
fn prefix_mask(len: u32) -> Ipv4Addr {
    let n = len % 32;
    Ipv4Addr::from(if n == 0 { 0 } else { !(u32::MAX >> n) })
}

fn contiguous(m: u32) -> bool {
    m.leading_ones() + m.trailing_zeros() == 32
}

/// `route add|del` words after the verb, as net-tools reads them
/// (`-net`/`-host` arrive as `#net`/`#host`).
pub fn parse4(words: &[String]) -> Result<Req4> {
    let mut r = Req4 {
        dst: Ipv4Addr::UNSPECIFIED,
        mask: None,
        host: false,
        gw: None,
        metric: None,
        mss: None,
        window: None,
        irtt: None,
        flags: RTF_UP,
        dev: None,
    };
    let mut i = 0;
    let hint = match words.first().map(String::as_str) {
        Some("#net") => {
            i += 1;
            Hint::Net
        }
        Some("#host") => {
            i += 1;
            Hint::Host
        }
        _ => Hint::Any,
    };
    let target = words.get(i).ok_or_else(usage4)?;
    i += 1;
    let (name, len) = match target.split_once('/') {
        Some((n, l)) => {
            let len: u32 = match l.parse() {
                Ok(v) if l.bytes().all(|b| b.is_ascii_digit()) => v,
                _ => return Err(usage4()),
            };
            (n, Some(len))
        }
        None => (target.as_str(), None),
    };
    let (dst, is_net) = resolve4(name, hint)?;
    r.dst = dst;
    r.host = match hint {
        Hint::Net => false,
        Hint::Host => true,
        _ => !is_net,
    };
    if let Some(len) = len {
        r.mask = Some(prefix_mask(len));
    }
    while i < words.len() {
        let w = words[i].as_str();
        let val = words.get(i + 1);
        match w {
            "netmask" => {
                let v = val.ok_or_else(usage4)?;
                if r.mask.is_some() {
                    return Err(usage4());
                }
                let (m, _) = resolve4(v, Hint::Mask)?;
                if !contiguous(u32::from(m)) {
                    return Err(usage4_with(format!("route: bogus netmask {v}")));
                }
                r.mask = Some(m);
                i += 2;
            }
            "gw" | "gateway" => {
                let v = val.ok_or_else(usage4)?;
                if r.gw.is_some() {
                    return Err(usage4());
                }
                let (g, net) = resolve4(v, Hint::Host)?;
                if net {
                    return Err(usage4_with(format!("route: {v}: cannot use a NETWORK as gateway!")));
                }
                r.gw = Some(g);
                r.flags |= RTF_GATEWAY;
                i += 2;
            }
            "metric" => {
                let v = val.ok_or_else(usage4)?;
                r.metric = Some(scan_int(v).ok_or_else(usage4)?);
                i += 2;
            }
            "mss" | "mtu" => {
                let v = val.ok_or_else(usage4)?;
                match decimal(v) {
                    Some(n) if (64..=65536).contains(&n) => r.mss = Some(n as u64),
                    _ => return Err(usage4_with("route: Invalid MSS/MTU.".into())),
                }
                r.flags |= RTF_MSS;
                i += 2;
            }
            "window" => {
                let v = val.ok_or_else(usage4)?;
                match decimal(v) {
                    Some(n) if n >= 128 => r.window = Some(n as u64),
                    _ => return Err(usage4_with("route: Invalid window.".into())),
                }
                r.flags |= RTF_WINDOW;
                i += 2;
            }
            "irtt" => {
                let v = val.ok_or_else(usage4)?;
                r.irtt = Some(atoi(v));
                r.flags |= RTF_IRTT;
                i += 2;
            }
            "reject" => {
                r.flags |= RTF_REJECT;
                i += 1;
            }
            "mod" => {
                r.flags |= RTF_MODIFIED;
                i += 1;
            }
            "dyn" => {
                r.flags |= RTF_DYNAMIC;
                i += 1;
            }
            "reinstate" => {
                r.flags |= RTF_REINSTATE;
                i += 1;
            }
            "dev" | "device" => {
                let v = val.ok_or_else(usage4)?;
                if r.dev.is_some() {
                    return Err(usage4());
                }
                r.dev = Some(name_bytes(v));
                i += 2;
            }
            _ => {
                // a bare word is the device, and only as the last word
                if i + 1 != words.len() || r.dev.is_some() {
                    return Err(usage4());
                }
                r.dev = Some(name_bytes(w));
                i += 1;
            }
        }
    }
    // a zero mask (none, /0, /32) is not checked: the kernel judges it
    let mask = r.mask.filter(|m| !m.is_unspecified());
    if r.host {
        if let Some(m) = mask {
            if m != Ipv4Addr::BROADCAST {
                return Err(usage4_with(format!(
                    "route: netmask {:08x} doesn't make sense with host route",
                    !u32::from(m)
                )));
            }
        }
        r.flags |= RTF_HOST;
    } else if mask.is_some_and(|m| u32::from(r.dst) & !u32::from(m) != 0) {
        return Err(usage4_with("route: netmask doesn't match route address".into()));
    }
    Ok(r)
}

fn ioctl_error(add: bool, errno: i32) -> Error {
    let name = if add { "SIOCADDRT" } else { "SIOCDELRT" };
    Error::msg(format!("{name}: {}", strerror(errno)), 7)
}

fn socket(family: i32) -> Result<Sock> {
    Sock::new(family).map_err(|errno| Error::msg(format!("socket: {}", strerror(errno)), 1))
}

fn request(add: bool) -> u64 {
    if add {
        ioctl::SIOCADDRT
    } else {
        ioctl::SIOCDELRT
    }
}

/// SIOCADDRT / SIOCDELRT for an inet route.
pub fn apply4(add: bool, r: &Req4) -> Result<()> {
    // a name with a NUL in it is no device name
    if r.dev.as_ref().is_some_and(|d| d.contains(&0)) {
        return Err(usage4());
    }
    let mask = r.mask.unwrap_or(if r.host { Ipv4Addr::BROADCAST } else { Ipv4Addr::UNSPECIFIED });
    let rt = Rt4 {
        dst: r.dst,
        gw: r.gw,
        genmask: mask,
        flags: r.flags as u16,
        metric: r.metric.map(|m| (m + 1) as i16).unwrap_or(0),
        dev: r.dev.clone(),
        mtu: r.mss.unwrap_or(0) as libc::c_ulong,
        window: r.window.unwrap_or(0) as libc::c_ulong,
        irtt: r.irtt.unwrap_or(0) as u16,
    };
    socket(libc::AF_INET)?.route4(request(add), &rt).map_err(|e| ioctl_error(add, e))
}

/// A parsed `route -A inet6 add|del`.
#[derive(Debug, PartialEq, Eq)]
pub struct Req6 {
    pub dst: Ipv6Addr,
    pub len: u8,
    pub gw: Option<Ipv6Addr>,
    pub metric: u32,
    pub dev: Option<Vec<u8>>,
}

fn resolve6_target(name: &str) -> Result<Ipv6Addr> {
    if let Ok(a) = name.parse() {
        return Ok(a);
    }
    match lookup_code(name, libc::AF_INET6) {
        Ok(std::net::IpAddr::V6(a)) => Ok(a),
        Ok(_) => Err(Error::msg(format!("{name}: Unknown host"), 1)),
        Err(code) => {
            let why = if code == libc::EAI_AGAIN { "Host name lookup failure" } else { "Unknown host" };
            Err(Error::msg(format!("getaddrinfo: {name}: {code}\n{name}: {why}"), 1))
        }
    }
}

/// `route -A inet6 add|del` words after the verb.
pub fn parse6(words: &[String]) -> Result<Req6> {
    let target = words.first().ok_or_else(usage6)?;
    let (dst, len) = if target == "default" {
        (Ipv6Addr::UNSPECIFIED, 0)
    } else {
        let (name, len) = match target.split_once('/') {
            // the length is read with atoi: `/abc` is /0
            Some((n, l)) => match atoi(l) {
                v @ 0..=128 => (n, v as u8),
                _ => return Err(usage6()),
            },
            None => (target.as_str(), 128),
        };
        (resolve6_target(name)?, len)
    };
    let mut r = Req6 { dst, len, gw: None, metric: 1, dev: None };
    let mut i = 1;
    while i < words.len() {
        let w = words[i].as_str();
        let val = words.get(i + 1);
        match w {
            "gw" | "gateway" => {
                let v = val.ok_or_else(usage6)?;
                if r.gw.is_some() {
                    return Err(usage6());
                }
                let g = match v.parse::<Ipv6Addr>() {
                    Ok(a) => a,
                    Err(_) => match lookup_code(v, libc::AF_INET6) {
                        Ok(std::net::IpAddr::V6(a)) => a,
                        _ => return Err(Error::msg(format!("{v}: Resolver Error 0 (no error)"), 6)),
                    },
                };
                r.gw = Some(g);
                i += 2;
            }
            "metric" => {
                let v = val.ok_or_else(usage6)?;
                r.metric = scan_int(v).ok_or_else(usage6)? as u32;
                i += 2;
            }
            "dev" | "device" => {
                let v = val.ok_or_else(usage6)?;
                if r.dev.is_some() {
                    return Err(usage6());
                }
                r.dev = Some(name_bytes(v));
                i += 2;
            }
            // accepted and left out of the request
            "mod" | "dyn" | "reinstate" => i += 1,
            _ => {
                // the last word is the device (even after `dev X`)
                if i + 1 != words.len() {
                    return Err(usage6());
                }
                r.dev = Some(name_bytes(w));
                i += 1;
            }
        }
    }
    Ok(r)
}

/// SIOCADDRT / SIOCDELRT for an inet6 route.
pub fn apply6(add: bool, r: &Req6) -> Result<()> {
    let sock = socket(libc::AF_INET6)?;
    let mut flags = RTF_UP;
    if r.len == 128 {
        flags |= RTF_HOST;
    }
    if r.gw.is_some() {
        flags |= RTF_GATEWAY;
    }
    // net-tools' own lookup (and its misspelt name) for the device
    let ifindex = match &r.dev {
        Some(d) => sock
            .get_int(ioctl::SIOCGIFINDEX, d)
            .map_err(|e| Error::msg(format!("SIOGIFINDEX: {}", strerror(e)), 7))?,
        None => 0,
    };
    let rt = Rt6 { dst: r.dst, dst_len: r.len as u16, gw: r.gw, metric: r.metric, flags, ifindex };
    sock.route6(request(add), &rt).map_err(|e| ioctl_error(add, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn err(s: &str) -> (String, i32) {
        let e = parse4(&w(s)).unwrap_err();
        (e.to_string(), e.exit_code())
    }

    #[test]
    fn parse_ok() {
        let r = parse4(&w("#net 172.17.0.0 netmask 255.255.0.0 gateway 10.0.0.2 dev v0 metric 5")).unwrap();
        assert_eq!(r.dst, Ipv4Addr::new(172, 17, 0, 0));
        assert_eq!(r.mask, Some(Ipv4Addr::new(255, 255, 0, 0)));
        assert_eq!(r.gw, Some(Ipv4Addr::new(10, 0, 0, 2)));
        assert_eq!(r.metric, Some(5));
        assert_eq!(r.dev.as_deref(), Some(&b"v0"[..]));
        assert_eq!(r.flags, RTF_UP | RTF_GATEWAY);
        let r = parse4(&w("#net 192.168.128.0/17 v0")).unwrap();
        assert_eq!(r.mask, Some(Ipv4Addr::new(255, 255, 128, 0)));
        assert_eq!(r.dev.as_deref(), Some(&b"v0"[..]));
        let r = parse4(&w("192.168.7.8 gw 10.0.0.2")).unwrap();
        assert!(r.host);
        assert_eq!(r.flags, RTF_UP | RTF_GATEWAY | RTF_HOST);
        let r = parse4(&w("default gw 10.0.0.2")).unwrap();
        assert!(!r.host);
        let r = parse4(&w("#net 10.8.0.0 netmask 255.255.0.0 gw 10.0.0.2 mss 1400 window 8192 irtt 300")).unwrap();
        assert_eq!((r.mss, r.window, r.irtt), (Some(1400), Some(8192), Some(300)));
        assert_eq!(r.flags, RTF_UP | RTF_GATEWAY | RTF_MSS | RTF_WINDOW | RTF_IRTT);
        let r = parse4(&w("#host 10.8.8.8 reject")).unwrap();
        assert_eq!(r.flags, RTF_UP | RTF_HOST | RTF_REJECT);
        assert_eq!(parse4(&w("#net 10.7.0.0/16 gw 10.0.0.2 irtt x")).unwrap().irtt, Some(0));
        assert_eq!(parse4(&w("#net 10.2.0.0/16 metric 0x10 dev v0")).unwrap().metric, Some(0));
        assert_eq!(parse4(&w("#net 10.2.0.0/16 metric 010 dev v0")).unwrap().metric, Some(10));
        assert_eq!(parse4(&w("#net 10.2.0.0/16 mss 0x100 dev v0")).unwrap_err().exit_code(), 3);
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            err("#net 10.7.0.0 netmask 255.0.255.0 gw 10.0.0.2"),
            (format!("route: bogus netmask 255.0.255.0\n{INET_USAGE}"), 3)
        );
        assert_eq!(
            err("#net 10.7.0.1 netmask 255.255.0.0 gw 10.0.0.2").0,
            format!("route: netmask doesn't match route address\n{INET_USAGE}")
        );
        assert_eq!(
            err("#host 10.0.0.5 netmask 255.255.255.0 gw 10.0.0.2").0,
            format!("route: netmask 000000ff doesn't make sense with host route\n{INET_USAGE}")
        );
        assert_eq!(
            err("10.200.0.0/16 gw 10.0.0.2").0,
            format!("route: netmask 0000ffff doesn't make sense with host route\n{INET_USAGE}")
        );
        assert_eq!(err("#net 10.7.0.0/abc gw 10.0.0.2"), (INET_USAGE.to_string(), 3));
        assert_eq!(
            err("#net 10.7.22.0/33 dev v0").0.lines().next(),
            Some("route: netmask doesn't match route address")
        );
        // /32 and /0 make no mask: the kernel answers (EINVAL) for a network
        assert_eq!(parse4(&w("#net 10.7.21.1/32 dev v0")).unwrap().mask, Some(Ipv4Addr::UNSPECIFIED));
        assert!(parse4(&w("#host 10.7.20.1/32 dev v0")).unwrap().host);
        assert_eq!(err("#net 10.7.0.0/16 gw default").0.lines().next(), Some("route: default: cannot use a NETWORK as gateway!"));
        assert_eq!(err("#net 10.7.0.0/16 gw 10.0.0.2 mss 10").0.lines().next(), Some("route: Invalid MSS/MTU."));
        assert_eq!(err("#net 10.7.0.0/16 gw 10.0.0.2 window 10").0.lines().next(), Some("route: Invalid window."));
        assert_eq!(err("#net 10.7.0.0/16 gw 10.0.0.2 metric x").1, 3);
        assert_eq!(err("#net 10.7.0.0/16 v0 extra").1, 3);
        assert_eq!(err("#net 10.7.0.0/16 gw 10.0.0.2 gw 10.0.0.3").1, 3);
        assert_eq!(err("#net 999.0.0.0/8 v0"), ("999.0.0.0: Unknown host".to_string(), 6));
        assert_eq!(err("#net"), (INET_USAGE.to_string(), 3));
    }

    #[test]
    fn parse_v6() {
        let r = parse6(&w("2001:db8:7::/48 gw 2001:db8::3")).unwrap();
        assert_eq!((r.len, r.metric), (48, 1));
        assert_eq!(r.gw, Some("2001:db8::3".parse().unwrap()));
        let r = parse6(&w("2001:db8:9::5 v0")).unwrap();
        assert_eq!((r.len, r.dev.as_deref()), (128, Some(&b"v0"[..])));
        assert_eq!(parse6(&w("2001:db8:8::/48 dev v0 metric 7")).unwrap().metric, 7);
        assert_eq!(parse6(&w("2001:db8:7::/200 v0")).unwrap_err().exit_code(), 3);
        assert_eq!(parse6(&w("2001:db8:9::/abc dev v0")).unwrap().len, 0);
        assert_eq!(parse6(&w("2001:db8:9::6 dev v0 v1")).unwrap().dev.as_deref(), Some(&b"v1"[..]));
        assert_eq!(parse6(&w("2001:db8:9:: /64 dev v0")).unwrap_err().exit_code(), 3);
        assert_eq!(parse6(&w("2001:db8:2::/64 dev v0 mss 1000")).unwrap_err().exit_code(), 3);
        let e = parse6(&w("::/0 gw 2001:zz::1")).unwrap_err();
        assert_eq!((e.to_string().as_str(), e.exit_code()), ("2001:zz::1: Resolver Error 0 (no error)", 6));
    }
}
