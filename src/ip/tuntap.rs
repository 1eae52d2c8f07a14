//! `ip tuntap add | del | show | list`: tun/tap devices are made with the
//! /dev/net/tun ioctls (the kernel refuses to create them over rtnetlink);
//! `show` lists the links of kind `tun` and reads their flags and owner
//! from sysfs, as iproute2 6.1 does.

use std::os::fd::AsRawFd;

use netlink_packet_route::link::{InfoKind, LinkAttribute, LinkInfo, LinkMessage};
use netlink_packet_route::RouteNetlinkMessage;

use super::link_mod::{fail, keyword, p, valid_ifname, Kw};
use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::print::Ctx;

const USAGE: &str = "\
Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]
       [ mode { tun | tap } ] [ user USER ] [ group GROUP ]
       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]

Where: USER  := { STRING | NUMBER }
       GROUP := { STRING | NUMBER }";

// <linux/if_tun.h>
const IFF_TUN: u16 = 0x0001;
const IFF_TAP: u16 = 0x0002;
const IFF_MULTI_QUEUE: u16 = 0x0100;
const IFF_PERSIST: u16 = 0x0800;
const IFF_NO_PI: u16 = 0x1000;
const IFF_ONE_QUEUE: u16 = 0x2000;
const IFF_VNET_HDR: u16 = 0x4000;
const IFF_TUN_EXCL: u16 = 0x8000;
const TUNSETIFF: libc::c_ulong = 0x400454ca;
const TUNSETPERSIST: libc::c_ulong = 0x400454cb;
const TUNSETOWNER: libc::c_ulong = 0x400454cc;
const TUNSETGROUP: libc::c_ulong = 0x400454ce;

/// What `add`/`del` asked for.
#[derive(Debug, Default, PartialEq, Eq)]
struct TunReq {
    name: String,
    flags: u16,
    user: Option<u32>,
    group: Option<u32>,
}

const OPTIONS: &[Kw] = &[
    p("mode"),
    p("user"),
    p("group"),
    p("one_queue"),
    p("pi"),
    p("vnet_hdr"),
    p("multi_queue"),
    p("dev"),
    p("help"),
];

/// `del` takes no `user` or `group` (those words are then a name).
const DEL_OPTIONS: &[Kw] = &[
    p("mode"),
    p("one_queue"),
    p("pi"),
    p("vnet_hdr"),
    p("multi_queue"),
    p("dev"),
    p("help"),
];

/// A user or group: a name from /etc/passwd or /etc/group, else a
/// decimal number as strtol reads it (blanks and a sign first, saturating
/// on overflow), taken modulo 2^32 as uid_t does. Some(None) for -1, the
/// reference's "no owner".
fn id_of(v: &str, file: &str) -> Option<Option<u32>> {
    let by_name = std::fs::read_to_string(file).ok().and_then(|text| {
        text.lines().find_map(|l| {
            let mut f = l.split(':');
            (f.next() == Some(v)).then(|| f.nth(1)?.parse::<u32>().ok())?
        })
    });
    let n = match by_name {
        Some(n) => n,
        None => c_long(v)? as u32,
    };
    Some((n != u32::MAX).then_some(n))
}

/// strtol(v, &end, 10) with `*end == 0` and at least one digit.
fn c_long(v: &str) -> Option<i64> {
    let s = v.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mag = digits.bytes().fold(0u128, |acc, c| (acc * 10 + (c - b'0') as u128).min(1 << 64));
    Some(if neg {
        if mag > 1 << 63 { i64::MIN } else { (mag as i128).wrapping_neg() as i64 }
    } else {
        i64::try_from(mag).unwrap_or(i64::MAX)
    })
}

fn parse(a: &mut Args, add: bool) -> Result<TunReq> {
    let mut r = TunReq {
        flags: IFF_NO_PI,
        ..Default::default()
    };
    let mut mode = 0u16;
    let mut named = false;
    while let Some(w) = a.next() {
        match keyword(&w, if add { OPTIONS } else { DEL_OPTIONS }) {
            Some("mode") => {
                let v = a.value()?;
                let m = match v.as_str() {
                    "tun" => IFF_TUN,
                    "tap" => IFF_TAP,
                    _ => return Err(Error::arg(format!("Unknown tunnel mode \"{v}\""))),
                };
                if mode != 0 {
                    return Err(Error::arg(
                        "You managed to ask for more than one tunnel mode.",
                    ));
                }
                mode = m;
            }
            Some("user") => {
                let v = a.value()?;
                r.user = id_of(&v, "/etc/passwd").ok_or_else(|| Error::arg(format!("invalid user \"{v}\"")))?;
            }
            Some("group") => {
                let v = a.value()?;
                r.group = id_of(&v, "/etc/group").ok_or_else(|| Error::arg(format!("invalid group \"{v}\"")))?;
            }
            Some("one_queue") => r.flags |= IFF_ONE_QUEUE,
            Some("pi") => r.flags &= !IFF_NO_PI,
            Some("vnet_hdr") => r.flags |= IFF_VNET_HDR,
            Some("multi_queue") => r.flags |= IFF_MULTI_QUEUE,
            Some("dev") => {
                let v = a.value()?;
                if !valid_ifname(&v) {
                    return Err(Error::invarg("\"dev\" not a valid ifname", &v));
                }
                r.name = v;
            }
            Some(_) => return Err(Error::arg(USAGE)),
            None => {
                let v = if matches(&w, "name") { a.value()? } else { w };
                if named || !r.name.is_empty() {
                    return Err(Error::duparg2("name", &v));
                }
                if !valid_ifname(&v) {
                    return Err(Error::invarg("\"name\" not a valid ifname", &v));
                }
                r.name = v;
                named = true;
            }
        }
    }
    if mode == 0 {
        return Err(fail("You failed to specify a tunnel mode"));
    }
    r.flags |= mode;
    Ok(r)
}

/// `struct ifreq` with a name and short flags (40 bytes).
fn ifreq(name: &str, flags: u16) -> [u8; 40] {
    let mut b = [0u8; 40];
    let n = crate::cli::bytes_of(name);
    b[..n.len().min(15)].copy_from_slice(&n[..n.len().min(15)]);
    b[16..18].copy_from_slice(&flags.to_ne_bytes());
    b
}

fn ioctl(fd: &std::fs::File, what: &str, req: libc::c_ulong, arg: libc::c_ulong) -> Result<()> {
    // SAFETY: the tun ioctls used here take an integer argument.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), req, arg) };
    if r < 0 {
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(fail(format!("ioctl({what}): {}", crate::error::strerror(e))));
    }
    Ok(())
}

/// Open /dev/net/tun and attach it to the device (created when absent).
fn attach(r: &TunReq) -> Result<std::fs::File> {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/net/tun")
        .map_err(|e| fail(format!("open: {}", crate::error::strerror(e.raw_os_error().unwrap_or(0)))))?;
    let mut req = ifreq(&r.name, r.flags);
    // SAFETY: TUNSETIFF reads and writes a struct ifreq, which `req` is
    // (40 bytes, name then flags).
    let rc = unsafe { libc::ioctl(f.as_raw_fd(), TUNSETIFF, req.as_mut_ptr()) };
    if rc < 0 {
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(fail(format!("ioctl(TUNSETIFF): {}", crate::error::strerror(e))));
    }
    Ok(f)
}

fn add(r: &TunReq) -> Result<()> {
    // never attach to an existing device when adding
    let f = attach(&TunReq {
        flags: r.flags | IFF_TUN_EXCL,
        name: r.name.clone(),
        ..*r
    })?;
    if let Some(u) = r.user {
        ioctl(&f, "TUNSETOWNER", TUNSETOWNER, u as libc::c_ulong)?;
    }
    if let Some(g) = r.group {
        ioctl(&f, "TUNSETGROUP", TUNSETGROUP, g as libc::c_ulong)?;
    }
    ioctl(&f, "TUNSETPERSIST", TUNSETPERSIST, 1)
}

fn del(r: &TunReq) -> Result<()> {
    let f = attach(r)?;
    ioctl(&f, "TUNSETPERSIST", TUNSETPERSIST, 0)
}

fn sysfs(dev: &str, file: &str) -> Option<String> {
    std::fs::read_to_string(crate::cli::fs_path(&format!("/sys/class/net/{dev}/{file}")))
        .ok()
        .map(|s| s.trim().to_string())
}

/// The flag words `show` prints for a device's `tun_flags`, in order.
/// iproute2 reads IFF_NO_PI also as IFF_NOFILTER (same bit), hence both
/// `pi` and `filter` for a device with packet information.
fn flag_words(flags: u32) -> Vec<&'static str> {
    let f = flags as u16;
    let mut v = vec![if f & IFF_TAP != 0 { "tap" } else { "tun" }];
    let pi = f & IFF_NO_PI == 0;
    for (on, w) in [
        (pi, "pi"),
        (f & IFF_ONE_QUEUE != 0, "one_queue"),
        (f & IFF_MULTI_QUEUE != 0, "multi_queue"),
        (f & IFF_VNET_HDR != 0, "vnet_hdr"),
        (f & IFF_PERSIST != 0, "persist"),
        (pi, "filter"),
    ] {
        if on {
            v.push(w);
        }
    }
    v
}

/// Processes with the device open: (name, pid), from /proc/*/fdinfo.
fn processes(dev: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return out;
    };
    for ent in rd.flatten() {
        let Some(pid) = ent.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            let is_tun = std::fs::read_link(fd.path())
                .map(|l| l == std::path::Path::new("/dev/net/tun"))
                .unwrap_or(false);
            if !is_tun {
                continue;
            }
            // fd directories are numbers: the path is joined as it is
            let info = std::fs::read_to_string(
                std::path::Path::new(&format!("/proc/{pid}/fdinfo")).join(fd.file_name()),
            )
            .unwrap_or_default();
            let attached = info.lines().any(|l| {
                l.strip_prefix("iff:")
                    .map(|n| n.trim() == dev)
                    .unwrap_or(false)
            });
            if attached {
                let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
                out.push((name.trim().to_string(), pid));
            }
        }
    }
    out
}

fn is_tun(m: &LinkMessage) -> Option<String> {
    let tun = m.attributes.iter().any(|a| match a {
        LinkAttribute::LinkInfo(infos) => infos
            .iter()
            .any(|i| matches!(i, LinkInfo::Kind(InfoKind::Tun))),
        _ => false,
    });
    if !tun {
        return None;
    }
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::IfName(n) => Some(n.clone()),
        _ => None,
    })
}

fn show(ip: &mut Ip) -> Result<()> {
    let mut names = Vec::new();
    ip.nl()?.dump(
        RouteNetlinkMessage::GetLink(LinkMessage::default()),
        &mut |m| {
            if let RouteNetlinkMessage::NewLink(l) = m {
                if let Some(n) = is_tun(&l) {
                    names.push(n);
                }
            }
            Ok(())
        },
    )?;
    let details = ip.o.details > 0;
    let p = &mut ip.p;
    p.start_doc();
    for name in names {
        let Some(flags) = sysfs(&name, "tun_flags")
            .and_then(|s| u32::from_str_radix(s.trim_start_matches("0x"), 16).ok())
        else {
            continue;
        };
        p.open_obj(Ctx::Json, "");
        p.color_str(Ctx::Any, crate::print::Color::Ifname, "ifname", "{}:", &name);
        p.open_arr(Ctx::Json, "flags", "");
        for w in flag_words(flags) {
            p.str(Ctx::Any, "", " {}", w);
        }
        p.close_arr(Ctx::Json, "");
        for (file, key) in [("owner", "user"), ("group", "group")] {
            if let Some(v) = sysfs(&name, file).and_then(|s| s.parse::<i64>().ok()) {
                if v != -1 {
                    p.int(Ctx::Any, key, &format!(" {key} {{}}"), v);
                }
            }
        }
        if details {
            p.text("\n\tAttached to processes:");
            p.open_arr(Ctx::Json, "processes", "");
            for (pname, pid) in processes(&name) {
                p.str(Ctx::Any, "name", "{}", &pname);
                p.uint(Ctx::Any, "pid", "({})", pid as u64);
            }
            p.close_arr(Ctx::Json, "");
        }
        p.close_obj(Ctx::Json);
        p.text("\n");
    }
    p.end_doc();
    Ok(())
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return show(ip);
    };
    if matches(&cmd, "add") {
        add(&parse(&mut args, true)?)
    } else if matches(&cmd, "delete") {
        del(&parse(&mut args, false)?)
    } else if matches(&cmd, "show") || matches(&cmd, "list") || matches(&cmd, "lst") {
        show(ip)
    } else if matches(&cmd, "help") {
        Err(Error::arg(USAGE))
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip tuntap help\"."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let r = parse(&mut Args::new(["dev", "tap0", "mode", "tap"]), true).unwrap();
        assert_eq!(
            r,
            TunReq {
                name: "tap0".into(),
                flags: IFF_TAP | IFF_NO_PI,
                user: None,
                group: None
            }
        );
        let r = parse(&mut Args::new([
            "t1", "mo", "tun", "p", "o", "u", "0", "g", "0",
        ]), true)
        .unwrap();
        assert_eq!(r.flags, IFF_TUN | IFF_ONE_QUEUE);
        assert_eq!((r.user, r.group), (Some(0), Some(0)));
        let e = parse(&mut Args::new(["dev", "x"]), true).unwrap_err();
        assert_eq!(
            (e.to_string().as_str(), e.exit_code()),
            ("You failed to specify a tunnel mode", 1)
        );
        let e = parse(&mut Args::new(["mode", "tap", "mode", "tun"]), true).unwrap_err();
        assert_eq!(e.exit_code(), 255);
        let e = parse(&mut Args::new(["dev", "x7", "name", "x8", "mode", "tun"]), true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error: either \"name\" is duplicate, or \"x8\" is a garbage."
        );
        let e = parse(&mut Args::new(["mode", "TAP"]), true).unwrap_err();
        assert_eq!(e.to_string(), "Unknown tunnel mode \"TAP\"");
    }

    #[test]
    fn flags_shown() {
        assert_eq!(
            flag_words(0x2802),
            ["tap", "pi", "one_queue", "persist", "filter"]
        );
        assert_eq!(flag_words(0x1901), ["tun", "multi_queue", "persist"]);
        assert_eq!(flag_words(0x5802), ["tap", "vnet_hdr", "persist"]);
    }

    #[test]
    fn ids() {
        assert_eq!(id_of("0", "/nonexistent"), Some(Some(0)));
        assert_eq!(id_of("root", "/etc/passwd"), Some(Some(0)));
        assert_eq!(id_of("nosuchuser", "/etc/passwd"), None);
        // strtol: blanks, a sign, saturation; uid_t wraps; -1 is no owner
        assert_eq!(id_of(" +5", "/nonexistent"), Some(Some(5)));
        assert_eq!(id_of("-0", "/nonexistent"), Some(Some(0)));
        assert_eq!(id_of("-1", "/nonexistent"), Some(None));
        assert_eq!(id_of("-2", "/nonexistent"), Some(Some(u32::MAX - 1)));
        assert_eq!(id_of("4294967296", "/nonexistent"), Some(Some(0)));
        assert_eq!(id_of("99999999999999999999", "/nonexistent"), Some(None));
        for bad in ["0x10", "010x", "5abc", "", "-", " "] {
            assert_eq!(id_of(bad, "/nonexistent"), None, "{bad}");
        }
        // del takes no user/group: the word is a (second) name
        let e = parse(&mut Args::new(["mode", "tun", "user", "0"]), false).unwrap_err();
        assert_eq!(e.to_string(), "Error: either \"name\" is duplicate, or \"0\" is a garbage.");
    }
}
