//! `ip route get`: ask the kernel's FIB for one destination.

use netlink_packet_route::route::{RouteAddress, RouteAttribute, RouteFlags, RouteMessage};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

use super::print::{print_route, Hide, Route};
use crate::cli::{matches, parse_u32, Args};
use crate::error::{Error, Result};
use crate::ip::common::get_prefix;
use crate::ip::{Ip, AF_INET, AF_UNSPEC};

const RTM_F_FIB_MATCH: u32 = 0x2000;

fn invarg(what: &str, arg: &str) -> Error {
    Error::invarg(what, arg)
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut m = RouteMessage::default();
    let mut family = ip.o.family;
    let mut flags = 0u32;
    let mut dst: Option<crate::ip::common::Prefix> = None;
    let mut src: Option<crate::ip::common::Prefix> = None;
    let mut iif: Option<String> = None;
    let mut oif: Option<String> = None;
    let mut attrs = Vec::new();
    let mut connected = false;
    while let Some(w) = args.next() {
        let w = w.as_str();
        if w == "tos" || matches(w, "dsfield") {
            let v = args.value()?;
            let t = super::names::parse_dsfield(&v).ok_or_else(|| invarg("TOS value is invalid\n", &v))?;
            m.header.tos = t;
        } else if matches(w, "from") {
            let v = args.value()?;
            let p = get_prefix(&v, family)?;
            if family == AF_UNSPEC {
                family = p.family;
            }
            src = Some(p);
        } else if matches(w, "iif") {
            iif = Some(args.value()?);
        } else if matches(w, "mark") {
            let v = args.value()?;
            let x = parse_u32(&v).ok_or_else(|| invarg("invalid mark value", &v))?;
            attrs.push(RouteAttribute::Mark(x));
        } else if matches(w, "oif") || w == "dev" {
            oif = Some(args.value()?);
        } else if matches(w, "vrf") {
            let v = args.value()?;
            return Err(invarg("Invalid VRF\n", &v));
        } else if matches(w, "uid") {
            let v = args.value()?;
            let x = parse_u32(&v).ok_or_else(|| invarg("invalid UID", &v))?;
            attrs.push(RouteAttribute::Uid(x));
        } else if matches(w, "connected") {
            connected = true;
        } else if matches(w, "fibmatch") {
            flags |= RTM_F_FIB_MATCH;
        } else if matches(w, "ipproto") {
            let v = args.value()?;
            let x = match v.as_str() {
                "tcp" => 6,
                "udp" => 17,
                "icmp" => 1,
                "ipv6-icmp" | "icmpv6" => 58,
                _ => crate::cli::parse_u8(&v).ok_or_else(|| invarg("Invalid \"ipproto\" value\n", &v))?,
            };
            attrs.push(RouteAttribute::IpProto(x));
        } else if matches(w, "sport") || matches(w, "dport") {
            let v = args.value()?;
            let sport = matches(w, "sport");
            let x = crate::cli::parse_u64(&v).and_then(|x| u16::try_from(x).ok()).ok_or_else(|| {
                invarg(if sport { "invalid sport\n" } else { "invalid dport\n" }, &v)
            })?;
            attrs.push(if sport { RouteAttribute::Sport(x) } else { RouteAttribute::Dport(x) });
        } else if w == "as" {
            let mut v = args.value()?;
            if v == "to" {
                v = args.value()?;
            }
            let a = crate::ip::common::get_addr(&v, family)?;
            attrs.push(RouteAttribute::Other(netlink_packet_core::DefaultNla::new(19, a.octets().to_vec())));
        } else if matches(w, "help") {
            return Err(super::usage());
        } else {
            let mut v = w.to_string();
            if v == "to" {
                v = args.value()?;
            }
            let p = get_prefix(&v, family)?;
            // `default`/`any`/`all` of a known family is a /0
            let zero = family != AF_UNSPEC && matches!(v.as_str(), "default" | "any" | "all");
            if family == AF_UNSPEC {
                family = p.family;
            }
            if (p.has_len || zero) && p.len != p.bits() {
                crate::print::warn(format_args!(
                    "Warning: /{} as prefix is invalid, only /{} (or none) is supported.",
                    p.len,
                    p.bits()
                ));
            }
            // each destination adds its address (`default` the zero one),
            // `any`/`all` none: the kernel takes the last one given
            if !matches!(v.as_str(), "any" | "all") || dst.is_none() {
                dst = Some(p);
            }
        }
    }
    let Some(dst) = dst else {
        return Err(Error::msg("need at least a destination address", 1));
    };
    if family == AF_UNSPEC {
        family = AF_INET;
    }
    m.header.address_family = AddressFamily::from(family);
    m.header.flags = RouteFlags::from_bits_retain(flags);
    if !dst.any {
        m.header.destination_prefix_length = dst.bits();
        m.attributes.push(RouteAttribute::Destination(RouteAddress::from(dst.addr)));
    }
    if let Some(s) = src {
        if !s.any {
            m.header.source_prefix_length = s.len;
            m.attributes.push(RouteAttribute::Source(RouteAddress::from(s.addr)));
        }
    }
    if let Some(d) = iif {
        let i = ip.ifindex(&d)?;
        m.attributes.push(RouteAttribute::Iif(i));
    }
    if let Some(d) = oif {
        let i = ip.ifindex(&d)?;
        m.attributes.push(RouteAttribute::Oif(i));
    }
    m.attributes.extend(attrs);
    // `connected`: the reference prints the answer, then asks again
    // and prints the second answer too
    let rounds = if connected { 2 } else { 1 };
    for _ in 0..rounds {
        let reply = ip.nl()?.get(RouteNetlinkMessage::GetRoute(m.clone()), 0)?;
        let RouteNetlinkMessage::NewRoute(r) = reply else {
            return Err(Error::msg("Not a route?", 1));
        };
        ip.p.start_doc();
        print_route(ip, &Route::from_msg(&r), &Hide::default());
        ip.p.end_doc();
    }
    Ok(())
}
