//! Host names and addresses as net-tools reads them: a dotted quad as
//! inet_aton(3) takes it (`10`, `10.1`, `0x0a.1.2.3`), else a name looked
//! up by the C library; failures carry the resolver's (herror) text.

use std::net::Ipv4Addr;

/// inet_aton(3): one to four parts, each a C number (0x hex, 0 octal);
/// the last part fills the remaining bytes.
pub fn inet_aton(s: &str) -> Option<Ipv4Addr> {
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
    if s.is_empty() || s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err("Unknown host");
    }
    let Ok(c) = std::ffi::CString::new(s) else { return Err("Unknown host") };
    // SAFETY: all-zero addrinfo is a valid hints value; getaddrinfo fills
    // `res`, which is freed once below.
    unsafe {
        let mut hints: libc::addrinfo = std::mem::zeroed();
        hints.ai_family = libc::AF_INET;
        hints.ai_socktype = libc::SOCK_DGRAM;
        let mut res: *mut libc::addrinfo = std::ptr::null_mut();
        let r = libc::getaddrinfo(c.as_ptr(), std::ptr::null(), &hints, &mut res);
        if r != 0 {
            return Err(match r {
                libc::EAI_NONAME => "Unknown host",
                _ => "Host name lookup failure",
            });
        }
        let mut out = Err("Unknown host");
        if !res.is_null() && !(*res).ai_addr.is_null() {
            let sin = (*res).ai_addr as *const libc::sockaddr_in;
            out = Ok(Ipv4Addr::from(u32::from_be((*sin).sin_addr.s_addr)));
        }
        libc::freeaddrinfo(res);
        out
    }
}

/// An Ethernet address `aa:bb:cc:dd:ee:ff` (one or two hex digits a part).
pub fn parse_ether(s: &str) -> Option<[u8; 6]> {
    let mut out = [0u8; 6];
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() != 6 {
        return None;
    }
    for (o, p) in out.iter_mut().zip(parts) {
        if p.is_empty() || p.len() > 2 {
            return None;
        }
        *o = u8::from_str_radix(p, 16).ok()?;
    }
    Some(out)
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
    }

    #[test]
    fn ether() {
        assert_eq!(parse_ether("02:00:00:00:AA:2"), Some([2, 0, 0, 0, 0xaa, 2]));
        assert_eq!(parse_ether("zz:00"), None);
        assert_eq!(parse_ether("02:00:00:00:00:00:01"), None);
        assert_eq!(c_strtol("1400x", 10), 1400);
        assert_eq!(c_strtol("0x20", 0), 32);
        assert_eq!(c_strtol("abc", 0), 0);
    }
}
