//! `ip token`: the IPv6 interface identifier tokens (IFLA_INET6_TOKEN):
//! list / get from the kernel's inet6 link dump, set / del with
//! RTM_SETLINK.

use std::net::{IpAddr, Ipv6Addr};

use netlink_packet_route::link::{AfSpecInet6, AfSpecUnspec, LinkAttribute, LinkMessage};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

use super::common::{self, IpText};
use super::{Ip, AF_INET6};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::rtm::RTM_GETLINK;
use crate::nl::{attrs, cstr};
use crate::print::Ctx;

pub const USAGE: &str = "Usage: ip token [ list | set | del | get ] [ TOKEN ] [ dev DEV ]";

const IFLA_IFNAME: u16 = 3;
const IFLA_PROTINFO: u16 = 12;
const IFLA_INET6_TOKEN: u16 = 7;
const IFF_LOOPBACK: u32 = libc::IFF_LOOPBACK as u32;
/// `struct ifinfomsg`
const IFINFO_LEN: usize = 16;

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return list(ip, args);
    };
    if matches(&cmd, "list")
        || matches(&cmd, "show")
        || matches(&cmd, "lst")
        || matches(&cmd, "get")
    {
        list(ip, args)
    } else if matches(&cmd, "set") || matches(&cmd, "add") {
        set(ip, args, false)
    } else if matches(&cmd, "delete") {
        set(ip, args, true)
    } else if matches(&cmd, "help") {
        Err(Error::arg(USAGE))
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip token help\"."
        )))
    }
}

fn bad_dev(name: &str) -> Error {
    Error::arg(format!(
        "Error: argument \"{name}\" is wrong: dev is invalid\n"
    ))
}

/// Look up a device named in the command line (`dev is invalid`).
fn dev_index(ip: &mut Ip, name: &str) -> Result<u32> {
    common::link_index(ip, name)?.ok_or_else(|| bad_dev(name))
}

/// `list|get [dev DEV]`: the first `dev` counts, other words are ignored.
fn list(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut dev = None;
    while let Some(w) = args.next() {
        if w == "dev" {
            let name = args.value()?;
            if dev.is_none() {
                dev = Some(dev_index(ip, &name)?);
            }
        }
    }
    // every link's inet6 part; the messages carry their names
    let mut req = [0u8; IFINFO_LEN];
    req[0] = AF_INET6;
    ip.nl()?;
    ip.p.start_doc();
    // the printer and the socket at once: each line is printed as it comes
    let Ip { nl, p, .. } = ip;
    let nl = nl.as_mut().expect("opened above");
    nl.dump_raw(RTM_GETLINK, &req, &mut |m| {
        if let Some(t) = Token::parse(m) {
            if dev.is_none_or(|d| d == t.index) && t.flags & IFF_LOOPBACK == 0 {
                print_token(p, &t);
            }
        }
        Ok(())
    })?;
    ip.p.end_doc();
    Ok(())
}

/// The facts of one inet6 link message.
#[derive(Debug, PartialEq, Eq)]
pub struct Token {
    pub index: u32,
    pub flags: u32,
    pub name: String,
    pub token: Ipv6Addr,
}

impl Token {
    /// From a whole RTM_NEWLINK message of the inet6 link dump (header
    /// included); None without a name or a token.
    pub fn parse(m: &[u8]) -> Option<Token> {
        let body = m.get(16..)?;
        let hdr = body.get(..IFINFO_LEN)?;
        let index = u32::from_ne_bytes(hdr[4..8].try_into().ok()?);
        let flags = u32::from_ne_bytes(hdr[8..12].try_into().ok()?);
        let mut name = None;
        let mut token = None;
        for (t, v) in attrs(&body[IFINFO_LEN..]) {
            match t {
                IFLA_IFNAME => name = Some(cstr(v)),
                IFLA_PROTINFO => {
                    for (t, v) in attrs(v) {
                        if t == IFLA_INET6_TOKEN {
                            let o: [u8; 16] = v.get(..16)?.try_into().ok()?;
                            token = Some(Ipv6Addr::from(o));
                        }
                    }
                }
                _ => {}
            }
        }
        Some(Token {
            index,
            flags,
            name: name?,
            token: token?,
        })
    }
}

/// `token TOKEN dev DEV`.
pub fn print_token(p: &mut crate::print::Printer, t: &Token) {
    p.open_obj(Ctx::Json, "");
    p.str(
        Ctx::Any,
        "token",
        "token {} ",
        IpText::new(&IpAddr::V6(t.token)).as_str(),
    );
    p.str(Ctx::Any, "ifname", "dev {}", &t.name);
    p.text("\n");
    p.close_obj(Ctx::Json);
}

/// `set TOKEN dev DEV` / `del dev DEV` (the token `::`): the first `dev`
/// and the first token count; other words are ignored.
fn set(ip: &mut Ip, mut args: Args, del: bool) -> Result<()> {
    let mut index = None;
    let mut token = None;
    while let Some(w) = args.next() {
        if w == "dev" {
            let name = args.value()?;
            if index.is_none() {
                index = Some(dev_index(ip, &name)?);
            }
        } else if matches(&w, "help") {
            return Err(Error::arg(USAGE));
        } else if token.is_none() && !del {
            token = Some(common::get_prefix(&w, AF_INET6)?);
        }
    }
    let token = match (del, token) {
        (true, _) => Ipv6Addr::UNSPECIFIED,
        (false, Some(p)) => match p.addr {
            IpAddr::V6(a) => a,
            IpAddr::V4(_) => Ipv6Addr::UNSPECIFIED,
        },
        (false, None) => {
            return Err(Error::Failed(
                "Not enough information: token is required.".into(),
            ))
        }
    };
    let Some(index) = index else {
        return Err(Error::Failed(
            "Not enough information: \"dev\" argument is required.".into(),
        ));
    };
    ip.nl()?
        .request(RouteNetlinkMessage::SetLink(request(index, token)), 0)
}

/// RTM_SETLINK for the inet6 family with IFLA_AF_SPEC { AF_INET6 {
/// IFLA_INET6_TOKEN } }.
fn request(index: u32, token: Ipv6Addr) -> LinkMessage {
    let mut m = LinkMessage::default();
    m.header.interface_family = AddressFamily::Inet6;
    m.header.index = index;
    m.attributes
        .push(LinkAttribute::AfSpecUnspec(vec![AfSpecUnspec::Inet6(
            vec![AfSpecInet6::Token(token)],
        )]));
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::Emitable;

    #[test]
    fn set_request_bytes() {
        let m = request(3, "::1".parse().unwrap());
        let mut b = vec![0; m.buffer_len()];
        m.emit(&mut b);
        let want: Vec<u8> = [
            &[10u8, 0][..],                                    // ifi_family inet6, pad
            &[0, 0],                                           // ifi_type
            &3u32.to_ne_bytes(),                               // ifi_index
            &[0; 8],                                           // ifi_flags, ifi_change
            &[28, 0, 26, 0],                                   // IFLA_AF_SPEC, 28 bytes
            &[24, 0, 10, 0],                                   // AF_INET6, 24 bytes
            &[20, 0, 7, 0],                                    // IFLA_INET6_TOKEN, 20 bytes
            &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], // ::1
        ]
        .concat();
        assert_eq!(b, want);
    }

    fn link_msg(index: u32, flags: u32, name: &str, token: Option<&str>) -> Vec<u8> {
        let mut body = vec![AF_INET6, 0, 1, 0];
        body.extend_from_slice(&index.to_ne_bytes());
        body.extend_from_slice(&flags.to_ne_bytes());
        body.extend_from_slice(&0u32.to_ne_bytes());
        let mut n = name.as_bytes().to_vec();
        n.push(0);
        crate::nl::put_attr(&mut body, IFLA_IFNAME, &n);
        if let Some(t) = token {
            let mut inner = Vec::new();
            crate::nl::put_attr(&mut inner, 1, &0u32.to_ne_bytes()); // IFLA_INET6_FLAGS
            crate::nl::put_attr(
                &mut inner,
                IFLA_INET6_TOKEN,
                &t.parse::<Ipv6Addr>().unwrap().octets(),
            );
            crate::nl::put_attr(&mut body, IFLA_PROTINFO, &inner);
        }
        let mut m = Vec::new();
        m.extend_from_slice(&((16 + body.len()) as u32).to_ne_bytes());
        m.extend_from_slice(&16u16.to_ne_bytes());
        m.extend_from_slice(&[0; 10]);
        m.extend_from_slice(&body);
        m
    }

    #[test]
    fn parse_and_print() {
        let t = Token::parse(&link_msg(2, 0x1002, "v1", Some("::2:3"))).unwrap();
        assert_eq!(t.index, 2);
        assert_eq!(t.name, "v1");
        assert!(Token::parse(&link_msg(2, 0, "v1", None)).is_none());
        let mut p = crate::print::Printer::capture(false, false, false);
        print_token(&mut p, &t);
        assert_eq!(p.captured(), "token ::0.2.0.3 dev v1\n");
        let mut p = crate::print::Printer::capture(true, false, false);
        print_token(&mut p, &t);
        assert_eq!(p.captured(), "{\"token\":\"::0.2.0.3\",\"ifname\":\"v1\"}");
    }
}
