//! `ip route add|del|change|replace|append|prepend|test ROUTE`.

use netlink_packet_core::{NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE};
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteFlags, RouteMessage, RouteMetric, RouteNextHop, RouteNextHopFlags,
    RoutePreference, RouteRealm, RouteVia,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

use super::names;
use super::print::metric_index;
use super::{usage, Cmd};
use crate::cli::{matches, parse_u32, Args};
use crate::error::{Error, Result};
use crate::ip::common::{get_addr, get_prefix, Prefix};
use crate::ip::{read_family, Ip, AF_INET, AF_INET6, AF_UNSPEC};

const RTNH_F_ONLINK: u32 = 4;

fn invarg(what: &str, arg: &str) -> Error {
    Error::invarg(&format!("{what}\n"), arg)
}

fn route_addr(p: &Prefix) -> RouteAddress {
    RouteAddress::from(p.addr)
}

/// A realm `FROM/TO` or `TO` (names from rt_realms, or a raw number).
pub(super) fn parse_realms(s: &str) -> Option<RouteRealm> {
    let v = super::names::parse_realms(s)?;
    Some(RouteRealm { source: (v >> 16) as u16, destination: v as u16 })
}

/// `via [FAMILY] ADDR`: a gateway of the route's family, or RTA_VIA.
fn parse_via(args: &mut Args, family: &mut u8) -> Result<RouteAttribute> {
    let mut v = args.value()?;
    let mut fam = *family;
    let mut explicit = false;
    if let Some(af) = read_family(&v) {
        fam = af;
        explicit = true;
        v = args.value()?;
    }
    let a = get_addr(&v, fam)?;
    let afam = if a.any { if fam == AF_UNSPEC { AF_INET } else { fam } } else { a.family };
    if *family == AF_UNSPEC {
        *family = afam;
    }
    // `any`/`all` are addresses of no bytes: an RTA_VIA of the family
    // alone, an empty RTA_GATEWAY (the kernel refuses both, as it refuses
    // the reference's)
    let empty = matches!(v.as_str(), "any" | "all");
    if explicit && afam != *family {
        if empty {
            return Ok(RouteAttribute::Other(netlink_packet_core::DefaultNla::new(
                18, // RTA_VIA: the family, no address
                u16::from(afam).to_ne_bytes().to_vec(),
            )));
        }
        return Ok(RouteAttribute::Via(match a.addr {
            std::net::IpAddr::V4(x) => RouteVia::Inet(x),
            std::net::IpAddr::V6(x) => RouteVia::Inet6(x),
        }));
    }
    if empty {
        return Ok(RouteAttribute::Other(netlink_packet_core::DefaultNla::new(5, Vec::new())));
    }
    Ok(RouteAttribute::Gateway(route_addr(&a)))
}

/// One nexthop's words (after `nexthop`), up to a word it does not know.
fn parse_nexthop(ip: &mut Ip, args: &mut Args, family: &mut u8) -> Result<RouteNextHop> {
    let mut nh = RouteNextHop::default();
    while let Some(w) = args.peek() {
        let w = w.to_string();
        let w = w.as_str();
        if w == "via" {
            args.next();
            let a = parse_via(args, family)?;
            nh.attributes.push(a);
        } else if w == "dev" {
            args.next();
            let d = args.value()?;
            nh.interface_index = match ip.ifindex(&d) {
                Ok(i) => i,
                Err(Error::NoDevice(_)) => {
                    return Err(Error::arg(format!(
                        "Cannot find device \"{d}\"\nError: cannot parse nexthop"
                    )))
                }
                Err(e) => return Err(e),
            };
        } else if w == "weight" {
            args.next();
            let v = args.value()?;
            let n = parse_u32(&v).filter(|n| (1..=256).contains(n)).ok_or_else(|| invarg("\"weight\" is invalid", &v))?;
            nh.hops = (n - 1) as u8;
        } else if w == "onlink" {
            args.next();
            nh.flags |= RouteNextHopFlags::Onlink;
        } else if w == "encap" {
            args.next();
            nh.attributes.extend(super::encap::parse(args)?);
        } else if matches(w, "realms") {
            args.next();
            let v = args.value()?;
            let r = parse_realms(&v).ok_or_else(|| invarg("\"realm\" value is invalid", &v))?;
            nh.attributes.push(RouteAttribute::Realm(r));
        } else {
            break;
        }
    }
    Ok(nh)
}

/// `nexthop NH [nexthop NH]...` to the end of the line.
fn parse_nexthops(ip: &mut Ip, args: &mut Args, family: &mut u8) -> Result<Vec<RouteNextHop>> {
    let mut hops = Vec::new();
    while let Some(w) = args.next() {
        if w != "nexthop" {
            return Err(Error::arg(format!(
                "Error: \"nexthop\" or end of line is expected instead of \"{w}\""
            )));
        }
        if args.is_empty() {
            return Err(Error::arg("Error: unexpected end of line after \"nexthop\""));
        }
        hops.push(parse_nexthop(ip, args, family)?);
    }
    Ok(hops)
}

/// A time metric: `N`, `Ns`, `Nms` → milliseconds.
fn parse_time(s: &str) -> Option<u32> {
    let (num, mul) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1u64)
    } else if let Some(n) = s.strip_suffix("msec") {
        (n, 1)
    } else if let Some(n) = s.strip_suffix("secs") {
        (n, 1000)
    } else if let Some(n) = s.strip_suffix("sec") {
        (n, 1000)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000)
    } else {
        (s, 1000)
    };
    let v: f64 = num.parse().ok()?;
    if v < 0.0 {
        return None;
    }
    let ms = (v * mul as f64) as u64;
    u32::try_from(ms).ok()
}

pub fn run(ip: &mut Ip, mut args: Args, cmd: Cmd) -> Result<()> {
    if args.is_empty() {
        return Err(usage());
    }
    let flags = match cmd {
        Cmd::Add => NLM_F_CREATE | NLM_F_EXCL,
        Cmd::Change => NLM_F_REPLACE,
        Cmd::Replace => NLM_F_CREATE | NLM_F_REPLACE,
        Cmd::Prepend => NLM_F_CREATE,
        Cmd::Append => NLM_F_CREATE | NLM_F_APPEND,
        Cmd::Test => NLM_F_EXCL,
        Cmd::Delete => 0,
    };
    let del = cmd == Cmd::Delete;
    let mut family = ip.o.family;
    let mut table: Option<u32> = None;
    let mut proto: u8 = if del { 0 } else { 3 };
    let mut scope: Option<u8> = None;
    let mut rtype: u8 = if del { 0 } else { 1 };
    let mut rflags: u32 = 0;
    let mut tos: u8 = 0;
    let mut dst: Option<Prefix> = None;
    let mut src: Option<Prefix> = None;
    let mut attrs: Vec<RouteAttribute> = Vec::new();
    let mut metrics: Vec<RouteMetric> = Vec::new();
    let mut lock: u32 = 0;
    let mut dev: Option<String> = None;
    let mut gw_ok = false;
    let mut nhid = false;
    let mut multipath: Option<Vec<RouteNextHop>> = None;
    let mut pending_nexthops = false;

    while let Some(w) = args.next() {
        let w = w.as_str();
        if w == "src" {
            let v = args.value()?;
            let a = get_addr(&v, family)?;
            if family == AF_UNSPEC {
                family = a.family;
            }
            attrs.push(RouteAttribute::PrefSource(route_addr(&a)));
        } else if w == "as" {
            let mut v = args.value()?;
            if v == "to" {
                v = args.value()?;
            }
            let a = get_addr(&v, family)?;
            if family == AF_UNSPEC {
                family = a.family;
            }
            attrs.push(RouteAttribute::Other(netlink_packet_core::DefaultNla::new(19, a.octets().to_vec())));
        } else if w == "via" {
            if gw_ok {
                return Err(invarg("use nexthop syntax to specify multiple via", "via"));
            }
            gw_ok = true;
            let a = parse_via(&mut args, &mut family)?;
            attrs.push(a);
        } else if w == "from" {
            let v = args.value()?;
            let p = get_prefix(&v, family)?;
            if family == AF_UNSPEC {
                family = p.family;
            }
            src = Some(p);
        } else if w == "tos" || matches(w, "dsfield") {
            let v = args.value()?;
            tos = names::parse_dsfield(&v).ok_or_else(|| invarg("\"tos\" value is invalid", &v))?;
        } else if w == "expires" {
            let v = args.value()?;
            let x = parse_u32(&v).ok_or_else(|| invarg("\"expires\" value is invalid", &v))?;
            attrs.push(RouteAttribute::Expires(x));
        } else if matches(w, "metric") || matches(w, "priority") || w == "preference" {
            let v = args.value()?;
            let x = parse_u32(&v).ok_or_else(|| invarg("\"metric\" value is invalid", &v))?;
            attrs.retain(|a| !matches!(a, RouteAttribute::Priority(_)));
            attrs.push(RouteAttribute::Priority(x));
        } else if w == "onlink" {
            rflags |= RTNH_F_ONLINK;
        } else if matches(w, "features") {
            let v = args.value()?;
            if v != "ecn" {
                return Err(invarg("\"features\" value not valid", &v));
            }
            metrics.push(RouteMetric::Features(1));
        } else if matches(w, "quickack") || matches(w, "fastopen_no_cookie") {
            let v = args.value()?;
            let quick = matches(w, "quickack");
            let name = if quick { "quickack" } else { "fastopen_no_cookie" };
            let x = parse_u32(&v).ok_or_else(|| invarg(&format!("\"{name}\" value is invalid"), &v))?;
            if x > 1 {
                return Err(invarg(&format!("\"{name}\" value should be 0 or 1"), &v));
            }
            metrics.push(if quick {
                RouteMetric::QuickAck(x)
            } else {
                RouteMetric::FastopenNoCookie(x)
            });
        } else if matches(w, "congctl") {
            let mut v = args.value()?;
            if v == "lock" {
                lock |= 1 << 16;
                v = args.value()?;
            }
            metrics.push(RouteMetric::CcAlgo(v));
        } else if let Some((name, errname)) = numeric_metric(w) {
            let mut v = args.value()?;
            if v == "lock" || name == "rto_min" {
                // rto_min is always sent locked, as the reference does
                lock |= 1 << metric_index(name);
            }
            if v == "lock" {
                v = args.value()?;
            }
            let x = if matches!(name, "rtt" | "rttvar" | "rto_min") {
                let ms = parse_time(&v).ok_or_else(|| invarg(&format!("\"{errname}\" value is invalid"), &v))?;
                match name {
                    "rtt" => ms * 8,
                    "rttvar" => ms * 4,
                    _ => ms,
                }
            } else {
                parse_u32(&v).ok_or_else(|| invarg(&format!("\"{errname}\" value is invalid"), &v))?
            };
            metrics.push(match name {
                "mtu" => RouteMetric::Mtu(x),
                "hoplimit" => RouteMetric::Hoplimit(x),
                "advmss" => RouteMetric::Advmss(x),
                "reordering" => RouteMetric::Reordering(x),
                "rtt" => RouteMetric::Rtt(x),
                "rttvar" => RouteMetric::RttVar(x),
                "rto_min" => RouteMetric::RtoMin(x),
                "window" => RouteMetric::Window(x),
                "cwnd" => RouteMetric::Cwnd(x),
                "initcwnd" => RouteMetric::InitCwnd(x),
                "initrwnd" => RouteMetric::InitRwnd(x),
                _ => RouteMetric::SsThresh(x),
            });
        } else if matches(w, "realms") {
            let v = args.value()?;
            let r = parse_realms(&v).ok_or_else(|| invarg("\"realm\" value is invalid", &v))?;
            attrs.push(RouteAttribute::Realm(r));
        } else if w == "nexthop" {
            pending_nexthops = true;
            break;
        } else if w == "nhid" {
            let v = args.value()?;
            let x = parse_u32(&v).ok_or_else(|| invarg("\"id\" value is invalid", &v))?;
            attrs.push(RouteAttribute::NhId(x));
            nhid = true;
        } else if matches(w, "protocol") {
            let v = args.value()?;
            proto = names::parse_proto(&v).ok_or_else(|| invarg("\"protocol\" value is invalid", &v))?;
        } else if matches(w, "table") {
            let v = args.value()?;
            table = Some(names::parse_table(&v).ok_or_else(|| invarg("\"table\" value is invalid", &v))?);
        } else if matches(w, "vrf") {
            let v = args.value()?;
            return Err(invarg("Invalid VRF", &v));
        } else if w == "dev" || w == "oif" {
            dev = Some(args.value()?);
        } else if w == "ttl-propagate" {
            let v = args.value()?;
            if v != "enabled" && v != "disabled" {
                return Err(invarg("\"ttl-propagate\" value is invalid", &v));
            }
        } else if w == "encap" {
            attrs.extend(super::encap::parse(&mut args)?);
        } else if matches(w, "pref") {
            let v = args.value()?;
            let p = names::parse_pref(&v).ok_or_else(|| invarg("\"pref\" value is invalid", &v))?;
            attrs.push(RouteAttribute::Preference(RoutePreference::from(p)));
        } else if w == "scope" {
            let v = args.value()?;
            scope = Some(names::parse_scope(&v).ok_or_else(|| invarg("invalid \"scope\" value", &v))?);
        } else if matches(w, "help") {
            return Err(usage());
        } else {
            let mut v = w.to_string();
            if v == "to" {
                v = args.value()?;
            }
            let first = v.as_bytes().first().copied().unwrap_or(b'0');
            if !first.is_ascii_digit() {
                if let Some(t) = names::parse_type(&v) {
                    rtype = t;
                    v = args.value()?;
                }
            }
            if dst.is_some() {
                return Err(Error::duparg2("to", &v));
            }
            let p = get_prefix(&v, family)?;
            if family == AF_UNSPEC {
                family = p.family;
            }
            dst = Some(p);
        }
    }
    if dst.is_none() {
        return Err(usage());
    }
    // the route's device is looked for before the nexthops are read
    let oif = match &dev {
        Some(d) => Some(ip.ifindex(d)?),
        None => None,
    };
    if pending_nexthops {
        args.back();
        multipath = Some(parse_nexthops(ip, &mut args, &mut family)?);
    }

    if family == AF_UNSPEC {
        family = AF_INET;
    }
    let scope = match scope {
        Some(s) => s,
        None => {
            if family == AF_INET6 {
                0
            } else if rtype == 2 || rtype == 10 {
                254
            } else if rtype == 3 || rtype == 5 || rtype == 4 {
                253
            } else if (rtype == 1 || rtype == 0) && del {
                255
            } else if (rtype == 1 || rtype == 0) && !gw_ok && multipath.is_none() && !nhid {
                253
            } else {
                0
            }
        }
    };

    // local, broadcast, anycast and nat routes live in table local
    let table = table.unwrap_or(if matches!(rtype, 2 | 3 | 4 | 10) {
        names::RT_TABLE_LOCAL
    } else {
        names::RT_TABLE_MAIN
    });
    let mut m = RouteMessage::default();
    m.header.address_family = AddressFamily::from(family);
    m.header.tos = tos;
    m.header.protocol = proto.into();
    m.header.scope = scope.into();
    m.header.kind = rtype.into();
    m.header.flags = RouteFlags::from_bits_retain(rflags);
    if table < 256 {
        m.header.table = table as u8;
    } else {
        m.header.table = 0;
        m.attributes.push(RouteAttribute::Table(table));
    }
    if let Some(d) = &dst {
        m.header.destination_prefix_length = d.len;
        if !d.any {
            m.attributes.push(RouteAttribute::Destination(route_addr(d)));
        }
    }
    if let Some(s) = &src {
        m.header.source_prefix_length = s.len;
        if !s.any {
            m.attributes.push(RouteAttribute::Source(route_addr(s)));
        }
    }
    m.attributes.extend(attrs);
    if !metrics.is_empty() || lock != 0 {
        if lock != 0 {
            metrics.insert(0, RouteMetric::Lock(lock));
        }
        m.attributes.push(RouteAttribute::Metrics(metrics));
    }
    if let Some(hops) = multipath {
        m.attributes.push(RouteAttribute::MultiPath(hops));
    }
    if let Some(i) = oif {
        m.attributes.push(RouteAttribute::Oif(i));
    }
    let msg = if del { RouteNetlinkMessage::DelRoute(m) } else { RouteNetlinkMessage::NewRoute(m) };
    ip.change(msg, flags, &mut |ip, m| {
        super::print::print_msg(ip, m);
    })
}

/// Numeric metrics: (keyword, name in the error message); `mtu`,
/// `hoplimit`, `advmss`, `rtt` and `rto_min` must be given in full.
const NUMERIC_METRICS: &[(&str, &str)] = &[
    ("mtu", "mtu"),
    ("hoplimit", "hoplimit"),
    ("advmss", "mss"),
    ("reordering", "reordering"),
    ("rtt", "rtt"),
    ("rttvar", "rttvar"),
    ("rto_min", "rto_min"),
    ("window", "window"),
    ("cwnd", "cwnd"),
    ("initcwnd", "initcwnd"),
    ("initrwnd", "initrwnd"),
    ("ssthresh", "ssthresh"),
];

fn numeric_metric(w: &str) -> Option<(&'static str, &'static str)> {
    NUMERIC_METRICS
        .iter()
        .find(|(k, _)| {
            if matches!(*k, "mtu" | "hoplimit" | "advmss" | "rtt" | "rto_min") {
                w == *k
            } else {
                matches(w, k)
            }
        })
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::Emitable;

    /// `via [FAMILY] ADDR` as the kernel gets it: the attribute's bytes.
    fn via(words: &[&str], family: u8) -> (Vec<u8>, u8) {
        let mut args = Args::new(words.iter().copied());
        let mut family = family;
        let a = parse_via(&mut args, &mut family).unwrap();
        let mut b = vec![0; a.buffer_len()];
        a.emit(&mut b);
        (b, family)
    }

    #[test]
    fn via_any_and_all_carry_no_address() {
        // `via any` in an IPv4 route: an empty RTA_GATEWAY
        assert_eq!(
            via(&["any"], AF_INET),
            (
                vec![
                    4, 0, // nla_len: the header alone
                    5, 0, // nla_type: RTA_GATEWAY
                ],
                AF_INET
            )
        );
        // `via inet6 all` in an IPv4 route: RTA_VIA with the family only
        assert_eq!(
            via(&["inet6", "all"], AF_INET),
            (
                vec![
                    6, 0, // nla_len: header + rtvia_family
                    18, 0, // nla_type: RTA_VIA
                    10, 0, // rtvia_family: AF_INET6, no rtvia_addr
                    0, 0, // padding to 4 bytes
                ],
                AF_INET
            )
        );
        // an address of the route's family stays an RTA_GATEWAY
        assert_eq!(
            via(&["192.0.2.1"], AF_UNSPEC),
            (
                vec![
                    8, 0, // nla_len
                    5, 0, // nla_type: RTA_GATEWAY
                    192, 0, 2, 1, // the address
                ],
                AF_INET
            )
        );
    }
}
