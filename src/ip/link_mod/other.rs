//! Kinds this kernel lacks (vlan, bond, vrf, gre, ...): iproute2 parses
//! their options, then the kernel answers `Unknown device type`. rip reads
//! just enough to give the same answer: a first word that is none of the
//! kind's keywords (as its usage text lists them) fails the way iproute2's
//! parser for that kind fails; a few common values are checked; the rest
//! goes unsent, since the kernel refuses the kind anyway.

use super::{fail, help, kind_usage, unknown};
use crate::cli::Args;
use crate::error::{Error, Result};
use crate::ip::Ip;

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

/// Read the kind's words; true when iproute2 would send kind data.
pub fn parse(ip: &mut Ip, kind: &str, a: &mut Args) -> Result<bool> {
    if NO_OPTIONS.contains(&kind) {
        while a.next().is_some() {}
        return Ok(false);
    }
    match kind {
        "vlan" => {
            super::vlan::parse(a)?;
            return Ok(true);
        }
        "bond" => {
            super::bond::parse(ip, a)?;
            return Ok(true);
        }
        _ => {}
    }
    let text = help::text(kind).unwrap_or("");
    let is_keyword = |w: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .any(|t| t == w && !t.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
    };
    if let Some(w) = a.peek() {
        if w == "help" {
            return Err(kind_usage(kind));
        }
        if !is_keyword(w) {
            return Err(bad_word(kind, w));
        }
    }
    while a.next().is_some() {}
    Ok(true)
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
        assert!(parse(&mut ip, "vlan", &mut Args::new(["id", "10"])).unwrap());
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
    }
}
