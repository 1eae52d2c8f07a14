//! `ip netconf`: the per-device IP configuration the kernel reports over
//! rtnetlink (RTM_GETNETCONF). netlink-packet-route has no netconf
//! message: the request and the reply are read and written here by hand.
//!
//! [`print_msg`] prints one RTM_NEWNETCONF / RTM_DELNETCONF message, for a
//! dump line and for an `ip monitor` event alike.

use super::{Ip, AF_INET, AF_INET6, AF_MPLS, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::rtm::{RTM_DELNETCONF, RTM_GETNETCONF, RTM_NEWNETCONF};
use crate::nl::{attrs, u32_ne};
use crate::print::Ctx;

pub const USAGE: &str = "Usage: ip netconf show [ dev STRING ]";

const NETCONFA_IFINDEX: u16 = 1;
const NETCONFA_FORWARDING: u16 = 2;
const NETCONFA_RP_FILTER: u16 = 3;
const NETCONFA_MC_FORWARDING: u16 = 4;
const NETCONFA_PROXY_NEIGH: u16 = 5;
const NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN: u16 = 6;
const NETCONFA_INPUT: u16 = 7;

/// The pseudo interfaces `all` and `default`.
const NETCONFA_IFINDEX_ALL: i32 = -1;
const NETCONFA_IFINDEX_DEFAULT: i32 = -2;

const HDR: usize = 16;

/// The dump request's payload: `struct netconfmsg` (one family byte),
/// padded to 4 bytes.
pub fn dump_request(family: u8) -> [u8; 4] {
    [family, 0, 0, 0]
}

/// The facts of one netconf message.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Netconf {
    pub deleted: bool,
    pub family: u8,
    pub ifindex: Option<i32>,
    pub forwarding: Option<u32>,
    pub rp_filter: Option<u32>,
    pub mc_forwarding: Option<u32>,
    pub proxy_neigh: Option<u32>,
    pub ignore_routes_with_linkdown: Option<u32>,
    pub input: Option<u32>,
}

impl Netconf {
    /// Decode a whole RTM_NEWNETCONF / RTM_DELNETCONF message (header
    /// included); None when it is none or too short.
    pub fn parse(msg: &[u8]) -> Option<Netconf> {
        if msg.len() < HDR + 1 {
            return None;
        }
        let kind = u16::from_ne_bytes([msg[4], msg[5]]);
        if kind != RTM_NEWNETCONF && kind != RTM_DELNETCONF {
            return None;
        }
        let mut n = Netconf {
            deleted: kind == RTM_DELNETCONF,
            family: msg[HDR],
            ..Default::default()
        };
        let body = msg.get(HDR + 4..).unwrap_or(&[]);
        for (t, v) in attrs(body) {
            let val = u32_ne(v);
            match t {
                NETCONFA_IFINDEX => n.ifindex = val.map(|x| x as i32),
                NETCONFA_FORWARDING => n.forwarding = val,
                NETCONFA_RP_FILTER => n.rp_filter = val,
                NETCONFA_MC_FORWARDING => n.mc_forwarding = val,
                NETCONFA_PROXY_NEIGH => n.proxy_neigh = val,
                NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN => n.ignore_routes_with_linkdown = val,
                NETCONFA_INPUT => n.input = val,
                _ => {}
            }
        }
        Some(n)
    }
}

fn family_word(f: u8) -> &'static str {
    match f {
        AF_INET => "inet",
        AF_INET6 => "inet6",
        AF_MPLS => "mpls",
        _ => "???",
    }
}

fn rp_filter_word(v: u32) -> &'static str {
    match v {
        0 => "off",
        1 => "strict",
        2 => "loose",
        _ => "unknown mode",
    }
}

/// Print one RTM_NEWNETCONF / RTM_DELNETCONF message (netlink header
/// included) as one line of `ip netconf` (a JSON object under `-j`).
/// Other messages are ignored. For `ip monitor`'s RTM_NEWNETCONF events.
pub fn print_msg(ip: &mut Ip, msg: &[u8]) -> Result<()> {
    if let Some(n) = Netconf::parse(msg) {
        print(ip, &n);
    }
    Ok(())
}

/// Print decoded netconf facts.
pub fn print(ip: &mut Ip, n: &Netconf) {
    let name = match n.ifindex {
        Some(NETCONFA_IFINDEX_ALL) => "all".to_string(),
        Some(NETCONFA_IFINDEX_DEFAULT) => "default".to_string(),
        Some(i) => ip.ifname(i as u32).to_string(),
        None => String::new(),
    };
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    if n.deleted {
        p.bool(Ctx::Json, "deleted", "", true);
        p.text("Deleted ");
    }
    p.str(Ctx::Any, "family", "{} ", family_word(n.family));
    if n.ifindex.is_some() {
        p.str(Ctx::Any, "interface", "{} ", &name);
    }
    let flag = |p: &mut crate::print::Printer, key: &str, v: Option<u32>| {
        if let Some(v) = v {
            p.on_off(Ctx::Any, key, &format!("{key} {{}} "), v != 0);
        }
    };
    flag(p, "forwarding", n.forwarding);
    if let Some(v) = n.rp_filter {
        p.str(Ctx::Any, "rp_filter", "rp_filter {} ", rp_filter_word(v));
    }
    flag(p, "mc_forwarding", n.mc_forwarding);
    flag(p, "proxy_neigh", n.proxy_neigh);
    flag(
        p,
        "ignore_routes_with_linkdown",
        n.ignore_routes_with_linkdown,
    );
    flag(p, "input", n.input);
    p.text("\n");
    p.close_obj(Ctx::Json);
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return show(ip, args);
    };
    if matches(&cmd, "show") || matches(&cmd, "list") || matches(&cmd, "lst") {
        show(ip, args)
    } else if matches(&cmd, "help") {
        Err(Error::arg(USAGE))
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip netconf help\"."
        )))
    }
}

/// `show [ dev DEV ]`: the word `dev` exactly; other words are ignored;
/// a repeated `dev` wins (each is looked up).
fn show(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut dev = None;
    while let Some(w) = args.next() {
        if w == "dev" {
            let name = args.value()?;
            match super::common::link_index(ip, &name)? {
                Some(i) => dev = Some(i as i32),
                None => return Err(Error::msg(format!("Device \"{name}\" does not exist."), 1)),
            }
        }
    }
    let family = ip.o.family;
    if !matches!(family, AF_UNSPEC | AF_INET | AF_INET6) {
        // no netconf for the other families: nothing at all, as 6.1
        if ip.p.is_json() {
            ip.p.start_doc();
            ip.p.end_doc();
        }
        return Ok(());
    }
    // names are looked up after the dump (one socket): keep the small
    // decoded entries, not the messages
    let mut list = Vec::new();
    ip.nl()?
        .dump_raw(RTM_GETNETCONF, &dump_request(family), &mut |m| {
            if let Some(n) = Netconf::parse(m) {
                if dev.is_none_or(|d| n.ifindex == Some(d)) {
                    list.push(n);
                }
            }
            Ok(())
        })?;
    ip.p.start_doc();
    for n in &list {
        print(ip, n);
    }
    ip.p.end_doc();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(kind: u16, family: u8, at: &[(u16, u32)]) -> Vec<u8> {
        let mut body = vec![family, 0, 0, 0];
        for &(t, v) in at {
            crate::nl::put_attr(&mut body, t, &v.to_ne_bytes());
        }
        let mut m = Vec::new();
        m.extend_from_slice(&((HDR + body.len()) as u32).to_ne_bytes());
        m.extend_from_slice(&kind.to_ne_bytes());
        m.extend_from_slice(&[0; 10]);
        m.extend_from_slice(&body);
        m
    }

    fn render(json: bool, m: &[u8]) -> String {
        let mut ip = Ip::new(Default::default());
        ip.p = crate::print::Printer::capture(json, false, false);
        ip.cache_name(3, "v0");
        ip.p.start_doc();
        print_msg(&mut ip, m).unwrap();
        ip.p.end_doc();
        ip.p.captured().to_string()
    }

    #[test]
    fn request_bytes() {
        // struct netconfmsg: ncm_family, then 3 bytes of padding
        assert_eq!(dump_request(AF_INET6), [10, 0, 0, 0]);
    }

    #[test]
    fn inet_line() {
        let m = msg(
            RTM_NEWNETCONF,
            AF_INET,
            &[(1, 3), (2, 1), (3, 1), (4, 0), (5, 0), (6, 1)],
        );
        assert_eq!(
            render(false, &m),
            "inet v0 forwarding on rp_filter strict mc_forwarding off proxy_neigh off ignore_routes_with_linkdown on \n"
        );
        assert_eq!(
            render(true, &m),
            "[{\"family\":\"inet\",\"interface\":\"v0\",\"forwarding\":true,\"rp_filter\":\"strict\",\
             \"mc_forwarding\":false,\"proxy_neigh\":false,\"ignore_routes_with_linkdown\":true}]\n"
        );
    }

    #[test]
    fn pseudo_devices_and_events() {
        let m = msg(
            RTM_NEWNETCONF,
            AF_INET6,
            &[(1, -2i32 as u32), (2, 0), (5, 1)],
        );
        assert_eq!(
            render(false, &m),
            "inet6 default forwarding off proxy_neigh on \n"
        );
        let m = msg(RTM_NEWNETCONF, AF_INET, &[(1, -1i32 as u32), (3, 2)]);
        assert_eq!(render(false, &m), "inet all rp_filter loose \n");
        let m = msg(RTM_DELNETCONF, AF_INET6, &[(1, 3)]);
        assert_eq!(render(false, &m), "Deleted inet6 v0 \n");
        // another message type prints nothing
        let m = msg(16, AF_INET, &[(1, 3)]);
        assert_eq!(render(false, &m), "");
    }
}
