//! Name tables of `ip link`: interface flags, operational states, link
//! modes, link-layer types, device groups, inet6 address generation modes.
//! All public: `ip addr`, `ip link set` and others use them too.

use std::borrow::Cow;

use crate::ip::common::{id_name, id_of, read_name_dir, read_name_file};

/// Interface flags in the order `ip` prints them (`<BROADCAST,UP,...>`).
pub const IFF_NAMES: &[(u32, &str)] = &[
    (libc::IFF_LOOPBACK as u32, "LOOPBACK"),
    (libc::IFF_BROADCAST as u32, "BROADCAST"),
    (libc::IFF_POINTOPOINT as u32, "POINTOPOINT"),
    (libc::IFF_MULTICAST as u32, "MULTICAST"),
    (libc::IFF_NOARP as u32, "NOARP"),
    (libc::IFF_ALLMULTI as u32, "ALLMULTI"),
    (libc::IFF_PROMISC as u32, "PROMISC"),
    (libc::IFF_NOTRAILERS as u32, "NOTRAILERS"),
    (libc::IFF_MASTER as u32, "MASTER"),
    (libc::IFF_SLAVE as u32, "SLAVE"),
    (libc::IFF_DEBUG as u32, "DEBUG"),
    (libc::IFF_DYNAMIC as u32, "DYNAMIC"),
    (libc::IFF_AUTOMEDIA as u32, "AUTOMEDIA"),
    (libc::IFF_PORTSEL as u32, "PORTSEL"),
    (libc::IFF_UP as u32, "UP"),
    (IFF_LOWER_UP, "LOWER_UP"),
    (IFF_DORMANT, "DORMANT"),
    (IFF_ECHO, "ECHO"),
];

pub const IFF_UP: u32 = libc::IFF_UP as u32;
pub const IFF_RUNNING: u32 = libc::IFF_RUNNING as u32;
pub const IFF_POINTOPOINT: u32 = libc::IFF_POINTOPOINT as u32;
pub const IFF_LOWER_UP: u32 = 1 << 16;
pub const IFF_DORMANT: u32 = 1 << 17;
pub const IFF_ECHO: u32 = 1 << 18;

/// The flag words of a link: `NO-CARRIER` first when up without carrier,
/// then the named flags, then leftover bits in hex, then `M-DOWN` when the
/// lower device is down.
pub fn flag_words(flags: u32, mdown: bool) -> Vec<Cow<'static, str>> {
    let mut v = Vec::with_capacity(8);
    let mut rest = flags;
    if rest & IFF_UP != 0 && rest & IFF_RUNNING == 0 {
        v.push(Cow::Borrowed("NO-CARRIER"));
    }
    rest &= !IFF_RUNNING;
    for &(bit, name) in IFF_NAMES {
        if rest & bit != 0 {
            v.push(Cow::Borrowed(name));
            rest &= !bit;
        }
    }
    if rest != 0 {
        v.push(Cow::Owned(format!("{rest:x}")));
    }
    if mdown {
        v.push(Cow::Borrowed("M-DOWN"));
    }
    v
}

/// IF_OPER_* names.
pub fn operstate_name(s: u8) -> Option<&'static str> {
    Some(match s {
        0 => "UNKNOWN",
        1 => "NOTPRESENT",
        2 => "DOWN",
        3 => "LOWERLAYERDOWN",
        4 => "TESTING",
        5 => "DORMANT",
        6 => "UP",
        _ => return None,
    })
}

/// IF_LINK_MODE_* names.
pub fn linkmode_name(m: u8) -> Option<&'static str> {
    Some(match m {
        0 => "DEFAULT",
        1 => "DORMANT",
        2 => "TESTING",
        _ => return None,
    })
}

/// IN6_ADDR_GEN_MODE_* names.
pub fn addrgenmode_name(m: u8) -> Option<&'static str> {
    Some(match m {
        0 => "eui64",
        1 => "none",
        2 => "stable_secret",
        3 => "random",
        _ => return None,
    })
}

/// ARPHRD_* names as `link/NAME` shows them.
pub const LINK_TYPES: &[(u16, &str)] = &[
    (0, "netrom"),
    (1, "ether"),
    (2, "eether"),
    (3, "ax25"),
    (4, "pronet"),
    (5, "chaos"),
    (6, "ieee802"),
    (7, "arcnet"),
    (8, "atalk"),
    (15, "dlci"),
    (19, "atm"),
    (23, "metricom"),
    (24, "ieee1394"),
    (27, "eui64"),
    (32, "infiniband"),
    (256, "slip"),
    (257, "cslip"),
    (258, "slip6"),
    (259, "cslip6"),
    (260, "rsrvd"),
    (264, "adapt"),
    (270, "rose"),
    (271, "x25"),
    (272, "hwx25"),
    (280, "can"),
    (290, "mctp"),
    (512, "ppp"),
    (513, "hdlc"),
    (516, "lapb"),
    (517, "ddcmp"),
    (518, "rawhdlc"),
    (519, "rawip"),
    (768, "ipip"),
    (769, "tunnel6"),
    (770, "frad"),
    (771, "skip"),
    (772, "loopback"),
    (773, "ltalk"),
    (774, "fddi"),
    (775, "bif"),
    (776, "sit"),
    (777, "ip/ddp"),
    (778, "gre"),
    (779, "pimreg"),
    (780, "hippi"),
    (781, "ash"),
    (782, "econet"),
    (783, "irda"),
    (784, "fcpp"),
    (785, "fcal"),
    (786, "fcpl"),
    (787, "fcfb0"),
    (788, "fcfb1"),
    (789, "fcfb2"),
    (790, "fcfb3"),
    (791, "fcfb4"),
    (792, "fcfb5"),
    (793, "fcfb6"),
    (794, "fcfb7"),
    (795, "fcfb8"),
    (796, "fcfb9"),
    (797, "fcfb10"),
    (798, "fcfb11"),
    (799, "fcfb12"),
    (800, "tr"),
    (801, "ieee802.11"),
    (802, "ieee802.11/prism"),
    (803, "ieee802.11/radiotap"),
    (804, "ieee802.15.4"),
    (805, "ieee802.15.4/monitor"),
    (820, "phonet"),
    (821, "phonet_pipe"),
    (822, "caif"),
    (823, "gre6"),
    (824, "netlink"),
    (825, "6lowpan"),
    (826, "vsockmon"),
    (0xfffe, "none"),
    (0xffff, "void"),
];

/// `link/TYPE`: the name, or `[N]` when unknown or with `-N`.
pub fn link_type_name(t: u16, numeric: bool) -> Cow<'static, str> {
    if !numeric {
        if let Some((_, n)) = LINK_TYPES.iter().find(|(k, _)| *k == t) {
            return Cow::Borrowed(n);
        }
    }
    Cow::Owned(format!("[{t}]"))
}

/// Device group names from /etc/iproute2/group (number → name), after the
/// built-in `0 default`.
pub fn group_table() -> &'static [(u32, String)] {
    static T: std::sync::OnceLock<Vec<(u32, String)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut v = Vec::new();
        // the first of these files that exists
        let _ = ["/etc/iproute2/group", "/usr/share/iproute2/group"].iter().any(|f| read_name_file(f, &mut v));
        v
    })
}

const GROUPS: &[(u32, &str)] = &[(0, "default")];

/// Group number → name (or the number; always the number with `-N`).
pub fn group_name(g: u32, numeric: bool) -> String {
    id_name(g, numeric, group_table(), GROUPS)
}

/// Group name or number → number.
pub fn group_parse(s: &str) -> Option<u32> {
    if let Some(k) = id_of(s, group_table(), GROUPS) {
        return Some(k);
    }
    // a non-negative C int (strtol, base 0, into a long stored in an int)
    crate::cli::parse_long_as_int(s).filter(|v| *v >= 0).map(|v| v as u32)
}

/// Protodown reasons (bit → name) from
/// /etc/iproute2/protodown_reasons.d/*.conf.
pub fn protodown_reasons() -> &'static [(u32, String)] {
    static T: std::sync::OnceLock<Vec<(u32, String)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut v = Vec::new();
        read_name_dir("/etc/iproute2/protodown_reasons.d", &mut v);
        v
    })
}

/// Protodown reason bit → name (the first definition; or the number).
pub fn protodown_reason_name(bit: u32) -> String {
    protodown_reasons().iter().find(|(k, _)| *k == bit).map(|(_, n)| n.clone()).unwrap_or_else(|| bit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        let f = (libc::IFF_UP | libc::IFF_BROADCAST | libc::IFF_MULTICAST) as u32;
        assert_eq!(flag_words(f, false), ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"]);
        let f = f | IFF_RUNNING | IFF_LOWER_UP;
        assert_eq!(flag_words(f, true), ["BROADCAST", "MULTICAST", "UP", "LOWER_UP", "M-DOWN"]);
        assert_eq!(flag_words(1 << 20, false), ["100000"]);
    }

    #[test]
    fn names() {
        assert_eq!(link_type_name(1, false), "ether");
        assert_eq!(link_type_name(772, true), "[772]");
        assert_eq!(link_type_name(0xfffe, false), "none");
        assert_eq!(link_type_name(12345, false), "[12345]");
        assert_eq!(operstate_name(6), Some("UP"));
        assert_eq!(group_name(0, false), "default");
        assert_eq!(group_name(0, true), "0");
        assert_eq!(group_parse("default"), Some(0));
        assert_eq!(group_parse("0x10"), Some(16));
        assert_eq!(group_parse("foo"), None);
        assert_eq!(group_parse("+5"), Some(5));
        assert_eq!(group_parse("2147483647"), Some(2147483647));
        assert_eq!(group_parse("2147483648"), None);
        assert_eq!(group_parse("-1"), None);
        // a long stored in an int: the high bits are dropped
        assert_eq!(group_parse("4294967297"), Some(1));
        assert_eq!(group_parse("-9223372036854775809"), Some(0));
        assert_eq!(group_parse("99999999999999999999"), None);
    }
}

/// IFLA_EVENT names (`event FEATURE CHANGE`).
pub fn event_name(e: u32) -> std::borrow::Cow<'static, str> {
    const NAMES: [&str; 7] =
        ["NONE", "REBOOT", "FEATURE CHANGE", "BONDING FAILOVER", "NOTIFY PEERS", "RESEND IGMP", "BONDING OPTION"];
    match NAMES.get(e as usize) {
        Some(n) => std::borrow::Cow::Borrowed(n),
        None => std::borrow::Cow::Owned(e.to_string()),
    }
}
