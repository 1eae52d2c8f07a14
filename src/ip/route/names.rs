//! Names of routing tables, protocols, scopes and route types, as the
//! reference prints and reads them: built-in names first, then the
//! `/etc/iproute2/rt_*` files (and `*.d/*.conf`), numbers otherwise.

use std::sync::OnceLock;

use crate::ip::common::{id_name, id_of, name_of, read_name_file, read_names};

/// Built-in table names (id, name).
pub const TABLES: &[(u32, &str)] = &[(0, "unspec"), (253, "default"), (254, "main"), (255, "local")];

/// Built-in protocol names (rt_protos).
pub const PROTOS: &[(u32, &str)] = &[
    (0, "unspec"),
    (1, "redirect"),
    (2, "kernel"),
    (3, "boot"),
    (4, "static"),
    (8, "gated"),
    (9, "ra"),
    (10, "mrt"),
    (11, "zebra"),
    (12, "bird"),
    (13, "dnrouted"),
    (14, "xorp"),
    (15, "ntk"),
    (16, "dhcp"),
    (18, "keepalived"),
    (42, "babel"),
    (99, "openr"),
    (186, "bgp"),
    (187, "isis"),
    (188, "ospf"),
    (189, "rip"),
    (192, "eigrp"),
];

/// Built-in scope names (rt_scopes).
pub const SCOPES: &[(u32, &str)] = &[(0, "global"), (200, "site"), (253, "link"), (254, "host"), (255, "nowhere")];

/// Route type names (RTN_*), index = type.
pub const TYPES: &[&str] = &[
    "unspec",
    "unicast",
    "local",
    "broadcast",
    "anycast",
    "multicast",
    "blackhole",
    "unreachable",
    "prohibit",
    "throw",
    "nat",
    "xresolve",
];

pub const RT_TABLE_MAIN: u32 = 254;
pub const RT_TABLE_LOCAL: u32 = 255;

fn table_file() -> &'static [(u32, String)] {
    static T: OnceLock<Vec<(u32, String)>> = OnceLock::new();
    T.get_or_init(|| read_names("rt_tables"))
}

fn proto_file() -> &'static [(u32, String)] {
    static T: OnceLock<Vec<(u32, String)>> = OnceLock::new();
    T.get_or_init(|| read_names("rt_protos"))
}

fn scope_file() -> &'static [(u32, String)] {
    static T: OnceLock<Vec<(u32, String)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v = Vec::new();
        read_name_file("/etc/iproute2/rt_scopes", &mut v);
        v
    })
}

fn realm_file() -> &'static [(u32, String)] {
    static T: OnceLock<Vec<(u32, String)>> = OnceLock::new();
    T.get_or_init(|| read_names("rt_realms"))
}

/// Built-in realm names (before /etc/iproute2/rt_realms).
pub const REALMS: &[(u32, &str)] = &[(0, "unknown")];

fn dsfield_file() -> &'static [(u32, String)] {
    static T: OnceLock<Vec<(u32, String)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v = Vec::new();
        read_name_file("/etc/iproute2/rt_dsfield", &mut v);
        v
    })
}

/// Table id → name (`main`, `local`, a number...).
pub fn table_name(id: u32, numeric: bool) -> String {
    id_name(id, numeric, table_file(), TABLES)
}

/// Table name or number → id.
pub fn parse_table(s: &str) -> Option<u32> {
    id_of(s, table_file(), TABLES).or_else(|| crate::cli::parse_u32(s))
}

/// Protocol number → name.
pub fn proto_name(id: u8, numeric: bool) -> String {
    id_name(id as u32, numeric, proto_file(), PROTOS)
}

/// Protocol name or number → number.
pub fn parse_proto(s: &str) -> Option<u8> {
    id_of(s, proto_file(), PROTOS)
        .and_then(|v| u8::try_from(v).ok())
        .or_else(|| crate::cli::parse_u8(s))
}

/// Scope number → name (`global`, `link`, `host`, a number...), honouring
/// `-N` (numbers only); also used by `ip addr`.
pub fn scope_name(id: u8, numeric: bool) -> String {
    id_name(id as u32, numeric, scope_file(), SCOPES)
}

/// Scope name or number → number; also used by `ip addr`.
pub fn parse_scope(s: &str) -> Option<u8> {
    id_of(s, scope_file(), SCOPES)
        .and_then(|v| u8::try_from(v).ok())
        .or_else(|| crate::cli::parse_u8(s))
}

/// Realm number → name (`cosmos`, a number...); numbers with `-N`.
pub fn realm_name(id: u32, numeric: bool) -> String {
    id_name(id, numeric, realm_file(), REALMS)
}

/// One realm: an rt_realms name or a number up to 255.
pub fn parse_realm(s: &str) -> Option<u32> {
    id_of(s, realm_file(), REALMS).or_else(|| crate::cli::parse_u64(s).filter(|v| *v <= 255).map(|v| v as u32))
}

/// `realms [FROM/]TO` as the reference reads it: the two realms
/// (`FROM<<16 | TO`; an empty TO is 0, an empty FROM is an error), else
/// the raw 32-bit value (`realms 70000` is 1/4464).
pub fn parse_realms(s: &str) -> Option<u32> {
    let two = || -> Option<u32> {
        let (from, to) = match s.split_once('/') {
            Some((f, t)) => (parse_realm(f)?, t),
            None => (0, s),
        };
        let to = if to.is_empty() { 0 } else { parse_realm(to)? };
        Some(from << 16 | to)
    };
    two().or_else(|| crate::cli::parse_u32(s))
}

/// Route type → name.
pub fn type_name(t: u8, numeric: bool) -> String {
    if numeric {
        return t.to_string();
    }
    TYPES.get(t as usize).map(|s| s.to_string()).unwrap_or_else(|| t.to_string())
}

/// Route type name (by prefix, in the reference's order; `brd` too) or
/// number → type.
pub fn parse_type(s: &str) -> Option<u8> {
    const ORDER: &[(&str, u8)] = &[
        ("local", 2),
        ("nat", 10),
        ("broadcast", 3),
        ("brd", 3),
        ("anycast", 4),
        ("multicast", 5),
        ("prohibit", 8),
        ("unreachable", 7),
        ("blackhole", 6),
        ("xresolve", 11),
        ("unicast", 1),
        ("throw", 9),
    ];
    // local, nat and throw only in full
    let exact = ["local", "nat", "throw", "brd"];
    if let Some((_, t)) = ORDER
        .iter()
        .find(|(n, _)| if exact.contains(n) { s == *n } else { crate::cli::matches(s, n) })
    {
        return Some(*t);
    }
    crate::cli::parse_u8(s)
}

/// A TOS / DS field → its rt_dsfield name (`AF11`), else `0x%02x`
/// (always the number with `-N`).
pub fn dsfield_name(t: u8, numeric: bool) -> String {
    if !numeric {
        if let Some(n) = name_of(t as u32, dsfield_file(), &[]) {
            return n;
        }
    }
    format!("0x{t:02x}")
}

/// `tos`/`dsfield` values: a hex number up to 0xff (`0x` optional) or an
/// rt_dsfield name (exact case; `AF11` reads as a name, not as 0xaf11).
pub fn parse_dsfield(s: &str) -> Option<u8> {
    crate::cli::parse_u64_base(s, 16)
        .and_then(|n| u8::try_from(n).ok())
        .or_else(|| id_of(s, dsfield_file(), &[]).and_then(|v| u8::try_from(v).ok()))
}

/// A route preference (RTA_PREF) → name.
pub fn pref_name(p: u8) -> String {
    match p {
        0 => "medium".into(),
        1 => "high".into(),
        3 => "low".into(),
        p => p.to_string(),
    }
}

/// `low|medium|high` → RTA_PREF value.
pub fn parse_pref(s: &str) -> Option<u8> {
    match s {
        "low" => Some(3),
        "medium" => Some(0),
        "high" => Some(1),
        _ => crate::cli::parse_u8(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(table_name(254, false), "main");
        assert_eq!(table_name(255, true), "255");
        assert_eq!(table_name(100, false), "100");
        assert_eq!(parse_table("local"), Some(255));
        assert_eq!(parse_table("0x100"), Some(256));
        assert_eq!(parse_table("frob"), None);
        assert_eq!(proto_name(2, false), "kernel");
        assert_eq!(proto_name(42, false), "babel");
        assert_eq!(parse_proto("static"), Some(4));
        assert_eq!(parse_proto("300"), None);
        assert_eq!(scope_name(253, false), "link");
        assert_eq!(scope_name(0, false), "global");
        assert_eq!(scope_name(7, false), "7");
        assert_eq!(parse_scope("host"), Some(254));
        assert_eq!(parse_scope("300"), None);
        assert_eq!(type_name(6, false), "blackhole");
        assert_eq!(parse_type("unreachable"), Some(7));
        assert_eq!(parse_type("10.0.0.0/8"), None);
        assert_eq!(pref_name(1), "high");
        assert_eq!(dsfield_name(0x28, true), "0x28");
        assert_eq!(dsfield_name(4, false), "0x04");
        assert_eq!(parse_dsfield("0x28"), Some(0x28));
        assert_eq!(parse_dsfield("28"), Some(0x28));
        assert_eq!(parse_dsfield("1ff"), None);
        assert_eq!(parse_dsfield("no-such-name"), None);
        assert_eq!(parse_realms("3/4"), Some(3 << 16 | 4));
        assert_eq!(parse_realms("5"), Some(5));
        assert_eq!(parse_realms("010"), Some(8));
        assert_eq!(parse_realms("5/"), Some(5 << 16));
        assert_eq!(parse_realms("70000"), Some(70000));
        for bad in ["/5", "256/1", "1/70000", "1/2/3", "foo"] {
            assert_eq!(parse_realms(bad), None, "{bad}");
        }
        assert_eq!(realm_name(7, false), "7");
    }
}
