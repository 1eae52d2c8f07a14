//! One interface address (`struct ifaddrmsg` + attributes) read from raw
//! netlink bytes, and its printer: the normal two-line form, `-o`,
//! `-br` and the `addr_info` objects of `-j`, all from one description.
//!
//! Why not netlink-packet-route's `AddressMessage`: its `Label(String)`
//! (netlink-packet-core's `parse_string`) refuses a label that is not
//! UTF-8, and the whole message with it, so such an address would vanish
//! from `ip addr`; the reference prints the label's bytes. Reading the
//! attributes here keeps them as bytes, and skips building a decoded
//! message per address of a dump.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::ip::{AF_INET, AF_INET6};
use crate::nl::rtm::{RTM_DELADDR, RTM_NEWADDR};
use crate::nl::{attrs, cstr, u32_ne};
use crate::print::{Color, Ctx, Printer};

pub const IFA_ADDRESS: u16 = 1;
pub const IFA_LOCAL: u16 = 2;
pub const IFA_LABEL: u16 = 3;
pub const IFA_BROADCAST: u16 = 4;
pub const IFA_ANYCAST: u16 = 5;
pub const IFA_CACHEINFO: u16 = 6;
pub const IFA_FLAGS: u16 = 8;
pub const IFA_RT_PRIORITY: u16 = 9;

pub const IFA_F_SECONDARY: u32 = 0x01;
pub const IFA_F_NODAD: u32 = 0x02;
pub const IFA_F_OPTIMISTIC: u32 = 0x04;
pub const IFA_F_HOMEADDRESS: u32 = 0x10;
pub const IFA_F_PERMANENT: u32 = 0x80;
pub const IFA_F_MANAGETEMPADDR: u32 = 0x100;
pub const IFA_F_NOPREFIXROUTE: u32 = 0x200;
pub const IFA_F_MCAUTOJOIN: u32 = 0x400;

/// Address flag names in bit order, as printed and as accepted by the
/// show/flush selectors. Bit 0 is "secondary" for IPv4, "temporary" for
/// IPv6; bit 7 (permanent) is printed inverted, as "dynamic".
pub const FLAG_NAMES: &[(u32, &str)] = &[
    (0x01, "secondary"),
    (0x01, "temporary"),
    (0x02, "nodad"),
    (0x04, "optimistic"),
    (0x08, "dadfailed"),
    (0x10, "home"),
    (0x20, "deprecated"),
    (0x40, "tentative"),
    (0x80, "permanent"),
    (0x100, "mngtmpaddr"),
    (0x200, "noprefixroute"),
    (0x400, "autojoin"),
    (0x800, "stable-privacy"),
];

pub const INFINITY_LIFE_TIME: u32 = 0xffff_ffff;

/// How values are shown: `-N` (numbers for names), `-r` (host names
/// for addresses).
#[derive(Debug, Clone, Copy, Default)]
pub struct Fmt {
    pub numeric: bool,
    pub resolve: bool,
}

impl Fmt {
    pub fn of(o: &crate::ip::Opts) -> Fmt {
        Fmt { numeric: o.numeric, resolve: o.resolve }
    }

    fn scope(self, s: u8) -> String {
        crate::ip::route::scope_name(s, self.numeric)
    }

    /// An address, or with `-r` the name it resolves to.
    fn host(self, a: &IpAddr) -> crate::ip::common::HostText {
        crate::ip::common::HostText::new(a, self.resolve)
    }
}

/// One address as the kernel reported it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IfAddr {
    pub family: u8,
    pub prefixlen: u8,
    pub flags: u32,
    pub scope: u8,
    pub index: u32,
    pub local: Option<IpAddr>,
    pub address: Option<IpAddr>,
    pub broadcast: Option<IpAddr>,
    pub anycast: Option<IpAddr>,
    pub label: Option<String>,
    /// (preferred, valid) lifetimes
    pub cacheinfo: Option<(u32, u32)>,
    pub metric: Option<u32>,
}

pub fn ip_from(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => Some(IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))),
        16 => {
            let mut o = [0u8; 16];
            o.copy_from_slice(b);
            Some(IpAddr::V6(Ipv6Addr::from(o)))
        }
        _ => None,
    }
}

impl IfAddr {
    /// Parse a whole RTM_NEWADDR message (netlink header included).
    pub fn parse(msg: &[u8]) -> Option<IfAddr> {
        let body = msg.get(16..)?;
        if body.len() < 8 {
            return None;
        }
        let mut a = IfAddr {
            family: body[0],
            prefixlen: body[1],
            flags: body[2] as u32,
            scope: body[3],
            index: u32::from_ne_bytes(body[4..8].try_into().ok()?),
            ..IfAddr::default()
        };
        for (kind, v) in attrs(&body[8..]) {
            match kind {
                IFA_ADDRESS => a.address = ip_from(v),
                IFA_LOCAL => a.local = ip_from(v),
                IFA_BROADCAST => a.broadcast = ip_from(v),
                IFA_ANYCAST => a.anycast = ip_from(v),
                IFA_LABEL => a.label = Some(cstr(v)),
                IFA_CACHEINFO if v.len() >= 8 => {
                    a.cacheinfo = Some((u32_ne(v)?, u32_ne(&v[4..])?));
                }
                IFA_FLAGS => a.flags = u32_ne(v)?,
                IFA_RT_PRIORITY => a.metric = u32_ne(v),
                _ => {}
            }
        }
        Some(a)
    }

    /// The address shown first: IFA_LOCAL, else IFA_ADDRESS.
    pub fn shown_local(&self) -> Option<IpAddr> {
        self.local.or(self.address)
    }

    /// The peer: IFA_ADDRESS when it differs from IFA_LOCAL.
    pub fn peer(&self) -> Option<IpAddr> {
        match (self.local, self.address) {
            (Some(l), Some(a)) if l != a => Some(a),
            _ => None,
        }
    }

    /// The name label matching uses: IFA_LABEL, else the link's name.
    pub fn label_or<'a>(&'a self, ifname: &'a str) -> &'a str {
        self.label.as_deref().unwrap_or(ifname)
    }
}

pub fn family_word(f: u8) -> String {
    match f {
        AF_INET => "inet".into(),
        AF_INET6 => "inet6".into(),
        crate::ip::AF_MPLS => "mpls".into(),
        crate::ip::AF_BRIDGE => "bridge".into(),
        n => format!("family {n}"),
    }
}

/// local [peer ADDR]/LEN (the part `-br` shows too).
fn print_prefix(p: &mut Printer, fmt: Fmt, a: &IfAddr) {
    let color = Color::of_family(a.family);
    if let Some(l) = a.shown_local() {
        p.color_str(Ctx::Any, color, "local", "{}", fmt.host(&l).as_str());
        if let Some(peer) = a.peer() {
            p.text(" peer ");
            p.color_str(Ctx::Any, color, "address", "{}", fmt.host(&peer).as_str());
        }
    }
    p.uint(Ctx::Any, "prefixlen", "/{}", a.prefixlen as u64);
}

/// An address in `-br` form: `10.0.0.1/24 ` (an object in JSON).
pub fn print_brief(p: &mut Printer, fmt: Fmt, a: &IfAddr) {
    p.open_obj(Ctx::Json, "");
    print_prefix(p, fmt, a);
    p.text(" ");
    if let Some(m) = a.metric {
        p.uint(Ctx::Any, "metric", "metric {} ", m as u64);
    }
    p.close_obj(Ctx::Json);
}

/// `forever` is the text for an infinite lifetime, `secs` the format of
/// a finite one.
fn lifetime(p: &mut Printer, key: &str, forever: &str, secs: &str, v: u32) {
    if v == INFINITY_LIFE_TIME {
        p.uint(Ctx::Json, key, "", v as u64);
        p.text(forever);
    } else {
        p.uint(Ctx::Any, key, secs, v as u64);
    }
}

/// What comes before an address in the normal form.
#[derive(Debug, Clone, Copy)]
pub enum Lead<'a> {
    None,
    /// `N: name` (`-o`, flush listings)
    Dev(u32, &'a str),
    /// `ifN:` and a line break (`showdump`)
    Index(u32),
}

/// An address in the normal form: the `    inet ...` line and its
/// lifetimes line (an `addr_info` element in JSON), after `lead`.
pub fn print_full(p: &mut Printer, fmt: Fmt, a: &IfAddr, lead: Lead) {
    print_full_as(p, fmt, a, lead, false)
}

/// Print one RTM_NEWADDR / RTM_DELADDR message (netlink header included)
/// as `ip monitor` shows an address (`N: dev    inet ...`; `Deleted `
/// first for a deletion), e.g. a `-echo` answer. False when it is none.
pub fn print_msg(ip: &mut crate::ip::Ip, m: &[u8]) -> bool {
    let t = m.get(4..6).map(|b| u16::from_ne_bytes([b[0], b[1]])).unwrap_or(0);
    if t != RTM_NEWADDR && t != RTM_DELADDR {
        return false;
    }
    let Some(a) = IfAddr::parse(m) else { return false };
    let fmt = Fmt::of(&ip.o);
    if ip.o.brief {
        // the reference's brief form: the prefix alone, no line end
        print_brief(&mut ip.p, fmt, &a);
        return true;
    }
    let name = ip.ifname(a.index);
    print_full_as(&mut ip.p, fmt, &a, Lead::Dev(a.index, &name), t == RTM_DELADDR);
    true
}

/// `print_full`, with `Deleted ` / `"deleted": true` first when `deleted`.
fn print_full_as(p: &mut Printer, fmt: Fmt, a: &IfAddr, lead: Lead, deleted: bool) {
    p.open_obj(Ctx::Json, "");
    if deleted {
        p.bool(Ctx::Json, "deleted", "", true);
        p.text("Deleted ");
    }
    match lead {
        Lead::None => {}
        Lead::Dev(index, name) => {
            p.uint(Ctx::Any, "index", "{}: ", index as u64);
            p.str(Ctx::Any, "dev", "{}", name);
        }
        Lead::Index(index) => {
            p.uint(Ctx::Any, "index", "if{}:", index as u64);
            p.nl();
        }
    }
    p.text("    ");
    p.str(Ctx::Any, "family", "{} ", &family_word(a.family));
    print_prefix(p, fmt, a);
    p.text(" ");
    if let Some(m) = a.metric {
        p.uint(Ctx::Any, "metric", "metric {} ", m as u64);
    }
    if let Some(b) = a.broadcast {
        p.text("brd ");
        p.color_str(Ctx::Any, Color::of_family(a.family), "broadcast", "{} ", fmt.host(&b).as_str());
    }
    if let Some(b) = a.anycast {
        p.text("any ");
        p.color_str(Ctx::Any, Color::of_family(a.family), "anycast", "{} ", fmt.host(&b).as_str());
    }
    p.str(Ctx::Any, "scope", "scope {} ", &fmt.scope(a.scope));
    print_flags(p, a);
    if let Some(l) = &a.label {
        p.str(Ctx::Any, "label", "{}", l);
    }
    if let Some((pref, valid)) = a.cacheinfo {
        p.nl();
        p.text("       ");
        lifetime(p, "valid_life_time", "valid_lft forever", "valid_lft {}sec", valid);
        p.text(" ");
        lifetime(p, "preferred_life_time", "preferred_lft forever", "preferred_lft {}sec", pref);
    }
    p.text("\n");
    p.close_obj(Ctx::Json);
}

fn print_flags(p: &mut Printer, a: &IfAddr) {
    let mut rest = a.flags;
    for &(bit, name) in FLAG_NAMES {
        if rest & bit == 0 && bit != IFA_F_PERMANENT {
            continue;
        }
        // bit 0 is named by family
        if bit == IFA_F_SECONDARY && (name == "temporary") != (a.family == AF_INET6) {
            continue;
        }
        if bit == IFA_F_PERMANENT {
            if a.flags & IFA_F_PERMANENT == 0 {
                p.bool(Ctx::Json, "dynamic", "", true);
                p.text("dynamic ");
            }
        } else {
            p.bool(Ctx::Json, name, "", true);
            p.text(&format!("{name} "));
        }
        rest &= !bit;
    }
    if rest != 0 {
        p.num(Ctx::Text, "", "flags {} ", format!("{rest:02x}"));
        p.uint(Ctx::Json, "flags", "", rest as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr4() -> IfAddr {
        IfAddr {
            family: AF_INET,
            prefixlen: 24,
            flags: IFA_F_PERMANENT | IFA_F_SECONDARY,
            scope: 0,
            index: 3,
            local: Some("10.0.0.2".parse().unwrap()),
            address: Some("10.0.0.2".parse().unwrap()),
            broadcast: Some("10.0.0.255".parse().unwrap()),
            label: Some("v0".into()),
            cacheinfo: Some((INFINITY_LIFE_TIME, INFINITY_LIFE_TIME)),
            ..IfAddr::default()
        }
    }

    #[test]
    fn text_line() {
        let mut p = Printer::capture(false, false, false);
        print_full(&mut p, Fmt::default(), &addr4(), Lead::None);
        assert_eq!(
            p.captured(),
            "    inet 10.0.0.2/24 brd 10.0.0.255 scope global secondary v0\n       valid_lft forever preferred_lft forever\n"
        );
    }

    #[test]
    fn deleted_event() {
        // as -echo and ip monitor print a removed address
        let mut p = Printer::capture(false, false, false);
        print_full_as(&mut p, Fmt::default(), &addr4(), Lead::Dev(3, "v0"), true);
        assert_eq!(
            p.captured(),
            "Deleted 3: v0    inet 10.0.0.2/24 brd 10.0.0.255 scope global secondary v0\n       valid_lft forever preferred_lft forever\n"
        );
        let mut p = Printer::capture(true, false, false);
        p.start_doc();
        print_full_as(&mut p, Fmt::default(), &addr4(), Lead::Dev(3, "v0"), true);
        p.end_doc();
        assert!(p.captured().starts_with("[{\"deleted\":true,\"index\":3,\"dev\":\"v0\",\"family\":\"inet\","));
    }

    #[test]
    fn v6_dynamic_oneline() {
        let a = IfAddr {
            family: AF_INET6,
            prefixlen: 64,
            flags: 0x20, // deprecated
            address: Some("2001:db8::1".parse().unwrap()),
            cacheinfo: Some((0, 1000)),
            ..IfAddr::default()
        };
        let mut p = Printer::capture(false, false, true);
        print_full(&mut p, Fmt::default(), &a, Lead::Dev(3, "v0"));
        assert_eq!(
            p.captured(),
            "3: v0    inet6 2001:db8::1/64 scope global deprecated dynamic \\       valid_lft 1000sec preferred_lft 0sec\n"
        );
    }

    #[test]
    fn json_object() {
        let mut p = Printer::capture(true, false, false);
        print_full(&mut p, Fmt::default(), &addr4(), Lead::None);
        assert_eq!(
            p.captured(),
            "{\"family\":\"inet\",\"local\":\"10.0.0.2\",\"prefixlen\":24,\"broadcast\":\"10.0.0.255\",\"scope\":\"global\",\"secondary\":true,\"label\":\"v0\",\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295}"
        );
    }

    #[test]
    fn brief_peer() {
        let mut a = addr4();
        a.local = Some("10.0.0.1".parse().unwrap());
        a.prefixlen = 32;
        let mut p = Printer::capture(false, false, false);
        print_brief(&mut p, Fmt::default(), &a);
        assert_eq!(p.captured(), "10.0.0.1 peer 10.0.0.2/32 ");
    }

    #[test]
    fn parse_raw() {
        let mut m = vec![0u8; 16];
        m.extend_from_slice(&[AF_INET, 24, 0x80, 0]);
        m.extend_from_slice(&3u32.to_ne_bytes());
        crate::nl::put_attr(&mut m, IFA_LOCAL, &[10, 0, 0, 1]);
        crate::nl::put_attr(&mut m, IFA_LABEL, b"v0\0");
        let a = IfAddr::parse(&m).unwrap();
        assert_eq!(a.index, 3);
        assert_eq!(a.flags, 0x80);
        assert_eq!(a.label.as_deref(), Some("v0"));
        assert_eq!(a.shown_local(), Some("10.0.0.1".parse().unwrap()));
    }
}
