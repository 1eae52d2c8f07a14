//! The `brctl` applet: bridge-utils 1.7.1's command line, messages and
//! layouts. Bridges are made, removed and given ports through rtnetlink
//! (the shared socket and name lookups of the `ip` applet); bridge and
//! port parameters are read and written in sysfs, as bridge-utils does.
//! Where bridge-utils would fall back to an ioctl, the errno that ioctl
//! would give is derived from what netlink says about the device.

mod ioctl;
mod show;
mod sysfs;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_EXCL};
use netlink_packet_route::link::{InfoKind, LinkAttribute, LinkFlags, LinkInfo, LinkMessage};
use netlink_packet_route::RouteNetlinkMessage;

use crate::error::{strerror, Error, Result};
use crate::ip::common::get_link_by_name;
use crate::ip::Ip;
use sysfs::Write1;

const VERSION: &str = "bridge-utils, 1.7";

/// name, number of arguments, help text (as bridge-utils lists them).
const COMMANDS: &[(&str, usize, &str)] = &[
    ("addbr", 1, "<bridge>\t\tadd bridge"),
    ("delbr", 1, "<bridge>\t\tdelete bridge"),
    ("addif", 2, "<bridge> <device>\tadd interface to bridge"),
    (
        "delif",
        2,
        "<bridge> <device>\tdelete interface from bridge",
    ),
    (
        "hairpin",
        3,
        "<bridge> <port> {on|off}\tturn hairpin on/off",
    ),
    ("setageing", 2, "<bridge> <time>\t\tset ageing time"),
    ("setbridgeprio", 2, "<bridge> <prio>\t\tset bridge priority"),
    ("setfd", 2, "<bridge> <time>\t\tset bridge forward delay"),
    ("sethello", 2, "<bridge> <time>\t\tset hello time"),
    ("setmaxage", 2, "<bridge> <time>\t\tset max message age"),
    ("setpathcost", 3, "<bridge> <port> <cost>\tset path cost"),
    (
        "setportprio",
        3,
        "<bridge> <port> <prio>\tset port priority",
    ),
    ("show", 0, "[ <bridge> ]\t\tshow a list of bridges"),
    ("showmacs", 1, "<bridge>\t\tshow a list of mac addrs"),
    ("showstp", 1, "<bridge>\t\tshow bridge stp info"),
    ("stp", 2, "<bridge> {on|off}\tturn stp on/off"),
];

fn usage() -> String {
    let mut s = String::from("Usage: brctl [commands]\ncommands:\n");
    for (name, _, help) in COMMANDS {
        s.push_str(&format!("\t{name:<10}\t{help}\n"));
    }
    s
}

/// What the first option on the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Opt {
    Help,
    Version,
    /// getopt's complaint about an unknown option
    Bad(String),
}

/// GNU getopt_long with "hV" and --help/--version: options may come
/// anywhere (argument permutation) until "--"; bridge-utils acts on the
/// first one. Returns it and the non-option words.
fn getopt(prog: &str, argv: &[String]) -> (Option<Opt>, Vec<String>) {
    let posixly_correct = std::env::var_os("POSIXLY_CORRECT").is_some();
    let mut words = Vec::new();
    let mut it = argv.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            words.extend(it.cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, val) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let all = ["help", "version"];
            let cands: Vec<&str> = all.into_iter().filter(|o| o.starts_with(name)).collect();
            let found = all.into_iter().find(|o| *o == name).or(match cands[..] {
                [one] => Some(one),
                _ => None,
            });
            let opt = match (found, val) {
                (None, _) if cands.len() > 1 => Opt::Bad(format!(
                    "{prog}: option '{a}' is ambiguous; possibilities: '--help' '--version'"
                )),
                (None, _) => Opt::Bad(format!("{prog}: unrecognized option '{a}'")),
                (Some(o), Some(_)) => {
                    Opt::Bad(format!("{prog}: option '--{o}' doesn't allow an argument"))
                }
                (Some("help"), None) => Opt::Help,
                (Some(_), None) => Opt::Version,
            };
            return (Some(opt), words);
        }
        if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            let c = short.chars().next().expect("not empty");
            let opt = match c {
                'h' => Opt::Help,
                'V' => Opt::Version,
                _ => Opt::Bad(format!("{prog}: invalid option -- '{c}'")),
            };
            return (Some(opt), words);
        }
        words.push(a.clone());
        if posixly_correct {
            // no permutation: the first word ends the options
            words.extend(it.cloned());
            break;
        }
    }
    (None, words)
}

pub fn main(argv: Vec<String>) -> Result<()> {
    // getopt names the program by argv[0] as it was given
    let prog = std::env::args_os()
        .next()
        .map(|a| crate::cli::string_of_os(&a))
        .unwrap_or_else(|| "brctl".into());
    let mut out = String::new();
    let r = run(&prog, &argv, &mut out);
    // through a Printer: names as the bytes they are, write errors ignored
    crate::print::stdout(&out);
    r
}

fn run(prog: &str, argv: &[String], out: &mut String) -> Result<()> {
    let (opt, words) = getopt(prog, argv);
    match opt {
        Some(Opt::Help) => {
            out.push_str(&usage());
            return Ok(());
        }
        Some(Opt::Version) => {
            out.push_str(VERSION);
            out.push('\n');
            return Ok(());
        }
        Some(Opt::Bad(msg)) => {
            // bridge-utils writes the error (stderr) before the usage
            // (stdout), terminal or not
            crate::print::warn(format!("{msg}\nUnknown option '?'"));
            out.push_str(&usage());
            return Err(Error::Exit(1));
        }
        None => {}
    }
    let Some((cmd, rest)) = words.split_first() else {
        out.push_str(&usage());
        return Err(Error::Exit(1));
    };
    let Some(&(name, nargs, help)) = COMMANDS.iter().find(|c| c.0 == cmd) else {
        crate::print::warn(format!("never heard of command [{cmd}]"));
        out.push_str(&usage());
        return Err(Error::Exit(1));
    };
    if rest.len() < nargs {
        out.push_str(&format!(
            "Incorrect number of arguments for command\nUsage: brctl {name} {help}\n"
        ));
        return Err(Error::Exit(1));
    }
    let mut ip = Ip::new(Default::default());
    let ip = &mut ip;
    let a = rest;
    match name {
        "addbr" => addbr(ip, &a[0]),
        "delbr" => delbr(ip, &a[0]),
        "addif" => a[1..].iter().try_for_each(|d| addif(ip, &a[0], d)),
        "delif" => a[1..].iter().try_for_each(|d| delif(ip, &a[0], d)),
        "hairpin" => hairpin(ip, &a[0], &a[1], &a[2]),
        "setageing" => set_time(ip, &a[0], &a[1], "ageing_time", "ageing time"),
        "setfd" => set_time(ip, &a[0], &a[1], "forward_delay", "forward delay"),
        "sethello" => set_time(ip, &a[0], &a[1], "hello_time", "hello timer"),
        "setmaxage" => set_time(ip, &a[0], &a[1], "max_age", "max age"),
        "setbridgeprio" => {
            let v = parse_int(&a[1]).ok_or_else(|| fail("bad priority"))?;
            set_bridge(ip, &a[0], "priority", &v, "set bridge priority failed")
        }
        "setpathcost" => {
            let v = parse_int(&a[2]).ok_or_else(|| fail("bad path cost value"))?;
            set_port(ip, &a[0], &a[1], "path_cost", &v, "set path cost failed")
        }
        "setportprio" => {
            let v = parse_int(&a[2]).ok_or_else(|| fail("bad path priority value"))?;
            set_port(ip, &a[0], &a[1], "priority", &v, "set port priority failed")
        }
        "stp" => {
            let v = parse_bool(&a[1])?;
            set_bridge(ip, &a[0], "stp_state", v, "set stp status failed")
        }
        "show" => show(ip, a, out),
        "showmacs" => showmacs(ip, &a[0], out),
        "showstp" => showstp(ip, &a[0], out),
        _ => unreachable!("every command in the table is handled"),
    }
}

/// bridge-utils' messages all exit 1.
fn fail(msg: impl Into<String>) -> Error {
    Error::msg(msg, 1)
}

/// The kernel keeps at most 15 bytes of an interface name.
fn trunc15(name: &str) -> &str {
    let mut n = name.len().min(15);
    while !name.is_char_boundary(n) {
        n -= 1;
    }
    &name[..n]
}

/// The name a device ioctl (if_nametoindex's SIOCGIFINDEX included)
/// looks for: the kernel cuts it at the first colon, so an alias name
/// (`lo:1`) stands for its device.
fn dev_name(name: &str) -> &str {
    name.split(':').next().unwrap_or_default()
}

/// The link called `name`, as if_nametoindex() would find it (names of
/// 16 bytes and more never match; an alias name finds its device).
fn link(ip: &mut Ip, name: &str) -> Result<Option<LinkMessage>> {
    if crate::cli::bytes_of(name).len() >= 16 {
        return Ok(None);
    }
    link_named(ip, dev_name(name))
}

/// The link called exactly `name` (no alias: the deviceless bridge
/// ioctls, delbr's, take the name as it is).
fn link_named(ip: &mut Ip, name: &str) -> Result<Option<LinkMessage>> {
    if name.is_empty() || crate::cli::bytes_of(name).len() >= 16 {
        return Ok(None);
    }
    get_link_by_name(ip, name)
}

/// The bridge a device ioctl on `name` reaches: its first 15 bytes, cut
/// at a colon.
fn ioctl_bridge(name: &str) -> &str {
    dev_name(trunc15(name))
}

fn is_bridge(m: &LinkMessage) -> bool {
    m.attributes.iter().any(|a| match a {
        LinkAttribute::LinkInfo(v) => v
            .iter()
            .any(|i| matches!(i, LinkInfo::Kind(InfoKind::Bridge))),
        _ => false,
    })
}

fn master(m: &LinkMessage) -> Option<u32> {
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::Controller(i) if *i != 0 => Some(*i),
        _ => None,
    })
}

/// The errno bridge-utils reports when opening a sysfs file of bridge
/// `name` failed with `open_errno` and its ioctl fallback ran: no device,
/// not a bridge, or (on a bridge) the open's own ENOENT or the ioctl's
/// EPERM for the unprivileged.
fn fallback_errno(ip: &mut Ip, name: &str, open_errno: i32) -> Result<i32> {
    Ok(match link(ip, trunc15(name))? {
        None => libc::ENODEV,
        Some(b) if !is_bridge(&b) => libc::EOPNOTSUPP,
        Some(_) if open_errno == libc::ENOENT => libc::ENOENT,
        Some(_) => libc::EPERM,
    })
}

fn kernel_errno(e: Error) -> Result<i32> {
    match e.errno() {
        Some(n) => Ok(n),
        None => Err(e),
    }
}

fn addbr(ip: &mut Ip, arg: &str) -> Result<()> {
    let name = trunc15(arg);
    if name.is_empty() {
        return Err(fail(format!(
            "add bridge failed: {}",
            strerror(libc::EINVAL)
        )));
    }
    let mut m = LinkMessage::default();
    m.attributes.push(LinkAttribute::IfName(name.to_string()));
    m.attributes
        .push(LinkAttribute::LinkInfo(vec![LinkInfo::Kind(
            InfoKind::Bridge,
        )]));
    match ip
        .nl()?
        .request(RouteNetlinkMessage::NewLink(m), NLM_F_CREATE | NLM_F_EXCL)
    {
        Ok(()) => Ok(()),
        Err(e) => match kernel_errno(e)? {
            libc::EEXIST => Err(fail(format!(
                "device {arg} already exists; can't create bridge with the same name"
            ))),
            n => Err(fail(format!("add bridge failed: {}", strerror(n)))),
        },
    }
}

fn delbr(ip: &mut Ip, arg: &str) -> Result<()> {
    let errno = match link_named(ip, trunc15(arg))? {
        None => libc::ENXIO,
        Some(m) if !is_bridge(&m) => libc::EPERM,
        Some(m) if m.header.flags.contains(LinkFlags::Up) => libc::EBUSY,
        Some(m) => {
            let mut d = LinkMessage::default();
            d.header.index = m.header.index;
            match ip.nl()?.request(RouteNetlinkMessage::DelLink(d), 0) {
                Ok(()) => return Ok(()),
                Err(e) => kernel_errno(e)?,
            }
        }
    };
    Err(fail(match errno {
        libc::ENXIO => format!("bridge {arg} doesn't exist; can't delete it"),
        libc::EBUSY => format!("bridge {arg} is still up; can't delete it"),
        n => format!("can't delete bridge {arg}: {}", strerror(n)),
    }))
}

/// Set (or clear, with 0) the master of link `dev`.
fn set_master(ip: &mut Ip, dev: u32, master: u32) -> Result<()> {
    let mut m = LinkMessage::default();
    m.header.index = dev;
    m.attributes.push(LinkAttribute::Controller(master));
    ip.nl()?.request(RouteNetlinkMessage::SetLink(m), 0)
}

/// The bridge and the device of addif/delif, or bridge-utils' message
/// when one of them is missing (the device is checked first). The bridge
/// is found as the ioctl finds it, by its first 15 bytes.
fn bridge_and_dev(ip: &mut Ip, br: &str, dev: &str) -> Result<(LinkMessage, LinkMessage)> {
    let d = link(ip, dev)?;
    let b = link(ip, trunc15(br))?;
    match (b, d) {
        (_, None) => Err(fail(format!("interface {dev} does not exist!"))),
        (None, _) => Err(fail(format!("bridge {br} does not exist!"))),
        (Some(b), Some(d)) => Ok((b, d)),
    }
}

fn addif(ip: &mut Ip, br: &str, dev: &str) -> Result<()> {
    let (b, d) = bridge_and_dev(ip, br, dev)?;
    let errno = if !is_bridge(&b) {
        libc::EOPNOTSUPP
    } else if master(&d).is_some() {
        libc::EBUSY
    } else {
        match set_master(ip, d.header.index, b.header.index) {
            Ok(()) => return Ok(()),
            Err(e) => kernel_errno(e)?,
        }
    };
    Err(fail(match errno {
        libc::EBUSY => {
            format!("device {dev} is already a member of a bridge; can't add it to bridge {br}.")
        }
        libc::ELOOP => format!(
            "device {dev} is a bridge device itself; can't add a bridge device to a bridge device."
        ),
        n => format!("can't add {dev} to bridge {br}: {}", strerror(n)),
    }))
}

fn delif(ip: &mut Ip, br: &str, dev: &str) -> Result<()> {
    let (b, d) = bridge_and_dev(ip, br, dev)?;
    let errno = if !is_bridge(&b) {
        libc::EOPNOTSUPP
    } else if master(&d) != Some(b.header.index) {
        libc::EINVAL
    } else {
        match set_master(ip, d.header.index, 0) {
            Ok(()) => return Ok(()),
            Err(e) => kernel_errno(e)?,
        }
    };
    Err(fail(match errno {
        libc::EINVAL => format!("device {dev} is not a port of {br}"),
        n => format!("can't delete {dev} from {br}: {}", strerror(n)),
    }))
}

/// `on`/`yes`/`1` and `off`/`no`/`0`, exactly.
fn parse_bool(s: &str) -> Result<&'static str> {
    match s {
        "on" | "yes" | "1" => Ok("1"),
        "off" | "no" | "0" => Ok("0"),
        _ => Err(fail("expect on/off for argument")),
    }
}

/// An integer as bridge-utils reads it (strtoul, any base, into an int)
/// and writes it to sysfs (as an unsigned long). None without digits.
fn parse_int(s: &str) -> Option<String> {
    let c = std::ffi::CString::new(s).ok()?;
    let mut end: *mut libc::c_char = std::ptr::null_mut();
    // SAFETY: c is a valid NUL-terminated string that outlives the call;
    // end points into it afterwards.
    let v = unsafe { libc::strtoul(c.as_ptr(), &mut end, 0) };
    if std::ptr::eq(end, c.as_ptr()) {
        return None;
    }
    Some((v as u32 as i32 as i64 as u64).to_string())
}

/// 2^63: the first double a C `long` cannot hold.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// `(long)f` as the C compiler does it on x86-64: NaN and values out of
/// range become LONG_MIN.
fn c_long(f: f64) -> i64 {
    if f.is_nan() || !(-TWO_63..TWO_63).contains(&f) {
        i64::MIN
    } else {
        f as i64
    }
}

/// Seconds (strtod) to the centiseconds written to sysfs, through a
/// timeval as bridge-utils converts them.
fn centisecs(secs: f64) -> u64 {
    let sec = c_long(secs);
    let usec = c_long(1e6 * (secs - sec as f64));
    (sec as u64)
        .wrapping_mul(1_000_000)
        .wrapping_add(usec as u64)
        / 10_000
}

/// strtod; None when no number starts the string.
fn parse_secs(s: &str) -> Option<f64> {
    let c = std::ffi::CString::new(s).ok()?;
    let mut end: *mut libc::c_char = std::ptr::null_mut();
    // SAFETY: as in parse_int.
    let v = unsafe { libc::strtod(c.as_ptr(), &mut end) };
    (!std::ptr::eq(end, c.as_ptr())).then_some(v)
}

fn set_time(ip: &mut Ip, br: &str, val: &str, file: &str, what: &str) -> Result<()> {
    let secs = parse_secs(val).ok_or_else(|| fail(format!("bad {what} value")))?;
    set_bridge(
        ip,
        br,
        file,
        &centisecs(secs).to_string(),
        &format!("set {what} failed"),
    )
}

/// Write bridge attribute `file`; errors as "`what`: strerror".
fn set_bridge(ip: &mut Ip, br: &str, file: &str, val: &str, what: &str) -> Result<()> {
    let errno = match sysfs::write_attr(&sysfs::bridge_dir(br).join(file), val) {
        Write1::Done => return Ok(()),
        Write1::Failed(n) => n,
        Write1::NoOpen(e) => {
            // the ioctl would find the bridge by its first 15 bytes, cut
            // at a colon
            let t = ioctl_bridge(br);
            let other = t != br && !t.is_empty();
            match other.then(|| sysfs::write_attr(&sysfs::bridge_dir(t).join(file), val)) {
                Some(Write1::Done) => return Ok(()),
                Some(Write1::Failed(n)) => n,
                _ => fallback_errno(ip, br, e)?,
            }
        }
    };
    Err(fail(format!("{what}: {}", strerror(errno))))
}

/// The `brport` directory of `port` in the bridge a device ioctl on `br`
/// reaches, both names as those ioctls see them (alias names stand for
/// their device); None when it is not a port of that bridge.
fn ioctl_port(br: &str, port: &str) -> Option<std::path::PathBuf> {
    let (b, p) = (ioctl_bridge(br), dev_name(port));
    let d = sysfs::brif_dir(b, p);
    (!b.is_empty() && !p.is_empty() && d.is_dir()).then_some(d)
}

/// Write port attribute `file` of `port` (found by the port's name alone,
/// as bridge-utils does); errors as "`what`: strerror".
fn set_port(ip: &mut Ip, br: &str, port: &str, file: &str, val: &str, what: &str) -> Result<()> {
    let errno = match sysfs::write_attr(&sysfs::port_dir(port).join(file), val) {
        Write1::Done => return Ok(()),
        Write1::Failed(n) => n,
        Write1::NoOpen(e) => {
            if link(ip, port)?.is_none() {
                libc::ENODEV
            } else if let Some(d) = ioctl_port(br, port) {
                // the ioctl fallback reaches the port of the bridge
                match sysfs::write_attr(&d.join(file), val) {
                    Write1::Done => return Ok(()),
                    Write1::Failed(n) | Write1::NoOpen(n) => n,
                }
            } else {
                fallback_errno(ip, br, e)?
            }
        }
    };
    Err(fail(format!("{what}: {}", strerror(errno))))
}

fn hairpin(ip: &mut Ip, br: &str, port: &str, val: &str) -> Result<()> {
    let v = parse_bool(val)?;
    // the port is looked for first
    if link(ip, port)?.is_none() {
        return Err(fail(format!("interface {port} does not exist!")));
    }
    if link(ip, br)?.is_none() {
        return Err(fail(format!("bridge {br} does not exist!")));
    }
    let errno = match sysfs::write_attr(&sysfs::port_dir(port).join("hairpin_mode"), v) {
        Write1::Done => return Ok(()),
        Write1::Failed(n) => n,
        // no ioctl fallback for hairpin: a port that is none answers
        // ENOENT on a bridge, EOPNOTSUPP on anything else (an alias name
        // of a port included)
        Write1::NoOpen(libc::ENOENT)
            if sysfs::is_bridge(ioctl_bridge(br)) && ioctl_port(br, port).is_none() =>
        {
            libc::ENOENT
        }
        Write1::NoOpen(_) => libc::EOPNOTSUPP,
    };
    Err(fail(format!(
        "can't set {port} to hairpin on bridge {br}: {}",
        strerror(errno)
    )))
}

/// Why `name` has no bridge information.
fn not_a_bridge(ip: &mut Ip, name: &str) -> Result<Error> {
    Ok(fail(match fallback_errno(ip, name, libc::ENOENT)? {
        libc::ENODEV => format!("bridge {name} does not exist!"),
        _ => format!("device {name} is not a bridge!"),
    }))
}

/// The sysfs name of bridge `name`: itself, or, where bridge-utils'
/// ioctl fallback would find the bridge by its first 15 bytes (cut at a
/// colon), those.
fn sysfs_bridge(name: &str) -> &str {
    let t = ioctl_bridge(name);
    if t != name && !sysfs::is_bridge(name) && sysfs::is_bridge(t) {
        t
    } else {
        name
    }
}

fn show(ip: &mut Ip, names: &[String], out: &mut String) -> Result<()> {
    let all;
    let names = if names.is_empty() {
        all = sysfs::bridges();
        &all[..]
    } else {
        names
    };
    let mut errors = Vec::new();
    let mut header = false;
    for name in names {
        let dev = sysfs_bridge(name);
        let Some(info) = sysfs::bridge_info(dev) else {
            errors.push(not_a_bridge(ip, name)?.to_string());
            continue;
        };
        if !header {
            out.push_str(show::SHOW_HEADER);
            header = true;
        }
        out.push_str(&show::show_line(name, &info, &sysfs::ports(dev)));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(fail(errors.join("\n")))
    }
}

fn showmacs(ip: &mut Ip, br: &str, out: &mut String) -> Result<()> {
    match sysfs::fdb(sysfs_bridge(br)) {
        Some(v) => {
            out.push_str(&show::showmacs(v));
            Ok(())
        }
        None => {
            let n = fallback_errno(ip, br, libc::ENOENT)?;
            Err(fail(format!(
                "read of forward table failed: {}",
                strerror(n)
            )))
        }
    }
}

fn showstp(ip: &mut Ip, name: &str, out: &mut String) -> Result<()> {
    let br = sysfs_bridge(name);
    let info = if br == name {
        sysfs::bridge_info(br)
    } else {
        // bridge-utils got here through its ioctl: print what that says
        ioctl::bridge_info(name).or_else(|| sysfs::bridge_info(br))
    };
    let Some(info) = info else {
        return Err(not_a_bridge(ip, name)?);
    };
    let ports: Vec<_> = sysfs::ports(br)
        .iter()
        .map(|p| sysfs::port_info(br, p))
        .collect();
    out.push_str(&show::showstp(name, &info, &ports));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_like_getopt() {
        assert_eq!(
            getopt("brctl", &words("show -V")),
            (Some(Opt::Version), words("show"))
        );
        assert_eq!(getopt("brctl", &words("-Vx")).0, Some(Opt::Version));
        assert_eq!(getopt("brctl", &words("--he")).0, Some(Opt::Help));
        assert_eq!(
            getopt("brctl", &words("addbr -x y")).0,
            Some(Opt::Bad("brctl: invalid option -- 'x'".into()))
        );
        assert_eq!(
            getopt("brctl", &words("--foo")).0,
            Some(Opt::Bad("brctl: unrecognized option '--foo'".into()))
        );
        assert_eq!(
            getopt("brctl", &words("--help=x")).0,
            Some(Opt::Bad(
                "brctl: option '--help' doesn't allow an argument".into()
            ))
        );
        assert_eq!(
            getopt("brctl", &words("-- setfd br0 -1")),
            (None, words("setfd br0 -1"))
        );
        assert_eq!(getopt("brctl", &words("- x")), (None, words("- x")));
        assert_eq!(
            getopt("brctl", &words("--=x")).0,
            Some(Opt::Bad(
                "brctl: option '--=x' is ambiguous; possibilities: '--help' '--version'".into()
            ))
        );
    }

    #[test]
    fn usage_lines() {
        let u = usage();
        assert!(u.starts_with(
            "Usage: brctl [commands]\ncommands:\n\taddbr     \t<bridge>\t\tadd bridge\n"
        ));
        assert!(u.contains("\tsetbridgeprio\t<bridge> <prio>\t\tset bridge priority\n"));
        assert!(u.ends_with("\tstp       \t<bridge> {on|off}\tturn stp on/off\n"));
    }

    #[test]
    fn numbers_as_bridge_utils_writes_them() {
        assert_eq!(parse_int("12abc").as_deref(), Some("12"));
        assert_eq!(parse_int("0x10").as_deref(), Some("16"));
        assert_eq!(parse_int("010").as_deref(), Some("8"));
        assert_eq!(parse_int("4294967297").as_deref(), Some("1"));
        assert_eq!(
            parse_int("99999999999999999999").as_deref(),
            Some("18446744073709551615")
        );
        assert_eq!(parse_int("-2").as_deref(), Some("18446744073709551614"));
        assert_eq!(parse_int("abc"), None);
        assert_eq!(parse_int(""), None);
    }

    #[test]
    fn seconds_to_centiseconds() {
        let cs = |s: &str| centisecs(parse_secs(s).unwrap());
        assert_eq!(cs("2.5"), 250);
        assert_eq!(cs("2.555"), 255);
        assert_eq!(cs("4abc"), 400);
        assert_eq!(cs("0x1.8p1"), 300);
        assert_eq!(cs("4294967.29"), 429496729);
        assert_eq!(cs("99999999999"), 9999999999900);
        assert_eq!(cs("inf"), 922337203685477);
        assert_eq!(cs("nan"), 922337203685477);
        assert_eq!(cs("-1"), 1844674407370855);
        assert!(parse_secs("abc").is_none());
        assert!(parse_secs("").is_none());
    }

    #[test]
    fn on_off() {
        assert_eq!(parse_bool("yes").unwrap(), "1");
        assert_eq!(parse_bool("0").unwrap(), "0");
        assert_eq!(
            parse_bool("ON").unwrap_err().to_string(),
            "expect on/off for argument"
        );
    }

    #[test]
    fn names_cut_at_15() {
        assert_eq!(trunc15("abcdefghijklmnopqrs"), "abcdefghijklmno");
        assert_eq!(trunc15("br0"), "br0");
    }
}
