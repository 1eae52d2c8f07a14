//! Pieces every object shares: name ↔ ifindex lookups (one RTM_GETLINK,
//! never a dump), address and prefix parsing with the reference's errors,
//! family names, link-layer addresses, `-r` host names, and the iproute2
//! name files (`/etc/iproute2/*`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_packet_route::link::{LinkAttribute, LinkExtentMask, LinkMessage};
use netlink_packet_route::RouteNetlinkMessage;

use super::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::error::{Error, Result};
use crate::nl::rtm::RTM_GETLINK;

/// One RTM_GETLINK by name. `Ok(None)` when there is no such link.
/// As the reference (if_nametoindex, whose ioctl cuts the name at a
/// colon), an alias name `lo:1` that names no link stands for `lo`.
pub fn link_index(ip: &mut Ip, name: &str) -> Result<Option<u32>> {
    Ok(get_link_by_name_or_alias(ip, name)?.map(|m| m.header.index))
}

/// The link called `name`, else (a colon in it) the one its alias name
/// stands for: `lo:1` → lo.
pub fn get_link_by_name_or_alias(ip: &mut Ip, name: &str) -> Result<Option<LinkMessage>> {
    if let Some(m) = get_link_by_name(ip, name)? {
        return Ok(Some(m));
    }
    match name.split_once(':') {
        Some((base, _)) if !base.is_empty() => get_link_by_name(ip, base),
        _ => Ok(None),
    }
}

/// One RTM_GETLINK by name, the whole message.
pub fn get_link_by_name(ip: &mut Ip, name: &str) -> Result<Option<LinkMessage>> {
    let mut m = LinkMessage::default();
    let bytes = crate::cli::bytes_of(name);
    if bytes.len() >= 16 {
        // the kernel would reject it as a bad attribute; no link has it
        // (altnames longer than 15 are looked up the same way below)
        m.attributes.push(LinkAttribute::Other(netlink_packet_core::DefaultNla::new(
            53, // IFLA_ALT_IFNAME
            bytes.iter().copied().chain(std::iter::once(0)).collect(),
        )));
    } else {
        m.attributes.push(LinkAttribute::IfName(name.to_string()));
    }
    m.attributes.push(LinkAttribute::ExtMask(vec![LinkExtentMask::SkipStats]));
    get_link(ip, m)
}

/// One RTM_GETLINK by index.
pub fn get_link_by_index(ip: &mut Ip, index: u32) -> Result<Option<LinkMessage>> {
    let mut m = LinkMessage::default();
    m.header.index = index;
    m.attributes.push(LinkAttribute::ExtMask(vec![LinkExtentMask::SkipStats]));
    get_link(ip, m)
}

fn get_link(ip: &mut Ip, m: LinkMessage) -> Result<Option<LinkMessage>> {
    match ip.nl()?.get(RouteNetlinkMessage::GetLink(m), 0) {
        Ok(RouteNetlinkMessage::NewLink(l)) => Ok(Some(l)),
        Ok(_) => Ok(None),
        Err(e) => no_such_link(e).map(|()| None),
    }
}

/// The kernel's answers to a get of a link that is not there (no such
/// index or name, a name too long) are no error: Ok; others stay errors.
fn no_such_link(e: Error) -> Result<()> {
    match e.errno() {
        Some(libc::ENODEV) | Some(libc::ERANGE) | Some(libc::EINVAL) => Ok(()),
        _ => Err(e),
    }
}

/// ifindex → name: one RTM_GETLINK without statistics, the name read
/// from the reply's bytes (a route or neighbour listing looks up each
/// device once; decoding the whole link would cost more than the lookup).
pub fn link_name(ip: &mut Ip, index: u32) -> Result<Option<String>> {
    const IFLA_IFNAME: u16 = 3;
    const IFLA_EXT_MASK: u16 = 29;
    const RTEXT_FILTER_SKIP_STATS: u32 = 1 << 3;
    // struct ifinfomsg: family, pad, type, index, flags, change
    let mut req = vec![0u8; 16];
    req[4..8].copy_from_slice(&index.to_ne_bytes());
    crate::nl::put_attr(&mut req, IFLA_EXT_MASK, &RTEXT_FILTER_SKIP_STATS.to_ne_bytes());
    let mut name = None;
    let r = ip.nl()?.get_raw(RTM_GETLINK, 0, &req, &mut |m| {
        if let Some(body) = m.get(16 + 16..) {
            name = crate::nl::attrs(body).find(|(k, _)| *k == IFLA_IFNAME).map(|(_, v)| crate::nl::cstr(v));
        }
        Ok(())
    });
    r.or_else(no_such_link)?;
    Ok(name)
}

/// The name of the link in a message, if it carries one.
pub fn msg_ifname(m: &LinkMessage) -> Option<&str> {
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::IfName(n) => Some(n.as_str()),
        _ => None,
    })
}

/// iproute2's family names ("inet", "inet6", ...).
pub fn family_name(f: u8) -> &'static str {
    match f {
        AF_INET => "inet",
        AF_INET6 => "inet6",
        super::AF_PACKET => "link",
        super::AF_BRIDGE => "bridge",
        super::AF_MPLS => "mpls",
        _ => "any valid",
    }
}

/// A parsed address or prefix (iproute2's inet_prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefix {
    /// AF_INET or AF_INET6; AF_UNSPEC for `default`/`any`/`all` without a
    /// family.
    pub family: u8,
    pub addr: IpAddr,
    /// the prefix length (the full length when none was given)
    pub len: u8,
    /// a `/N` was given
    pub has_len: bool,
    /// `default`, `any` or `all`
    pub any: bool,
    /// `any` or `all`: an address of no bytes (`default` has its zeros)
    pub empty: bool,
}

impl Prefix {
    pub fn bits(&self) -> u8 {
        if self.family == AF_INET6 { 128 } else { 32 }
    }

    /// The bytes the reference sends for it: none for `any`/`all`.
    pub fn sent_octets(&self) -> Vec<u8> {
        if self.empty { Vec::new() } else { self.octets().to_vec() }
    }

    /// The address in network byte order.
    pub fn octets(&self) -> Octets {
        Octets::of(&self.addr)
    }
}

/// An address's bytes in network order (4 or 16 of them), with no
/// allocation: a selector compares every route of a dump with its prefix.
pub struct Octets {
    b: [u8; 16],
    n: usize,
}

impl Octets {
    pub fn of(a: &IpAddr) -> Octets {
        let mut b = [0; 16];
        match a {
            IpAddr::V4(a) => {
                b[..4].copy_from_slice(&a.octets());
                Octets { b, n: 4 }
            }
            IpAddr::V6(a) => Octets { b: a.octets(), n: 16 },
        }
    }

    /// The unspecified address of a family (AF_INET6: 16 bytes, else 4).
    pub fn zero(family: u8) -> Octets {
        Octets { b: [0; 16], n: if family == AF_INET6 { 16 } else { 4 } }
    }
}

impl std::ops::Deref for Octets {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.b[..self.n]
    }
}

fn parse_ip(s: &str, family: u8) -> Option<IpAddr> {
    match family {
        AF_INET => parse_v4(s).map(IpAddr::V4),
        AF_INET6 => s.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        _ => {
            if s.contains(':') {
                s.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
            } else {
                parse_v4(s).map(IpAddr::V4)
            }
        }
    }
}

/// A dotted IPv4 address as the reference reads it: one to four parts,
/// each a number (strtoul base 0: `010` is octal, `0x0a` hex) up to 255;
/// missing parts are zero (`127.1` is 127.1.0.0, `10` is 10.0.0.0).
fn parse_v4(s: &str) -> Option<Ipv4Addr> {
    let mut o = [0u8; 4];
    for (n, part) in s.split('.').enumerate() {
        if n == 4 {
            return None;
        }
        let p = part.trim_start();
        let p = p.strip_prefix('+').unwrap_or(p);
        if p.is_empty() || p.starts_with(['-', '+', ' ']) {
            return None;
        }
        let v = crate::cli::parse_u64(p)?;
        o[n] = u8::try_from(v).ok()?;
    }
    Some(Ipv4Addr::from(o))
}

fn family_of(a: &IpAddr) -> u8 {
    if a.is_ipv4() { AF_INET } else { AF_INET6 }
}

/// The reference's answers for an address or prefix (`what`) in the
/// families that have no IP addresses: `-0` refuses anything, `-B`
/// everything but `default`, `-M` takes MPLS labels (which the kernel
/// then refuses without the mpls module). None for the IP families.
pub fn non_ip_family(s: &str, family: u8, what: &str) -> Option<Result<Prefix>> {
    match family {
        // an address (get_addr) of `-0` is a link-layer one (`neigh`)
        super::AF_PACKET if what == "address" => {
            if matches!(s, "default" | "any" | "all") {
                return None;
            }
            // the word that failed: the whole dotted one, else the bad part
            let bad = if s.contains('.') {
                parse_v4(s).is_none().then_some(s)
            } else {
                s.split(':').find(|p| scan_hex(p).is_none_or(|v| v > 255))
            };
            Some(match bad {
                None => Ok(Prefix {
                    family,
                    addr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                    len: 0,
                    has_len: false,
                    any: false,
                    empty: false,
                }),
                Some(b) => Err(Error::msg(
                    format!("\"{b}\" is invalid lladdr.\nError: link address is expected rather than \"{b}\"."),
                    1,
                )),
            })
        }
        super::AF_PACKET => Some(Err(Error::fatal(
            format!("Error: \"{s}\" may be inet {what}, but it is not allowed in this context."),
            1,
        ))),
        super::AF_MPLS => {
            let labels = s.split('/').all(|l| crate::cli::parse_u32(l).map(|v| v < 1 << 20).unwrap_or(false));
            Some(if labels {
                let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
                Ok(Prefix { family, addr: any, len: 20, has_len: false, any: false, empty: false })
            } else {
                Err(Error::msg(format!("Error: mpls {what} is expected rather than \"{s}\"."), 1))
            })
        }
        super::AF_BRIDGE if !matches!(s, "default" | "any" | "all") => {
            Some(Err(Error::msg(format!("Error: bridge {what} is expected rather than \"{s}\"."), 1)))
        }
        _ => None,
    }
}

/// An address without a prefix length (get_addr): `Error: inet address is
/// expected rather than "X".` (exit 1).
pub fn get_addr(s: &str, family: u8) -> Result<Prefix> {
    if let Some(r) = non_ip_family(s, family, "address") {
        return r;
    }
    parse_addr(s, family).ok_or_else(|| {
        Error::msg(
            format!("Error: {} address is expected rather than \"{s}\".", family_name(family)),
            1,
        )
    })
}

/// Parse an address; None on failure.
pub fn parse_addr(s: &str, family: u8) -> Option<Prefix> {
    if matches!(s, "default" | "any" | "all") {
        let fam = if family == AF_UNSPEC { AF_UNSPEC } else { family };
        let addr = if fam == AF_INET6 {
            IpAddr::V6(Ipv6Addr::UNSPECIFIED)
        } else {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        };
        let empty = s != "default";
        return Some(Prefix { family: fam, addr, len: 0, has_len: false, any: true, empty });
    }
    let a = parse_ip(s, family)?;
    let f = family_of(&a);
    Some(Prefix { family: f, addr: a, len: if f == AF_INET6 { 128 } else { 32 }, has_len: false, any: false, empty: false })
}

/// A prefix `ADDR[/LEN]` (get_prefix): `Error: inet prefix is expected
/// rather than "X".` (exit 1).
pub fn get_prefix(s: &str, family: u8) -> Result<Prefix> {
    if let Some(r) = non_ip_family(s, family, "prefix") {
        return r;
    }
    parse_prefix(s, family).ok_or_else(|| {
        Error::msg(
            format!("Error: {} prefix is expected rather than \"{s}\".", family_name(family)),
            1,
        )
    })
}

/// A dotted netmask as a prefix length (`255.255.0.0` → 16), as the
/// reference's get_netmask reads one; None when not contiguous.
fn netmask_bits(s: &str) -> Option<u32> {
    let m = u32::from(parse_v4(s)?);
    (m.leading_ones() + m.trailing_zeros() == 32).then_some(m.leading_ones())
}

/// Parse a prefix; None on failure.
pub fn parse_prefix(s: &str, family: u8) -> Option<Prefix> {
    if matches!(s, "default" | "any" | "all") {
        return parse_addr(s, family);
    }
    let (a, l) = match s.split_once('/') {
        // `default`, `any` and `all` take no length
        Some(("default" | "any" | "all", _)) => return None,
        Some((a, l)) => (a, Some(l)),
        None => (s, None),
    };
    let mut p = parse_addr(a, family)?;
    if let Some(l) = l {
        let n = crate::cli::parse_u32(l).or_else(|| netmask_bits(l))?;
        if n > p.bits() as u32 {
            return None;
        }
        p.len = n as u8;
        p.has_len = true;
    }
    Some(p)
}

/// Format a MAC-like byte string as iproute2 does (`aa:bb:..`).
pub fn fmt_lladdr(b: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 3);
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push(HEX[(x >> 4) as usize] as char);
        s.push(HEX[(x & 15) as usize] as char);
    }
    s
}

/// One `%x` conversion as sscanf does it: optional blanks, sign and `0x`,
/// then hex digits; the value as an unsigned int (None: no digits).
fn scan_hex(s: &str) -> Option<u64> {
    let t = s.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let t = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(r) if r.starts_with(|c: char| c.is_ascii_hexdigit()) => r,
        _ => t,
    };
    let digits: &str = &t[..t.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(t.len())];
    if digits.is_empty() {
        return None;
    }
    // strtoul saturates; the result is then stored in an unsigned int
    let v = u64::from_str_radix(digits, 16).unwrap_or(u64::MAX);
    let v = if neg { v.wrapping_neg() } else { v };
    Some(v & 0xffff_ffff)
}

/// MAX_ADDR_LEN: longer link-layer addresses are cut.
const MAX_ADDR_LEN: usize = 32;

/// A link-layer address as the reference reads it (`ip link ... address`,
/// `ip neigh ... lladdr`): `aa:bb:...` (each part
/// one `%x` byte) or a dotted IPv4 address. The error names the bad part.
pub fn parse_lladdr(s: &str) -> Result<Vec<u8>> {
    let bad = |part: &str| Error::Failed(format!("\"{part}\" is invalid lladdr."));
    if s.contains('.') {
        return match s.parse::<std::net::Ipv4Addr>() {
            Ok(a) => Ok(a.octets().to_vec()),
            Err(_) => Err(bad(s)),
        };
    }
    let mut out = Vec::new();
    for part in s.split(':') {
        if out.len() >= MAX_ADDR_LEN {
            break;
        }
        match scan_hex(part) {
            Some(v) if v <= 255 => out.push(v as u8),
            _ => return Err(bad(part)),
        }
    }
    Ok(out)
}

/// The host name of an address (`-r`): getnameinfo(3) with NI_NAMEREQD.
pub fn reverse_lookup(a: &IpAddr) -> Option<String> {
    // SAFETY: all-zero sockaddr_in / sockaddr_in6 are valid values.
    let (mut v4, mut v6): (libc::sockaddr_in, libc::sockaddr_in6) = unsafe { std::mem::zeroed() };
    let (sa, len): (*const libc::sockaddr, usize) = match a {
        IpAddr::V4(a) => {
            v4.sin_family = libc::AF_INET as libc::sa_family_t;
            v4.sin_addr.s_addr = u32::from_ne_bytes(a.octets());
            ((&v4 as *const libc::sockaddr_in).cast(), std::mem::size_of_val(&v4))
        }
        IpAddr::V6(a) => {
            v6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            v6.sin6_addr.s6_addr = a.octets();
            ((&v6 as *const libc::sockaddr_in6).cast(), std::mem::size_of_val(&v6))
        }
    };
    let mut host = [0 as libc::c_char; 1025];
    // SAFETY: sa points to a filled-in sockaddr of len bytes; getnameinfo
    // writes at most host.len() bytes, NUL-terminated.
    let r = unsafe {
        libc::getnameinfo(
            sa,
            len as libc::socklen_t,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            libc::NI_NAMEREQD,
        )
    };
    if r != 0 {
        return None;
    }
    // SAFETY: getnameinfo succeeded, so host holds a NUL-terminated string.
    let c = unsafe { std::ffi::CStr::from_ptr(host.as_ptr()) };
    Some(crate::cli::string_of_bytes(c.to_bytes()))
}

/// An address as text, or with `-r` (`resolve`) the host name it has;
/// no heap allocation unless a name was found.
pub enum HostText {
    Addr(IpText),
    Name(String),
}

impl HostText {
    pub fn new(a: &IpAddr, resolve: bool) -> HostText {
        if resolve {
            if let Some(n) = reverse_lookup(a) {
                return HostText::Name(n);
            }
        }
        HostText::Addr(IpText::new(a))
    }

    pub fn as_str(&self) -> &str {
        match self {
            HostText::Addr(t) => t.as_str(),
            HostText::Name(n) => n,
        }
    }
}

/// An address (optionally `/len`) formatted on the stack, byte for byte as
/// glibc's inet_ntop writes it (IPv4 dotted quad hand-written; IPv6 via
/// std's RFC 5952 Display, except IPv4-compatible `::1.2.3.4`, which std
/// writes as `::102:304`). No heap allocation.
pub struct IpText {
    buf: [u8; 52],
    len: usize,
}

impl IpText {
    pub fn new(a: &IpAddr) -> IpText {
        let mut t = IpText { buf: [0; 52], len: 0 };
        match a {
            IpAddr::V4(v4) => t.push_v4(v4.octets()),
            IpAddr::V6(v6) => {
                let s = v6.segments();
                if s[..6] == [0; 6] && s[6] != 0 {
                    // IPv4-compatible: inet_ntop writes ::1.2.3.4 (std: ::102:304)
                    t.push(b':');
                    t.push(b':');
                    let o = v6.octets();
                    t.push_v4([o[12], o[13], o[14], o[15]]);
                } else {
                    use std::fmt::Write;
                    let _ = write!(t, "{v6}");
                }
            }
        }
        t
    }

    #[inline]
    fn push_v4(&mut self, octets: [u8; 4]) {
        for (i, o) in octets.into_iter().enumerate() {
            if i > 0 {
                self.push(b'.');
            }
            self.push_dec(o as u32);
        }
    }

    /// `addr/len`.
    pub fn with_len(a: &IpAddr, len: u8) -> IpText {
        let mut t = IpText::new(a);
        t.push(b'/');
        t.push_dec(len as u32);
        t
    }

    fn push(&mut self, b: u8) {
        self.buf[self.len] = b;
        self.len += 1;
    }

    fn push_dec(&mut self, v: u32) {
        if v >= 100 {
            self.push(b'0' + (v / 100) as u8);
        }
        if v >= 10 {
            self.push(b'0' + (v / 10 % 10) as u8);
        }
        self.push(b'0' + (v % 10) as u8);
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: buf[..len] only ever receives ASCII bytes (push) or whole
        // &strs (write_str), so it is valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(&self.buf[..self.len]) }
    }
}

impl std::fmt::Write for IpText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let b = s.as_bytes();
        let end = self.len + b.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(b);
        self.len = end;
        Ok(())
    }
}

/// Read one iproute2 name file (`/etc/iproute2/rt_tables`, `rt_protos`,
/// `group`, ...) into `out`: lines `NUMBER NAME` (the number as strtoul
/// base 0 reads it), `#` comment lines skipped. A name may itself start
/// with `#` (the reference keeps it). False when the file is unreadable.
pub fn read_name_file(path: impl AsRef<std::path::Path>, out: &mut Vec<(u32, String)>) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split_whitespace();
        let (Some(id), Some(name)) = (it.next(), it.next()) else { continue };
        if let Some(id) = crate::cli::parse_u32(id) {
            out.push((id, name.to_string()));
        }
    }
    true
}

/// The `*.conf` name files of a directory (`rt_tables.d`, ...), in name order.
pub fn read_name_dir(dir: impl AsRef<std::path::Path>, out: &mut Vec<(u32, String)>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut files: Vec<_> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    files.sort();
    for f in files {
        read_name_file(&f, out);
    }
}

/// `/etc/iproute2/BASE` plus `/etc/iproute2/BASE.d/*.conf`.
pub fn read_names(base: &str) -> Vec<(u32, String)> {
    let mut v = Vec::new();
    read_name_file(format!("/etc/iproute2/{base}"), &mut v);
    read_name_dir(format!("/etc/iproute2/{base}.d"), &mut v);
    v
}

/// id → name: from the files (the last definition wins), else built-in.
pub fn name_of(id: u32, file: &[(u32, String)], builtin: &[(u32, &str)]) -> Option<String> {
    if let Some((_, n)) = file.iter().rev().find(|(i, _)| *i == id) {
        return Some(n.clone());
    }
    builtin.iter().find(|(i, _)| *i == id).map(|(_, n)| n.to_string())
}

/// id → name as printed: the number with `-N` (`numeric`) or when unnamed.
pub fn id_name(id: u32, numeric: bool, file: &[(u32, String)], builtin: &[(u32, &str)]) -> String {
    if !numeric {
        if let Some(n) = name_of(id, file, builtin) {
            return n;
        }
    }
    id.to_string()
}

/// name → id: built-in first, then the files (the first definition).
pub fn id_of(name: &str, file: &[(u32, String)], builtin: &[(u32, &str)]) -> Option<u32> {
    if let Some((i, _)) = builtin.iter().find(|(_, n)| *n == name) {
        return Some(*i);
    }
    file.iter().find(|(_, n)| n == name).map(|(i, _)| *i)
}

/// /etc/protocols: (number, official name, aliases), in file order.
fn protocols() -> &'static [(u8, Vec<String>)] {
    static T: std::sync::OnceLock<Vec<(u8, Vec<String>)>> = std::sync::OnceLock::new();
    T.get_or_init(|| parse_protocols(&std::fs::read_to_string("/etc/protocols").unwrap_or_default()))
}

fn parse_protocols(text: &str) -> Vec<(u8, Vec<String>)> {
    let mut v = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut it = line.split_whitespace();
        let (Some(name), Some(num)) = (it.next(), it.next()) else { continue };
        let Ok(num) = num.parse::<u8>() else { continue };
        let mut names = vec![name.to_string()];
        names.extend(it.map(str::to_string));
        v.push((num, names));
    }
    v
}

/// An IP protocol number as the reference names it (`tcp`,
/// `ipv6-icmp`: the official name in /etc/protocols), else
/// `ipproto-N`; always `ipproto-N` with `-N`.
pub fn ip_proto_name(p: u8, numeric: bool) -> String {
    if !numeric {
        if let Some((_, names)) = protocols().iter().find(|(n, _)| *n == p) {
            return names[0].clone();
        }
    }
    format!("ipproto-{p}")
}

/// An IP protocol by /etc/protocols name or alias (exact case), or a
/// decimal number up to 255.
pub fn parse_ip_proto(s: &str) -> Option<u8> {
    if let Some((n, _)) = protocols().iter().find(|(_, names)| names.iter().any(|x| x == s)) {
        return Some(*n);
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u8>().ok()
}

/// A stream `ip address save` / `ip route save` wrote: a magic number,
/// then netlink messages (headers included) as the kernel sent them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SavedStream {
    pub msgs: Vec<Vec<u8>>,
    /// bytes were left over that make no whole message
    pub truncated: bool,
}

/// Split a saved stream. Err: the reference's `Magic mismatch (N elems,
/// M magic)` text (each object reports it with its own exit code).
pub fn split_saved_stream(data: &[u8], magic: u32) -> std::result::Result<SavedStream, String> {
    if data.len() < 4 {
        // what an incomplete read left in the magic word
        let mut b = [0u8; 4];
        b[..data.len()].copy_from_slice(data);
        return Err(format!("Magic mismatch (0 elems, {:x} magic)", u32::from_ne_bytes(b)));
    }
    let found = u32::from_ne_bytes([data[0], data[1], data[2], data[3]]);
    if found != magic {
        return Err(format!("Magic mismatch (1 elems, {found:x} magic)"));
    }
    let mut out = SavedStream::default();
    let mut rest = &data[4..];
    while !rest.is_empty() {
        let len = rest.get(..4).map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as usize);
        match len {
            Some(len) if len >= 16 && len <= rest.len() => {
                out.msgs.push(rest[..len].to_vec());
                rest = &rest[((len + 3) & !3).min(rest.len())..];
            }
            _ => {
                out.truncated = true;
                break;
            }
        }
    }
    Ok(out)
}

/// [`split_saved_stream`] of all of stdin.
pub fn read_saved_stream(magic: u32) -> std::result::Result<SavedStream, String> {
    use std::io::Read;
    let mut data = Vec::new();
    let _ = std::io::stdin().lock().read_to_end(&mut data);
    split_saved_stream(&data, magic)
}

#[cfg(test)]
mod tests {

    extern "C" {
        fn inet_ntop(af: libc::c_int, src: *const libc::c_void, dst: *mut libc::c_char, size: libc::socklen_t) -> *const libc::c_char;
    }

    #[test]
    fn dotted_netmasks() {
        let p = parse_prefix("10.0.0.5/255.255.255.0", AF_UNSPEC).unwrap();
        assert_eq!((p.len, p.has_len), (24, true));
        assert_eq!(parse_prefix("10.0.1.5/255.255.0", AF_UNSPEC).unwrap().len, 16);
        assert_eq!(parse_prefix("10.0.0.0/0.0.0.0", AF_INET).unwrap().len, 0);
        assert_eq!(parse_prefix("2001:db8::/255.255.0.0", AF_INET6).unwrap().len, 16);
        assert!(parse_prefix("10.0.2.5/255.0.255.0", AF_UNSPEC).is_none());
        assert!(parse_prefix("10.0.2.5/255.255.255.255.0", AF_UNSPEC).is_none());
        assert_eq!(parse_prefix("10.0.0.0/-0", AF_INET).unwrap().len, 0);
    }

    #[test]
    fn names_of_the_zero_prefix_take_no_length() {
        assert!(parse_prefix("default", AF_INET).unwrap().any);
        assert!(parse_prefix("any", AF_UNSPEC).unwrap().any);
        for s in ["default/0", "any/8", "all/0"] {
            assert!(parse_prefix(s, AF_UNSPEC).is_none(), "{s}");
            assert!(parse_prefix(s, AF_INET6).is_none(), "{s}");
        }
    }

    #[test]
    fn ip_text_matches_inet_ntop() {
        let mut x: u64 = 0x9e3779b97f4a7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut v4: Vec<Ipv4Addr> = ["0.0.0.0", "255.255.255.255", "10.0.9.100", "1.10.100.99"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        for _ in 0..2000 {
            v4.push(Ipv4Addr::from(next() as u32));
        }
        for a in v4 {
            let ip = IpAddr::V4(a);
            assert_eq!(IpText::new(&ip).as_str(), a.to_string());
            assert_eq!(IpText::with_len(&ip, 24).as_str(), format!("{a}/24"));
        }
        let mut v6: Vec<Ipv6Addr> = ["::", "::1", "::ffff:1.2.3.4", "::1.2.3.4", "2001:db8::1", "fe80::1:0:0:1",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:0:0:1:0:0:0:1", "::ffff:0:1.2.3.4"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        for _ in 0..2000 {
            let mut b = (next() as u128) << 64 | next() as u128;
            // sprinkle zero groups
            b &= (next() as u128) << 64 | next() as u128 | 0xffff_0000_ffff_0000_0000_ffff_0000_ffff;
            v6.push(Ipv6Addr::from(b));
        }
        for _ in 0..500 {
            // IPv4-compatible and IPv4-mapped forms
            v6.push(Ipv6Addr::from(next() as u32 as u128));
            v6.push(Ipv6Addr::from((next() as u16 as u128) << 16));
            v6.push(Ipv6Addr::from(0xffff_0000_0000 | next() as u32 as u128));
        }
        for a in v6 {
            // the reference formats with glibc's inet_ntop
            let mut c = [0 as libc::c_char; 64];
            let o = a.octets();
            // SAFETY: o is a 16-byte in6_addr, c has room for INET6_ADDRSTRLEN.
            let r = unsafe { inet_ntop(libc::AF_INET6, o.as_ptr().cast(), c.as_mut_ptr(), 64) };
            assert!(!r.is_null());
            // SAFETY: inet_ntop succeeded, so c is NUL-terminated.
            let want = unsafe { std::ffi::CStr::from_ptr(c.as_ptr()) }.to_str().unwrap().to_string();
            let ip = IpAddr::V6(a);
            assert_eq!(IpText::new(&ip).as_str(), want, "{a:?}");
            assert_eq!(IpText::with_len(&ip, 128).as_str(), format!("{want}/128"));
        }
    }
    use super::*;

    #[test]
    fn prefixes() {
        let p = get_prefix("10.0.0.1/24", AF_UNSPEC).unwrap();
        assert_eq!((p.family, p.len, p.has_len), (AF_INET, 24, true));
        let p = get_prefix("2001:db8::1", AF_UNSPEC).unwrap();
        assert_eq!((p.family, p.len, p.has_len), (AF_INET6, 128, false));
        assert!(get_prefix("default", AF_UNSPEC).unwrap().any);
        let e = get_prefix("10.0.0.300/24", AF_UNSPEC).unwrap_err();
        assert_eq!(e.to_string(), "Error: any valid prefix is expected rather than \"10.0.0.300/24\".");
        assert_eq!(e.exit_code(), 1);
        let e = get_prefix("10.1.1.1/24", AF_INET6).unwrap_err();
        assert_eq!(e.to_string(), "Error: inet6 prefix is expected rather than \"10.1.1.1/24\".");
        assert!(get_prefix("10.0.0.0/33", AF_UNSPEC).is_err());
        assert_eq!(get_addr("127.1", AF_UNSPEC).unwrap().addr.to_string(), "127.1.0.0");
        assert_eq!(get_addr("010.0.0.0x2", AF_UNSPEC).unwrap().addr.to_string(), "8.0.0.2");
        for bad in ["10.0.0.2.", "10..0.2", "1.2.3.4.5", "256.1", "-1.0.0.0", "10.0.0.2x"] {
            assert!(get_addr(bad, AF_UNSPEC).is_err(), "{bad}");
        }
        let e = get_addr("1.2.3.x", AF_INET).unwrap_err();
        assert_eq!(e.to_string(), "Error: inet address is expected rather than \"1.2.3.x\".");
    }

    #[test]
    fn lladdr() {
        assert_eq!(fmt_lladdr(&[2, 0, 0, 0, 0, 0x1a]), "02:00:00:00:00:1a");
        assert_eq!(parse_lladdr("2:0:0:0:0:1a").unwrap(), vec![2, 0, 0, 0, 0, 0x1a]);
        assert_eq!(parse_lladdr("2:0:0:0:0:9xyz").unwrap(), vec![2, 0, 0, 0, 0, 9]);
        assert_eq!(parse_lladdr("0x12:+2:0xg").unwrap(), vec![0x12, 2, 0]);
        assert_eq!(parse_lladdr("1.2.3.4").unwrap(), vec![1, 2, 3, 4]);
        assert_eq!(parse_lladdr("020000000099").unwrap(), vec![0x99]);
        assert_eq!(parse_lladdr(&["1"; 40].join(":")).unwrap().len(), MAX_ADDR_LEN);
        for (arg, part) in [
            ("zz", "zz"),
            ("2::3", ""),
            ("2:1ff:3", "1ff"),
            ("-1:0", "-1"),
            ("0200.0000.0099", "0200.0000.0099"),
        ] {
            let e = parse_lladdr(arg).unwrap_err();
            assert_eq!(e.to_string(), format!("\"{part}\" is invalid lladdr."));
            assert_eq!(e.exit_code(), 1);
        }
    }

    #[test]
    fn saved_streams() {
        let m = 0x4531_1224u32;
        assert_eq!(split_saved_stream(b"", m).unwrap_err(), "Magic mismatch (0 elems, 0 magic)");
        assert_eq!(split_saved_stream(b"ab", m).unwrap_err(), "Magic mismatch (0 elems, 6261 magic)");
        assert_eq!(split_saved_stream(b"abcdefgh", m).unwrap_err(), "Magic mismatch (1 elems, 64636261 magic)");
        let mut data = m.to_ne_bytes().to_vec();
        let msg = |len: u32| {
            let mut v = len.to_ne_bytes().to_vec();
            v.resize(len as usize, 7);
            v
        };
        data.extend(msg(18));
        data.extend([0, 0]); // padding
        data.extend(msg(16));
        let s = split_saved_stream(&data, m).unwrap();
        assert_eq!((s.msgs.len(), s.msgs[0].len(), s.msgs[1].len(), s.truncated), (2, 18, 16, false));
        data.extend(msg(20));
        data.truncate(data.len() - 1);
        let s = split_saved_stream(&data, m).unwrap();
        assert_eq!((s.msgs.len(), s.truncated), (2, true));
    }

    #[test]
    fn host_names() {
        assert_eq!(HostText::new(&"10.0.0.1".parse().unwrap(), false).as_str(), "10.0.0.1");
        assert_eq!(reverse_lookup(&"127.0.0.1".parse().unwrap()).as_deref(), Some("localhost"));
        let v6: IpAddr = "2001:db8::1".parse().unwrap();
        assert_eq!(HostText::new(&v6, true).as_str(), reverse_lookup(&v6).unwrap_or_else(|| v6.to_string()));
    }

    #[test]
    fn protocol_names() {
        let t = parse_protocols("# c\nip\t0\tIP\ntcp 6 TCP # x\nipv6-icmp 58 IPv6-ICMP\nbad x\n");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1], (6, vec!["tcp".to_string(), "TCP".to_string()]));
        assert_eq!(ip_proto_name(200, false), "ipproto-200");
        assert_eq!(ip_proto_name(6, true), "ipproto-6");
        assert_eq!(parse_ip_proto("010"), Some(10));
        assert_eq!(parse_ip_proto("255"), Some(255));
        for bad in ["256", "0x10", "frob", "", "-1", "ipproto-6"] {
            assert_eq!(parse_ip_proto(bad), None, "{bad}");
        }
    }

    #[test]
    fn name_files() {
        let dir = std::env::temp_dir().join(format!("rip-names-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("x.d")).unwrap();
        std::fs::write(dir.join("x"), "# c\n  1 one\n0x10 sixteen # c\n5 #five\nbad line\n7\n").unwrap();
        std::fs::write(dir.join("x.d/b.conf"), "1 uno\n").unwrap();
        std::fs::write(dir.join("x.d/a.txt"), "2 two\n").unwrap();
        let mut v = Vec::new();
        assert!(read_name_file(dir.join("x"), &mut v));
        read_name_dir(dir.join("x.d"), &mut v);
        assert!(!read_name_file(dir.join("none"), &mut v));
        std::fs::remove_dir_all(&dir).unwrap();
        let want: Vec<(u32, String)> =
            [(1, "one"), (16, "sixteen"), (5, "#five"), (1, "uno")].iter().map(|(i, n)| (*i, n.to_string())).collect();
        assert_eq!(v, want);
        assert_eq!(name_of(1, &v, &[]).as_deref(), Some("uno"));
        assert_eq!(name_of(3, &v, &[(3, "three")]).as_deref(), Some("three"));
        assert_eq!(id_name(16, false, &v, &[]), "sixteen");
        assert_eq!(id_name(16, true, &v, &[]), "16");
        assert_eq!(id_name(17, false, &v, &[]), "17");
        assert_eq!(id_of("one", &v, &[]), Some(1));
        assert_eq!(id_of("one", &v, &[(9, "one")]), Some(9));
        assert_eq!(id_of("two", &v, &[]), None);
    }
}
