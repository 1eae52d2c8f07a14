//! Lightweight tunnel encapsulation of a route (`encap ip|ip6|mpls ...`):
//! parsed into RTA_ENCAP_TYPE/RTA_ENCAP by hand, printed from the decoded
//! attributes.

use netlink_packet_core::DefaultNla;
use netlink_packet_route::route::{
    RouteAttribute, RouteIp6Tunnel, RouteIp6TunnelFlags, RouteIpTunnel, RouteIpTunnelFlags, RouteLwEnCapType,
    RouteLwTunnelEncap,
};

use crate::cli::Args;
use crate::error::{Error, Result};
use crate::ip::common::get_addr;
use crate::ip::{Ip, AF_INET, AF_INET6};
use crate::print::Ctx;
use crate::nl::put_attr;

const RTA_ENCAP_TYPE: u16 = 21;
const RTA_ENCAP: u16 = 22;
const NLA_F_NESTED: u16 = 0x8000;

/// Encapsulation types by name (LWTUNNEL_ENCAP_*).
const TYPES: &[(&str, u16)] = &[
    ("mpls", 1),
    ("ip", 2),
    ("ila", 3),
    ("ip6", 4),
    ("seg6", 5),
    ("bpf", 6),
    ("seg6local", 7),
    ("rpl", 8),
    ("ioam6", 9),
    ("xfrm", 10),
];

fn invarg(what: &str, arg: &str) -> Error {
    Error::invarg(&format!("{what}\n"), arg)
}

fn num<T: TryFrom<u64>>(v: &str, what: &str) -> Result<T> {
    crate::cli::parse_u64(v)
        .and_then(|x| T::try_from(x).ok())
        .ok_or_else(|| invarg(&format!("\"{what}\" value is invalid"), v))
}

/// `encap TYPE ARGS...` (the word `encap` already taken): the two route
/// attributes. Stops at the first word the type does not know.
pub fn parse(args: &mut Args) -> Result<Vec<RouteAttribute>> {
    let (kind, body) = parse_raw(args)?;
    Ok(vec![
        RouteAttribute::Other(DefaultNla::new(RTA_ENCAP_TYPE, kind.to_ne_bytes().to_vec())),
        RouteAttribute::Other(DefaultNla::new(RTA_ENCAP | NLA_F_NESTED, body)),
    ])
}

/// The same as `parse`, as the encapsulation type (LWTUNNEL_ENCAP_*) and
/// the nested attributes (for a nexthop's NHA_ENCAP_TYPE / NHA_ENCAP).
pub fn parse_raw(args: &mut Args) -> Result<(u16, Vec<u8>)> {
    let t = args.value()?;
    let Some(&(_, kind)) = TYPES.iter().find(|(n, _)| *n == t) else {
        return Err(invarg("\"encap type\" value is invalid", &t));
    };
    let mut body = Vec::new();
    match kind {
        1 => {
            // label[/label...]; the reference wants more words after it
            let v = args.value()?;
            let labels: Vec<u32> = v.split('/').map(|l| num::<u32>(l, "label")).collect::<Result<_>>()?;
            let mut stack = Vec::new();
            for (i, l) in labels.iter().enumerate() {
                let bos = if i + 1 == labels.len() { 1 << 8 } else { 0 };
                stack.extend_from_slice(&((l << 12) | bos).to_be_bytes());
            }
            put_attr(&mut body, 1, &stack);
            if args.eat_exact("ttl") {
                let v = args.value()?;
                put_attr(&mut body, 2, &[num::<u8>(&v, "ttl")?]);
            }
            if args.is_empty() {
                return Err(Error::arg("Error: unexpected end of line after \"encap\""));
            }
        }
        2 | 4 => {
            let v6 = kind == 4;
            let fam = if v6 { AF_INET6 } else { AF_INET };
            let mut flags = 0u16;
            while let Some(w) = args.peek() {
                let w = w.to_string();
                match w.as_str() {
                    "id" => {
                        args.next();
                        let v = args.value()?;
                        put_attr(&mut body, 1, &num::<u64>(&v, "id")?.to_be_bytes());
                    }
                    "dst" | "src" => {
                        args.next();
                        let v = args.value()?;
                        let a = get_addr(&v, fam)?;
                        put_attr(&mut body, if w == "dst" { 2 } else { 3 }, &a.octets());
                    }
                    "ttl" | "hoplimit" if (w == "hoplimit") == v6 => {
                        args.next();
                        let v = args.value()?;
                        put_attr(&mut body, 4, &[num::<u8>(&v, &w)?]);
                    }
                    "tos" | "tc" if (w == "tc") == v6 => {
                        args.next();
                        let v = args.value()?;
                        let x = crate::cli::parse_u64_base(&v, 16)
                            .and_then(|x| u8::try_from(x).ok())
                            .ok_or_else(|| invarg(&format!("\"{w}\" value is invalid"), &v))?;
                        put_attr(&mut body, 5, &[x]);
                    }
                    "key" => flags |= 0x04,
                    "csum" => flags |= 0x01,
                    "seq" => flags |= 0x08,
                    _ => break,
                }
                if matches!(w.as_str(), "key" | "csum" | "seq") {
                    args.next();
                }
            }
            if flags != 0 {
                put_attr(&mut body, 6, &flags.to_be_bytes());
            }
        }
        _ => return Err(invarg("\"encap type\" value is invalid", &t)),
    }
    Ok((kind, body))
}

/// The fields of an ip or ip6 encapsulation, in printing order.
#[derive(Default)]
struct Tunnel {
    id: Option<u64>,
    src: Option<String>,
    dst: Option<String>,
    /// ttl (ip) or hoplimit (ip6)
    hops: Option<u8>,
    /// tos (ip) or tc (ip6)
    class: Option<u8>,
    /// key, csum, seq
    flags: [bool; 3],
}

fn ip_tunnel(encap: &[RouteLwTunnelEncap]) -> Tunnel {
    let mut t = Tunnel::default();
    for e in encap {
        match e {
            RouteLwTunnelEncap::Ip(RouteIpTunnel::Id(v)) => t.id = Some(*v),
            RouteLwTunnelEncap::Ip(RouteIpTunnel::Source(a)) => t.src = Some(a.to_string()),
            RouteLwTunnelEncap::Ip(RouteIpTunnel::Destination(a)) => t.dst = Some(a.to_string()),
            RouteLwTunnelEncap::Ip(RouteIpTunnel::Ttl(v)) => t.hops = Some(*v),
            RouteLwTunnelEncap::Ip(RouteIpTunnel::Tos(v)) => t.class = Some(*v),
            RouteLwTunnelEncap::Ip(RouteIpTunnel::Flags(f)) => {
                t.flags = [
                    f.contains(RouteIpTunnelFlags::Key),
                    f.contains(RouteIpTunnelFlags::Checksum),
                    f.contains(RouteIpTunnelFlags::Sequence),
                ]
            }
            _ => {}
        }
    }
    t
}

fn ip6_tunnel(encap: &[RouteLwTunnelEncap]) -> Tunnel {
    let mut t = Tunnel::default();
    for e in encap {
        match e {
            RouteLwTunnelEncap::Ip6(RouteIp6Tunnel::Id(v)) => t.id = Some(*v),
            RouteLwTunnelEncap::Ip6(RouteIp6Tunnel::Source(a)) => t.src = Some(a.to_string()),
            RouteLwTunnelEncap::Ip6(RouteIp6Tunnel::Destination(a)) => t.dst = Some(a.to_string()),
            RouteLwTunnelEncap::Ip6(RouteIp6Tunnel::Hoplimit(v)) => t.hops = Some(*v),
            RouteLwTunnelEncap::Ip6(RouteIp6Tunnel::Tc(v)) => t.class = Some(*v),
            RouteLwTunnelEncap::Ip6(RouteIp6Tunnel::Flags(f)) => {
                t.flags = [
                    f.contains(RouteIp6TunnelFlags::Key),
                    f.contains(RouteIp6TunnelFlags::Checksum),
                    f.contains(RouteIp6TunnelFlags::Sequence),
                ]
            }
            _ => {}
        }
    }
    t
}

/// An encapsulation the crate could not type (a nexthop's, decoded
/// without its own type): read the raw attributes as ip/ip6 fields.
fn raw_tunnel(encap: &[RouteLwTunnelEncap]) -> Tunnel {
    use netlink_packet_core::Nla;
    let mut t = Tunnel::default();
    for e in encap {
        let RouteLwTunnelEncap::Other(n) = e else { continue };
        let mut v = vec![0u8; n.value_len()];
        n.emit_value(&mut v);
        let addr = |v: &[u8]| -> Option<String> {
            match v.len() {
                4 => Some(std::net::Ipv4Addr::new(v[0], v[1], v[2], v[3]).to_string()),
                16 => {
                    let mut a = [0u8; 16];
                    a.copy_from_slice(v);
                    Some(std::net::Ipv6Addr::from(a).to_string())
                }
                _ => None,
            }
        };
        match (n.kind() & 0x3fff, v.len()) {
            (1, 8) => t.id = Some(u64::from_be_bytes(v[..8].try_into().unwrap_or([0; 8]))),
            (2, _) => t.dst = addr(&v),
            (3, _) => t.src = addr(&v),
            (4, 1) => t.hops = Some(v[0]),
            (5, 1) => t.class = Some(v[0]),
            (6, 2) => {
                let f = u16::from_be_bytes([v[0], v[1]]);
                t.flags = [f & 0x04 != 0, f & 0x01 != 0, f & 0x08 != 0];
            }
            _ => {}
        }
    }
    t
}

/// ` encap TYPE ...` after the destination.
pub fn print(ip: &mut Ip, kind: &RouteLwEnCapType, encap: &[RouteLwTunnelEncap]) {
    ip.p.str(Ctx::Any, "encap", " encap {} ", &kind.to_string());
    let raw = encap.iter().any(|e| matches!(e, RouteLwTunnelEncap::Other(_)));
    let (t, hops, class) = match kind {
        RouteLwEnCapType::Ip if raw => (raw_tunnel(encap), "ttl", "tos"),
        RouteLwEnCapType::Ip6 if raw => (raw_tunnel(encap), "hoplimit", "tc"),
        RouteLwEnCapType::Ip => (ip_tunnel(encap), "ttl", "tos"),
        RouteLwEnCapType::Ip6 => (ip6_tunnel(encap), "hoplimit", "tc"),
        _ => return,
    };
    if let Some(v) = t.id {
        ip.p.uint(Ctx::Any, "id", "id {} ", v);
    }
    if let Some(a) = &t.src {
        ip.p.str(Ctx::Any, "src", "src {} ", a);
    }
    if let Some(a) = &t.dst {
        ip.p.str(Ctx::Any, "dst", "dst {} ", a);
    }
    if let Some(v) = t.hops {
        ip.p.uint(Ctx::Any, hops, &format!("{hops} {{}} "), v as u64);
    }
    if let Some(v) = t.class {
        ip.p.uint(Ctx::Any, class, &format!("{class} {{}} "), v as u64);
    }
    for (on, name) in t.flags.iter().zip(["key", "csum", "seq"]) {
        if *on {
            ip.p.bool(Ctx::Json, name, "", true);
            ip.p.text(&format!("{name} "));
        }
    }
}
