//! Messages built byte by byte, fed to the dispatcher and the file
//! replay; the text is what iproute2 6.1's `ip monitor` prints for the
//! same bytes (taken from its output in the conformance cases).

use super::*;
use crate::nl::put_attr;
use crate::print::Printer;

/// A netlink message: header (len, type, flags 0, seq 0, pid 0) + body.
fn msg(kind: u16, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(&((16 + body.len()) as u32).to_ne_bytes());
    m.extend_from_slice(&kind.to_ne_bytes());
    m.extend_from_slice(&[0; 10]);
    m.extend_from_slice(body);
    m
}

/// An Ip that captures its output, with the names of lo, v1, v0 known
/// (no kernel lookups).
fn ip_with(brief: bool) -> Ip {
    let o = crate::ip::Opts { brief, ..Default::default() };
    let mut ip = Ip::new(o);
    ip.p = Printer::capture(false, false, false);
    for (i, n) in [(1, "lo"), (2, "v1"), (3, "v0")] {
        ip.cache_name(i, n);
    }
    ip
}

fn show(ip: &mut Ip, m: &Mon, msgs: &[Vec<u8>]) -> String {
    for x in msgs {
        dispatch(ip, m, x, None).unwrap();
    }
    ip.p.captured().to_string()
}

fn u32b(v: u32) -> [u8; 4] {
    v.to_ne_bytes()
}

/// RTM_NEWADDR / RTM_DELADDR of 10.0.0.1/24 on v0 (index 3).
fn addr_msg(kind: u16, index: u32) -> Vec<u8> {
    // struct ifaddrmsg: family, prefixlen, flags, scope, index
    let mut b = vec![libc::AF_INET as u8, 24, 0x80, 0];
    b.extend_from_slice(&u32b(index));
    put_attr(&mut b, 1, &[10, 0, 0, 1]); // IFA_ADDRESS
    put_attr(&mut b, 2, &[10, 0, 0, 1]); // IFA_LOCAL
    put_attr(&mut b, 3, b"v0\0"); // IFA_LABEL
    // IFA_CACHEINFO: preferred, valid (forever), cstamp, tstamp
    let mut ci = Vec::new();
    for v in [u32::MAX, u32::MAX, 0, 0] {
        ci.extend_from_slice(&u32b(v));
    }
    put_attr(&mut b, 6, &ci);
    put_attr(&mut b, 8, &u32b(0x80)); // IFA_FLAGS: permanent
    msg(kind, &b)
}

#[test]
fn address_events_labels_and_deleted() {
    let mut ip = ip_with(false);
    let m = Mon { label: true, ..Mon::default() };
    assert_eq!(
        show(&mut ip, &m, &[addr_msg(20, 3), addr_msg(21, 3)]),
        "[ADDR]3: v0    inet 10.0.0.1/24 scope global v0\n       valid_lft forever preferred_lft forever\n\
         [ADDR]Deleted 3: v0    inet 10.0.0.1/24 scope global v0\n       valid_lft forever preferred_lft forever\n"
    );
}

#[test]
fn brief_address_has_no_newline() {
    let mut ip = ip_with(true);
    assert_eq!(show(&mut ip, &Mon::default(), &[addr_msg(20, 3), addr_msg(21, 3)]), "10.0.0.1/24 Deleted 10.0.0.1/24 ");
}

#[test]
fn dev_filter_keeps_the_label() {
    let mut ip = ip_with(false);
    let m = Mon { label: true, dev: Some(2), ..Mon::default() };
    assert_eq!(show(&mut ip, &m, &[addr_msg(20, 3)]), "[ADDR]");
}

/// RTM_NEWLINK of br0 (index 6) with IFLA_EVENT = FEATURE CHANGE.
fn link_msg(kind: u16) -> Vec<u8> {
    // struct ifinfomsg: family, pad, type (ether), index, flags, change
    let mut b = vec![0, 0];
    b.extend_from_slice(&1u16.to_ne_bytes());
    b.extend_from_slice(&u32b(6));
    b.extend_from_slice(&u32b(0x1002)); // BROADCAST | MULTICAST
    b.extend_from_slice(&u32b(0));
    put_attr(&mut b, 3, b"br0\0"); // IFLA_IFNAME
    put_attr(&mut b, 4, &u32b(1500)); // IFLA_MTU
    put_attr(&mut b, 6, b"noop\0"); // IFLA_QDISC
    put_attr(&mut b, 13, &u32b(1000)); // IFLA_TXQLEN: not shown in events
    put_attr(&mut b, 16, &[2]); // IFLA_OPERSTATE: DOWN
    put_attr(&mut b, 27, &u32b(0)); // IFLA_GROUP
    put_attr(&mut b, 1, &[2, 0, 0, 0, 0, 0x10]); // IFLA_ADDRESS
    put_attr(&mut b, 2, &[0xff; 6]); // IFLA_BROADCAST
    put_attr(&mut b, 44, &u32b(2)); // IFLA_EVENT: features
    msg(kind, &b)
}

#[test]
fn link_event_and_brief_link() {
    let mut ip = ip_with(false);
    assert_eq!(
        show(&mut ip, &Mon::default(), &[link_msg(16)]),
        "6: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default event FEATURE CHANGE \n    \
         link/ether 02:00:00:00:00:10 brd ff:ff:ff:ff:ff:ff\n"
    );
    // the event taught the name cache br0; its deletion forgets it
    let mut ip = ip_with(true);
    assert_eq!(show(&mut ip, &Mon::default(), &[link_msg(16)]), "br0              DOWN           ");
    assert_eq!(&*ip.ifname(6), "br0");
    show(&mut ip, &Mon::default(), &[link_msg(17)]);
    assert!(ip.p.captured().ends_with("Deleted br0              DOWN           "));
}

#[test]
fn neighbour_of_another_family_leaves_no_label() {
    // struct ndmsg: family, pads, ifindex, state (PERMANENT), flags, type
    let mut b = vec![libc::AF_INET as u8, 0, 0, 0];
    b.extend_from_slice(&u32b(3));
    b.extend_from_slice(&0x80u16.to_ne_bytes());
    b.extend_from_slice(&[0, 1]);
    put_attr(&mut b, 1, &[10, 0, 0, 9]); // NDA_DST
    put_attr(&mut b, 2, &[2, 0, 0, 0, 0, 0x99]); // NDA_LLADDR
    let n = msg(28, &b);
    let mut ip = ip_with(false);
    let m = Mon { label: true, ..Mon::default() };
    assert_eq!(show(&mut ip, &m, &[n.clone()]), "[NEIGH]10.0.0.9 dev v0 lladdr 02:00:00:00:00:99 PERMANENT \n");
    let mut ip = ip_with(false);
    let m = Mon { label: true, family: crate::ip::AF_INET6, ..Mon::default() };
    assert_eq!(show(&mut ip, &m, &[n.clone()]), "");
    // `dev` leaves out the device
    let mut ip = ip_with(false);
    let m = Mon { dev: Some(3), ..Mon::default() };
    assert_eq!(show(&mut ip, &m, &[n]), "10.0.0.9 lladdr 02:00:00:00:00:99 PERMANENT \n");
}

#[test]
fn netconf_prefix_addrlabel_stats_mroute() {
    // netconfmsg (family, padded to 4); NETCONFA_IFINDEX, FORWARDING, RP_FILTER
    let mut b = vec![libc::AF_INET as u8, 0, 0, 0];
    put_attr(&mut b, 1, &u32b(3));
    put_attr(&mut b, 2, &u32b(1));
    put_attr(&mut b, 3, &u32b(2));
    let netconf = msg(80, &b);
    let mut b = vec![libc::AF_INET6 as u8, 0, 0, 0];
    put_attr(&mut b, 1, &u32b(u32::MAX)); // all
    let netconf_del = msg(81, &b);
    // prefixmsg: family, pads, ifindex, type 3, len 64, flags onlink|autoconf, pad
    let mut b = vec![libc::AF_INET6 as u8, 0, 0, 0];
    b.extend_from_slice(&u32b(3));
    b.extend_from_slice(&[3, 64, 3, 0]);
    put_attr(&mut b, 1, &"2001:db8:7::".parse::<std::net::Ipv6Addr>().unwrap().octets());
    let mut ci = u32b(600).to_vec();
    ci.extend_from_slice(&u32b(1200));
    put_attr(&mut b, 2, &ci); // PREFIX_CACHEINFO: preferred, valid
    let prefix = msg(52, &b);
    // ifaddrlblmsg: family, reserved, prefixlen, flags, ifindex, seq
    let mut b = vec![libc::AF_INET6 as u8, 0, 128, 0];
    b.extend_from_slice(&[0; 8]);
    put_attr(&mut b, 1, &std::net::Ipv6Addr::LOCALHOST.octets());
    put_attr(&mut b, 2, &u32b(0));
    let label = msg(72, &b);
    // if_stats_msg: family, pads, ifindex, filter_mask; OFFLOAD_XSTATS {
    // HW_S_INFO { L3_STATS { REQUEST 1, USED 0 } } }
    let mut b = vec![0, 0, 0, 0];
    b.extend_from_slice(&u32b(3));
    b.extend_from_slice(&u32b(1 << 3));
    let (mut l3, mut info, mut x) = (Vec::new(), Vec::new(), Vec::new());
    put_attr(&mut l3, 1, &[1]);
    put_attr(&mut l3, 2, &[0]);
    put_attr(&mut info, 3, &l3);
    put_attr(&mut x, 2, &info);
    put_attr(&mut b, 4, &x);
    let stats = msg(92, &b);
    // rtmsg of family RTNL_FAMILY_IPMR: table default, RTA_SRC, RTA_DST,
    // RTA_IIF v0, RTA_MULTIPATH { ttl 1 dev v1, ttl 5 dev lo }
    let mut b = vec![128, 32, 32, 0, 253, 17, 0, 5];
    b.extend_from_slice(&u32b(0));
    put_attr(&mut b, 15, &u32b(253));
    put_attr(&mut b, 2, &[192, 0, 2, 1]);
    put_attr(&mut b, 1, &[239, 1, 2, 3]);
    put_attr(&mut b, 3, &u32b(3));
    let mut mp = Vec::new();
    for (ttl, idx) in [(1u8, 2u32), (5, 1)] {
        mp.extend_from_slice(&8u16.to_ne_bytes());
        mp.extend_from_slice(&[0, ttl]);
        mp.extend_from_slice(&u32b(idx));
    }
    put_attr(&mut b, 9, &mp);
    let mroute = msg(24, &b);
    let mut ip = ip_with(false);
    assert_eq!(
        show(&mut ip, &Mon::default(), &[netconf.clone(), netconf_del, prefix.clone(), label, stats, mroute.clone()]),
        "inet v0 forwarding on rp_filter loose \n\
         Deleted inet6 all \n\
         prefix 2001:db8:7::/64dev v0 onlink autoconf valid 1200 preferred 600 \n\
         prefix ::1/128 label 0 \n\
         3: v0:\n    l3_stats on used off\n\
         (192.0.2.1,239.1.2.3)            Iif: v0         Oifs: v1 lo(ttl 5)  State: resolved Table: default\n"
    );
    // under `dev v1` the netconf and the mroute of v0 go, the prefix stays;
    // under -4 the (IPv6) prefix goes
    let mut ip = ip_with(false);
    let m = Mon { label: true, dev: Some(2), ..Mon::default() };
    assert_eq!(
        show(&mut ip, &m, &[netconf, prefix.clone(), mroute]),
        "[NETCONF][PREFIX]prefix 2001:db8:7::/64dev v0 onlink autoconf valid 1200 preferred 600 \n[MROUTE]"
    );
    let mut ip = ip_with(false);
    let m = Mon { family: crate::ip::AF_INET, ..Mon::default() };
    assert_eq!(show(&mut ip, &m, &[prefix]), "");
}

#[test]
fn timestamps_and_unknown_messages() {
    let mut ip = ip_with(false);
    // NLMSG_TSTAMP: seconds, microseconds
    let mut b = u32b(1_700_000_000).to_vec();
    b.extend_from_slice(&u32b(7));
    let out = show(&mut ip, &Mon::default(), &[msg(15, &b), msg(1, &[]), msg(36, &[0; 4]), msg(3, &[0; 4])]);
    assert!(out.starts_with("Timestamp: ") && out.ends_with(" 2023 7 us\n"), "{out:?}");
    assert_eq!(out.len(), "Timestamp: Tue Nov 14 22:13:20 2023 7 us\n".len());
    assert_eq!(out.lines().count(), 1);
    // -t: a line of the current time before each event
    let mut ip = ip_with(false);
    let m = Mon { timestamp: true, ..Mon::default() };
    let out = show(&mut ip, &m, &[addr_msg(20, 3)]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("Timestamp: ") && first.ends_with(" usec"), "{out:?}");
    // -ts: a [date] prefix
    let mut ip = ip_with(false);
    let m = Mon { timestamp: true, tshort: true, ..Mon::default() };
    let out = show(&mut ip, &m, &[addr_msg(20, 3)]);
    assert!(out.starts_with('[') && out[27..].starts_with("] 3: v0    inet"), "{out:?}");
}

#[test]
fn asctime_layout() {
    let t = dispatch::asctime(0);
    // e.g. "Thu Jan  1 00:00:00 1970" in UTC
    assert_eq!(t.len(), 24);
    assert_eq!(&t[3..4], " ");
    assert!(t.ends_with("1970") || t.ends_with("1969"));
}

fn replay(bytes: &[u8]) -> (String, Option<(String, i32)>) {
    let mut ip = ip_with(false);
    let r = file::replay_from(&mut ip, &Mon::default(), &mut std::io::Cursor::new(bytes));
    (ip.p.captured().to_string(), r.err().map(|e| (e.to_string(), e.exit_code())))
}

#[test]
fn file_replay_good_truncated_malformed() {
    let one = addr_msg(20, 3);
    let text = "3: v0    inet 10.0.0.1/24 scope global v0\n       valid_lft forever preferred_lft forever\n";
    assert_eq!(replay(&[]), (String::new(), None));
    let mut two = one.clone();
    two.extend_from_slice(&one);
    assert_eq!(replay(&two), (format!("{text}{text}"), None));
    // the second message cut short: the first is printed, then the error
    let truncated = Some(("rtnl-from_file: truncated message".to_string(), 1));
    assert_eq!(replay(&two[..one.len() + 20]), (text.to_string(), truncated.clone()));
    assert_eq!(replay(&one[..8]), (String::new(), truncated));
    assert_eq!(
        replay(b"this is not a netlink message\n"),
        (String::new(), Some(("!!!malformed message: len=1936287860 @16".to_string(), 1)))
    );
}

fn parsed(words: &[&str]) -> std::result::Result<Mon, String> {
    parse(&mut Args::new(words.iter().map(|s| s.to_string()))).map_err(|e| e.to_string())
}

#[test]
fn object_words_and_abbreviations() {
    let m = parsed(&["li", "a", "r", "l"]).unwrap();
    assert_eq!(m.objs, vec![Obj::Link, Obj::Address, Obj::Route]);
    assert!(m.label && !m.all_nsid);
    let m = parsed(&["n", "net", "nex", "ns", "ru", "m", "p", "stats"]).unwrap();
    assert_eq!(
        m.objs,
        vec![Obj::Neigh, Obj::Netconf, Obj::Nexthop, Obj::Nsid, Obj::Rule, Obj::Mroute, Obj::Prefix, Obj::Stats]
    );
    let m = parsed(&["al"]).unwrap();
    assert!(m.all_nsid && !m.label && m.objs.len() == ALL.len());
    let m = parsed(&["all"]).unwrap();
    assert!(m.label && !m.all_nsid);
    let m = parsed(&["f", "/x", "dev", "v0"]).unwrap();
    assert_eq!((m.file.as_deref(), m.dev_name.as_deref()), (Some("/x"), Some("v0")));
    for bad in ["stat", "d", "foo"] {
        assert_eq!(parsed(&[bad]).unwrap_err(), format!("Argument \"{bad}\" is unknown, try \"ip monitor help\"."));
    }
    assert!(parsed(&["link", "h"]).unwrap_err().starts_with("Usage: ip monitor [ all | OBJECTS ]"));
    assert!(parsed(&["file"]).unwrap_err().starts_with("Command line is not complete"));
}

#[test]
fn groups_follow_objects_and_family() {
    let m = Mon { objs: vec![Obj::Link, Obj::Address, Obj::Prefix], family: crate::ip::AF_INET, ..Mon::default() };
    assert_eq!(groups(&m), vec![1, 5]);
    let m = Mon { objs: vec![Obj::Route, Obj::Rule, Obj::Prefix], family: crate::ip::AF_INET6, ..Mon::default() };
    assert_eq!(groups(&m), vec![11, 19, 18]);
    let m = Mon { objs: ALL.to_vec(), ..Mon::default() };
    assert_eq!(groups(&m), vec![1, 5, 9, 7, 11, 27, 6, 10, 18, 3, 24, 25, 29, 8, 19, 28, 32, 36]);
}
