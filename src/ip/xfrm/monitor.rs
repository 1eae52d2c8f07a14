//! `ip xfrm monitor`: the kernel's XFRM events (policies, SAs, flushes,
//! default policies), printed with the listing printers as they come, one
//! flush of the output per event. Runs until killed.

use super::msg::*;
use super::*;
use crate::nl::attrs;

const XFRMA_SA: u16 = 6;
const XFRMA_POLICY: u16 = 7;
/// The multicast groups by `ip xfrm monitor` object name.
const GROUPS: &[(&str, u32)] =
    &[("acquire", 1), ("expire", 2), ("SA", 3), ("policy", 4), ("aevent", 5), ("report", 6)];

pub fn run(ip: &mut Ip, args: &mut Args) -> Result<()> {
    let mut groups = Vec::new();
    while let Some(w) = args.next() {
        match w.as_str() {
            "nokeys" | "all-nsid" => {}
            "all" => groups.extend(GROUPS.iter().map(|g| g.1)),
            "help" => return Err(Error::arg(usage::MONITOR)),
            _ => match GROUPS.iter().find(|g| g.0 == w) {
                Some(g) => groups.push(g.1),
                None => {
                    return Err(Error::arg(format!("Argument \"{w}\" is unknown, try \"ip xfrm monitor help\".")))
                }
            },
        }
    }
    if groups.is_empty() {
        groups.extend(GROUPS.iter().map(|g| g.1));
    }
    crate::nl::listen(netlink_sys::protocols::NETLINK_XFRM, &groups, &mut |kind, b| {
        print_event(ip, kind, b);
        ip.p.flush();
        // stdout gone: stop quietly
        ip.p.take_error().is_none()
    })
}

/// `head` (the struct inside `attr`) followed by the message's other
/// attributes: the layout the listing printers read.
fn with_attrs(rest: &[u8], attr: u16) -> Option<Vec<u8>> {
    let mut body = attrs(rest).find(|(k, _)| *k == attr)?.1.to_vec();
    for (k, v) in attrs(rest) {
        if k != attr {
            crate::nl::put_attr(&mut body, k, v);
        }
    }
    Some(body)
}

/// One event (the payload after the netlink header).
pub fn print_event(ip: &mut Ip, kind: u16, b: &[u8]) {
    match kind {
        XFRM_MSG_NEWSA | XFRM_MSG_UPDSA => {
            if kind == XFRM_MSG_UPDSA {
                ip.p.text("Updated ");
            }
            state::print_state(ip, b);
        }
        XFRM_MSG_DELSA => {
            if let Some(body) = with_attrs(b.get(SA_ID_LEN..).unwrap_or(&[]), XFRMA_SA) {
                ip.p.text("Deleted ");
                state::print_state(ip, &body);
            }
        }
        XFRM_MSG_NEWPOLICY | XFRM_MSG_UPDPOLICY => {
            if kind == XFRM_MSG_UPDPOLICY {
                ip.p.text("Updated ");
            }
            policy::print_policy(ip, b);
        }
        XFRM_MSG_DELPOLICY => {
            if let Some(body) = with_attrs(b.get(POLICY_ID_LEN..).unwrap_or(&[]), XFRMA_POLICY) {
                ip.p.text("Deleted ");
                policy::print_policy(ip, &body);
            }
        }
        XFRM_MSG_FLUSHSA => {
            let proto = b.first().copied().unwrap_or(0);
            let p = &mut ip.p;
            p.open_obj(Ctx::Json, "flush");
            p.str(Ctx::Any, "state_proto", "Flushed state proto {}\n", &xfrm_proto_name(proto));
            p.close_obj(Ctx::Json);
        }
        XFRM_MSG_FLUSHPOLICY => {
            let ptype = attrs(b).find(|(k, _)| *k == XFRMA_POLICY_TYPE).and_then(|(_, v)| v.first().copied());
            let p = &mut ip.p;
            p.open_obj(Ctx::Json, "flush");
            p.str(Ctx::Any, "policy_ptype", "Flushed policy ptype {} \n", if ptype == Some(1) { "sub" } else { "main" });
            p.close_obj(Ctx::Json);
        }
        XFRM_MSG_SETDEFAULT | XFRM_MSG_GETDEFAULT => policy::print_default(ip, b),
        _ => {}
    }
}
