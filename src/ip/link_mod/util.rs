//! The small readers every link option parser shares, with iproute2's
//! messages: keyword tables, on/off, numbers, link-layer addresses,
//! interface names, groups.

use crate::cli::matches;
use crate::error::{Error, Result};

/// iproute2's keyword tables: first match in table order, `exact`
/// keywords only when spelled out.
pub struct Kw {
    pub word: &'static str,
    pub exact: bool,
}

pub const fn p(word: &'static str) -> Kw {
    Kw { word, exact: false }
}

pub const fn x(word: &'static str) -> Kw {
    Kw { word, exact: true }
}

/// The keyword `arg` stands for in `table`, if any.
pub fn keyword(arg: &str, table: &[Kw]) -> Option<&'static str> {
    table
        .iter()
        .find(|k| {
            if k.exact {
                arg == k.word
            } else {
                matches(arg, k.word)
            }
        })
        .map(|k| k.word)
}

/// A command's own failure, which iproute2 returns (exit 1; in a batch
/// `Command failed` follows and `-force` goes on), unlike its argument
/// errors, which exit at once.
pub fn fail(msg: impl Into<String>) -> Error {
    Error::Failed(msg.into())
}

/// `on|off` where iproute2 says `must be "on" or "off"` (exit 1).
pub fn on_off(key: &str, v: &str) -> Result<bool> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(fail(format!(
            "Error: argument of \"{key}\" must be \"on\" or \"off\", not \"{v}\""
        ))),
    }
}

/// `on|off` where iproute2 says `must be one of "off", "on"` (exit 22;
/// in a batch `Command failed`).
pub fn on_off_strict(key: &str, v: &str) -> Result<bool> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(Error::failed_code(
            format!("Error: argument of \"{key}\" must be one of \"off\", \"on\", not \"{v}\""),
            22,
        )),
    }
}

/// invarg() whose message ends with a newline in iproute2 (an empty line
/// follows the error).
pub fn invarg_nl(what: &str, arg: &str) -> Error {
    Error::invarg(&format!("{what}\n"), arg)
}

/// strtol-style `get_integer` (base 0, whole word, int range).
pub fn get_integer(s: &str) -> Option<i32> {
    crate::cli::parse_i32(s)
}

/// iproute2's ll_addr_a2n: the shared reader (`"X" is invalid lladdr.`).
pub use crate::ip::common::parse_lladdr as lladdr;

/// check_ifname(): what `name` accepts.
pub fn valid_ifname(s: &str) -> bool {
    crate::cli::bytes_of(s).len() < 16 && valid_altifname(s)
}

/// check_altifname(): what a positional device name or `dev` accepts
/// (a colon is left to the kernel: `lo:1` names lo's alias).
pub fn valid_altifname(s: &str) -> bool {
    !s.is_empty()
        && crate::cli::bytes_of(s).len() < 128
        && !s.chars().any(|c| c == '/' || c.is_ascii_whitespace())
}

/// `group` names: /etc/iproute2/group, `default`, or a number.
pub use crate::ip::link_show::tables::group_parse as group_a2n;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lladdr_parts() {
        assert_eq!(
            lladdr("02:00:00:00:00:0a").unwrap(),
            vec![2, 0, 0, 0, 0, 10]
        );
        assert_eq!(lladdr("2:0:0:0:0:1").unwrap(), vec![2, 0, 0, 0, 0, 1]);
        let e = lladdr("zz:00:00:00:00:01").unwrap_err();
        assert_eq!(e.to_string(), "\"zz\" is invalid lladdr.");
        assert_eq!(e.exit_code(), 1);
        assert!(lladdr("100:00").is_err());
    }

    #[test]
    fn names() {
        assert!(valid_ifname("abcdefghijklmno"));
        assert!(!valid_ifname("abcdefghijklmnop"));
        assert!(valid_altifname("abcdefghijklmnopqrst"));
        assert!(!valid_altifname("a/b"));
        assert!(!valid_altifname("a b"));
        assert!(!valid_altifname(""));
    }

    #[test]
    fn messages() {
        let e = invarg_nl("Invalid \"mtu\" value", "abc");
        assert_eq!(
            e.to_string(),
            "Error: argument \"abc\" is wrong: Invalid \"mtu\" value\n"
        );
        assert_eq!(on_off_strict("carrier", "x").unwrap_err().exit_code(), 22);
        assert_eq!(on_off("arp", "x").unwrap_err().exit_code(), 1);
    }
}
