//! One nexthop (or one bucket of a resilient group), printed as the
//! reference prints it: in a dump, for `-echo`, under a route (`nh_info`)
//! and for `ip monitor`.

use netlink_packet_core::DefaultNla;
use netlink_packet_route::route::{RouteLwEnCapType, RouteLwTunnelEncap};

use super::msg::{self, Bucket, Nexthop, GRP_TYPE_RES};
use crate::ip::common::IpText;
use crate::ip::route::names;
use crate::ip::{Ip, AF_INET, AF_INET6};
use crate::nl::attrs;
use crate::nl::rtm::RTM_DELNEXTHOP;
use crate::print::{Color, Ctx};

/// Clock ticks per second of the kernel's timers (USER_HZ).
pub fn user_hz() -> u64 {
    crate::ip::neigh::user_hz() as u64
}

/// A number as C's `%g` writes it (6 significant digits, no trailing
/// zeros, exponent form outside 1e-4 .. 1e6).
pub fn fmt_g(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return if v.is_finite() { "0".into() } else { v.to_string() };
    }
    let exp = v.abs().log10().floor() as i32;
    // rounding to 6 digits may carry into the next power of ten
    let s = format!("{:.5e}", v);
    let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(exp);
    let trim = |m: &str| -> String {
        if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            m.to_string()
        }
    };
    if !(-4..6).contains(&e) {
        let sign = if e < 0 { '-' } else { '+' };
        return format!("{}e{sign}{:02}", trim(mant), e.abs());
    }
    let decimals = (5 - e).max(0) as usize;
    trim(&format!("{:.*}", decimals, v))
}

/// Seconds from clock ticks, as the reference prints timers.
fn ticks_secs(t: u64) -> u64 {
    t / user_hz()
}

/// The fields of one nexthop (no line end, no object): the body of a
/// listing line and of a route's `nh_info`.
pub fn print_fields(ip: &mut Ip, nh: &Nexthop) {
    let details = ip.o.details > 0;
    let numeric = ip.o.numeric;
    if let Some(id) = nh.id {
        ip.p.uint(Ctx::Any, "id", "id {} ", id as u64);
    }
    if !nh.group.is_empty() {
        ip.p.text("group ");
        ip.p.open_arr(Ctx::Json, "group", "");
        for (i, (id, w)) in nh.group.iter().enumerate() {
            if i > 0 {
                ip.p.text("/");
            }
            ip.p.open_obj(Ctx::Json, "");
            ip.p.uint(Ctx::Any, "id", "{}", *id as u64);
            if *w > 1 {
                ip.p.uint(Ctx::Any, "weight", ",{}", *w as u64);
            }
            ip.p.close_obj(Ctx::Json);
        }
        ip.p.text(" ");
        ip.p.close_arr(Ctx::Json, "");
    }
    if nh.group_type == Some(GRP_TYPE_RES) {
        ip.p.str(Ctx::Any, "type", "type {} ", "resilient");
        if let Some(r) = &nh.res {
            ip.p.open_obj(Ctx::Json, "resilient_args");
            if let Some(v) = r.buckets {
                ip.p.uint(Ctx::Any, "buckets", "buckets {} ", v as u64);
            }
            if let Some(v) = r.idle_timer {
                ip.p.uint(Ctx::Any, "idle_timer", "idle_timer {} ", ticks_secs(v as u64));
            }
            if let Some(v) = r.unbalanced_timer {
                ip.p.uint(Ctx::Any, "unbalanced_timer", "unbalanced_timer {} ", ticks_secs(v as u64));
            }
            if let Some(v) = r.unbalanced_time {
                ip.p.uint(Ctx::Any, "unbalanced_time", "unbalanced_time {} ", ticks_secs(v));
            }
            ip.p.close_obj(Ctx::Json);
        }
    }
    if let Some((t, body)) = &nh.encap {
        let encap: Vec<RouteLwTunnelEncap> = attrs(body)
            .map(|(k, v)| RouteLwTunnelEncap::Other(DefaultNla::new(k, v.to_vec())))
            .collect();
        crate::ip::route::encap::print(ip, &RouteLwEnCapType::from(*t), &encap);
    }
    if let Some(g) = &nh.gateway {
        let fam = if g.is_ipv6() { AF_INET6 } else { AF_INET };
        ip.p.text("via ");
        ip.p.color_str(Ctx::Any, Color::of_family(fam), "gateway", "{} ", IpText::new(g).as_str());
    }
    if let Some(i) = nh.oif {
        let name = ip.ifname(i);
        ip.p.text("dev ");
        ip.p.color_str(Ctx::Any, Color::Ifname, "dev", "{} ", &name);
    }
    if nh.scope != 0 || details {
        ip.p.str(Ctx::Any, "scope", "scope {} ", &names::scope_name(nh.scope, numeric));
    }
    if nh.blackhole {
        ip.p.null(Ctx::Any, "blackhole", "{} ", "blackhole");
    }
    if nh.protocol != 0 || details {
        ip.p.str(Ctx::Any, "protocol", "proto {} ", &names::proto_name(nh.protocol, numeric));
    }
    ip.p.open_arr(Ctx::Json, "flags", "");
    for name in crate::ip::route::print::route_flags(nh.flags & 0xff) {
        ip.p.str(Ctx::Any, "", "{} ", name);
    }
    ip.p.close_arr(Ctx::Json, "");
    if nh.fdb {
        ip.p.null(Ctx::Any, "fdb", "{}", "fdb");
    }
}

/// One nexthop as a listing line (text) or object (JSON); `deleted`
/// (an RTM_DELNEXTHOP) starts it with `Deleted ` / `"deleted": true`.
pub fn print_nexthop(ip: &mut Ip, nh: &Nexthop, deleted: bool) {
    ip.p.open_obj(Ctx::Json, "");
    if deleted {
        ip.p.bool(Ctx::Json, "deleted", "", true);
        ip.p.text("Deleted ");
    }
    print_fields(ip, nh);
    ip.p.text("\n");
    ip.p.close_obj(Ctx::Json);
}

/// Print one RTM_NEWNEXTHOP / RTM_DELNEXTHOP message (netlink header
/// included), e.g. an `ip monitor` event or an `-echo` answer. False when
/// it is no nexthop message.
pub fn print_msg(ip: &mut Ip, m: &[u8]) -> bool {
    match msg::decode(m) {
        Some(nh) => {
            print_nexthop(ip, &nh, msg::msg_type(m) == RTM_DELNEXTHOP);
            true
        }
        None => false,
    }
}

/// One bucket of a resilient group (`ip nexthop bucket`).
pub fn print_bucket(ip: &mut Ip, b: &Bucket, deleted: bool) {
    ip.p.open_obj(Ctx::Json, "");
    if deleted {
        ip.p.bool(Ctx::Json, "deleted", "", true);
        ip.p.text("Deleted ");
    }
    ip.p.uint(Ctx::Any, "id", "id {} ", b.id as u64);
    ip.p.open_obj(Ctx::Json, "bucket");
    ip.p.uint(Ctx::Any, "index", "index {} ", b.index as u64);
    let idle = fmt_g(b.idle_time as f64 / user_hz() as f64);
    ip.p.num(Ctx::Any, "idle_time", "idle_time {} ", idle);
    ip.p.uint(Ctx::Any, "nhid", "nhid {} ", b.nhid as u64);
    ip.p.close_obj(Ctx::Json);
    ip.p.open_arr(Ctx::Json, "flags", "");
    for name in crate::ip::route::print::route_flags(b.flags & 0xff) {
        ip.p.str(Ctx::Any, "", "{} ", name);
    }
    ip.p.close_arr(Ctx::Json, "");
    ip.p.text("\n");
    ip.p.close_obj(Ctx::Json);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::Opts;
    use crate::print::Printer;

    fn ip_with(json: bool, details: u32) -> Ip {
        let mut ip = Ip::new(Opts { json, details, ..Default::default() });
        ip.p = Printer::capture(json, false, false);
        ip.cache_name(2, "v0");
        ip
    }

    fn render(json: bool, details: u32, nh: &Nexthop, deleted: bool) -> String {
        let mut ip = ip_with(json, details);
        ip.p.start_doc();
        print_nexthop(&mut ip, nh, deleted);
        ip.p.end_doc();
        ip.p.captured().to_string()
    }

    #[test]
    fn gateway_and_fdb_lines() {
        let nh = Nexthop {
            family: AF_INET,
            scope: 253,
            protocol: 4,
            flags: 4,
            id: Some(2),
            gateway: Some("10.0.0.3".parse().unwrap()),
            oif: Some(2),
            ..Default::default()
        };
        assert_eq!(render(false, 0, &nh, false), "id 2 via 10.0.0.3 dev v0 scope link proto static onlink \n");
        assert_eq!(
            render(true, 0, &nh, true),
            "[{\"deleted\":true,\"id\":2,\"gateway\":\"10.0.0.3\",\"dev\":\"v0\",\"scope\":\"link\",\
             \"protocol\":\"static\",\"flags\":[\"onlink\"]}]\n"
        );
        assert_eq!(render(false, 0, &nh, true), "Deleted id 2 via 10.0.0.3 dev v0 scope link proto static onlink \n");
        let fdb = Nexthop { id: Some(20), scope: 253, gateway: Some("10.0.0.5".parse().unwrap()), fdb: true, ..Default::default() };
        assert_eq!(render(false, 0, &fdb, false), "id 20 via 10.0.0.5 scope link fdb\n");
        assert_eq!(
            render(true, 0, &fdb, false),
            "[{\"id\":20,\"gateway\":\"10.0.0.5\",\"scope\":\"link\",\"flags\":[],\"fdb\":null}]\n"
        );
    }

    #[test]
    fn groups_and_details() {
        let nh = Nexthop {
            id: Some(12),
            group: vec![(1, 3), (2, 1)],
            group_type: Some(GRP_TYPE_RES),
            res: Some(msg::ResGroup {
                buckets: Some(8),
                idle_timer: Some(120 * user_hz() as u32),
                unbalanced_timer: Some(60 * user_hz() as u32),
                unbalanced_time: Some(0),
            }),
            ..Default::default()
        };
        assert_eq!(
            render(false, 1, &nh, false),
            "id 12 group 1,3/2 type resilient buckets 8 idle_timer 120 unbalanced_timer 60 unbalanced_time 0 \
             scope global proto unspec \n"
        );
        assert_eq!(
            render(true, 0, &nh, false),
            "[{\"id\":12,\"group\":[{\"id\":1,\"weight\":3},{\"id\":2}],\"type\":\"resilient\",\
             \"resilient_args\":{\"buckets\":8,\"idle_timer\":120,\"unbalanced_timer\":60,\"unbalanced_time\":0},\
             \"flags\":[]}]\n"
        );
        let bh = Nexthop { id: Some(4), blackhole: true, ..Default::default() };
        assert_eq!(render(false, 0, &bh, false), "id 4 blackhole \n");
        assert_eq!(render(false, 1, &bh, false), "id 4 scope global blackhole proto unspec \n");
    }

    #[test]
    fn encap_has_two_spaces_and_ids() {
        let nh = Nexthop {
            id: Some(40),
            scope: 253,
            encap: Some((2, vec![12, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 8, 0, 2, 0, 10, 0, 0, 9])),
            gateway: Some("10.0.0.2".parse().unwrap()),
            oif: Some(2),
            ..Default::default()
        };
        assert_eq!(render(false, 0, &nh, false), "id 40  encap ip id 5 dst 10.0.0.9 via 10.0.0.2 dev v0 scope link \n");
        assert!(render(true, 0, &nh, false).starts_with("[{\"id\":40,\"encap\":\"ip\",\"id\":5,\"dst\":\"10.0.0.9\","));
    }

    #[test]
    fn buckets() {
        let b = Bucket { id: 12, index: 3, idle_time: 103 * user_hz() / 100, nhid: 2, ..Default::default() };
        let mut ip = ip_with(false, 0);
        print_bucket(&mut ip, &b, false);
        assert_eq!(ip.p.captured(), "id 12 index 3 idle_time 1.03 nhid 2 \n");
        let mut ip = ip_with(true, 0);
        ip.p.start_doc();
        print_bucket(&mut ip, &b, false);
        ip.p.end_doc();
        assert_eq!(
            ip.p.captured(),
            "[{\"id\":12,\"bucket\":{\"index\":3,\"idle_time\":1.03,\"nhid\":2},\"flags\":[]}]\n"
        );
    }

    #[test]
    fn percent_g() {
        assert_eq!(fmt_g(0.0), "0");
        assert_eq!(fmt_g(1.03), "1.03");
        assert_eq!(fmt_g(120.0), "120");
        assert_eq!(fmt_g(12345.67), "12345.7");
        assert_eq!(fmt_g(1234567.0), "1.23457e+06");
        assert_eq!(fmt_g(0.00001), "1e-05");
        assert_eq!(fmt_g(999999.9), "1e+06");
    }
}
