//! `ip maddress`: multicast addresses. `show` reads the kernel's text
//! tables as the reference does (/proc/net/dev_mcast for link-layer
//! addresses, /proc/net/igmp, /proc/net/igmp6); `add`/`del` of a
//! link-layer address use the SIOCADDMULTI / SIOCDELMULTI ioctls.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::common::{self, IpText};
use super::{Ip, AF_INET, AF_INET6, AF_PACKET, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::print::Ctx;

pub const USAGE: &str = "\
Usage: ip maddr [ add | del ] MULTIADDR dev STRING
       ip maddr show [ dev STRING ]";

/// What one multicast entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    Link(Vec<u8>),
    Ip(IpAddr),
}

/// One line of /proc/net/{dev_mcast,igmp,igmp6}.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub index: u32,
    pub name: String,
    pub group: Group,
    pub users: u32,
    /// a link-layer address added by hand (`global_use`)
    pub is_static: bool,
}

fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// /proc/net/dev_mcast: `index name users global_use address-in-hex`.
pub fn parse_dev_mcast(text: &str, out: &mut Vec<Entry>) {
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 5 {
            continue;
        }
        let (Ok(index), Ok(users), Ok(global), Some(addr)) = (
            f[0].parse(),
            f[2].parse::<u32>(),
            f[3].parse::<u32>(),
            hex_bytes(f[4]),
        ) else {
            continue;
        };
        out.push(Entry {
            index,
            name: f[1].to_string(),
            group: Group::Link(addr),
            users,
            is_static: global > 0,
        });
    }
}

/// /proc/net/igmp: a device line (`index name : count querier`), then its
/// groups on lines starting with a tab (`GROUP users timer reporter`, the
/// group as the kernel's `%08X` of the address in network order).
pub fn parse_igmp(text: &str, out: &mut Vec<Entry>) {
    let mut dev: Option<(u32, String)> = None;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if line.starts_with('\t') {
            let Some((index, name)) = &dev else { continue };
            if f.len() < 2 {
                continue;
            }
            let (Ok(g), Ok(users)) = (u32::from_str_radix(f[0], 16), f[1].parse()) else {
                continue;
            };
            let addr = Ipv4Addr::from(g.to_ne_bytes());
            out.push(Entry {
                index: *index,
                name: name.clone(),
                group: Group::Ip(IpAddr::V4(addr)),
                users,
                is_static: false,
            });
        } else if f.len() >= 2 {
            dev = f[0].parse().ok().map(|i| (i, f[1].to_string()));
        }
    }
}

/// /proc/net/igmp6: `index name address-in-hex users flags timer`.
pub fn parse_igmp6(text: &str, out: &mut Vec<Entry>) {
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 4 {
            continue;
        }
        let (Ok(index), Some(addr), Ok(users)) = (f[0].parse(), hex_bytes(f[2]), f[3].parse())
        else {
            continue;
        };
        let Ok(o) = <[u8; 16]>::try_from(addr) else {
            continue;
        };
        out.push(Entry {
            index,
            name: f[1].to_string(),
            group: Group::Ip(IpAddr::V6(Ipv6Addr::from(o))),
            users,
            is_static: false,
        });
    }
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return show(ip, args);
    };
    if matches(&cmd, "add") {
        modify(args, true)
    } else if matches(&cmd, "delete") {
        modify(args, false)
    } else if matches(&cmd, "list") || matches(&cmd, "show") || matches(&cmd, "lst") {
        show(ip, args)
    } else if matches(&cmd, "help") {
        Err(Error::arg(USAGE))
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip maddr help\"."
        )))
    }
}

/// `show [[dev] NAME]`: the device is compared by name (an unknown name
/// shows nothing).
fn parse_show(mut args: Args) -> Result<Option<String>> {
    let mut dev: Option<String> = None;
    while let Some(w) = args.next() {
        let name = if w == "dev" {
            args.value()?
        } else if matches(&w, "help") {
            return Err(Error::arg(USAGE));
        } else {
            w
        };
        if dev.is_some() {
            return Err(Error::duparg2("dev", &name));
        }
        dev = Some(name);
    }
    Ok(dev)
}

fn show(ip: &mut Ip, args: Args) -> Result<()> {
    let dev = parse_show(args)?;
    let fam = ip.o.family;
    let mut list = Vec::new();
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    if fam == AF_UNSPEC || fam == AF_PACKET {
        parse_dev_mcast(&read("/proc/net/dev_mcast"), &mut list);
    }
    if fam == AF_UNSPEC || fam == AF_INET {
        parse_igmp(&read("/proc/net/igmp"), &mut list);
    }
    if fam == AF_UNSPEC || fam == AF_INET6 {
        parse_igmp6(&read("/proc/net/igmp6"), &mut list);
    }
    if let Some(d) = &dev {
        list.retain(|e| &e.name == d);
    }
    // by interface, each table's lines in their order
    list.sort_by_key(|e| e.index);
    ip.p.start_doc();
    print_entries(&mut ip.p, &list);
    ip.p.end_doc();
    Ok(())
}

/// The listing: per interface `N:\tNAME`, then one line per group.
pub fn print_entries(p: &mut crate::print::Printer, list: &[Entry]) {
    let mut i = 0;
    while i < list.len() {
        let index = list[i].index;
        let end = list[i..]
            .iter()
            .position(|e| e.index != index)
            .map_or(list.len(), |n| i + n);
        p.open_obj(Ctx::Json, "");
        p.uint(Ctx::Any, "ifindex", "{}:", index as u64);
        p.str(Ctx::Any, "ifname", "\t{}", &list[i].name);
        p.text("\n");
        p.open_arr(Ctx::Json, "maddr", "");
        for e in &list[i..end] {
            p.open_obj(Ctx::Json, "");
            match &e.group {
                Group::Link(a) => {
                    p.text("\tlink  ");
                    p.str(Ctx::Any, "link", "{}", &common::fmt_lladdr(a));
                }
                Group::Ip(a) => {
                    let fam = if a.is_ipv4() { "inet" } else { "inet6" };
                    p.str(Ctx::Any, "family", "\t{:<5} ", fam);
                    p.str(Ctx::Any, "address", "{}", IpText::new(a).as_str());
                }
            }
            if e.users > 1 {
                p.uint(Ctx::Any, "users", " users {}", e.users as u64);
            }
            if e.is_static {
                p.str(Ctx::Any, "features", " {}", "static");
            }
            p.text("\n");
            p.close_obj(Ctx::Json);
        }
        p.close_arr(Ctx::Json, "");
        p.close_obj(Ctx::Json);
        i = end;
    }
}

/// What `add`/`del` were given.
#[derive(Debug, Default, PartialEq, Eq)]
struct Req {
    addr: Vec<u8>,
    dev: String,
}

/// `MULTIADDR dev NAME` in any order; the address is read at once.
fn parse_modify(mut args: Args) -> Result<Req> {
    let mut addr: Option<Vec<u8>> = None;
    let mut dev: Option<String> = None;
    while let Some(w) = args.next() {
        if w == "dev" {
            let v = args.value()?;
            if dev.is_some() {
                return Err(Error::duparg("dev", &v));
            }
            dev = Some(v);
        } else {
            // `address` is an optional keyword before the address word
            let w = if matches(&w, "address") { args.value()? } else { w };
            if matches(&w, "help") {
                return Err(Error::arg(USAGE));
            }
            if addr.is_some() {
                return Err(Error::duparg("address", &w));
            }
            let a = common::parse_lladdr(&w)?;
            // the reference reads at most 15 bytes
            let n = a.len().min(15);
            if n != 6 {
                return Err(Error::Failed(format!(
                    "Error: Invalid address length {n} - must be 6 bytes"
                )));
            }
            addr = Some(a);
        }
    }
    let Some(dev) = dev else {
        return Err(Error::arg("Not enough information: \"dev\" is required."));
    };
    Ok(Req {
        addr: addr.unwrap_or_default(),
        dev,
    })
}

fn modify(args: Args, add: bool) -> Result<()> {
    let r = parse_modify(args)?;
    // SAFETY: plain socket(2); the fd is owned by the File below.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0) };
    if fd < 0 {
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(Error::Failed(format!(
            "Cannot create socket: {}",
            crate::error::strerror(e)
        )));
    }
    // SAFETY: fd is a fresh descriptor nobody else owns.
    let sock = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    // SAFETY: an all-zero ifreq is a valid value.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in ifr
        .ifr_name
        .iter_mut()
        .zip(r.dev.bytes().take(libc::IFNAMSIZ - 1))
    {
        *d = s as libc::c_char;
    }
    // SAFETY: writing the hwaddr member of the (zeroed) union.
    unsafe {
        ifr.ifr_ifru.ifru_hwaddr.sa_family = 0;
        for (d, s) in ifr.ifr_ifru.ifru_hwaddr.sa_data.iter_mut().zip(&r.addr) {
            *d = *s as libc::c_char;
        }
    }
    let req = if add {
        libc::SIOCADDMULTI
    } else {
        libc::SIOCDELMULTI
    };
    // SAFETY: ifr is a valid ifreq for the duration of the call.
    let rc = unsafe { libc::ioctl(std::os::fd::AsRawFd::as_raw_fd(&sock), req, &mut ifr) };
    if rc < 0 {
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(Error::Failed(format!(
            "ioctl: {}",
            crate::error::strerror(e)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV_MCAST: &str = "2    v1              1     0     333300000001\n\
                             3    v0              2     1     333300000001\n\
                             3    v0              1     1     01005e000005\n";
    const IGMP: &str = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n\
                        1\tlo        :     2      V3\n\
                        \t\t\t\t030201EF     2 0:00000000\t\t0\n\
                        \t\t\t\t010000E0     1 0:00000000\t\t0\n";
    const IGMP6: &str = "1    lo              ff020000000000000000000000000001     1 0000000C 0\n\
                         3    v0              ff050000000000000000000000000007     2 00000004 0\n";

    fn all() -> Vec<Entry> {
        let mut v = Vec::new();
        parse_dev_mcast(DEV_MCAST, &mut v);
        parse_igmp(IGMP, &mut v);
        parse_igmp6(IGMP6, &mut v);
        v.sort_by_key(|e| e.index);
        v
    }

    #[test]
    fn tables() {
        let v = all();
        assert_eq!(v.len(), 7);
        assert_eq!(
            v[0].group,
            Group::Ip(IpAddr::V4(Ipv4Addr::new(239, 1, 2, 3)))
        );
        assert_eq!(v[0].users, 2);
        assert_eq!(v[3].group, Group::Link(vec![0x33, 0x33, 0, 0, 0, 1]));
        assert!(v[4].is_static);
    }

    #[test]
    fn text_and_json() {
        let mut p = crate::print::Printer::capture(false, false, false);
        print_entries(&mut p, &all());
        assert_eq!(
            p.captured(),
            "1:\tlo\n\tinet  239.1.2.3 users 2\n\tinet  224.0.0.1\n\tinet6 ff02::1\n\
             2:\tv1\n\tlink  33:33:00:00:00:01\n\
             3:\tv0\n\tlink  33:33:00:00:00:01 users 2 static\n\tlink  01:00:5e:00:00:05 static\n\tinet6 ff05::7 users 2\n"
        );
        let mut p = crate::print::Printer::capture(true, false, false);
        let v: Vec<Entry> = all().into_iter().filter(|e| e.index == 3).collect();
        print_entries(&mut p, &v);
        assert_eq!(
            p.captured(),
            "{\"ifindex\":3,\"ifname\":\"v0\",\"maddr\":[{\"link\":\"33:33:00:00:00:01\",\"users\":2,\"features\":\"static\"},\
             {\"link\":\"01:00:5e:00:00:05\",\"features\":\"static\"},{\"family\":\"inet6\",\"address\":\"ff05::7\",\"users\":2}]}"
        );
    }

    #[test]
    fn arguments() {
        let r = parse_modify(Args::new(["dev", "v0", "01:00:5e:00:00:07"])).unwrap();
        assert_eq!(
            r,
            Req {
                addr: vec![1, 0, 0x5e, 0, 0, 7],
                dev: "v0".into()
            }
        );
        let e = |w: &[&str]| {
            parse_modify(Args::new(w.iter().copied()))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(e(&["zz", "dev", "v0"]), "\"zz\" is invalid lladdr.");
        // `address` (any prefix) is a keyword: its value follows, even
        // `dev` (read as hex: one byte) or `help`
        assert_eq!(
            e(&["add", "dev", "lo"]),
            "Error: Invalid address length 1 - must be 6 bytes"
        );
        assert_eq!(e(&["address", "help", "dev", "lo"]), USAGE);
        assert_eq!(
            e(&["1:2:3:4:5:6", "a", "1:2:3:4:5:6", "dev", "lo"]),
            "Error: duplicate \"address\": \"1:2:3:4:5:6\" is the second value."
        );
        assert_eq!(
            parse_modify(Args::new(["dev", "lo", "addr", "1:2:3:4:5:6"])).unwrap().addr,
            vec![1, 2, 3, 4, 5, 6]
        );
        assert_eq!(
            e(&["1.2.3.4", "dev", "v0"]),
            "Error: Invalid address length 4 - must be 6 bytes"
        );
        assert_eq!(
            e(&["33:33:00:00:00:02"]),
            "Not enough information: \"dev\" is required."
        );
        assert_eq!(
            e(&["01:00:5e:00:00:08", "01:00:5e:00:00:09"]),
            "Error: duplicate \"address\": \"01:00:5e:00:00:09\" is the second value."
        );
        assert_eq!(
            parse_show(Args::new(["v1"])).unwrap().as_deref(),
            Some("v1")
        );
        assert_eq!(
            parse_show(Args::new(["foo", "dev", "v0"]))
                .unwrap_err()
                .to_string(),
            "Error: either \"dev\" is duplicate, or \"v0\" is a garbage."
        );
    }
}
