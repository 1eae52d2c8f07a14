//! `ifconfig` as net-tools 2.10 behaves: the interface list (long or `-s`
//! short form, only UP entries without `-a`), one interface, or a list of
//! changes applied in order with the same socket ioctls the reference
//! uses (so the kernel ends in the same state: classful masks when none is
//! given, labels `DEV:N`, ...).
//!
//! Exit codes: 0; 1 for a failed change (the rest still runs, `-v` adds a
//! warning) or an unknown interface; 255 when a flag ioctl fails; 3 for the
//! usage.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::iface;
use super::ioctl::{self, Sock};
use super::procnet;
use super::resolve::{c_strtol, gai_text, lookup, lookup_code, parse_ether, resolve_inet};
use super::texts;
use crate::error::{strerror, Error, Result};
use crate::print::{warn, Printer};

/// The ifconfig applet's entry point: `argv` without argv[0].
pub fn main(argv: Vec<String>) -> Result<()> {
    let mut out = Vec::new();
    // names are bytes: ifconfig's are positional, taken from the OS's argv
    let raw = super::raw_argv(&argv);
    let r = run(&argv, &raw, &mut out);
    let mut p = Printer::new(false, false, false, false);
    p.raw_bytes(&out);
    p.flush();
    r
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Opts {
    pub all: bool,
    pub short: bool,
    pub verbose: bool,
}

/// What the leading options ask for.
#[derive(Debug, PartialEq, Eq)]
pub enum Lead {
    Run(Opts, usize),
    Version,
    Help,
    Bad(String),
}

/// Read the options before the interface name.
pub fn parse_opts(argv: &[String]) -> Lead {
    let mut o = Opts::default();
    let mut i = 0;
    while let Some(a) = argv.get(i) {
        if !a.starts_with('-') {
            break;
        }
        match a.as_str() {
            "-a" => o.all = true,
            "-s" => o.short = true,
            "-v" => o.verbose = true,
            "-V" | "--version" => return Lead::Version,
            "-h" | "--help" | "-?" => return Lead::Help,
            _ => return Lead::Bad(a.clone()),
        }
        i += 1;
    }
    Lead::Run(o, i)
}

/// The media types by port number (`media TYPE`).
const MEDIA: [&str; 7] = ["unknown", "10base2", "10baseT", "AUI", "100baseT", "100baseTX", "100baseFX"];

/// The hardware types `hw` knows (only `ether` can be set here).
const HW_TYPES: [&str; 25] = [
    "loop", "slip", "cslip", "slip6", "cslip6", "adaptive", "ash", "ether", "ax25", "netrom", "rose", "tunnel",
    "ppp", "hdlc", "lapb", "arcnet", "dlci", "frad", "sit", "fddi", "hippi", "irda", "ec", "x25", "eui64",
];

fn usage() -> Error {
    Error::msg(
        format!(
            "{}{}{}{}",
            texts::IFCONFIG_USAGE_1,
            texts::IFCONFIG_HW_LIST,
            texts::IFCONFIG_USAGE_2,
            texts::IFCONFIG_AF_LIST.trim_end_matches('\n')
        ),
        3,
    )
}

fn run(argv: &[String], raw: &[Vec<u8>], out: &mut Vec<u8>) -> Result<()> {
    let (o, start) = match parse_opts(argv) {
        Lead::Version => {
            out.extend_from_slice(texts::VERSION.as_bytes());
            return Ok(());
        }
        Lead::Help => {
            // the usage on stdout, the two lists on stderr
            out.extend_from_slice(texts::IFCONFIG_USAGE_1.as_bytes());
            out.extend_from_slice(texts::IFCONFIG_USAGE_2.as_bytes());
            warn(texts::IFCONFIG_HW_LIST.trim_end_matches('\n'));
            warn(texts::IFCONFIG_AF_LIST.trim_end_matches('\n'));
            return Ok(());
        }
        Lead::Bad(a) => {
            return Err(Error::msg(
                format!("ifconfig: option `{a}' not recognised.\nifconfig: `--help' gives usage information."),
                1,
            ))
        }
        Lead::Run(o, i) => (o, i),
    };
    let sock = Sock::inet().map_err(|e| Error::os("socket", e, 1))?;
    let args = &argv[start..];
    let Some(name) = args.first() else {
        iface::print_table(&sock, out, o.all, o.short, false);
        return Ok(());
    };
    let name = raw.get(start).map_or(name.as_bytes(), Vec::as_slice);
    // the reference keeps the first IFNAMSIZ-1 bytes of the name
    let name = &name[..name.len().min(15)];
    if args.len() == 1 {
        if o.short {
            out.extend_from_slice(iface::short_header(false).as_bytes());
        }
        return show_one(&sock, o, name, out);
    }
    Changer { sock: &sock, name, verbose: o.verbose, goterr: false }.run(&args[1..])
}

fn show_one(sock: &Sock, o: Opts, name: &[u8], out: &mut Vec<u8>) -> Result<()> {
    match iface::fetch(sock, name) {
        Ok(info) => {
            let stats = iface::stats_of(name);
            if o.short {
                iface::print_short(out, name, &info, stats.as_ref());
            } else {
                iface::print_long(out, name, &info, stats.as_ref(), &procnet::read_if_inet6());
            }
            Ok(())
        }
        Err(_) => Err(Error::msg(
            format!("{}: error fetching interface information: Device not found", String::from_utf8_lossy(name)),
            1,
        )),
    }
}

/// `ADDR[/LEN]` split; LEN must be a number up to `max`.
fn split_len(s: &str, max: u32) -> Result<(&str, Option<u32>)> {
    match s.split_once('/') {
        None => Ok((s, None)),
        Some((a, l)) => match l.parse::<u32>() {
            Ok(n) if n <= max && !l.starts_with('+') => Ok((a, Some(n))),
            _ => Err(usage()),
        },
    }
}

fn mask_of(len: u32) -> Ipv4Addr {
    Ipv4Addr::from(if len == 0 { 0 } else { u32::MAX << (32 - len) })
}

/// Applies the change words to one interface.
struct Changer<'a> {
    sock: &'a Sock,
    name: &'a [u8],
    verbose: bool,
    goterr: bool,
}

impl Changer<'_> {
    fn lossy(&self) -> String {
        String::from_utf8_lossy(self.name).into_owned()
    }

    /// A failed change: `WHAT: <strerror>`, and go on.
    fn fail(&mut self, what: &str, errno: i32) {
        warn(format!("{what}: {}", strerror(errno)));
        self.goterr = true;
    }

    /// Set and clear flag bits (SIOCGIFFLAGS, SIOCSIFFLAGS); failures end
    /// the command with 255.
    fn flags(&mut self, set: i16, clear: i16) -> Result<()> {
        let f = self.sock.flags(self.name).map_err(|e| {
            Error::msg(format!("{}: ERROR while getting interface flags: {}", self.lossy(), strerror(e)), 255)
        })?;
        self.sock.set_flags(self.name, (f | set) & !clear).map_err(|e| {
            Error::msg(format!("{}: ERROR while setting interface flags: {}", self.lossy(), strerror(e)), 255)
        })
    }

    /// Clear a flag, then warn when the kernel kept it.
    fn clear_checked(&mut self, bit: i16, word: &str) -> Result<()> {
        self.flags(0, bit)?;
        if let Ok(f) = self.sock.flags(self.name) {
            if f & bit != 0 {
                warn(format!("Warning: Interface {} still in {word} mode.", self.lossy()));
            }
        }
        Ok(())
    }

    /// Change the device map (SIOCGIFMAP, SIOCSIFMAP): `what: SIOCSIFMAP:
    /// <strerror>` when the device has none to change.
    fn set_map(&mut self, what: &str, change: impl FnOnce(&mut [u8; 24])) {
        let r = self.sock.map(self.name).map_err(|e| ("SIOCGIFMAP", e)).and_then(|mut m| {
            change(&mut m);
            self.sock.set_map(self.name, &m).map_err(|e| ("SIOCSIFMAP", e))
        });
        if let Err((req, e)) = r {
            self.fail(&format!("{what}: {req}"), e);
        }
    }

    fn set_in4(&mut self, req: u64, what: &str, a: Ipv4Addr) {
        if let Err(e) = self.sock.set_in4(req, self.name, a) {
            self.fail(what, e);
        }
    }

    fn run(mut self, words: &[String]) -> Result<()> {
        let mut it = words.iter().map(String::as_str).peekable();
        // an address family names itself only as the first word
        let af = match it.peek() {
            Some(&"inet") => Some(libc::AF_INET),
            Some(&"inet6") => Some(libc::AF_INET6),
            _ => None,
        };
        if af.is_some() {
            it.next();
        }
        let inet6 = af == Some(libc::AF_INET6);
        let mut pending_mask: Option<Ipv4Addr> = None;
        while let Some(w) = it.next() {
            match w {
                "arp" => self.flags(0, iface::IFF_NOARP)?,
                "-arp" => self.flags(iface::IFF_NOARP, 0)?,
                "trailers" => self.flags(0, iface::IFF_NOTRAILERS)?,
                "-trailers" => self.flags(iface::IFF_NOTRAILERS, 0)?,
                "promisc" => self.flags(iface::IFF_PROMISC, 0)?,
                "-promisc" => self.flags(0, iface::IFF_PROMISC)?,
                "allmulti" => self.flags(iface::IFF_ALLMULTI, 0)?,
                "-allmulti" => self.flags(0, iface::IFF_ALLMULTI)?,
                "multicast" => self.flags(iface::IFF_MULTICAST, 0)?,
                "-multicast" => self.clear_checked(iface::IFF_MULTICAST, "MULTICAST")?,
                "dynamic" => self.flags(iface::IFF_DYNAMIC, 0)?,
                "-dynamic" => self.flags(0, iface::IFF_DYNAMIC)?,
                "up" => self.flags(iface::IFF_UP | iface::IFF_RUNNING, 0)?,
                "down" => self.flags(0, iface::IFF_UP)?,
                "mtu" => {
                    let v = it.next().ok_or_else(usage)?;
                    if let Err(e) = self.sock.set_int(ioctl::SIOCSIFMTU, self.name, c_strtol(v, 10) as i32) {
                        self.fail("SIOCSIFMTU", e);
                    }
                }
                "txqueuelen" => {
                    let v = it.next().ok_or_else(usage)?;
                    if let Err(e) = self.sock.set_int(ioctl::SIOCSIFTXQLEN, self.name, c_strtol(v, 0) as i32) {
                        self.fail("SIOCSIFTXQLEN", e);
                    }
                }
                "netmask" => {
                    let v = it.next().ok_or_else(usage)?;
                    match resolve_inet(v) {
                        Ok(m) => self.set_in4(ioctl::SIOCSIFNETMASK, "SIOCSIFNETMASK", m),
                        Err(t) => {
                            warn(format!("{v}: {t}"));
                            self.goterr = true;
                        }
                    }
                }
                "broadcast" => {
                    match it.next().map(|v| (v, resolve_inet(v))) {
                        Some((_, Ok(a))) => self.set_in4(ioctl::SIOCSIFBRDADDR, "SIOCSIFBRDADDR", a),
                        Some((v, Err(t))) => {
                            warn(format!("{v}: {t}"));
                            self.goterr = true;
                            continue;
                        }
                        None => {}
                    }
                    self.flags(iface::IFF_BROADCAST, 0)?;
                }
                "mem_start" | "io_addr" | "irq" => {
                    let v = it.next().ok_or_else(usage)?;
                    let n = c_strtol(v, 0) as u64;
                    self.set_map(w, |m| match w {
                        "mem_start" => m[..8].copy_from_slice(&n.to_ne_bytes()),
                        "io_addr" => m[16..18].copy_from_slice(&(n as u16).to_ne_bytes()),
                        _ => m[18] = n as u8,
                    });
                }
                "media" => {
                    let v = *it.peek().ok_or_else(usage)?;
                    if v.eq_ignore_ascii_case("auto") {
                        // the word stays: the reference then reads it as an address
                        self.flags(iface::IFF_AUTOMEDIA, 0)?;
                        continue;
                    }
                    it.next();
                    match MEDIA.iter().position(|m| m.eq_ignore_ascii_case(v)) {
                        Some(port) => self.set_map("port", |m| m[20] = port as u8),
                        None => {
                            warn("Unknown media type.");
                            self.goterr = true;
                        }
                    }
                }
                "tunnel" => {
                    let v = it.next().ok_or_else(usage)?;
                    return Err(Error::msg(format!("{v}: Resolver Error 0 (no error)"), 1));
                }
                "outfill" | "keepalive" => {
                    let v = it.next().ok_or_else(usage)?;
                    let (req, what) = if w == "outfill" {
                        (ioctl::SIOCSOUTFILL, "SIOCSOUTFILL")
                    } else {
                        (ioctl::SIOCSKEEPALIVE, "SIOCSKEEPALIVE")
                    };
                    if let Err(e) = self.sock.set_int(req, self.name, c_strtol(v, 0) as i32) {
                        self.fail(what, e);
                    }
                }
                "-broadcast" => self.clear_checked(iface::IFF_BROADCAST, "BROADCAST")?,
                "dstaddr" | "pointopoint" => {
                    let v = if w == "dstaddr" { Some(it.next().ok_or_else(usage)?) } else { it.next() };
                    if let Some(v) = v {
                        match resolve_inet(v) {
                            Ok(a) => self.set_in4(ioctl::SIOCSIFDSTADDR, "SIOCSIFDSTADDR", a),
                            Err(t) => {
                                warn(format!("{v}: {t}"));
                                self.goterr = true;
                            }
                        }
                    }
                    if w == "pointopoint" {
                        self.flags(iface::IFF_POINTOPOINT, 0)?;
                    }
                }
                "-pointopoint" => self.clear_checked(iface::IFF_POINTOPOINT, "POINTOPOINT")?,
                "hw" => {
                    let class = it.next().ok_or_else(usage)?;
                    let addr = it.next().ok_or_else(usage)?;
                    if class != "ether" {
                        if !HW_TYPES.contains(&class) {
                            return Err(usage());
                        }
                        return Err(Error::msg(
                            format!("hw address type `{class}' has no handler to set address. failed."),
                            1,
                        ));
                    }
                    let Some(mac) = parse_ether(addr) else {
                        return Err(Error::msg(format!("{addr}: invalid ether address."), 1));
                    };
                    if let Err(e) = self.sock.set_hwaddr(self.name, 1, &mac) {
                        self.fail("SIOCSIFHWADDR", e);
                    }
                }
                "name" => {
                    let v = it.next().ok_or_else(usage)?;
                    if let Err(e) = self.sock.set_name(self.name, v.as_bytes()) {
                        self.fail("SIOCSIFNAME", e);
                    }
                }
                "add" | "del" => {
                    let v = it.next().ok_or_else(usage)?;
                    let a = v.split_once('/').map_or(v, |(a, _)| a);
                    if a.contains(':') {
                        // no length: 128, but 0 after an explicit `inet`
                        let plen = if af == Some(libc::AF_INET) { 0 } else { 128 };
                        self.inet6(w == "add", v, plen)?;
                    } else {
                        // IPv4 labels, with the socket of the family named
                        // (an IPv6 one fails, and the reference says nothing)
                        let s6;
                        let sock = if inet6 {
                            s6 = Sock::new(libc::AF_INET6).map_err(|e| Error::os("socket", e, 1))?;
                            &s6
                        } else {
                            self.sock
                        };
                        let mut c = Changer { sock, name: self.name, verbose: self.verbose, goterr: false };
                        if w == "add" {
                            c.alias_add(v)?;
                        } else {
                            c.alias_del(v)?;
                        }
                        self.goterr |= c.goterr;
                    }
                }
                _ => {
                    if inet6 {
                        // the reference resolves it, then cannot set it
                        let msg = match lookup_code(w, libc::AF_INET6) {
                            Err(c) => format!(
                                "getaddrinfo: {w}: {c}\n{w}: {}\nifconfig: `--help' gives usage information.",
                                gai_text(c)
                            ),
                            Ok(_) => "Don't know how to set addresses for family 10.".to_string(),
                        };
                        return Err(Error::msg(msg, 1));
                    }
                    let (a, len) = split_len(w, 32)?;
                    let addr = resolve_inet(a).map_err(|t| {
                        Error::msg(format!("{a}: {t}\nifconfig: `--help' gives usage information."), 1)
                    })?;
                    self.set_in4(ioctl::SIOCSIFADDR, "SIOCSIFADDR", addr);
                    self.flags(iface::IFF_UP | iface::IFF_RUNNING, 0)?;
                    if let Some(l) = len {
                        pending_mask = Some(mask_of(l));
                    }
                }
            }
        }
        if let Some(m) = pending_mask {
            self.set_in4(ioctl::SIOCSIFNETMASK, "SIOCSIFNETMASK", m);
        }
        if self.goterr {
            if self.verbose {
                warn("WARNING: at least one error occured. (1)");
            }
            return Err(Error::Exit(1));
        }
        Ok(())
    }

    /// IPv6 `add`/`del ADDR[/LEN]` (SIOCSIFADDR/SIOCDIFADDR on an IPv6
    /// socket; no LEN means 128).
    fn inet6(&mut self, add: bool, v: &str, default_len: u32) -> Result<()> {
        let (a, len) = split_len(v, 128)?;
        let addr = match a.parse::<Ipv6Addr>() {
            Ok(x) => x,
            Err(_) if a.contains(':') => {
                return Err(Error::msg(format!("{a}: Resolver Error 0 (no error)"), 1));
            }
            Err(_) => match lookup(a, libc::AF_INET6) {
                Ok(std::net::IpAddr::V6(x)) => x,
                Ok(_) => return Err(Error::msg(format!("{a}: Unknown host"), 1)),
                Err(t) => return Err(Error::msg(format!("{a}: {t}"), 1)),
            },
        };
        let plen = len.unwrap_or(default_len);
        let s6 = Sock::new(libc::AF_INET6).map_err(|e| Error::os("socket", e, 1))?;
        let idx = match s6.get_int(ioctl::SIOCGIFINDEX, self.name) {
            Ok(i) => i,
            Err(e) => {
                self.fail("SIOGIFINDEX", e);
                return Ok(());
            }
        };
        if add {
            if let Err(e) = s6.in6_ifreq(ioctl::SIOCSIFADDR, addr, plen, idx) {
                self.fail("SIOCSIFADDR", e);
            }
        } else {
            if self.verbose {
                warn(format!("now deleting: ioctl(SIOCDIFADDR,{{ifindex={idx},prefixlen={plen}}})"));
            }
            if let Err(e) = s6.in6_ifreq(ioctl::SIOCDIFADDR, addr, plen, idx) {
                self.fail("SIOCDIFADDR", e);
            }
        }
        Ok(())
    }

    /// Is the link there? The reference reports a missing one twice and
    /// carries on.
    fn base_exists(&self) -> bool {
        if self.sock.flags(self.name).is_ok() {
            return true;
        }
        let msg = format!("{}: error fetching interface information: Device not found", self.lossy());
        warn(&msg);
        warn(&msg);
        false
    }

    /// IPv4 `add ADDR`: the first free label `NAME:N` (NAME as given, a
    /// label too) gets the address and NAME's mask; the reference sets the
    /// broadcast address too (NAME's, or 0.0.0.0) when the kernel has any
    /// IPv4 address at all.
    fn alias_add(&mut self, v: &str) -> Result<()> {
        if !self.base_exists() {
            return Ok(());
        }
        let addr = resolve_inet(v).map_err(|t| Error::msg(format!("{v}: {t}"), 1))?;
        let base = self.name.to_vec();
        let conf = self.sock.ifconf().unwrap_or_default();
        let label_n = |n: u32| {
            let mut l = base.clone();
            l.extend_from_slice(format!(":{n}").as_bytes());
            l
        };
        let label = match base.iter().position(|&b| b == b':') {
            // a label's own number counts as taken, nothing else (found by
            // running the reference: v0:0 -> v0:0:1, v0:1 -> v0:1:0, again)
            Some(i) => label_n(u32::from(c_strtol(&String::from_utf8_lossy(&base[i + 1..]), 10) == 0)),
            None => (0u32..).map(label_n).find(|l| !conf.iter().any(|(n, _)| n == l)).unwrap_or_default(),
        };
        let mask = self.sock.get_in4(ioctl::SIOCGIFNETMASK, &base).unwrap_or(Ipv4Addr::UNSPECIFIED);
        let brd = self.sock.get_in4(ioctl::SIOCGIFBRDADDR, &base).unwrap_or(Ipv4Addr::UNSPECIFIED);
        let mut l = Changer { sock: self.sock, name: &label, verbose: self.verbose, goterr: false };
        if self.sock.set_in4(ioctl::SIOCSIFADDR, &label, addr).is_err() {
            // the reference stops here without a word
            return Ok(());
        }
        l.set_in4(ioctl::SIOCSIFNETMASK, "SIOCSIFNETMASK", mask);
        if !conf.is_empty() {
            l.set_in4(ioctl::SIOCSIFBRDADDR, "SIOCSIFBRDADDR", brd);
        }
        l.flags(0, 0)?;
        self.goterr |= l.goterr;
        Ok(())
    }

    /// IPv4 `del ADDR`: down the label NAME or `NAME:*` holding ADDR
    /// (which removes it); when none holds it, the reference adds it
    /// instead.
    fn alias_del(&mut self, v: &str) -> Result<()> {
        if !self.base_exists() {
            return Ok(());
        }
        let addr = resolve_inet(v).map_err(|t| Error::msg(format!("{v}: {t}"), 1))?;
        let base = self.name.to_vec();
        let conf = self.sock.ifconf().unwrap_or_default();
        let hit = conf.into_iter().find(|(n, a)| {
            *a == addr && (n == &base || (n.starts_with(&base) && n.get(base.len()) == Some(&b':')))
        });
        match hit {
            Some((label, _)) => {
                let mut l = Changer { sock: self.sock, name: &label, verbose: self.verbose, goterr: false };
                l.flags(0, iface::IFF_UP)
            }
            None => self.alias_add(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn options() {
        assert_eq!(parse_opts(&s(&[])), Lead::Run(Opts::default(), 0));
        assert_eq!(
            parse_opts(&s(&["-a", "-s", "v0"])),
            Lead::Run(Opts { all: true, short: true, verbose: false }, 2)
        );
        assert_eq!(parse_opts(&s(&["-V"])), Lead::Version);
        assert_eq!(parse_opts(&s(&["--help"])), Lead::Help);
        assert_eq!(parse_opts(&s(&["-a", "-z", "v0"])), Lead::Bad("-z".into()));
        // options only before the interface
        assert_eq!(parse_opts(&s(&["v0", "-arp"])), Lead::Run(Opts::default(), 0));
    }

    #[test]
    fn lengths_and_masks() {
        assert_eq!(split_len("10.0.0.1/24", 32).unwrap(), ("10.0.0.1", Some(24)));
        assert_eq!(split_len("10.0.0.1", 32).unwrap(), ("10.0.0.1", None));
        assert_eq!(split_len("10.0.0.1/abc", 32).unwrap_err().exit_code(), 3);
        assert_eq!(split_len("2001:db8::1/129", 128).unwrap_err().exit_code(), 3);
        assert_eq!(mask_of(24), Ipv4Addr::new(255, 255, 255, 0));
        assert_eq!(mask_of(16), Ipv4Addr::new(255, 255, 0, 0));
        assert_eq!(mask_of(0), Ipv4Addr::UNSPECIFIED);
        assert_eq!(mask_of(32), Ipv4Addr::BROADCAST);
    }

    #[test]
    fn usage_text() {
        let u = usage();
        assert_eq!(u.exit_code(), 3);
        let t = u.to_string();
        assert!(t.starts_with("Usage:\n  ifconfig [-a] [-v] [-s] <interface>"));
        assert!(t.contains("    loop (Local Loopback) slip"));
        assert!(t.ends_with("    ash (Ash) x25 (CCITT X.25) "));
    }
}
