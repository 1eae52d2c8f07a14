//! `ip rule` and `ip mrule`: add, del, flush, show/list, save, restore.

mod parse;
mod print;
mod show;

/// One rule message, printed (for `ip monitor` and `-echo`).
#[allow(unused_imports)] // called by the monitor and -echo paths
pub use print::print_rule;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_EXCL};
use netlink_packet_route::RouteNetlinkMessage;

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

pub const USAGE: &str = "\
Usage: ip rule { add | del } SELECTOR ACTION
       ip rule { flush | save | restore }
       ip rule [ list [ SELECTOR ]]
SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]
            [ fwmark FWMARK[/MASK] ]
            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]
            [ uidrange NUMBER-NUMBER ]
            [ ipproto PROTOCOL ]
            [ sport [ NUMBER | NUMBER-NUMBER ]
            [ dport [ NUMBER | NUMBER-NUMBER ] ]
ACTION := [ table TABLE_ID ]
          [ protocol PROTO ]
          [ nat ADDRESS ]
          [ realms [SRCREALM/]DSTREALM ]
          [ goto NUMBER ]
          SUPPRESSOR
SUPPRESSOR := [ suppress_prefixlength NUMBER ]
              [ suppress_ifgroup DEVGROUP ]
TABLE_ID := [ local | main | default | NUMBER ]";

/// Print one rule message given as raw bytes (header included): an
/// RTM_NEWRULE as a rule, an RTM_DELRULE with `Deleted ` before it (JSON:
/// `"deleted":true`). For the `-echo` answer and `ip monitor`; anything
/// else is ignored.
pub fn print_message(ip: &mut Ip, bytes: &[u8]) {
    match crate::nl::decode(bytes) {
        Some(RouteNetlinkMessage::NewRule(m)) => print_rule(ip, &m, false),
        Some(RouteNetlinkMessage::DelRule(m)) => print_rule(ip, &m, true),
        _ => {}
    }
}

/// The usage text as an error (stderr, exit 255).
pub fn usage() -> Error {
    Error::arg(USAGE)
}

/// `object` is "rule" or "mrule" (the multicast routing rules).
pub fn run(ip: &mut Ip, object: &str, mut args: Args) -> Result<()> {
    let mrule = object == "mrule";
    let Some(cmd) = args.next() else {
        return show::list(ip, args, mrule);
    };
    let c = cmd.as_str();
    if matches(c, "list") || matches(c, "show") || matches(c, "lst") {
        show::list(ip, args, mrule)
    } else if matches(c, "add") {
        modify(ip, args, mrule, true)
    } else if matches(c, "delete") {
        modify(ip, args, mrule, false)
    } else if matches(c, "flush") {
        show::flush(ip, args, mrule)
    } else if matches(c, "save") {
        show::save(ip, args, mrule)
    } else if matches(c, "restore") {
        show::restore(ip)
    } else if matches(c, "help") {
        Err(usage())
    } else {
        Err(Error::arg(format!("Command \"{cmd}\" is unknown, try \"ip rule help\".")))
    }
}

/// `ip rule add|del SELECTOR ACTION`.
fn modify(ip: &mut Ip, mut args: Args, mrule: bool, add: bool) -> Result<()> {
    if args.is_empty() {
        let name = if add { "add" } else { "del" };
        return Err(Error::Failed(format!("\"ip rule {name}\" requires arguments.")));
    }
    let msg_family = mrule.then(|| show::dump_family(ip, true));
    let m = parse::parse_modify(&mut args, ip.o.family, msg_family, add)?;
    // with -echo the kernel's copy of the rule is printed (`Deleted ...`
    // for a delete)
    let mut echo = |ip: &mut Ip, b: &[u8]| print_message(ip, b);
    if add {
        ip.change(RouteNetlinkMessage::NewRule(m), NLM_F_CREATE | NLM_F_EXCL, &mut echo)
    } else {
        ip.change(RouteNetlinkMessage::DelRule(m), 0, &mut echo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::Opts;
    use netlink_packet_core::{NetlinkHeader, NetlinkMessage, NetlinkPayload};
    use netlink_packet_route::rule::{RuleAttribute, RuleMessage};

    fn raw(m: RouteNetlinkMessage) -> Vec<u8> {
        let mut packet = NetlinkMessage::new(NetlinkHeader::default(), NetlinkPayload::from(m));
        packet.finalize();
        let mut b = vec![0; packet.header.length as usize];
        packet.serialize(&mut b);
        b
    }

    #[test]
    fn echoed_and_monitored_messages() {
        let mut r = RuleMessage::default();
        r.header.family = netlink_packet_route::AddressFamily::Inet;
        r.header.table = 5;
        r.header.action = netlink_packet_route::rule::RuleAction::ToTable;
        r.attributes.push(RuleAttribute::Priority(5));
        let mut ip = Ip::new(Opts::default());
        ip.p = crate::print::Printer::capture(false, false, false);
        print_message(&mut ip, &raw(RouteNetlinkMessage::NewRule(r.clone())));
        print_message(&mut ip, &raw(RouteNetlinkMessage::DelRule(r.clone())));
        assert_eq!(ip.p.captured(), "5:\tfrom all lookup 5\nDeleted 5:\tfrom all lookup 5\n");
        ip.p = crate::print::Printer::capture(true, false, false);
        ip.p.start_doc();
        print_message(&mut ip, &raw(RouteNetlinkMessage::DelRule(r)));
        ip.p.end_doc();
        assert_eq!(ip.p.captured(), "[{\"deleted\":true,\"priority\":5,\"src\":\"all\",\"table\":\"5\"}]\n");
    }
}
