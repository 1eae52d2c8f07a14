//! Host names and addresses as net-tools reads them: a dotted quad as
//! inet_aton(3) takes it (`10`, `10.1`, `0x0a.1.2.3`), else a name looked
//! up by the C library; failures carry the resolver's (herror) text.

use std::net::Ipv4Addr;

/// inet_aton(3) as glibc has it: one to four parts, each a C number (0x
/// hex, 0 octal, no sign, `0x` alone is no number); the last part fills
/// the remaining bytes; a blank ends the address (`1.2.3.4 x` is
/// 1.2.3.4).
pub fn inet_aton(s: &str) -> Option<Ipv4Addr> {
    let s = s.split([' ', '\t', '\n', '\x0b', '\x0c', '\r']).next().unwrap_or(s);
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut v = Vec::with_capacity(4);
    for p in &parts {
        v.push(crate::cli::parse_u64(p).filter(|_| !p.starts_with(['+', '-', ' ']))?);
    }
    let last = *v.last()?;
    let head = &v[..v.len() - 1];
    if head.iter().any(|&x| x > 255) {
        return None;
    }
    let room = 8 * (4 - head.len() as u32);
    if room < 64 && last >> room != 0 {
        return None;
    }
    let mut a: u32 = 0;
    for (i, x) in head.iter().enumerate() {
        a |= (*x as u32) << (24 - 8 * i);
    }
    Some(Ipv4Addr::from(a | last as u32))
}

/// An IPv4 address or host name; the error is the resolver's text
/// (`Unknown host`, `Host name lookup failure`).
pub fn resolve_inet(s: &str) -> Result<Ipv4Addr, &'static str> {
    if let Some(a) = inet_aton(s) {
        return Ok(a);
    }
    // the C library answers "not found" at once for all-numeric names
    if s.is_empty() || s.bytes().all(|b| b.is_ascii_digit() || b == b'.') || s.parse::<std::net::Ipv6Addr>().is_ok() {
        return Err("Unknown host");
    }
    lookup(s, libc::AF_INET).map(|a| match a {
        std::net::IpAddr::V4(a) => a,
        std::net::IpAddr::V6(_) => Ipv4Addr::UNSPECIFIED,
    })
}

/// The C library's getaddrinfo(3) for one family; the error as the
/// resolver's text.
pub fn lookup(s: &str, family: i32) -> Result<std::net::IpAddr, &'static str> {
    lookup_code(s, family).map_err(gai_text)
}

/// The resolver's text for a getaddrinfo error code.
pub fn gai_text(code: i32) -> &'static str {
    match code {
        libc::EAI_NONAME => "Unknown host",
        _ => "Host name lookup failure",
    }
}

/// getaddrinfo(3) for one family; the error code on failure.
pub fn lookup_code(s: &str, family: i32) -> Result<std::net::IpAddr, i32> {
    let Ok(c) = std::ffi::CString::new(s) else { return Err(libc::EAI_NONAME) };
    // SAFETY: all-zero addrinfo is a valid hints value; getaddrinfo fills
    // `res`, which is freed once below.
    unsafe {
        let mut hints: libc::addrinfo = std::mem::zeroed();
        hints.ai_family = family;
        hints.ai_socktype = libc::SOCK_DGRAM;
        let mut res: *mut libc::addrinfo = std::ptr::null_mut();
        let r = libc::getaddrinfo(c.as_ptr(), std::ptr::null(), &hints, &mut res);
        if r != 0 {
            return Err(r);
        }
        let mut out = Err(libc::EAI_NONAME);
        if !res.is_null() && !(*res).ai_addr.is_null() {
            if (*res).ai_family == libc::AF_INET6 {
                let sin6 = (*res).ai_addr as *const libc::sockaddr_in6;
                out = Ok(std::net::IpAddr::V6((*sin6).sin6_addr.s6_addr.into()));
            } else {
                let sin = (*res).ai_addr as *const libc::sockaddr_in;
                out = Ok(std::net::IpAddr::V4(Ipv4Addr::from(u32::from_be((*sin).sin_addr.s_addr))));
            }
        }
        libc::freeaddrinfo(res);
        out
    }
}

/// An Ethernet address as net-tools reads it: up to six bytes of one or
/// two hex digits, `:` between them optional after two digits; missing
/// bytes are 0 and what follows the sixth byte is ignored.
pub fn parse_ether(s: &str) -> Option<[u8; 6]> {
    let mut out = [0u8; 6];
    parse_ether_into(s, &mut out).then_some(out)
}

/// [`parse_ether`] over what `out` holds: bytes the text does not give
/// keep their value (arp's buffer holds the IP address there).
pub fn parse_ether_into(s: &str, out: &mut [u8; 6]) -> bool {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut i = 0;
    for o in out.iter_mut() {
        if i >= b.len() {
            break;
        }
        let Some(mut v) = hex(b[i]) else { return false };
        i += 1;
        match b.get(i).map(|&c| (c, hex(c))) {
            Some((_, Some(d))) => {
                v = v << 4 | d;
                i += 1;
            }
            None | Some((b':', _)) => {}
            Some(_) => return false,
        }
        *o = v;
        if b.get(i) == Some(&b':') {
            i += 1;
        }
    }
    true
}

/// strtol(s, NULL, base) as C reads it: leading blanks, sign, digits up to
/// the first that is not one; 0 without digits.
pub fn c_strtol(s: &str, base: i32) -> i64 {
    let Ok(c) = std::ffi::CString::new(s) else { return 0 };
    // SAFETY: c is NUL-terminated; a null end pointer is allowed.
    unsafe { libc::strtol(c.as_ptr(), std::ptr::null_mut(), base) as i64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aton() {
        assert_eq!(inet_aton("10.0.0.1"), Some(Ipv4Addr::new(10, 0, 0, 1)));
        assert_eq!(inet_aton("10"), Some(Ipv4Addr::new(0, 0, 0, 10)));
        assert_eq!(inet_aton("10.1"), Some(Ipv4Addr::new(10, 0, 0, 1)));
        assert_eq!(inet_aton("0x0a.1.2.3"), Some(Ipv4Addr::new(10, 1, 2, 3)));
        assert_eq!(inet_aton("999.1.1.1"), None);
        assert_eq!(inet_aton("300.0.0.0"), None);
        assert_eq!(inet_aton("1.2.3.4.5"), None);
        assert_eq!(inet_aton("a.b"), None);
        assert_eq!(resolve_inet("999.1.1.1"), Err("Unknown host"));
        assert_eq!(inet_aton("1.2.3"), Some(Ipv4Addr::new(1, 2, 0, 3)));
        assert_eq!(inet_aton("0x0a.010.0.1"), Some(Ipv4Addr::new(10, 8, 0, 1)));
        assert_eq!(inet_aton("1..2"), None);
        // as glibc's inet_aton answered
        for bad in ["0x", "0x.1", "1.0x", "+5", "1.+2", "1.2.3.0x", " 1", "", "08", "1.16777216"] {
            assert_eq!(inet_aton(bad), None, "{bad:?}");
        }
        assert_eq!(inet_aton("1 "), Some(Ipv4Addr::new(0, 0, 0, 1)));
        assert_eq!(inet_aton("10.9.9.9\tx"), Some(Ipv4Addr::new(10, 9, 9, 9)));
        assert_eq!(inet_aton("1.16777215"), Some(Ipv4Addr::new(1, 255, 255, 255)));
    }

    #[test]
    fn ether() {
        // what net-tools 2.10 made of these
        assert_eq!(parse_ether("02:00:00:00:AA:2"), Some([2, 0, 0, 0, 0xaa, 2]));
        assert_eq!(parse_ether("zz:00"), None);
        assert_eq!(parse_ether("02:00:00:00:00:aa:bb"), Some([2, 0, 0, 0, 0, 0xaa]));
        assert_eq!(parse_ether("02:00:00:00:01"), Some([2, 0, 0, 0, 1, 0]));
        assert_eq!(parse_ether("2:0:0:0:1:3"), Some([2, 0, 0, 0, 1, 3]));
        assert_eq!(parse_ether("02-00-00-00-01-04"), None);
        assert_eq!(parse_ether("0200.0000.0105"), None);
        assert_eq!(parse_ether("02:00:00:00:01:06x"), Some([2, 0, 0, 0, 1, 6]));
        assert_eq!(parse_ether("02:00:00:00:01:007"), Some([2, 0, 0, 0, 1, 0]));
        assert_eq!(parse_ether("0"), Some([0; 6]));
        assert_eq!(parse_ether("02::00:00:00:09"), None);
        assert_eq!(parse_ether("02:00:00:00:00:0g"), None);
        assert_eq!(parse_ether("0200000000aa"), Some([2, 0, 0, 0, 0, 0xaa]));
        assert_eq!(parse_ether("02 00 00 00 00 bb"), None);
        assert_eq!(parse_ether("02:00:00:00:00:ab:"), Some([2, 0, 0, 0, 0, 0xab]));
        let mut buf = [0, 0, 10, 0, 0, 24];
        assert!(parse_ether_into("0", &mut buf));
        assert_eq!(buf, [0, 0, 10, 0, 0, 24]);
        assert_eq!(c_strtol("1400x", 10), 1400);
        assert_eq!(c_strtol("0x20", 0), 32);
        assert_eq!(c_strtol("abc", 0), 0);
    }
}
