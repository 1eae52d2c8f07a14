//! `arp` as net-tools 2.10 behaves: the neighbour table from /proc/net/arp
//! (Linux `-e` style or BSD `-a` style, filtered by host, `-i` device and
//! `-H` type), `-s` (SIOCSARP) and `-d` (SIOCDARP).
//!
//! Exit codes: 0; 255 for errors (`No ARP entry for X` goes to stdout);
//! 3 for the usage.

use std::net::{IpAddr, Ipv4Addr};

use super::getopt::{getopt, prog, Item, Long};
use super::ioctl::{self, ArpReq, Sock};
use super::procnet::{self, ArpRow};
use super::resolve::{parse_ether_into, resolve_inet};
use super::texts;
use crate::error::{strerror, Error, Result};
use crate::ip::common::reverse_lookup;
use crate::print::{warn, Printer};

const ATF_COM: i32 = 0x02;
const ATF_PERM: i32 = 0x04;
const ATF_PUBL: i32 = 0x08;
const ATF_USETRAILERS: i32 = 0x10;
const ATF_NETMASK: i32 = 0x20;
const ATF_DONTPUB: i32 = 0x40;

/// The `arp` applet's entry point: `argv` without argv[0].
pub fn main(argv: Vec<String>) -> Result<()> {
    let mut out = Vec::new();
    let r = parse(&prog("arp"), &argv).and_then(|c| run(c, &mut out));
    let mut p = Printer::new(false, false, false, false);
    p.raw_bytes(&out);
    p.flush();
    r
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Show,
    Set,
    Delete,
    File,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cmd {
    pub mode: Mode,
    pub bsd: bool,
    /// `-e`: the Linux style, whatever `-a` says
    pub linux: bool,
    pub numeric: bool,
    pub verbose: bool,
    pub use_device: bool,
    pub dev: Option<Vec<u8>>,
    pub hw: Option<String>,
    pub words: Vec<String>,
    pub help: bool,
    pub version: bool,
}

fn usage_err(first: Option<String>) -> Error {
    let mut t = first.map(|f| f + "\n").unwrap_or_default();
    t.push_str(texts::ARP_USAGE);
    t.push_str(texts::ARP_HW_LIST.trim_end_matches('\n'));
    Error::msg(t, 3)
}

const AFS: [&str; 11] = ["unix", "inet", "inet6", "ax25", "netrom", "rose", "ipx", "ddp", "ec", "ash", "x25"];
const HWS: [&str; 12] =
    ["ash", "ether", "ax25", "netrom", "rose", "arcnet", "dlci", "fddi", "hippi", "irda", "x25", "eui64"];

/// Hardware types net-tools knows that have no ARP.
const NO_ARP_HWS: [&str; 13] =
    ["loop", "slip", "cslip", "slip6", "cslip6", "adaptive", "tunnel", "ppp", "hdlc", "lapb", "frad", "sit", "ec"];

/// arp's long options (getopt_long's table, in its order).
const LONG: &[Long] = &[
    Long { name: "verbose", arg: false, val: 'v' },
    Long { name: "version", arg: false, val: 'V' },
    Long { name: "all", arg: false, val: 'a' },
    Long { name: "delete", arg: false, val: 'd' },
    Long { name: "file", arg: false, val: 'f' },
    Long { name: "numeric", arg: false, val: 'n' },
    Long { name: "set", arg: false, val: 's' },
    Long { name: "protocol", arg: true, val: 'A' },
    Long { name: "hw-type", arg: true, val: 'H' },
    Long { name: "device", arg: true, val: 'i' },
    Long { name: "help", arg: false, val: 'h' },
    Long { name: "use-device", arg: false, val: 'D' },
    Long { name: "symbolic", arg: false, val: 'N' },
];

/// The options as arp reads them with getopt_long (options anywhere, `--`
/// ends them); `prog` names getopt's complaints. As the reference: a
/// complaint, `-?` or an unknown family/type ends it at once, `-V` and
/// `-h` answer at once, a known family other than inet and a type without
/// ARP are refused after all options were read (the last one counts).
pub fn parse(prog: &str, argv: &[String]) -> Result<Cmd> {
    let mut c = Cmd::default();
    let mut af = None;
    let parsed = getopt(prog, argv, "A:H:adfp:nsei:t:vh?DNV", LONG, &[]);
    for item in parsed.items {
        match item {
            Item::Bad(msg) => return Err(usage_err(Some(msg))),
            Item::Opt('?', _) => return Err(usage_err(None)),
            Item::Opt('V', _) => return Ok(Cmd { version: true, ..Cmd::default() }),
            Item::Opt('h', _) => return Ok(Cmd { help: true, ..Cmd::default() }),
            Item::Opt('a', _) => c.bsd = true,
            Item::Opt('e', _) => c.linux = true,
            Item::Opt('n', _) => c.numeric = true,
            Item::Opt('v', _) => c.verbose = true,
            Item::Opt('d', _) => c.mode = Mode::Delete,
            Item::Opt('s', _) => c.mode = Mode::Set,
            Item::Opt('f', _) => c.mode = Mode::File,
            Item::Opt('D', _) => c.use_device = true,
            Item::Opt('N', _) => warn("arp: -N not yet supported."),
            Item::Opt('i', v) => c.dev = v.map(|v| super::name_bytes(&v)),
            Item::Opt('H' | 't', Some(v)) => c.hw = Some(known_hw(v)?),
            Item::Opt('A' | 'p', Some(v)) => af = Some(known_af(v)?),
            Item::Opt(..) => {}
        }
    }
    if let Some(af) = af.filter(|a| a != "inet") {
        return Err(Error::msg(format!("arp: {af}: kernel only supports 'inet'."), 255));
    }
    if let Some(hw) = c.hw.as_ref().filter(|h| NO_ARP_HWS.contains(&h.as_str())) {
        return Err(Error::msg(format!("arp: {hw}: hardware type without ARP support."), 255));
    }
    c.words = parsed.words;
    Ok(c)
}

/// A family net-tools knows (`-A`, `-p`).
fn known_af(v: String) -> Result<String> {
    if v == "inet" || AFS.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(Error::msg(format!("arp: {v}: unknown address family."), 255))
    }
}

/// A hardware type net-tools knows (`-H`, `-t`).
fn known_hw(v: String) -> Result<String> {
    if HWS.contains(&v.as_str()) || NO_ARP_HWS.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(Error::msg(format!("arp: {v}: unknown hardware type."), 255))
    }
}

fn run(c: Cmd, out: &mut Vec<u8>) -> Result<()> {
    if c.version {
        out.extend_from_slice(texts::VERSION.as_bytes());
        out.extend_from_slice(texts::ARP_VERSION_REST.as_bytes());
        return Ok(());
    }
    if c.help {
        out.extend_from_slice(texts::ARP_USAGE.as_bytes());
        warn(texts::ARP_HW_LIST.trim_end_matches('\n'));
        return Ok(());
    }
    match c.mode {
        Mode::Show => show(&c, out),
        Mode::Set => set(&c, &c.words),
        Mode::Delete => delete(&c, out),
        Mode::File => file(&c),
    }
}

fn host_err(h: &str, t: &str) -> Error {
    Error::msg(format!("{h}: {t}"), 255)
}

/// The hardware type's name by ARPHRD number.
fn hw_name(t: u32) -> &'static str {
    match t {
        1 => "ether",
        772 => "loop",
        768 => "tunnel",
        776 => "sit",
        512 => "ppp",
        _ => "unspec",
    }
}

/// `-f [FILE]`: `HOST HWADDR [flags]` lines (default /etc/ethers), each
/// set as `-s` would; a failed line is reported and the rest go on.
fn file(c: &Cmd) -> Result<()> {
    let path = c.words.first().map_or("/etc/ethers", String::as_str);
    let Ok(text) = std::fs::read_to_string(path) else {
        return Err(Error::msg(format!("arp: cannot open etherfile {path} !"), 255));
    };
    for (n, line) in text.lines().enumerate() {
        if c.verbose {
            warn(format!(">> {line}"));
        }
        let words: Vec<String> = line.split_whitespace().map(String::from).collect();
        if words.is_empty() || words[0].starts_with('#') {
            continue;
        }
        if words.len() < 2 {
            warn(format!("arp: format error on line {} of etherfile {path} !", n + 1));
            continue;
        }
        if let Err(e) = set(c, &words) {
            warn(e);
            warn(format!("arp: cannot set entry on line {} of etherfile {path} !", n + 1));
        }
    }
    Ok(())
}

fn show(c: &Cmd, out: &mut Vec<u8>) -> Result<()> {
    let bsd = c.bsd && !c.linux;
    let host = c.words.first();
    let want: Option<Ipv4Addr> = match host {
        Some(h) => Some(resolve_inet(h).map_err(|t| host_err(h, t))?),
        None => None,
    };
    let rows = procnet::read_arp().map_err(|e| Error::os("/proc/net/arp", e.raw_os_error().unwrap_or(0), 255))?;
    let (mut found, mut skipped) = (0, 0);
    for r in &rows {
        let ip: Option<Ipv4Addr> = r.ip.parse().ok();
        let keep = want.is_none_or(|w| ip == Some(w))
            && c.dev.as_ref().is_none_or(|d| *d == r.dev)
            && c.hw.as_ref().is_none_or(|h| h == hw_name(r.hw_type));
        if !keep {
            skipped += 1;
            continue;
        }
        if found == 0 && !bsd {
            out.extend_from_slice(
                b"Address                  HWtype  HWaddress           Flags Mask            Iface\n",
            );
        }
        found += 1;
        let name = if c.numeric { None } else { ip.and_then(|a| reverse_lookup(&IpAddr::V4(a))) };
        if bsd {
            print_bsd(out, r, name.as_deref());
        } else {
            print_linux(out, r, name.as_deref());
        }
    }
    if c.verbose {
        out.extend_from_slice(format!("Entries: {}\tSkipped: {skipped}\tFound: {found}\n", rows.len()).as_bytes());
    }
    if found == 0 {
        match (host, want) {
            (Some(h), Some(w)) if !bsd => {
                out.extend_from_slice(format!("{h} ({w}) -- no entry\n").as_bytes());
            }
            _ if host.is_some() || c.dev.is_some() || c.hw.is_some() => {
                out.extend_from_slice(format!("arp: in {} entries no match found.\n", rows.len()).as_bytes());
            }
            _ => {}
        }
    }
    Ok(())
}

fn flag_letters(f: i32) -> String {
    let mut s = String::new();
    for (bit, ch) in [(ATF_COM, 'C'), (ATF_PERM, 'M'), (ATF_PUBL, 'P'), (ATF_USETRAILERS, 'T')] {
        if f & bit != 0 {
            s.push(ch);
        }
    }
    s
}

/// The Linux style row.
pub fn print_linux(out: &mut Vec<u8>, r: &ArpRow, name: Option<&str>) {
    let f = r.flags as i32;
    let addr = name.unwrap_or(&r.ip);
    let addr: String = addr.chars().take(23).collect();
    let (t, hw) = if f & ATF_COM != 0 {
        (hw_name(r.hw_type), r.hw_addr.as_str())
    } else if f & ATF_PUBL != 0 {
        ("*", "<from_interface>")
    } else {
        ("", "(incomplete)")
    };
    let mask = if f & ATF_NETMASK != 0 { r.mask.as_str() } else { "" };
    let line = format!("{addr:<23}  {t:<8}{hw:<20}{:<6}{mask:<15} ", flag_letters(f));
    out.extend_from_slice(line.as_bytes());
    out.extend_from_slice(&r.dev);
    out.push(b'\n');
}

/// The BSD (`-a`) style row.
pub fn print_bsd(out: &mut Vec<u8>, r: &ArpRow, name: Option<&str>) {
    let f = r.flags as i32;
    let mut s = format!("{} ({}) at ", name.unwrap_or("?"), r.ip);
    if f & ATF_COM != 0 {
        s.push_str(&format!("{} [{}] ", r.hw_addr, hw_name(r.hw_type)));
    } else if f & ATF_PUBL != 0 {
        s.push_str("<from_interface> ");
    } else {
        s.push_str("<incomplete> ");
    }
    if f & ATF_NETMASK != 0 {
        s.push_str(&format!("netmask {} ", r.mask));
    }
    if f & ATF_PERM != 0 {
        s.push_str("PERM ");
    }
    if f & ATF_PUBL != 0 {
        s.push_str("PUB ");
    }
    s.push_str("on ");
    out.extend_from_slice(s.as_bytes());
    out.extend_from_slice(&r.dev);
    out.push(b'\n');
}

fn sock() -> Result<Sock> {
    Sock::inet().map_err(|e| Error::os("socket", e, 255))
}

fn set(c: &Cmd, words: &[String]) -> Result<()> {
    let mut w = words.iter();
    let host = w.next().ok_or_else(|| Error::msg("arp: need host name", 255))?;
    let ip = resolve_inet(host).map_err(|t| host_err(host, t))?;
    let hwarg = w.next().ok_or_else(|| Error::msg("arp: need hardware address", 255))?;
    let s = sock()?;
    let hw: Vec<u8> = if c.use_device {
        match s.hwaddr(&super::name_bytes(hwarg)) {
            Ok((_, b)) => b[..6].to_vec(),
            Err(e) => {
                return Err(Error::msg(format!("arp: cant get HW-Address for `{hwarg}': {}.", strerror(e)), 255))
            }
        }
    } else {
        // the buffer holds the address's sockaddr data where the text
        // gives no bytes (net-tools copies it there first)
        let o = ip.octets();
        let mut b = [0, 0, o[0], o[1], o[2], o[3]];
        if !parse_ether_into(hwarg, &mut b) {
            return Err(Error::msg("arp: invalid hardware address", 255));
        }
        b.to_vec()
    };
    let mut flags = ATF_PERM | ATF_COM;
    let mut netmask = None;
    while let Some(word) = w.next() {
        match word.as_str() {
            "temp" => flags &= !ATF_PERM,
            "pub" => flags |= ATF_PUBL,
            "priv" => flags &= !ATF_PUBL,
            "trail" => flags |= ATF_USETRAILERS,
            "dontpub" => flags |= ATF_DONTPUB,
            "auto" => {}
            "netmask" => {
                let m = w.next().ok_or_else(|| usage_err(None))?;
                netmask = Some(resolve_inet(m).map_err(|t| host_err(m, t))?);
                flags |= ATF_NETMASK;
            }
            _ => return Err(usage_err(None)),
        }
    }
    let req = ArpReq {
        ip,
        hw_family: 1,
        hw,
        flags,
        netmask,
        dev: c.dev.clone().unwrap_or_default(),
    };
    if c.verbose {
        warn("arp: SIOCSARP()");
    }
    s.arp(ioctl::SIOCSARP, &req).map_err(|e| Error::msg(format!("SIOCSARP: {}", strerror(e)), 255))
}

fn delete(c: &Cmd, out: &mut Vec<u8>) -> Result<()> {
    let mut w = c.words.iter();
    let host = w.next().ok_or_else(|| Error::msg("arp: need host name", 255))?;
    let mut flags = ATF_PERM | ATF_COM;
    for word in w {
        match word.as_str() {
            "pub" => flags |= ATF_PUBL,
            "priv" => flags &= !ATF_PUBL,
            "dontpub" => flags |= ATF_DONTPUB,
            "auto" | "temp" | "trail" => {}
            _ => return Err(usage_err(None)),
        }
    }
    let ip = resolve_inet(host).map_err(|t| host_err(host, t))?;
    let s = sock()?;
    let mut req = ArpReq {
        ip,
        hw_family: 1,
        hw: Vec::new(),
        flags,
        netmask: None,
        dev: c.dev.clone().unwrap_or_default(),
    };
    let say = |pubc: bool| {
        if c.verbose {
            warn(if pubc { "arp: SIOCDARP(pub)" } else { "arp: SIOCDARP(dontpub)" });
        }
    };
    say(flags & ATF_PUBL != 0);
    let mut r = s.arp(ioctl::SIOCDARP, &req);
    if r == Err(libc::ENXIO) && flags & ATF_PUBL == 0 {
        // not in the table: perhaps a proxy entry
        req.flags |= ATF_PUBL;
        say(true);
        r = s.arp(ioctl::SIOCDARP, &req);
    }
    match r {
        Ok(()) => Ok(()),
        Err(e) if e == libc::ENXIO || e == libc::ENOENT => {
            out.extend_from_slice(format!("No ARP entry for {host}\n").as_bytes());
            Err(Error::Exit(255))
        }
        Err(e) => {
            let which = if req.flags & ATF_PUBL != 0 { "pub" } else { "dontpub" };
            Err(Error::msg(format!("SIOCDARP({which}): {}", strerror(e)), 255))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[&str]) -> Result<Cmd> {
        parse("arp", &v.iter().map(|x| x.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn options() {
        let c = p(&["-s", "10.0.0.11", "-i", "v0", "02:00:00:00:00:97"]).unwrap();
        assert_eq!(c.mode, Mode::Set);
        assert_eq!(c.dev.as_deref(), Some(&b"v0"[..]));
        assert_eq!(c.words, ["10.0.0.11", "02:00:00:00:00:97"]);
        let c = p(&["-i", "v0", "-Ds", "10.0.0.50", "v0", "pub"]).unwrap();
        assert!(c.use_device);
        assert_eq!(c.mode, Mode::Set);
        let c = p(&["-nv", "-iv0"]).unwrap();
        assert!(c.numeric && c.verbose);
        assert_eq!(c.dev.as_deref(), Some(&b"v0"[..]));
        let e = p(&["-x"]).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().starts_with("arp: invalid option -- 'x'\nUsage:\n"));
        assert_eq!(p(&["-A", "inet6"]).unwrap_err().to_string(), "arp: inet6: kernel only supports 'inet'.");
        assert_eq!(p(&["-H", "foo"]).unwrap_err().to_string(), "arp: foo: unknown hardware type.");
        assert_eq!(p(&["-p", "foo"]).unwrap_err().to_string(), "arp: foo: unknown address family.");
        assert_eq!(p(&["--frob"]).unwrap_err().exit_code(), 3);
        // as the reference: complaints first, the family's check after all
        // options, -V at once
        assert_eq!(p(&["-Ainet6", "-x"]).unwrap_err().exit_code(), 3);
        assert_eq!(p(&["-Hloop", "-Ainet6"]).unwrap_err().to_string(), "arp: inet6: kernel only supports 'inet'.");
        assert_eq!(p(&["-Hloop"]).unwrap_err().to_string(), "arp: loop: hardware type without ARP support.");
        assert!(p(&["-Hloop", "-Hether", "-Ainet6", "-Ainet"]).is_ok());
        assert!(p(&["-V", "-x"]).unwrap().version);
        assert_eq!(p(&["-?"]).unwrap_err().exit_code(), 3);
        assert!(p(&["--dis"]).unwrap_err().to_string().starts_with("arp: unrecognized option '--dis'"));
        assert!(p(&["--ver"]).unwrap_err().to_string().starts_with("arp: option '--ver' is ambiguous"));
    }

    #[test]
    fn rows() {
        let rows = procnet::parse_arp(
            b"IP address       HW type     Flags       HW address            Mask     Device\n\
10.0.0.9         0x1         0x6         02:00:00:00:00:99     *        v0\n\
10.0.0.50        0x1         0xc         00:00:00:00:00:00     *        v0\n\
10.0.0.77        0x1         0x0         00:00:00:00:00:00     *        v0\n",
        );
        let mut out = Vec::new();
        for r in &rows {
            print_linux(&mut out, r, None);
        }
        for r in &rows {
            print_bsd(&mut out, r, None);
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "10.0.0.9                 ether   02:00:00:00:00:99   CM                    v0
10.0.0.50                *       <from_interface>    MP                    v0
10.0.0.77                        (incomplete)                              v0
? (10.0.0.9) at 02:00:00:00:00:99 [ether] PERM on v0
? (10.0.0.50) at <from_interface> PERM PUB on v0
? (10.0.0.77) at <incomplete> on v0
"
        );
    }
}
