//! `ip vrf`: the VRF devices (links of kind `vrf`) and their tables;
//! `exec`/`pids`/`identify` check the VRF as the reference does (this
//! kernel has no vrf module, so no name is ever a VRF).

use super::Ip;
use netlink_packet_route::link::{InfoData, InfoVrf, LinkAttribute, LinkInfo, LinkMessage};
use netlink_packet_route::RouteNetlinkMessage;

use super::link_show::link_kind;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::print::Ctx;

pub const USAGE: &str = r#"Usage:	ip vrf show [NAME] ...
	ip vrf exec [NAME] cmd ...
	ip vrf identify [PID]
	ip vrf pids [NAME]"#;

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else { return show(ip, None) };
    if matches(&cmd, "show") {
        let name = args.next();
        if !args.is_empty() {
            return Err(Error::arg(USAGE));
        }
        return show(ip, name.as_deref());
    }
    if matches(&cmd, "exec") {
        let Some(name) = args.next() else {
            return Err(Error::msg("No VRF name specified", 1));
        };
        if args.is_empty() {
            return Err(Error::msg("No command specified", 1));
        }
        if vrf_table(ip, &name)?.is_none() {
            return Err(Error::arg("Invalid VRF name"));
        }
        return Err(Error::Failed("rip: \"ip vrf exec\" is not supported".into()));
    }
    if matches(&cmd, "identify") {
        let pid = match args.next() {
            Some(pid) => match crate::cli::parse_u32(&pid) {
                Some(n) => n.to_string(),
                None => return Err(Error::invarg("Invalid pid\n", &pid)),
            },
            None => "self".to_string(),
        };
        // the VRF a process belongs to is its cgroup under .../vrf/NAME
        let cg = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).map_err(|e| {
            Error::msg(
                format!(
                    "Failed to lookup vrf association: {}",
                    crate::error::strerror(e.raw_os_error().unwrap_or(0))
                ),
                1,
            )
        })?;
        if let Some(name) = cg.lines().find_map(|l| l.split_once("/vrf/").map(|(_, n)| n.to_string())) {
            ip.p.raw(&format!("{name}\n"));
        }
        return Ok(());
    }
    if matches(&cmd, "pids") {
        let Some(name) = args.next() else {
            return Err(Error::msg("Invalid arguments", 1));
        };
        if vrf_table(ip, &name)?.is_none() {
            return Err(Error::msg("Invalid VRF name", 1));
        }
        return Ok(());
    }
    if matches(&cmd, "help") {
        return Err(Error::arg(USAGE));
    }
    Err(Error::arg(format!("Command \"{cmd}\" is unknown, try \"ip vrf help\".")))
}

/// The table of a VRF device.
fn table_of(m: &LinkMessage) -> Option<u32> {
    if link_kind(m).as_deref() != Some("vrf") {
        return None;
    }
    let infos = m.attributes.iter().find_map(|a| match a {
        LinkAttribute::LinkInfo(i) => Some(i),
        _ => None,
    })?;
    let table = infos.iter().find_map(|i| match i {
        LinkInfo::Data(InfoData::Vrf(v)) => v.iter().find_map(|x| match x {
            InfoVrf::TableId(t) => Some(*t),
            _ => None,
        }),
        _ => None,
    });
    Some(table.unwrap_or(0))
}

/// `Some(table)` when NAME is a VRF device.
fn vrf_table(ip: &mut Ip, name: &str) -> Result<Option<u32>> {
    Ok(super::common::get_link_by_name(ip, name)?.and_then(|m| table_of(&m)))
}

fn print_vrf(ip: &mut Ip, name: &str, table: u32) {
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    p.str(Ctx::Any, "name", "{:<16}", name);
    p.uint(Ctx::Any, "table", " {:>5}", table as u64);
    p.close_obj(Ctx::Json);
    p.text("\n");
}

const HEADER: &str = "Name              Table\n-----------------------\n";

fn show(ip: &mut Ip, name: Option<&str>) -> Result<()> {
    if let Some(name) = name {
        let Some(table) = vrf_table(ip, name)? else {
            return Err(Error::arg("Invalid VRF"));
        };
        ip.p.start_doc();
        ip.p.text(HEADER);
        print_vrf(ip, name, table);
        ip.p.end_doc();
        return Ok(());
    }
    let mut found = Vec::new();
    ip.nl()?.dump(RouteNetlinkMessage::GetLink(LinkMessage::default()), &mut |m| {
        if let RouteNetlinkMessage::NewLink(l) = m {
            if let (Some(t), Some(n)) = (table_of(&l), super::common::msg_ifname(&l)) {
                found.push((n.to_string(), t));
            }
        }
        Ok(())
    })?;
    ip.p.start_doc();
    ip.p.text(HEADER);
    for (n, t) in &found {
        print_vrf(ip, n, *t);
    }
    if found.is_empty() {
        ip.p.text("No VRF has been configured\n");
    }
    ip.p.end_doc();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Printer;

    #[test]
    fn vrf_line() {
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_vrf(&mut ip, "red", 10);
        assert_eq!(ip.p.captured(), "red                 10\n");
        ip.p = Printer::capture(true, false, false);
        ip.p.start_doc();
        print_vrf(&mut ip, "red", 10);
        ip.p.end_doc();
        assert_eq!(ip.p.captured(), "[{\"name\":\"red\",\"table\":10}]\n");
    }
}
