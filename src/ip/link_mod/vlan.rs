//! `type vlan` options, read as iproute2 reads them. This kernel has no
//! 802.1Q support, so only the reading matters: bad words fail as in the
//! reference, good ones end in the kernel's `Unknown device type`.

use super::{keyword, kind_usage, on_off, p, unknown, Kw};
use crate::cli::{parse_u64, Args};
use crate::error::{Error, Result};

const TABLE: &[Kw] = &[
    p("id"),
    p("protocol"),
    p("reorder_hdr"),
    p("gvrp"),
    p("mvrp"),
    p("loose_binding"),
    p("bridge_binding"),
    p("ingress-qos-map"),
    p("egress-qos-map"),
    p("help"),
];

/// `FROM:TO` mappings after a qos-map keyword, as many as follow.
fn qos_map(a: &mut Args, key: &str) -> Result<()> {
    while let Some(w) = a.peek() {
        let Some((from, to)) = w.split_once(':') else {
            break;
        };
        if parse_u64(from).is_none() || parse_u64(to).is_none() {
            // iproute2 has cut the word at the colon by then
            return Err(Error::invarg(&format!("invalid {key}"), from));
        }
        a.next();
    }
    Ok(())
}

pub fn parse(a: &mut Args) -> Result<()> {
    while let Some(w) = a.next() {
        let Some(k) = keyword(&w, TABLE) else {
            return Err(unknown("vlan", "command", &w));
        };
        match k {
            "id" => {
                let v = a.value()?;
                if parse_u64(&v).filter(|n| *n <= 0xffff).is_none() {
                    return Err(Error::invarg("id is invalid", &v));
                }
            }
            "protocol" => {
                let v = a.value()?;
                if !matches!(v.to_ascii_lowercase().as_str(), "802.1q" | "802.1ad") {
                    return Err(Error::invarg("protocol is invalid", &v));
                }
            }
            "ingress-qos-map" | "egress-qos-map" => qos_map(a, k)?,
            "help" => return Err(kind_usage("vlan")),
            flag => {
                on_off(flag, &a.value()?)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert!(parse(&mut Args::new([
            "id", "10", "protocol", "802.1ad", "gvrp", "on"
        ]))
        .is_ok());
        assert!(parse(&mut Args::new(["i", "10", "ingress-qos-map", "1:2", "3:4"])).is_ok());
        let e = parse(&mut Args::new(["id", "65536"])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error: argument \"65536\" is wrong: id is invalid"
        );
        let e = parse(&mut Args::new(["egress-qos-map", "x:y"])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error: argument \"x\" is wrong: invalid egress-qos-map"
        );
        let e = parse(&mut Args::new(["ingress-qos-map", "1"])).unwrap_err();
        assert!(e.to_string().starts_with("vlan: unknown command \"1\"?\n"));
    }
}
