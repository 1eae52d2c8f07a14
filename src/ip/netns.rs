//! `ip netns`: add, attach, delete, list, list-id, set, identify, pids,
//! exec, monitor, and their `-all` forms. The namespace plumbing itself is
//! in `crate::netns`; nsids are asked of the kernel here (RTM_GETNSID,
//! RTM_NEWNSID).

use std::collections::HashMap;
use std::fs::File;
use std::os::fd::AsRawFd;

use netlink_packet_route::nsid::{NsidAttribute, NsidMessage};
use netlink_packet_route::RouteNetlinkMessage;

use super::Ip;
use crate::cli::{lookup, Args};
use crate::error::{Error, Result};
use crate::netns::{self, Event, Status};
use crate::print::Ctx;

pub const USAGE: &str = "\
Usage:\tip netns list
\tip netns add NAME
\tip netns attach NAME PID
\tip netns set NAME NETNSID
\tip [-all] netns delete [NAME]
\tip netns identify [PID]
\tip netns pids NAME
\tip [-all] netns exec [NAME] cmd ...
\tip netns monitor
\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]
NETNSID := auto | POSITIVE-INT";

/// Subcommands in the order prefixes are tried (`l` is list, `list-` is
/// list-id, `s` is show, `a` is add).
const COMMANDS: &[&str] = &[
    "list", "show", "lst", "help", "list-id", "add", "attach", "set", "delete", "identify", "pids",
    "exec", "monitor",
];

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return list(ip);
    };
    // The reference checks the word after any subcommand as a netns
    // name first (without -all), even for unknown subcommands.
    if let Some(w) = args.peek() {
        if !ip.o.all && !netns::valid_name(w) {
            return Err(invalid_name(w));
        }
    }
    let Some(name) = lookup(&cmd, COMMANDS) else {
        return Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip netns help\"."
        )));
    };
    match name {
        "list" | "show" | "lst" => list(ip),
        "help" => Err(Error::arg(USAGE)),
        "list-id" => list_id(ip, args),
        "add" => add(args),
        "attach" => attach(args),
        "set" => set(ip, args),
        "delete" if ip.o.all => delete_all(),
        "delete" => netns::delete(&name_arg(&mut args)?),
        "identify" => identify(ip, args),
        "pids" => pids(ip, args),
        "exec" if ip.o.all => exec_all(ip, args),
        "exec" => exec(ip, args),
        _ => monitor(ip),
    }
}

fn no_name() -> Error {
    Error::msg("No netns name specified", 1)
}

fn invalid_name(name: &str) -> Error {
    Error::arg(format!("Invalid netns name \"{name}\""))
}

/// The NAME argument: present and valid.
fn name_arg(args: &mut Args) -> Result<String> {
    let name = args.next().ok_or_else(no_name)?;
    if !netns::valid_name(&name) {
        return Err(invalid_name(&name));
    }
    Ok(name)
}

fn add(mut args: Args) -> Result<()> {
    let name = name_arg(&mut args)?;
    netns::add(&name, None)
}

/// strtol(s, &end, 0) over the whole word (leading blanks and a sign
/// allowed), as a long.
fn parse_long(s: &str) -> Option<i64> {
    let t = s.trim_start();
    let (neg, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if rest.starts_with(|c: char| c.is_whitespace() || c == '+' || c == '-') {
        return None;
    }
    let v = i64::try_from(crate::cli::parse_u64(rest)?).ok()?;
    Some(if neg { -v } else { v })
}

fn attach(mut args: Args) -> Result<()> {
    if args.remaining() < 2 {
        return Err(Error::msg("No netns name and PID specified", 1));
    }
    let name = name_arg(&mut args)?;
    let pid_s = args.value()?;
    let pid = match parse_long(&pid_s) {
        Some(p) if p != 0 && i32::try_from(p).is_ok() => p,
        _ => return Err(Error::msg(format!("Invalid PID: {pid_s}"), 1)),
    };
    netns::add(&name, Some(pid))
}

/// `ip -all netns delete`: every name in readdir order; the first
/// failure is reported and ends the walk (exit status 0, as the reference).
fn delete_all() -> Result<()> {
    for name in netns::names().unwrap_or_default() {
        if let Err(e) = netns::delete(&name) {
            // a report, not the command's result: the reference goes on to exit 0
            crate::print::warn(&e);
            break;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- nsids

/// The nsid the current namespace has for the namespace behind `f`
/// (-1: none assigned).
fn nsid_of(ip: &mut Ip, f: &File) -> Result<i32> {
    let mut m = NsidMessage::default();
    m.attributes.push(NsidAttribute::Fd(f.as_raw_fd() as u32));
    let reply = ip.nl()?.get(RouteNetlinkMessage::GetNsId(m), 0)?;
    Ok(match reply {
        RouteNetlinkMessage::NewNsId(r) => nsid_attr(&r).unwrap_or(-1),
        _ => -1,
    })
}

fn nsid_attr(m: &NsidMessage) -> Option<i32> {
    m.attributes.iter().find_map(|a| match a {
        NsidAttribute::Id(v) => Some(*v),
        _ => None,
    })
}

fn current_nsid_attr(m: &NsidMessage) -> Option<i32> {
    m.attributes.iter().find_map(|a| match a {
        NsidAttribute::CurrentNsid(v) => Some(*v),
        _ => None,
    })
}

/// nsid → name for every named namespace with an nsid here (the first
/// name in readdir order wins). Query errors are reported and skipped.
fn nsid_names(ip: &mut Ip, names: &[String]) -> HashMap<i32, String> {
    let mut map = HashMap::new();
    for name in names {
        let Ok(f) = netns::open(name) else { continue };
        match nsid_of(ip, &f) {
            Ok(id) if id >= 0 => {
                map.entry(id).or_insert_with(|| name.clone());
            }
            Ok(_) => {}
            // reported, not fatal (the reference goes on)
            Err(e) => crate::print::warn(&e),
        }
    }
    map
}

fn list(ip: &mut Ip) -> Result<()> {
    let Some(names) = netns::names() else {
        return Ok(());
    };
    // The reference reads every nsid twice (its name cache, then the
    // listing) and so reports a bad entry twice.
    nsid_names(ip, &names);
    ip.p.start_doc();
    for name in &names {
        ip.p.open_obj(Ctx::Json, "");
        ip.p.str(Ctx::Any, "name", "{}", name);
        if let Ok(f) = netns::open(name) {
            match nsid_of(ip, &f) {
                Ok(id) if id >= 0 => ip.p.num(Ctx::Any, "id", " (id: {})", id),
                Ok(_) => {}
                Err(e) => crate::print::warn(&e),
            }
        }
        ip.p.close_obj(Ctx::Json);
        ip.p.text("\n");
    }
    ip.p.end_doc();
    Ok(())
}

/// The value of `nsid N` / `target-nsid N` in `list-id`.
fn nsid_value(args: &mut Args, key: &str) -> Result<i32> {
    let v = args.value()?;
    let n = crate::cli::parse_i32(v.trim_start())
        .ok_or_else(|| Error::invarg(&format!("\"{key}\" value is invalid"), &v))?;
    if n < 0 {
        // the reference names the word after the value here
        let next = args.peek().unwrap_or("(null)").to_string();
        return Err(Error::invarg(
            &format!("\"{key}\" value should be >= 0"),
            &next,
        ));
    }
    Ok(n)
}

fn list_id(ip: &mut Ip, mut args: Args) -> Result<()> {
    let mut target = None;
    let mut nsid = None;
    while let Some(w) = args.next() {
        let slot = match w.as_str() {
            "target-nsid" => &mut target,
            "nsid" => &mut nsid,
            _ => return Err(Error::arg(USAGE)),
        };
        if slot.is_some() {
            return Err(Error::duparg(&w, &w));
        }
        *slot = Some(nsid_value(&mut args, &w)?);
    }
    let names = netns::names().unwrap_or_default();
    let map = nsid_names(ip, &names);
    let mut req = NsidMessage::default();
    if let Some(t) = target {
        req.attributes.push(NsidAttribute::TargetNsid(t));
    }
    let mut entries = Vec::new();
    if let Some(n) = nsid {
        req.attributes.push(NsidAttribute::Id(n));
        if let RouteNetlinkMessage::NewNsId(m) =
            ip.nl()?.get(RouteNetlinkMessage::GetNsId(req), 0)?
        {
            entries.push(m);
        }
    } else {
        ip.nl()?
            .dump(RouteNetlinkMessage::GetNsId(req), &mut |m| {
                if let RouteNetlinkMessage::NewNsId(m) = m {
                    entries.push(m);
                }
                Ok(())
            })
            // a failed dump exits 1 here, not 2
            .map_err(|e| match e {
                Error::Netlink { dump: true, .. } => Error::msg(e.to_string(), 1),
                e => e,
            })?;
    }
    ip.p.start_doc();
    for m in &entries {
        print_nsid(ip, m, &map);
    }
    ip.p.end_doc();
    Ok(())
}

thread_local! {
    /// nsid → name of every namespace an nsid event met (`ip monitor`):
    /// a deleted namespace keeps its name in the RTM_DELNSID line.
    static EVENT_NAMES: std::cell::RefCell<HashMap<i32, String>> = Default::default();
}

/// One nsid event of `ip monitor` (RTM_NEWNSID / RTM_DELNSID): the
/// `list-id` line, the namespace names read afresh (and remembered).
pub fn print_nsid_event(ip: &mut Ip, m: &NsidMessage) {
    let names = netns::names().unwrap_or_default();
    let fresh = nsid_names(ip, &names);
    let map = EVENT_NAMES.with(|c| {
        let mut c = c.borrow_mut();
        c.extend(fresh);
        c.clone()
    });
    print_nsid(ip, m, &map);
}

/// One line of `list-id`.
fn print_nsid(ip: &mut Ip, m: &NsidMessage, map: &HashMap<i32, String>) {
    let id = nsid_attr(m).unwrap_or(-1);
    let current = current_nsid_attr(m);
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    if id >= 0 {
        p.num(Ctx::Any, "nsid", "nsid {} ", id);
    } else {
        p.text("nsid unassigned ");
    }
    if let Some(c) = current {
        if c >= 0 {
            p.num(Ctx::Any, "current-nsid", "current-nsid {} ", c);
        } else {
            p.text("current-nsid unassigned ");
        }
    }
    // the name is the one this namespace knows the peer by
    let key = match current {
        Some(c) if c >= 0 => c,
        _ => id,
    };
    if let Some(name) = map.get(&key) {
        p.str(Ctx::Any, "name", "(iproute2 netns name: {})", name);
    }
    p.close_obj(Ctx::Json);
    p.text("\n");
}

fn set(ip: &mut Ip, mut args: Args) -> Result<()> {
    let name = args.next().ok_or_else(no_name)?;
    let v = args
        .next()
        .ok_or_else(|| Error::msg("No nsid specified", 1))?;
    if !netns::valid_name(&name) {
        return Err(invalid_name(&name));
    }
    let id = if v == "auto" {
        -1
    } else {
        let n = crate::cli::parse_i32(v.trim_start())
            .ok_or_else(|| Error::invarg("Invalid \"netnsid\" value", &v))?;
        if n < 0 {
            return Err(Error::invarg("\"netnsid\" value should be >= 0", &v));
        }
        n
    };
    let f = netns::open(&name).map_err(|e| {
        Error::msg(
            format!(
                "Cannot open network namespace \"{name}\": {}",
                crate::error::strerror(e.raw_os_error().unwrap_or(0))
            ),
            1,
        )
    })?;
    let mut m = NsidMessage::default();
    m.attributes.push(NsidAttribute::Fd(f.as_raw_fd() as u32));
    m.attributes.push(NsidAttribute::Id(id));
    ip.nl()?.request(RouteNetlinkMessage::NewNsId(m), 0)
}

// ---------------------------------------------------------------- processes

fn extra_args() -> Error {
    Error::msg("extra arguments specified", 1)
}

fn identify(ip: &mut Ip, mut args: Args) -> Result<()> {
    let pid = args.next();
    if !args.is_empty() {
        return Err(extra_args());
    }
    if let Some(p) = &pid {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::msg(
                format!("Specified string '{p}' is not a pid"),
                1,
            ));
        }
    }
    let name = netns::identify(pid.as_deref())?.unwrap_or_default();
    ip.p.raw(&format!("{name}\n"));
    Ok(())
}

fn pids(ip: &mut Ip, mut args: Args) -> Result<()> {
    let name = args.next().ok_or_else(no_name)?;
    if !args.is_empty() {
        return Err(extra_args());
    }
    if !netns::valid_name(&name) {
        return Err(invalid_name(&name));
    }
    for pid in netns::pids(&name)? {
        ip.p.raw(&format!("{pid}\n"));
    }
    Ok(())
}

fn no_command() -> Error {
    Error::msg("No command specified", 1)
}

fn exec(ip: &mut Ip, mut args: Args) -> Result<()> {
    let name = name_arg(&mut args)?;
    let cmd = args.rest().to_vec();
    if cmd.is_empty() {
        return Err(no_command());
    }
    ip.p.flush();
    if ip.in_batch {
        // a batch goes on after the command: run it in a child
        return match netns::run_in(&name, &cmd)? {
            Status::Exited(0) => Ok(()),
            _ => Err(Error::Exit(1)),
        };
    }
    netns::switch(&name)?;
    Err(netns::exec(&cmd))
}

/// `ip -all netns exec CMD…`: CMD in every named namespace, each after a
/// `netns: NAME` header. Exit statuses are ignored; a command killed by a
/// signal ends it all with status 1. (A child that cannot enter its
/// namespace carries on with the next names, as the reference's does.)
fn exec_all(ip: &mut Ip, args: Args) -> Result<()> {
    let cmd = args.rest().to_vec();
    if cmd.is_empty() {
        return Err(no_command());
    }
    for name in netns::names().unwrap_or_default() {
        ip.p.raw(&format!("\nnetns: {name}\n"));
        ip.p.flush();
        if let Status::Signaled = netns::run_in(&name, &cmd)? {
            return Err(Error::Exit(1));
        }
    }
    Ok(())
}

fn monitor(ip: &mut Ip) -> Result<()> {
    netns::monitor(&mut |ev| {
        let line = match ev {
            Event::Add(n) => format!("add {n}\n"),
            Event::Delete(n) => format!("delete {n}\n"),
        };
        ip.p.raw(&line);
        // stdio-like: line by line on a terminal, else only when the
        // buffer fills (what the reference's output does in a pipe)
        // SAFETY: isatty has no memory effects.
        if unsafe { libc::isatty(1) } == 1 {
            ip.p.flush();
        }
        match ip.p.take_error() {
            Some(e) => Err(Error::os("write", e.raw_os_error().unwrap_or(0), 1)),
            None => Ok(()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_prefixes() {
        let l = |s| lookup(s, COMMANDS);
        assert_eq!(l("l"), Some("list"));
        assert_eq!(l("list-"), Some("list-id"));
        assert_eq!(l("s"), Some("show"));
        assert_eq!(l("se"), Some("set"));
        assert_eq!(l("a"), Some("add"));
        assert_eq!(l("at"), Some("attach"));
        assert_eq!(l("d"), Some("delete"));
        assert_eq!(l("ls"), Some("lst"));
        assert_eq!(l("e"), Some("exec"));
        assert_eq!(l("m"), Some("monitor"));
        assert_eq!(l(""), None);
        assert_eq!(l("x"), None);
    }

    #[test]
    fn pid_words() {
        assert_eq!(parse_long("12"), Some(12));
        assert_eq!(parse_long(" 1"), Some(1));
        assert_eq!(parse_long("0x1"), Some(1));
        assert_eq!(parse_long("-1"), Some(-1));
        assert_eq!(parse_long("1x"), None);
        assert_eq!(parse_long("abc"), None);
    }

    #[test]
    fn list_id_arguments() {
        let run = |w: &[&str]| {
            let mut a = Args::new(w.iter().copied());
            a.next();
            nsid_value(&mut a, w[0]).map_err(|e| e.to_string())
        };
        assert_eq!(run(&["nsid", "0x3"]), Ok(3));
        assert_eq!(
            run(&["nsid", "abc"]).unwrap_err(),
            "Error: argument \"abc\" is wrong: \"nsid\" value is invalid"
        );
        assert_eq!(
            run(&["target-nsid", "-1"]).unwrap_err(),
            "Error: argument \"(null)\" is wrong: \"target-nsid\" value should be >= 0"
        );
        assert_eq!(
            run(&["nsid", "-3", "bar"]).unwrap_err(),
            "Error: argument \"bar\" is wrong: \"nsid\" value should be >= 0"
        );
        assert_eq!(
            run(&["nsid", "2147483648"]).unwrap_err(),
            "Error: argument \"2147483648\" is wrong: \"nsid\" value is invalid"
        );
    }

    #[test]
    fn list_id_lines() {
        let msg = |attrs: Vec<NsidAttribute>| {
            let mut m = NsidMessage::default();
            m.attributes = attrs;
            m
        };
        let map: HashMap<i32, String> = [(0, "ns1".to_string()), (1, "ns2".to_string())].into();
        let show = |json: bool, m: &NsidMessage| {
            let mut ip = Ip::new(Default::default());
            ip.p = crate::print::Printer::capture(json, false, false);
            ip.p.start_doc();
            print_nsid(&mut ip, m, &map);
            ip.p.end_doc();
            ip.p.captured().to_string()
        };
        let plain = msg(vec![NsidAttribute::Id(1)]);
        assert_eq!(show(false, &plain), "nsid 1 (iproute2 netns name: ns2)\n");
        assert_eq!(show(true, &plain), "[{\"nsid\":1,\"name\":\"ns2\"}]\n");
        let unnamed = msg(vec![NsidAttribute::Id(7)]);
        assert_eq!(show(false, &unnamed), "nsid 7 \n");
        let target = msg(vec![NsidAttribute::Id(-1), NsidAttribute::CurrentNsid(0)]);
        assert_eq!(
            show(false, &target),
            "nsid unassigned current-nsid 0 (iproute2 netns name: ns1)\n"
        );
        assert_eq!(
            show(true, &target),
            "[{\"current-nsid\":0,\"name\":\"ns1\"}]\n"
        );
        let no_current = msg(vec![NsidAttribute::Id(1), NsidAttribute::CurrentNsid(-1)]);
        assert_eq!(
            show(false, &no_current),
            "nsid 1 current-nsid unassigned (iproute2 netns name: ns2)\n"
        );
    }
}
