//! `ip link property add|del [dev] DEV [altname NAME]...`: alternative
//! names, as RTM_NEWLINKPROP / RTM_DELLINKPROP with IFLA_PROP_LIST.

use netlink_packet_core::{NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL};
use netlink_packet_route::link::{LinkAttribute, LinkMessage, Prop};
use netlink_packet_route::RouteNetlinkMessage;

use super::{help, valid_altifname};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::ip::Ip;

pub fn run(ip: &mut Ip, mut a: Args) -> Result<()> {
    let Some(op) = a.next() else {
        return Err(help::usage());
    };
    let add = if matches(&op, "add") {
        true
    } else if matches(&op, "del") {
        false
    } else if matches(&op, "help") {
        return Err(help::usage());
    } else {
        return Err(Error::arg("Operator required"));
    };
    let mut dev: Option<String> = None;
    let mut names = Vec::new();
    while let Some(w) = a.next() {
        if matches(&w, "altname") {
            let v = a.value()?;
            // any length: the kernel judges that
            if v.is_empty()
                || v.chars()
                    .any(|c| c == '/' || c.is_ascii_whitespace())
            {
                return Err(Error::invarg("not a valid altname", &v));
            }
            names.push(Prop::AltIfName(v));
            continue;
        }
        if matches(&w, "help") {
            return Err(help::usage());
        }
        let v = if w == "dev" { a.value()? } else { w };
        if dev.is_some() {
            return Err(Error::duparg2("dev", &v));
        }
        if !valid_altifname(&v) {
            return Err(Error::invarg("\"dev\" not a valid ifname", &v));
        }
        dev = Some(v);
    }
    let Some(dev) = dev else {
        return Err(Error::arg(
            "Not enough of information: \"dev\" argument is required.",
        ));
    };
    let mut m = LinkMessage::default();
    m.header.index = ip.ifindex(&dev)?;
    m.attributes.push(LinkAttribute::PropList(names));
    let (msg, flags) = if add {
        (
            RouteNetlinkMessage::NewLinkProp(m),
            NLM_F_CREATE | NLM_F_EXCL | NLM_F_APPEND,
        )
    } else {
        (RouteNetlinkMessage::DelLinkProp(m), 0)
    };
    ip.nl()?.request(msg, flags)
}
