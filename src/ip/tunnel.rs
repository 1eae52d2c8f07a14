//! `ip tunnel` (`tunl`): IPv4 (ipip, gre, sit, isatap, vti) and IPv6
//! (ip6ip6, ipip6, any, ip6gre, vti6) tunnels through the old
//! SIOC{ADD,CHG,DEL,GET}TUNNEL ioctls on the mode's base device, as the
//! reference drives them. This kernel has none of the tunnel modules: the
//! base devices are missing and the ioctls answer "No such device", which
//! rip reports with the reference's words. `show` lists the links of the
//! tunnel link types (none here).

use std::net::{IpAddr, Ipv4Addr};

use netlink_packet_route::link::LinkMessage;
use netlink_packet_route::RouteNetlinkMessage;

use super::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::cli::{matches, parse_u32, Args};
use crate::error::{strerror, Error, Result};

pub const USAGE: &str = r#"Usage: ip tunnel { add | change | del | show | prl | 6rd } [ NAME ]
        [ mode { gre | ipip | isatap | sit | vti } ]
        [ remote ADDR ] [ local ADDR ]
        [ [i|o]seq ] [ [i|o]key KEY ] [ [i|o]csum ]
        [ prl-default ADDR ] [ prl-nodefault ADDR ] [ prl-delete ADDR ]
        [ 6rd-prefix ADDR ] [ 6rd-relay_prefix ADDR ] [ 6rd-reset ]
        [ ttl TTL ] [ tos TOS ] [ [no]pmtudisc ] [ dev PHYS_DEV ]

Where: NAME := STRING
       ADDR := { IP_ADDRESS | any }
       TOS  := { STRING | 00..ff | inherit | inherit/STRING | inherit/00..ff }
       TTL  := { 1..255 | inherit }
       KEY  := { DOTTED_QUAD | NUMBER }"#;

/// `ip -6 tunnel help` (the reference's IPv6 tunnel parser).
pub const USAGE6: &str = r#"Usage: ip -f inet6 tunnel { add | change | del | show } [ NAME ]
          [ mode { ip6ip6 | ipip6 | ip6gre | vti6 | any } ]
          [ remote ADDR local ADDR ] [ dev PHYS_DEV ]
          [ encaplimit ELIM ]
          [ hoplimit TTL ] [ tclass TCLASS ] [ flowlabel FLOWLABEL ]
          [ dscp inherit ]
          [ [no]allow-localremote ]
          [ [i|o]seq ] [ [i|o]key KEY ] [ [i|o]csum ]

Where: NAME      := STRING
       ADDR      := IPV6_ADDRESS
       ELIM      := { none | 0..255 }(default=4)
       TTL       := 0..255 (default=64)
       TCLASS    := { 0x0..0xff | inherit }
       FLOWLABEL := { 0x0..0xfffff | inherit }
       KEY       := { DOTTED_QUAD | NUMBER }"#;

const SIOCGETTUNNEL: libc::c_ulong = 0x89F0;
const SIOCADDTUNNEL: libc::c_ulong = 0x89F1;
const SIOCDELTUNNEL: libc::c_ulong = 0x89F2;
const SIOCCHGTUNNEL: libc::c_ulong = 0x89F3;
const GRE_CSUM: u16 = 0x8000;
const GRE_KEY: u16 = 0x2000;
const GRE_SEQ: u16 = 0x1000;
const IP_DF: u16 = 0x4000;

/// The tunnel modes: (words, IPv6?, IP protocol, base device).
const MODES: &[(&[&str], bool, u8, &str)] = &[
    (&["ipip", "ip/ip"], false, 4, "tunl0"),
    (&["gre", "gre/ip"], false, 47, "gre0"),
    (&["sit", "ipv6/ip"], false, 41, "sit0"),
    (&["isatap"], false, 41, "sit0"),
    (&["vti"], false, 4, "ip_vti0"),
    (&["ip6ip6", "ipv6/ipv6"], true, 41, "ip6tnl0"),
    (&["ipip6", "ip/ipv6"], true, 4, "ip6tnl0"),
    (&["any", "any/ipv6"], true, 0, "ip6tnl0"),
    (&["ip6gre", "gre/ipv6"], true, 47, "ip6gre0"),
    (&["vti6"], true, 41, "ip6_vti0"),
];

/// One tunnel's parameters, as the command line gives them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Parm {
    pub name: String,
    /// index into MODES
    pub mode: Option<usize>,
    pub remote: Option<IpAddr>,
    pub local: Option<IpAddr>,
    pub link: u32,
    pub ttl: u8,
    pub tos: u8,
    pub ikey: u32,
    pub okey: u32,
    pub iflags: u16,
    pub oflags: u16,
    pub nopmtudisc: bool,
}

impl Parm {
    /// `struct ip_tunnel_parm` (52 bytes).
    pub fn encode_v4(&self) -> Vec<u8> {
        let mut b = vec![0u8; 52];
        put_name(&mut b[..16], &self.name);
        b[16..20].copy_from_slice(&(self.link as i32).to_ne_bytes());
        b[20..22].copy_from_slice(&self.iflags.to_be_bytes());
        b[22..24].copy_from_slice(&self.oflags.to_be_bytes());
        b[24..28].copy_from_slice(&self.ikey.to_be_bytes());
        b[28..32].copy_from_slice(&self.okey.to_be_bytes());
        // struct iphdr
        b[32] = 0x45; // version 4, ihl 5
        b[33] = self.tos;
        let df = if self.nopmtudisc { 0 } else { IP_DF };
        b[38..40].copy_from_slice(&df.to_be_bytes());
        b[40] = self.ttl;
        b[41] = self.mode.map(|m| MODES[m].2).unwrap_or(0);
        if let Some(IpAddr::V4(a)) = self.local {
            b[44..48].copy_from_slice(&a.octets());
        }
        if let Some(IpAddr::V4(a)) = self.remote {
            b[48..52].copy_from_slice(&a.octets());
        }
        b
    }

    /// `struct ip6_tnl_parm2` (76 bytes).
    pub fn encode_v6(&self) -> Vec<u8> {
        let mut b = vec![0u8; 76];
        put_name(&mut b[..16], &self.name);
        b[16..20].copy_from_slice(&(self.link as i32).to_ne_bytes());
        b[20] = self.mode.map(|m| MODES[m].2).unwrap_or(41); // proto
        b[21] = 4; // encap_limit (default)
        b[22] = if self.ttl == 0 { 64 } else { self.ttl }; // hop_limit
        if let Some(IpAddr::V6(a)) = self.local {
            b[32..48].copy_from_slice(&a.octets());
        }
        if let Some(IpAddr::V6(a)) = self.remote {
            b[48..64].copy_from_slice(&a.octets());
        }
        b[64..66].copy_from_slice(&self.iflags.to_be_bytes());
        b[66..68].copy_from_slice(&self.oflags.to_be_bytes());
        b[68..72].copy_from_slice(&self.ikey.to_be_bytes());
        b[72..76].copy_from_slice(&self.okey.to_be_bytes());
        b
    }
}

fn put_name(d: &mut [u8], name: &str) {
    for (d, s) in d.iter_mut().zip(name.bytes().take(15)) {
        *d = s;
    }
}

/// One tunnel ioctl on device `dev` with `parm` as its data; the errno.
fn tunnel_ioctl(v6: bool, req: libc::c_ulong, dev: &str, parm: &mut [u8]) -> std::result::Result<(), i32> {
    // SAFETY: a plain datagram socket used for one device ioctl and
    // closed; ifreq is zeroed, its name NUL-terminated within 16 bytes,
    // and its data pointer points at `parm`, which outlives the call and
    // is as large as the structure the kernel reads or writes.
    unsafe {
        let fd = libc::socket(if v6 { libc::AF_INET6 } else { libc::AF_INET }, libc::SOCK_DGRAM, 0);
        if fd < 0 {
            return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(0));
        }
        let mut ifr: libc::ifreq = std::mem::zeroed();
        for (d, s) in ifr.ifr_name.iter_mut().zip(dev.bytes().take(15)) {
            *d = s as libc::c_char;
        }
        ifr.ifr_ifru.ifru_data = parm.as_mut_ptr() as *mut libc::c_char;
        let r = libc::ioctl(fd, req, &mut ifr);
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        libc::close(fd);
        if r < 0 {
            return Err(e);
        }
    }
    Ok(())
}

fn failed(what: &str, dev: &str, errno: i32) -> Error {
    Error::Failed(format!("{what} tunnel \"{dev}\" failed: {}", strerror(errno)))
}

fn mode_of(w: &str) -> Option<usize> {
    MODES.iter().position(|(names, ..)| names.contains(&w))
}

fn parse_key(kw: &str, v: &str) -> Result<u32> {
    if v.contains('.') {
        if let Ok(a) = v.parse::<Ipv4Addr>() {
            return Ok(u32::from(a));
        }
    } else if let Some(k) = parse_u32(v) {
        return Ok(k);
    }
    Err(Error::arg(format!("invalid value for \"{kw}\": \"{v}\"; it should be an unsigned integer")))
}

fn parse_tunnel_addr(v: &str, v6: bool) -> Result<Option<IpAddr>> {
    if v == "any" {
        return Ok(None);
    }
    if v6 {
        return Ok(Some(super::common::get_addr(v, AF_INET6)?.addr));
    }
    match v.parse::<Ipv4Addr>() {
        Ok(a) => Ok(Some(IpAddr::V4(a))),
        Err(_) => Err(Error::msg(format!("Error: an IP address is expected rather than \"{v}\""), 1)),
    }
}

/// Parse the words after add/change/del/show. `v6` is the family asked
/// with -6; a mode of the other family switches it.
pub fn parse(ip: &mut Ip, args: &mut Args, v6: &mut bool) -> Result<Parm> {
    let mut p = Parm::default();
    let mut named = false;
    // the device is looked for after the words are read
    let mut dev = None;
    while let Some(w) = args.next() {
        if w == "mode" {
            let m = args.value()?;
            // the family's modes only (an IPv6 mode as the first `mode`
            // made the command IPv6's)
            let Some(i) = mode_of(&m).filter(|i| MODES[*i].1 == *v6) else {
                return Err(Error::arg(format!("Unknown tunnel mode \"{m}\"")));
            };
            p.mode = Some(i);
            *v6 = MODES[i].1;
        } else if matches!(w.as_str(), "key" | "ikey" | "okey") {
            let v = args.value()?;
            let k = parse_key(&w, &v)?;
            if w != "okey" {
                p.ikey = k;
                p.iflags |= GRE_KEY;
            }
            if w != "ikey" {
                p.okey = k;
                p.oflags |= GRE_KEY;
            }
        } else if matches!(w.as_str(), "seq" | "iseq" | "oseq") {
            if w != "oseq" {
                p.iflags |= GRE_SEQ;
            }
            if w != "iseq" {
                p.oflags |= GRE_SEQ;
            }
        } else if matches!(w.as_str(), "csum" | "icsum" | "ocsum") {
            if w != "ocsum" {
                p.iflags |= GRE_CSUM;
            }
            if w != "icsum" {
                p.oflags |= GRE_CSUM;
            }
        } else if w == "nopmtudisc" {
            p.nopmtudisc = true;
        } else if w == "pmtudisc" {
            p.nopmtudisc = false;
        } else if w == "remote" {
            let v = args.value()?;
            p.remote = parse_tunnel_addr(&v, *v6)?;
        } else if w == "local" {
            let v = args.value()?;
            p.local = parse_tunnel_addr(&v, *v6)?;
        } else if w == "dev" {
            dev = Some(args.value()?);
        } else if matches!(w.as_str(), "ttl" | "hoplimit" | "hlim") {
            let v = args.value()?;
            p.ttl = if v == "inherit" {
                0
            } else {
                match crate::cli::parse_u8(&v) {
                    Some(t) => t,
                    None => return Err(Error::invarg("invalid TTL\n", &v)),
                }
            };
        } else if matches!(w.as_str(), "tos" | "tclass" | "dsfield") {
            let v = args.value()?;
            p.tos = if v == "inherit" {
                1
            } else {
                match crate::cli::parse_u64_base(&v, 16).and_then(|x| u8::try_from(x).ok()) {
                    Some(t) => t,
                    None => return Err(Error::invarg("bad TOS value", &v)),
                }
            };
        } else {
            let name = if w == "name" {
                let v = args.value()?;
                if !crate::ip::link_mod::valid_ifname(&v) {
                    return Err(Error::invarg("\"name\" not a valid ifname", &v));
                }
                v
            } else {
                w
            };
            if named {
                return Err(Error::duparg2("name", &name));
            }
            p.name = name;
            named = true;
        }
    }
    if let Some(v) = dev {
        p.link = super::common::link_index(ip, &v)?.ok_or(Error::NoDevice(v))?;
    }
    Ok(p)
}

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    // the first `mode` word naming an IPv6 mode makes the command IPv6's,
    // whatever the family option said (and before it is checked)
    let saved = ip.o.family;
    if v6_by_mode(args.rest()) {
        ip.o.family = AF_INET6;
    }
    let r = run_family(ip, args);
    ip.o.family = saved;
    r
}

/// True when the first `mode` word of the command names an IPv6 mode.
fn v6_by_mode(words: &[String]) -> bool {
    words
        .iter()
        .position(|w| w == "mode")
        .and_then(|i| words.get(i + 1))
        .and_then(|m| mode_of(m))
        .is_some_and(|i| MODES[i].1)
}

fn run_family(ip: &mut Ip, mut args: Args) -> Result<()> {
    let fam = ip.o.family;
    if !matches!(fam, AF_UNSPEC | AF_INET | AF_INET6) {
        return Err(Error::arg(format!("Unsupported protocol family: {fam}")));
    }
    let mut v6 = fam == AF_INET6;
    let Some(cmd) = args.next() else { return show(ip, &mut args, v6) };
    if matches(&cmd, "add") || matches(&cmd, "change") {
        let mut add = matches(&cmd, "add");
        let p = parse(ip, &mut args, &mut v6)?;
        if v6 && p.name.is_empty() {
            // IPv6's parser makes do without a name: it adds on the base
            crate::print::warn("Tunnel interface name not specified");
            add = true;
        }
        let base = match p.mode {
            Some(m) => MODES[m].3,
            None if v6 => "ip6tnl0",
            None => {
                if add || p.name.is_empty() {
                    return Err(Error::Failed("cannot determine tunnel mode (ipip, gre, vti or sit)".into()));
                }
                ""
            }
        };
        let mut raw = if v6 { p.encode_v6() } else { p.encode_v4() };
        if !add {
            let mut old = raw.clone();
            tunnel_ioctl(v6, SIOCGETTUNNEL, &p.name, &mut old).map_err(|e| failed("get", &p.name, e))?;
        }
        let (req, dev) = if add { (SIOCADDTUNNEL, base) } else { (SIOCCHGTUNNEL, p.name.as_str()) };
        return tunnel_ioctl(v6, req, dev, &mut raw).map_err(|e| failed(if add { "add" } else { "change" }, dev, e));
    }
    if matches(&cmd, "delete") {
        let p = parse(ip, &mut args, &mut v6)?;
        let mut raw = if v6 { p.encode_v6() } else { p.encode_v4() };
        // no name: the mode's base device
        let dev = match (p.name.as_str(), p.mode) {
            ("", Some(m)) => MODES[m].3,
            ("", None) if v6 => "ip6tnl0",
            (name, _) => name,
        };
        return tunnel_ioctl(v6, SIOCDELTUNNEL, dev, &mut raw).map_err(|e| failed("delete", dev, e));
    }
    if matches(&cmd, "show") || matches(&cmd, "list") || matches(&cmd, "lst") {
        return show(ip, &mut args, v6);
    }
    if (cmd == "prl" || cmd == "6rd") && fam != AF_INET6 {
        return prl_6rd(&cmd, &mut args);
    }
    if matches(&cmd, "help") {
        return Err(Error::arg(if fam == AF_INET6 { USAGE6 } else { USAGE }));
    }
    // the IPv6 variant of the message ends with a period, the IPv4 one not
    Err(Error::arg(if ip.o.family == AF_INET6 {
        format!("Command \"{cmd}\" is unknown, try \"ip -f inet6 tunnel help\".")
    } else {
        format!("Command \"{cmd}\" is unknown, try \"ip tunnel help\"")
    }))
}

/// `prl` and `6rd` on a sit device: the option decides the ioctl (none:
/// ioctl 0, which the kernel refuses as the reference shows).
fn prl_6rd(cmd: &str, args: &mut Args) -> Result<()> {
    let prl = cmd == "prl";
    let what = if prl { "PRL" } else { "6RD" };
    let mut dev = None;
    let mut req: libc::c_ulong = 0;
    // struct ip_tunnel_prl (addr, flags, pad, datalen) or ip_tunnel_6rd
    // (prefix, relay_prefix, prefixlen, relay_prefixlen)
    let mut data = [0u8; 28];
    while let Some(w) = args.next() {
        match (prl, w.as_str()) {
            (_, "dev") => dev = Some(args.value()?),
            (true, "prl-default" | "prl-nodefault" | "prl-delete") => {
                let v = args.value()?;
                let a = super::common::get_addr(&v, super::AF_INET)?;
                data[..4].copy_from_slice(&a.octets());
                req = match w.as_str() {
                    "prl-delete" => 0x89F6,                       // SIOCDELPRL
                    _ => 0x89F5,                                  // SIOCADDPRL
                };
                if w == "prl-default" {
                    data[4..6].copy_from_slice(&1u16.to_ne_bytes()); // PRL_DEFAULT
                }
            }
            (false, "6rd-prefix" | "6rd-relay_prefix") => {
                let v = args.value()?;
                if w == "6rd-prefix" {
                    let p = super::common::get_prefix(&v, AF_INET6)?;
                    data[..16].copy_from_slice(&p.octets());
                    data[20..22].copy_from_slice(&(p.len as u16).to_ne_bytes());
                } else {
                    let p = super::common::get_prefix(&v, super::AF_INET)?;
                    data[16..20].copy_from_slice(&p.octets());
                    data[22..24].copy_from_slice(&(p.len as u16).to_ne_bytes());
                }
                req = 0x89F9; // SIOCADD6RD
            }
            (false, "6rd-reset") => req = 0x89FA, // SIOCDEL6RD
            _ => return Err(Error::arg(format!("Invalid {what} parameter \"{w}\""))),
        }
    }
    let Some(dev) = dev else { return Err(Error::arg("Must specify device")) };
    tunnel_ioctl(!prl, req, &dev, &mut data)
        .map_err(|e| Error::Failed(format!("{dev}: ioctl {req:x} failed: {}", strerror(e))))
}

/// The link types of tunnel devices (ARPHRD_TUNNEL, _IPGRE, _SIT for IPv4;
/// ARPHRD_TUNNEL6, _IP6GRE for IPv6).
fn is_tunnel_type(t: u16, v6: bool) -> bool {
    if v6 { matches!(t, 769 | 823) } else { matches!(t, 768 | 778 | 776) }
}

fn show(ip: &mut Ip, args: &mut Args, v6: bool) -> Result<()> {
    let mut v6 = v6;
    let p = parse(ip, args, &mut v6)?;
    // IPv6, or one of the IPv4 modes' base devices: ask that device
    let base = MODES.iter().any(|m| !m.1 && m.3 == p.name);
    if !p.name.is_empty() && (v6 || base) {
        let mut raw = if v6 { p.encode_v6() } else { p.encode_v4() };
        tunnel_ioctl(v6, SIOCGETTUNNEL, &p.name, &mut raw).map_err(|e| failed("get", &p.name, e))?;
    }
    // the tunnel links, whose parameters only the (missing) tunnel
    // modules can tell: none exist on this kernel
    let mut found = 0usize;
    ip.nl()?.dump(RouteNetlinkMessage::GetLink(LinkMessage::default()), &mut |m| {
        if let RouteNetlinkMessage::NewLink(l) = m {
            if is_tunnel_type(u16::from(l.header.link_layer_type), v6) {
                found += 1;
            }
        }
        Ok(())
    })?;
    ip.p.start_doc();
    ip.p.end_doc();
    if found > 0 {
        crate::print::warn("rip: tunnel parameters are not shown (no tunnel module support)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(w: &[&str]) -> Result<(Parm, bool)> {
        let mut ip = Ip::new(Default::default());
        let mut a = Args::new(w.iter().copied());
        let mut v6 = v6_by_mode(a.rest());
        parse(&mut ip, &mut a, &mut v6).map(|p| (p, v6))
    }

    #[test]
    fn parser() {
        let (p, v6) = parse_words(&["t0", "mode", "gre", "remote", "192.0.2.1", "key", "1.2.3.4", "ttl", "64"]).unwrap();
        assert!(!v6);
        assert_eq!(p.name, "t0");
        assert_eq!(MODES[p.mode.unwrap()].3, "gre0");
        assert_eq!(p.ikey, 0x01020304);
        assert_eq!(p.iflags, GRE_KEY);
        assert_eq!(p.ttl, 64);
        let (_, v6) = parse_words(&["t0", "mode", "ip6ip6"]).unwrap();
        assert!(v6);
        assert_eq!(parse_words(&["t0", "t1"]).unwrap_err().to_string(), "Error: either \"name\" is duplicate, or \"t1\" is a garbage.");
        assert_eq!(parse_words(&["mode", "frob"]).unwrap_err().to_string(), "Unknown tunnel mode \"frob\"");
        // the first `mode` decides the family; a mode of the other is unknown
        let e = parse_words(&["t0", "mode", "gre", "mode", "vti6"]).unwrap_err();
        assert_eq!(e.to_string(), "Unknown tunnel mode \"vti6\"");
        let e = parse_words(&["t0", "mode", "vti6", "mode", "gre"]).unwrap_err();
        assert_eq!(e.to_string(), "Unknown tunnel mode \"gre\"");
        let e = parse_words(&["ttl", "300"]).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"300\" is wrong: invalid TTL\n");
        let e = parse_words(&["mode", "gre", "remote", "foo"]).unwrap_err();
        assert_eq!((e.to_string().as_str(), e.exit_code()), ("Error: an IP address is expected rather than \"foo\"", 1));
        let e = parse_words(&["key", "foo"]).unwrap_err();
        assert_eq!(e.exit_code(), 255);
    }

    #[test]
    fn encode_ip_tunnel_parm() {
        let p = Parm {
            name: "t0".into(),
            mode: mode_of("gre"),
            remote: Some("192.0.2.1".parse().unwrap()),
            local: Some("192.0.2.2".parse().unwrap()),
            ttl: 64,
            ..Default::default()
        };
        let b = p.encode_v4();
        #[rustfmt::skip]
        let mut want = vec![b't', b'0'];
        want.resize(16, 0);                          // name[16]
        want.extend_from_slice(&0i32.to_ne_bytes()); // link
        want.extend_from_slice(&[0, 0, 0, 0]);       // i_flags, o_flags
        want.extend_from_slice(&[0; 8]);             // i_key, o_key
        want.extend_from_slice(&[0x45, 0]);          // iph: version/ihl, tos
        want.extend_from_slice(&[0, 0, 0, 0]);       // tot_len, id
        want.extend_from_slice(&[0x40, 0]);          // frag_off: DF
        want.extend_from_slice(&[64, 47, 0, 0]);     // ttl, protocol gre, check
        want.extend_from_slice(&[192, 0, 2, 2]);     // saddr
        want.extend_from_slice(&[192, 0, 2, 1]);     // daddr
        assert_eq!(b, want);
    }
}
