//! `ip address show` and `ip address flush`: the selectors, the link and
//! address dumps, and what is printed for each link.

use netlink_packet_route::link::{InfoKind, LinkAttribute, LinkFlags, LinkInfo, LinkMessage};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

use super::info::{self, IfAddr, Lead, FLAG_NAMES, IFA_F_PERMANENT, IFA_F_SECONDARY};
use super::{hdr, usage};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::ip::common::Prefix;
use crate::ip::{Ip, AF_PACKET, AF_UNSPEC};
use crate::print::{Ctx, Printer};

const RTM_GETADDR: u16 = 22;
const RTM_DELADDR: u16 = 21;

/// The selectors of show and flush.
#[derive(Debug, Default)]
pub struct Filter {
    pub family: u8,
    pub dev: Option<String>,
    pub ifindex: u32,
    pub scope: u8,
    pub scopemask: u8,
    pub flags: u32,
    pub flagmask: u32,
    pub to: Option<Prefix>,
    pub label: Option<String>,
    pub up: bool,
    /// Some(index) for `master DEV`, Some(0) for `nomaster`
    pub master: Option<u32>,
    pub kind: Option<String>,
    /// at least one address selector was given
    pub addr_selectors: bool,
}

/// A flag selector: `secondary`, `-tentative`, `dynamic`, ... →
/// (bit, wanted set).
fn flag_selector(w: &str) -> Option<(u32, bool)> {
    match w {
        "dynamic" => return Some((IFA_F_PERMANENT, false)),
        "primary" => return Some((IFA_F_SECONDARY, false)),
        _ => {}
    }
    let (name, set) = match w.strip_prefix('-') {
        Some(n) => (n, false),
        None => (w, true),
    };
    let bit = match name {
        "dynamic" => return Some((IFA_F_PERMANENT, !set)),
        "primary" => return Some((IFA_F_SECONDARY, !set)),
        _ => FLAG_NAMES.iter().find(|(_, n)| *n == name)?.0,
    };
    Some((bit, set))
}

pub fn parse_filter(ip: &mut Ip, mut args: Args) -> Result<Filter> {
    let mut f = Filter { family: ip.o.family, ..Filter::default() };
    while let Some(w) = args.next() {
        let w = w.as_str();
        if w == "to" {
            let v = args.value()?;
            let p = super::addr_arg(&v, f.family, true)?;
            if f.family == AF_UNSPEC {
                f.family = p.family;
            }
            f.to = Some(p);
        } else if w == "scope" {
            let v = args.value()?;
            f.scopemask = 0xff;
            if v == "all" {
                f.scope = 0;
                f.scopemask = 0;
            } else {
                f.scope = info::scope_parse(&v).ok_or_else(|| Error::invarg("invalid \"scope\"\n", &v))?;
            }
        } else if w == "up" {
            f.up = true;
        } else if let Some((bit, set)) = flag_selector(w) {
            f.flagmask |= bit;
            if set {
                f.flags |= bit;
            } else {
                f.flags &= !bit;
            }
        } else if w == "label" {
            f.label = Some(args.value()?);
        } else if w == "dev" {
            let v = args.value()?;
            if f.dev.is_some() {
                return Err(Error::duparg2("dev", &v));
            }
            f.dev = Some(v);
        } else if w == "master" {
            let v = args.value()?;
            let i = crate::ip::common::link_index(ip, &v)?
                .ok_or_else(|| Error::invarg("Device does not exist\n", &v))?;
            f.master = Some(i);
        } else if w == "vrf" {
            let v = args.value()?;
            let l = crate::ip::common::get_link_by_name(ip, &v)?;
            let is_vrf = l.as_ref().map(|m| link_kind(m).0.as_deref() == Some("vrf")).unwrap_or(false);
            if !is_vrf {
                return Err(Error::invarg("Not a valid VRF name\n", &v));
            }
            f.master = l.map(|m| m.header.index);
        } else if w == "type" {
            f.kind = Some(args.value()?);
        } else if w == "nomaster" {
            f.master = Some(0);
        } else {
            if matches(w, "help") {
                return Err(usage());
            }
            if f.dev.is_some() {
                return Err(Error::duparg2("dev", w));
            }
            f.dev = Some(w.to_string());
        }
    }
    f.addr_selectors = f.scopemask != 0 || f.flagmask != 0 || f.to.is_some() || f.label.is_some();
    if let Some(d) = &f.dev {
        match crate::ip::common::link_index(ip, d)? {
            Some(i) => f.ifindex = i,
            None => return Err(Error::msg(format!("Device \"{d}\" does not exist."), 1)),
        }
    }
    Ok(f)
}

/// shell-style pattern match (`*`, `?`, `[...]`), as fnmatch(3) without flags.
pub fn fnmatch(pat: &[u8], s: &[u8]) -> bool {
    match pat.first() {
        None => s.is_empty(),
        Some(b'*') => (0..=s.len()).any(|i| fnmatch(&pat[1..], &s[i..])),
        Some(b'?') => !s.is_empty() && fnmatch(&pat[1..], &s[1..]),
        Some(b'[') => {
            let Some(&c) = s.first() else { return false };
            let mut i = 1;
            let negate = matches!(pat.get(1), Some(b'!') | Some(b'^'));
            if negate {
                i += 1;
            }
            let mut hit = false;
            let mut first = true;
            while i < pat.len() && (first || pat[i] != b']') {
                first = false;
                if i + 2 < pat.len() && pat[i + 1] == b'-' && pat[i + 2] != b']' {
                    if pat[i] <= c && c <= pat[i + 2] {
                        hit = true;
                    }
                    i += 3;
                } else {
                    if pat[i] == c {
                        hit = true;
                    }
                    i += 1;
                }
            }
            if i >= pat.len() {
                // no closing bracket: a literal '['
                return c == b'[' && fnmatch(&pat[1..], &s[1..]);
            }
            hit != negate && fnmatch(&pat[i + 1..], &s[1..])
        }
        Some(b'\\') if pat.len() > 1 => s.first() == Some(&pat[1]) && fnmatch(&pat[2..], &s[1..]),
        Some(&c) => s.first() == Some(&c) && fnmatch(&pat[1..], &s[1..]),
    }
}

fn prefix_covers(p: &Prefix, a: &std::net::IpAddr) -> bool {
    if p.any && p.family == AF_UNSPEC {
        return true;
    }
    let (pa, aa) = match (p.addr, a) {
        (std::net::IpAddr::V4(x), std::net::IpAddr::V4(y)) => (x.octets().to_vec(), y.octets().to_vec()),
        (std::net::IpAddr::V6(x), std::net::IpAddr::V6(y)) => (x.octets().to_vec(), y.octets().to_vec()),
        _ => return false,
    };
    let bits = p.len as usize;
    for i in 0..bits {
        let (byte, bit) = (i / 8, 7 - (i % 8));
        if (pa[byte] >> bit) & 1 != (aa[byte] >> bit) & 1 {
            return false;
        }
    }
    true
}

impl Filter {
    /// Does an address pass the address selectors? `ifname` names the
    /// link (label matching falls back to it).
    pub fn addr_ok(&self, a: &IfAddr, ifname: &str) -> bool {
        if self.family != AF_UNSPEC && self.family != AF_PACKET && a.family != self.family {
            return false;
        }
        if (self.scope ^ a.scope) & self.scopemask != 0 {
            return false;
        }
        if (self.flags ^ a.flags) & self.flagmask != 0 {
            return false;
        }
        if let Some(to) = &self.to {
            match a.shown_local() {
                Some(l) if prefix_covers(to, &l) => {}
                _ => return false,
            }
        }
        if let Some(pat) = &self.label {
            if !fnmatch(pat.as_bytes(), a.label_or(ifname).as_bytes()) {
                return false;
            }
        }
        true
    }

    /// Is a link listed at all? `dev` and `up` always select; without
    /// `dev` and an address family, `master`/`nomaster` and a `type` that
    /// is not a `*_slave` one are answered by the kernel's filtered dump.
    fn link_listed(&self, m: &LinkMessage) -> bool {
        if self.ifindex != 0 && m.header.index != self.ifindex {
            return false;
        }
        if self.up && !m.header.flags.contains(LinkFlags::Up) {
            return false;
        }
        if self.dev.is_none() && (self.family == AF_UNSPEC || self.family == AF_PACKET) {
            if self.master.is_some() && !self.master_ok(m) {
                return false;
            }
            if let Some(k) = &self.kind {
                if !k.ends_with("_slave") && link_kind(m).0.as_deref() != Some(k.as_str()) {
                    return false;
                }
            }
        }
        true
    }

    fn master_ok(&self, m: &LinkMessage) -> bool {
        let Some(want) = self.master else { return true };
        let master = m
            .attributes
            .iter()
            .find_map(|a| match a {
                LinkAttribute::Controller(i) => Some(*i),
                _ => None,
            })
            .unwrap_or(0);
        master == want
    }

    /// The check the link printer makes (so not with `label` or `-o`):
    /// `master` and `type`, slave kinds included.
    fn link_printable(&self, m: &LinkMessage) -> bool {
        if !self.master_ok(m) {
            return false;
        }
        if let Some(k) = &self.kind {
            let (kind, slave) = link_kind(m);
            let ok = match k.strip_suffix("_slave") {
                Some(base) => slave.as_deref() == Some(base),
                None => kind.as_deref() == Some(k.as_str()),
            };
            if !ok {
                return false;
            }
        }
        true
    }
}

/// (kind, slave kind) of a link.
fn link_kind(m: &LinkMessage) -> (Option<String>, Option<String>) {
    let mut kind = None;
    let mut slave = None;
    for a in &m.attributes {
        if let LinkAttribute::LinkInfo(infos) = a {
            for i in infos {
                match i {
                    LinkInfo::Kind(k) => {
                        kind = Some(match k {
                            InfoKind::Other(s) => s.clone(),
                            k => k.to_string(),
                        })
                    }
                    LinkInfo::PortKind(k) => slave = Some(k.to_string()),
                    _ => {}
                }
            }
        }
    }
    (kind, slave)
}

fn link_name(m: &LinkMessage) -> String {
    crate::ip::common::msg_ifname(m).unwrap_or("").to_string()
}

/// The links to show: one RTM_GETLINK for `dev`, else a dump of the
/// filter's family (an IPv6 dump carries less, as the reference shows).
fn links(ip: &mut Ip, f: &Filter) -> Result<Vec<LinkMessage>> {
    if let Some(d) = &f.dev {
        let d = d.clone();
        return Ok(crate::ip::common::get_link_by_name(ip, &d)?.into_iter().collect());
    }
    let mut m = LinkMessage::default();
    m.header.interface_family = AddressFamily::from(if f.family == AF_PACKET { AF_UNSPEC } else { f.family });
    if f.family != crate::ip::AF_INET6 {
        // the IPv6 link dump takes no attributes under strict checking
        m.attributes.push(LinkAttribute::ExtMask(vec![netlink_packet_route::link::LinkExtentMask::Vf]));
    }
    let mut out = Vec::new();
    ip.nl()?.dump(RouteNetlinkMessage::GetLink(m), &mut |msg| {
        if let RouteNetlinkMessage::NewLink(l) = msg {
            out.push(l);
        }
        Ok(())
    })?;
    for l in &out {
        let n = link_name(l);
        ip.cache_name(l.header.index, &n);
    }
    Ok(out)
}

/// All addresses of a family (AF_UNSPEC: all), in kernel order, each
/// with its whole message.
pub fn addresses(ip: &mut Ip, family: u8) -> Result<Vec<(IfAddr, Vec<u8>)>> {
    let family = if family == AF_PACKET { AF_UNSPEC } else { family };
    let payload = [family, 0, 0, 0, 0, 0, 0, 0];
    let mut out = Vec::new();
    ip.nl()?.dump_raw(RTM_GETADDR, &payload, &mut |m| {
        if let Some(a) = IfAddr::parse(m) {
            out.push((a, m.to_vec()));
        }
        Ok(())
    })?;
    Ok(out)
}

/// A link's `addr_info`. An address the selectors turn away still
/// leaves `{}` in the reference's JSON.
fn print_addrs(ip: &mut Ip, f: &Filter, addrs: &[&IfAddr], name: &str, lead: Lead) {
    let fmt = info::Fmt::of(&ip.o);
    ip.p.open_arr(Ctx::Json, "addr_info", "");
    for a in addrs {
        if !f.addr_ok(a, name) {
            ip.p.open_obj(Ctx::Json, "");
            ip.p.close_obj(Ctx::Json);
        } else if ip.o.brief {
            info::print_brief(&mut ip.p, fmt, a);
        } else {
            info::print_full(&mut ip.p, fmt, a, lead);
        }
    }
    ip.p.close_arr(Ctx::Json, "");
}

pub fn show(ip: &mut Ip, args: Args) -> Result<()> {
    let f = parse_filter(ip, args)?;
    // the link printer leaves out the link/ether line under a family
    // filter, and `to PREFIX` makes one
    let family = std::mem::replace(&mut ip.o.family, f.family);
    let r = show_filtered(ip, &f);
    ip.o.family = family;
    r
}

fn show_filtered(ip: &mut Ip, f: &Filter) -> Result<()> {
    let links: Vec<LinkMessage> = links(ip, f)?.into_iter().filter(|l| f.link_listed(l)).collect();
    let addrs = if f.family == AF_PACKET { Vec::new() } else { addresses(ip, f.family)? };
    let brief = ip.o.brief;
    let oneline = ip.o.oneline;
    ip.p.start_doc();
    for l in &links {
        let name = link_name(l);
        let index = l.header.index;
        let mine: Vec<&IfAddr> = addrs.iter().map(|(a, _)| a).filter(|a| a.index == index).collect();
        // a link stays when an address passes, or when it has none at
        // all and no family was asked for
        let keep = mine.iter().any(|a| f.addr_ok(a, &name))
            || (mine.is_empty() && (f.family == AF_UNSPEC || f.family == AF_PACKET));
        if !keep {
            continue;
        }
        // `-0` lists links only; there a label turns every link away
        let packet = f.family == AF_PACKET;
        let with_link = packet || (f.label.is_none() && (brief || !oneline));
        ip.p.open_obj(Ctx::Json, "");
        if with_link && (!f.link_printable(l) || (packet && f.label.is_some())) {
            // the reference has opened the object already: `{}` in JSON
            ip.p.close_obj(Ctx::Json);
            continue;
        }
        if with_link {
            if brief {
                hdr::brief(ip, l)?;
            } else {
                hdr::full(ip, l)?;
            }
        }
        if f.family != AF_PACKET {
            let lead = if oneline && !brief { Lead::Dev(index, &name) } else { Lead::None };
            print_addrs(ip, f, &mine, &name, lead);
        }
        if brief {
            ip.p.text("\n");
        } else if with_link && ip.o.stats > 0 {
            hdr::stats(ip, l)?;
        }
        ip.p.close_obj(Ctx::Json);
    }
    ip.p.end_doc();
    Ok(())
}

pub fn flush(ip: &mut Ip, args: Args) -> Result<()> {
    if args.is_empty() {
        return Err(Error::msg("Flush requires arguments.", 1));
    }
    if ip.o.family == AF_PACKET {
        return Err(Error::msg("Cannot flush link addresses.", 1));
    }
    let f = parse_filter(ip, args)?;
    let stats = ip.o.stats;
    // the listing of what is flushed is text, whatever -j says
    let color = match ip.o.color {
        crate::ip::ColorOpt::Always => true,
        // SAFETY: isatty on fd 1 has no memory effects.
        crate::ip::ColorOpt::Auto => unsafe { libc::isatty(1) == 1 },
        crate::ip::ColorOpt::Never => false,
    };
    let mut out = Printer::new(false, false, color, ip.o.oneline);
    let max_rounds = match ip.o.loops {
        Some(n) if n > 0 => n as u32,
        _ => 10,
    };
    let mut round = 0u32;
    loop {
        let addrs = addresses(ip, f.family)?;
        let mut doomed = Vec::new();
        for (a, raw) in addrs {
            if f.ifindex != 0 && a.index != f.ifindex {
                continue;
            }
            let name = ip.ifname(a.index);
            if !f.addr_ok(&a, &name) {
                continue;
            }
            if stats > 1 {
                info::print_full(&mut out, info::Fmt::of(&ip.o), &a, Lead::Dev(a.index, &name));
            }
            doomed.push(raw);
        }
        if doomed.is_empty() {
            if stats > 0 {
                if round == 0 {
                    out.raw("Nothing to flush.\n");
                } else {
                    out.raw(&format!(
                        "*** Flush is complete after {round} round{} ***\n",
                        if round == 1 { "" } else { "s" }
                    ));
                }
            }
            out.flush();
            return Ok(());
        }
        round += 1;
        let n = doomed.len();
        for raw in doomed {
            match ip.nl()?.request_raw(RTM_DELADDR, 0, &raw[16..]) {
                Ok(()) => {}
                Err(e) if matches!(e.errno(), Some(libc::EADDRNOTAVAIL) | Some(libc::ENOENT) | Some(libc::ENODEV)) => {}
                Err(e) => return Err(e),
            }
        }
        if stats > 0 {
            out.raw(&format!("\n*** Round {round}, deleting {n} addresses ***\n"));
        }
        out.flush();
        if round >= max_rounds {
            out.raw(&format!("*** Flush remains incomplete after {round} rounds. ***\n"));
            out.flush();
            return Err(Error::Exit(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(fnmatch(b"br0*", b"br0:web"));
        assert!(fnmatch(b"br0*", b"br0"));
        assert!(!fnmatch(b"v*", b"br0"));
        assert!(fnmatch(b"v?", b"v0"));
        assert!(fnmatch(b"v[0-3]", b"v2"));
        assert!(!fnmatch(b"v[!0-3]", b"v2"));
        assert!(fnmatch(b"br0:web", b"br0:web"));
    }

    #[test]
    fn flag_words() {
        assert_eq!(flag_selector("secondary"), Some((1, true)));
        assert_eq!(flag_selector("primary"), Some((1, false)));
        assert_eq!(flag_selector("-primary"), Some((1, true)));
        assert_eq!(flag_selector("dynamic"), Some((0x80, false)));
        assert_eq!(flag_selector("-tentative"), Some((0x40, false)));
        assert_eq!(flag_selector("frob"), None);
    }

    #[test]
    fn covers() {
        let p = crate::ip::common::get_prefix("10.0.0.0/8", AF_UNSPEC).unwrap();
        assert!(prefix_covers(&p, &"10.1.2.3".parse().unwrap()));
        assert!(!prefix_covers(&p, &"11.1.2.3".parse().unwrap()));
        assert!(!prefix_covers(&p, &"2001:db8::1".parse().unwrap()));
    }
}
