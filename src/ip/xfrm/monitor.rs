//! `ip xfrm monitor`: the kernel's XFRM events (policies, SAs, flushes,
//! default policies), printed with the listing printers as they come, one
//! flush of the output per event. Runs until killed.

use super::msg::*;
use super::*;
use crate::nl::attrs;

const XFRM_MSG_ACQUIRE: u16 = 0x17;
const XFRM_MSG_EXPIRE: u16 = 0x18;
/// struct xfrm_user_acquire: id, saddr, selector, policy, algorithm masks, seq
const ACQUIRE_LEN: usize = 280;
/// struct xfrm_user_expire: the SA and `hard`
const EXPIRE_LEN: usize = 232;
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

/// One event (the payload after the netlink header). In JSON each event
/// is a document of its own: `[{"event": ..., "policy"|"state"|...}]`.
pub fn print_event(ip: &mut Ip, kind: u16, b: &[u8]) {
    let event = match kind {
        XFRM_MSG_NEWSA | XFRM_MSG_NEWPOLICY => "new",
        XFRM_MSG_UPDSA | XFRM_MSG_UPDPOLICY => "updated",
        XFRM_MSG_DELSA | XFRM_MSG_DELPOLICY => "deleted",
        XFRM_MSG_FLUSHSA | XFRM_MSG_FLUSHPOLICY => "flushed",
        XFRM_MSG_SETDEFAULT | XFRM_MSG_GETDEFAULT => "default",
        XFRM_MSG_ACQUIRE if b.len() >= ACQUIRE_LEN => "acquire",
        XFRM_MSG_EXPIRE if b.len() >= EXPIRE_LEN => "expired",
        _ => return,
    };
    ip.p.start_doc();
    ip.p.open_obj(Ctx::Json, "");
    ip.p.str(Ctx::Json, "event", "", event);
    match kind {
        XFRM_MSG_NEWSA | XFRM_MSG_UPDSA => {
            if kind == XFRM_MSG_UPDSA {
                ip.p.text("Updated ");
            }
            state::print_state_as(ip, b, "state");
        }
        XFRM_MSG_DELSA => {
            if let Some(body) = with_attrs(b.get(SA_ID_LEN..).unwrap_or(&[]), XFRMA_SA) {
                ip.p.text("Deleted ");
                state::print_state_as(ip, &body, "state");
            }
        }
        XFRM_MSG_NEWPOLICY | XFRM_MSG_UPDPOLICY => {
            if kind == XFRM_MSG_UPDPOLICY {
                ip.p.text("Updated ");
            }
            policy::print_policy_as(ip, b, "policy");
        }
        XFRM_MSG_DELPOLICY => {
            if let Some(body) = with_attrs(b.get(POLICY_ID_LEN..).unwrap_or(&[]), XFRMA_POLICY) {
                ip.p.text("Deleted ");
                policy::print_policy_as(ip, &body, "policy");
            }
        }
        XFRM_MSG_FLUSHSA => {
            let proto = b.first().copied().unwrap_or(0);
            ip.p.str(Ctx::Any, "state_proto", "Flushed state proto {}\n", &xfrm_proto_name(proto));
        }
        XFRM_MSG_FLUSHPOLICY => {
            let ptype = attrs(b).find(|(k, _)| *k == XFRMA_POLICY_TYPE).and_then(|(_, v)| v.first().copied());
            let t = if ptype == Some(1) { "sub" } else { "main" };
            ip.p.str(Ctx::Any, "policy_ptype", "Flushed policy ptype {} \n", t);
        }
        XFRM_MSG_SETDEFAULT | XFRM_MSG_GETDEFAULT => {
            ip.p.open_obj(Ctx::Json, "default");
            policy::print_default_body(ip, b);
            ip.p.close_obj(Ctx::Json);
        }
        XFRM_MSG_ACQUIRE => print_acquire(ip, b),
        _ => {
            // XFRM_MSG_EXPIRE
            let mut body = b[..SA_INFO_LEN].to_vec();
            body.extend_from_slice(&b[EXPIRE_LEN..]);
            ip.p.text("Expired ");
            state::print_state_as(ip, &body, "state");
            ip.p.uint(Ctx::Any, "hard", "\thard {}\n", b[SA_INFO_LEN] as u64);
        }
    }
    ip.p.close_obj(Ctx::Json);
    ip.p.end_doc();
}

/// An ACQUIRE: the SA the kernel wants, the packet's selector and the
/// policy that asked (indented under it in text).
fn print_acquire(ip: &mut Ip, b: &[u8]) {
    let proto = b[20];
    let sel = Selector::decode(&b[40..96]);
    let mut pol = b[96..96 + POLICY_INFO_LEN].to_vec();
    pol.extend_from_slice(&b[ACQUIRE_LEN..]);
    if ip.p.is_json() {
        ip.p.str(Ctx::Json, "proto", "", &xfrm_proto_name(proto));
        ip.p.open_obj(Ctx::Json, "sel");
        print_selector(ip, &sel, "");
        ip.p.close_obj(Ctx::Json);
        policy::print_policy_as(ip, &pol, "policy");
        return;
    }
    ip.p.text(&format!("acquire proto {} \n", xfrm_proto_name(proto)));
    print_selector(ip, &sel, "  sel ");
    // the policy as listed, its first line after "  policy ", the others
    // indented by four spaces
    let mut text = crate::print::Printer::capture(false, false, false);
    std::mem::swap(&mut ip.p, &mut text);
    policy::print_policy(ip, &pol);
    std::mem::swap(&mut ip.p, &mut text);
    let mut out = String::new();
    for (i, line) in text.captured().lines().enumerate() {
        out.push_str(if i == 0 { "  policy " } else { "    " });
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    ip.p.text(&out);
}
