//! `type macvlan|macvtap` options (IFLA_MACVLAN_*). Both kinds take the
//! same attributes; only the kind string and the usage text differ.

use netlink_packet_route::link::{
    InfoData, InfoMacVlan, LinkInfo, MacVlanFlags, MacVlanMacAddressMode, MacVlanMode,
};

use super::{fail, keyword, kind_usage, lladdr, p, unknown, x, Kw, Mode};
use crate::cli::Args;
use crate::error::Result;

const TABLE: &[Kw] = &[
    p("mode"),
    p("flag"),
    p("nopromisc"),
    p("nodst"),
    p("bcqueuelen"),
    p("macaddr"),
    p("help"),
];

const MODES: &[Kw] = &[
    x("private"),
    x("vepa"),
    x("bridge"),
    x("passthru"),
    x("source"),
];

fn mac6(v: &str) -> Result<[u8; 6]> {
    let m = lladdr(v)?;
    m.try_into()
        .map_err(|_| fail(format!("Invalid MAC address \"{v}\"")))
}

pub fn parse(kind: &str, a: &mut Args, _mode: Mode) -> Result<LinkInfo> {
    let mut out = Vec::new();
    let mut flags: Option<MacVlanFlags> = None;
    let mut mode: Option<MacVlanMode> = None;
    while let Some(w) = a.next() {
        let Some(k) = keyword(&w, TABLE) else {
            return Err(unknown(kind, "option", &w));
        };
        match k {
            "mode" => {
                let v = a.value()?;
                mode = Some(match keyword(&v, MODES) {
                    Some("private") => MacVlanMode::Private,
                    Some("vepa") => MacVlanMode::Vepa,
                    Some("bridge") => MacVlanMode::Bridge,
                    Some("passthru") => MacVlanMode::Passthrough,
                    Some(_) => MacVlanMode::Source,
                    None => {
                        return Err(fail(
                            format!(
                                "Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", \"passthru\" or \"source\", not \"{v}\""
                            )))
                    }
                });
            }
            "flag" => {
                let v = a.value()?;
                let f = flags.get_or_insert(MacVlanFlags::empty());
                match v.as_str() {
                    "nopromisc" => *f |= MacVlanFlags::NoPromisc,
                    "nodst" => *f |= MacVlanFlags::NoDst,
                    "null" => {}
                    _ => {
                        return Err(fail(
                            format!(
                                "Error: argument of \"flag\" must be \"nopromisc\", \"nodst\" or \"null\", not \"{v}\""
                            )))
                    }
                }
            }
            "nopromisc" => *flags.get_or_insert(MacVlanFlags::empty()) |= MacVlanFlags::NoPromisc,
            "nodst" => *flags.get_or_insert(MacVlanFlags::empty()) |= MacVlanFlags::NoDst,
            "bcqueuelen" => {
                let v = a.value()?;
                let n = crate::cli::parse_u32(&v).ok_or_else(|| {
                    fail(
                        format!(
                            "Error: argument of \"bcqueuelen\" must be a positive integer [0-4294967295], not \"{v}\""
                        ))
                })?;
                out.push(InfoMacVlan::BcQueueLen(n));
            }
            "macaddr" => {
                let op = a.value()?;
                match op.as_str() {
                    "add" | "del" => {
                        let m = mac6(&a.value()?)?;
                        out.push(InfoMacVlan::MacAddrMode(if op == "add" {
                            MacVlanMacAddressMode::Add
                        } else {
                            MacVlanMacAddressMode::Del
                        }));
                        out.push(InfoMacVlan::MacAddr(m));
                    }
                    "flush" => out.push(InfoMacVlan::MacAddrMode(MacVlanMacAddressMode::Flush)),
                    "set" => {
                        out.push(InfoMacVlan::MacAddrMode(MacVlanMacAddressMode::Set));
                        let mut list = Vec::new();
                        while let Some(v) = a.peek() {
                            let Ok(m) = mac6(v) else { break };
                            a.next();
                            list.push(InfoMacVlan::MacAddr(m));
                        }
                        out.push(InfoMacVlan::MacAddrData(list));
                    }
                    _ => return Err(kind_usage(kind)),
                }
            }
            _ => return Err(kind_usage(kind)),
        }
    }
    let nopromisc = flags.is_some_and(|f| f.contains(MacVlanFlags::NoPromisc));
    if nopromisc && mode != Some(MacVlanMode::Passthrough) {
        return Err(fail(format!(
            "{kind}: nopromisc flag only valid in passthru mode\n{}",
            super::help::chomp(super::help::text(kind).unwrap_or(""))
        )));
    }
    if let Some(m) = mode {
        out.insert(0, InfoMacVlan::Mode(m));
    }
    if let Some(f) = flags {
        out.push(InfoMacVlan::Flags(f));
    }
    Ok(LinkInfo::Data(InfoData::MacVlan(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        let mut a = Args::new(["mode", "br"]);
        let e = parse("macvlan", &mut a, Mode::Add).unwrap_err();
        assert!(e.to_string().ends_with("not \"br\""));
        assert_eq!(e.exit_code(), 1);
        let mut a = Args::new(["m", "bridge"]);
        let info = parse("macvlan", &mut a, Mode::Add).unwrap();
        assert_eq!(
            info,
            LinkInfo::Data(InfoData::MacVlan(vec![InfoMacVlan::Mode(
                MacVlanMode::Bridge
            )]))
        );
        let mut a = Args::new(["foo"]);
        let e = parse("macvtap", &mut a, Mode::Add).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("macvtap: unknown option \"foo\"?\nUsage: ... macvtap"));
    }
}
