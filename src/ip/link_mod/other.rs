//! Kinds this kernel lacks (vlan, bond, vrf, gre, ...): iproute2 parses
//! their options, then the kernel answers `Unknown device type`. rip reads
//! just enough to give the same answer: a first word that is none of the
//! kind's keywords (as its usage text lists them) fails the way iproute2's
//! parser for that kind fails; a few common values are checked; the rest
//! goes unsent, since the kernel refuses the kind anyway.

use super::{fail, help, invarg_nl, kind_usage, unknown};
use crate::cli::{matches, parse_u64, Args};
use crate::error::{Error, Result};
use crate::ip::common::get_addr;
use crate::ip::{Ip, AF_INET, AF_INET6};

/// Kinds without options of their own: their words are ignored.
pub const NO_OPTIONS: &[&str] = &[
    "dummy",
    "ifb",
    "nlmon",
    "team",
    "team_slave",
    "vcan",
    "netdevsim",
    "virt_wifi",
];

/// How each kind's parser reports a word it does not know.
fn bad_word(kind: &str, w: &str) -> Error {
    let text = help::chomp(help::text(kind).unwrap_or(""));
    match kind {
        "vlan" | "bond" | "macsec" | "geneve" | "amt" | "bareudp" | "rmnet" | "wwan" | "dsa"
        | "batadv" => unknown(kind, "command", w),
        "bond_slave" | "vrf" | "ipvlan" | "ipvtap" | "ipoib" => unknown(kind, "option", w),
        "can" => fail(format!("can: unknown option \"{w}\"\n{text}")),
        "hsr" => fail(format!("hsr: what is \"{w}\"?\n{text}")),
        "gtp" => fail("gtp: role of the gtp device was not specified"),
        _ => kind_usage(kind),
    }
}

/// True when `kind` is handled here.
pub fn knows(kind: &str) -> bool {
    NO_OPTIONS.contains(&kind) || help::text(kind).is_some()
}

/// Read the kind's words (iproute2 then sends the kind's data, empty).
pub fn parse(ip: &mut Ip, kind: &str, a: &mut Args) -> Result<()> {
    if NO_OPTIONS.contains(&kind) {
        // the words are ignored, but an (empty) kind data is sent
        while a.next().is_some() {}
        return Ok(());
    }
    match kind {
        "vlan" => {
            super::vlan::parse(a)?;
            return Ok(());
        }
        "bond" => {
            super::bond::parse(ip, a)?;
            return Ok(());
        }
        _ => {}
    }
    let text = help::text(kind).unwrap_or("");
    // the usage text's first keyword that `w` starts (upper-case words
    // there are placeholders)
    let keyword_of = |w: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .find(|t| matches(w, t) && !t.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
    };
    let is_keyword = |w: &str| keyword_of(w).is_some();
    if let Some(w) = a.peek() {
        if w == "help" {
            return Err(kind_usage(kind));
        }
        if !is_keyword(w) {
            return Err(bad_word(kind, w));
        }
    }
    while let Some(w) = a.next() {
        if let Some(k) = keyword_of(&w) {
            check_value(kind, k, a)?;
        }
    }
    Ok(())
}

/// Tunnels whose addresses are IPv4 / IPv6.
const TUNNELS4: &[&str] = &["gre", "gretap", "erspan", "ipip", "sit", "vti"];
const TUNNELS6: &[&str] = &["ip6gre", "ip6gretap", "ip6erspan", "ip6tnl", "vti6"];

/// The values iproute2 checks for the common options of these kinds.
fn check_value(kind: &str, key: &str, a: &mut Args) -> Result<()> {
    let tunnel4 = TUNNELS4.contains(&kind);
    let tunnel6 = TUNNELS6.contains(&kind);
    match key {
        "remote" | "local" if tunnel4 || tunnel6 => {
            let v = a.value()?;
            if v != "any" {
                get_addr(&v, if tunnel6 { AF_INET6 } else { AF_INET })?;
            }
        }
        "ttl" | "hoplimit" if tunnel4 || tunnel6 => {
            let v = a.value()?;
            if v != "inherit" && parse_u64(&v).filter(|n| *n <= 255).is_none() {
                return Err(invarg_nl("invalid TTL", &v));
            }
        }
        "ttl" if kind == "geneve" => {
            let v = a.value()?;
            if v != "auto" && v != "inherit" {
                let n = parse_u64(&v).ok_or_else(|| Error::invarg("invalid TTL", &v))?;
                if n > 255 {
                    return Err(Error::invarg("TTL must be <= 255", &v));
                }
            }
        }
        "id" if kind == "geneve" => {
            let v = a.value()?;
            if parse_u64(&v).filter(|n| *n < 1 << 24).is_none() {
                return Err(Error::invarg("invalid id", &v));
            }
        }
        "table" if kind == "vrf" => {
            let v = a.value()?;
            if crate::ip::route::names::parse_table(&v).is_none() {
                return Err(invarg_nl("invalid table ID", &v));
            }
        }
        "mode" if kind == "ipvlan" || kind == "ipvtap" => {
            let v = a.value()?;
            if !matches!(v.as_str(), "l2" | "l3" | "l3s") {
                return Err(fail(
                    "Error: argument of \"mode\" must be either \"l2\", \"l3\" or \"l3s\"",
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_word() {
        let mut ip = Ip::new(Default::default());
        let e = parse(&mut ip, "vlan", &mut Args::new(["foo"])).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("vlan: unknown command \"foo\"?\nUsage: ... vlan id VLANID"));
        assert_eq!(e.exit_code(), 1);
        assert!(parse(&mut ip, "vlan", &mut Args::new(["id", "10"])).is_ok());
        assert!(parse(&mut ip, "bond", &mut Args::new(["mode", "active-backup"])).is_ok());
        let e = parse(&mut ip, "bond", &mut Args::new(["mode", "x"])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error: argument \"x\" is wrong: invalid mode"
        );
        let e = parse(&mut ip, "vrf", &mut Args::new(["foo"])).unwrap_err();
        assert!(e.to_string().starts_with("vrf: unknown option \"foo\"?\n"));
        assert!(parse(&mut ip, "vrf", &mut Args::new(["table", "10"])).is_ok());
        let e = parse(&mut ip, "gre", &mut Args::new(["foo"])).unwrap_err();
        assert!(e.to_string().starts_with("Usage: ... gre "));
        assert!(parse(&mut ip, "dummy", &mut Args::new(["foo"])).is_ok());
        assert!(parse(&mut ip, "vrf", &mut Args::new(["t", "10"])).is_ok());
        let e = parse(&mut ip, "vrf", &mut Args::new(["table", "x"])).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"x\" is wrong: invalid table ID\n");
        let e = parse(&mut ip, "gre", &mut Args::new(["rem", "x"])).unwrap_err();
        assert_eq!(e.to_string(), "Error: inet address is expected rather than \"x\".");
        assert!(parse(&mut ip, "gre", &mut Args::new(["remote", "any", "ttl", "inherit"])).is_ok());
    }
}
