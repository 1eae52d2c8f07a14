//! `ip addrlabel`: the IPv6 address label table (RFC 6724 policy):
//! list, add, del, flush (which removes the kernel's default labels too).

use std::net::IpAddr;

use netlink_packet_core::{DefaultNla, NLM_F_CREATE, NLM_F_EXCL};
use netlink_packet_route::addrlabel::{AddrLabelAttribute, AddrLabelMessage};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

use super::common::{self, IpText, Prefix};
use super::{Ip, AF_INET6, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::print::Ctx;

pub const USAGE: &str = "\
Usage: ip addrlabel { add | del } prefix PREFIX [ dev DEV ] [ label LABEL ]
       ip addrlabel [ list | flush | help ]";

const IFAL_ADDRESS: u16 = 1;

/// One label of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub family: u8,
    pub addr: Option<IpAddr>,
    pub prefix_len: u8,
    pub index: u32,
    pub label: Option<u32>,
}

impl Label {
    pub fn of_msg(m: &AddrLabelMessage) -> Label {
        let mut l = Label {
            family: u8::from(m.header.family),
            addr: None,
            prefix_len: m.header.prefix_len,
            index: m.header.index,
            label: None,
        };
        for a in &m.attributes {
            match a {
                AddrLabelAttribute::Address(x) => l.addr = Some(*x),
                AddrLabelAttribute::Label(x) => l.label = Some(*x),
                _ => {}
            }
        }
        l
    }
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return list(ip, args);
    };
    if matches(&cmd, "list") || matches(&cmd, "lst") || matches(&cmd, "show") {
        list(ip, args)
    } else if matches(&cmd, "add") {
        modify(ip, args, true)
    } else if matches(&cmd, "delete") {
        modify(ip, args, false)
    } else if matches(&cmd, "flush") {
        flush(ip, args)
    } else if matches(&cmd, "help") {
        Err(Error::arg(USAGE))
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip addrlabel help\"."
        )))
    }
}

/// What `add`/`del` were given.
#[derive(Debug, Default, PartialEq, Eq)]
struct Req {
    prefix: Option<Prefix>,
    label: Option<u32>,
    index: u32,
}

/// The words of `add`/`del`: `prefix`, `label`, `dev` (whole words; the
/// last one given wins); anything else is ignored, as in 6.1. `dev` is
/// looked up (`resolve`) where it is named.
fn parse(
    args: &mut Args,
    family: u8,
    resolve: &mut dyn FnMut(&str) -> Result<Option<u32>>,
) -> Result<Req> {
    let mut r = Req::default();
    while let Some(w) = args.next() {
        match w.as_str() {
            "prefix" => {
                let v = args.value()?;
                r.prefix = Some(common::get_prefix(&v, family)?);
            }
            "dev" => {
                let v = args.value()?;
                r.index = resolve(&v)?.ok_or_else(|| {
                    Error::arg(format!(
                        "Error: argument \"{v}\" is wrong: dev is invalid\n"
                    ))
                })?;
            }
            "label" => {
                let v = args.value()?;
                r.label = Some(crate::cli::parse_u32(&v).ok_or_else(|| {
                    Error::arg(format!(
                        "Error: argument \"{v}\" is wrong: label is invalid\n"
                    ))
                })?);
            }
            _ => {}
        }
    }
    Ok(r)
}

/// The request: `ifaddrlblmsg` (the family: `-f`'s, else inet6) with
/// IFAL_LABEL and IFAL_ADDRESS (no bytes for `default` without a family).
fn request(family: u8, p: &Prefix, index: u32, label: u32) -> AddrLabelMessage {
    let mut m = AddrLabelMessage::default();
    m.header.family = AddressFamily::from(if family == AF_UNSPEC {
        AF_INET6
    } else {
        family
    });
    m.header.prefix_len = p.len;
    m.header.index = index;
    m.attributes.push(AddrLabelAttribute::Label(label));
    if p.any && p.family == AF_UNSPEC {
        m.attributes.push(AddrLabelAttribute::Other(DefaultNla::new(
            IFAL_ADDRESS,
            Vec::new(),
        )));
    } else {
        m.attributes.push(AddrLabelAttribute::Address(p.addr));
    }
    m
}

fn modify(ip: &mut Ip, mut args: Args, add: bool) -> Result<()> {
    let family = ip.o.family;
    let r = parse(&mut args, family, &mut |name| common::link_index(ip, name))?;
    let Some(p) = r.prefix else {
        return Err(Error::Failed(
            "Not enough information: \"prefix\" argument is required.".into(),
        ));
    };
    let Some(label) = r.label else {
        return Err(Error::Failed(
            "Not enough information: \"label\" argument is required.".into(),
        ));
    };
    let m = request(family, &p, r.index, label);
    if add {
        ip.nl()?.request(
            RouteNetlinkMessage::NewAddrLabel(m),
            NLM_F_CREATE | NLM_F_EXCL,
        )
    } else {
        ip.nl()?.request(RouteNetlinkMessage::DelAddrLabel(m), 0)
    }
}

/// Dump the table (`family`: the request's), every label to `f`.
fn dump(ip: &mut Ip, family: u8, f: &mut dyn FnMut(Label)) -> Result<()> {
    let mut m = AddrLabelMessage::default();
    m.header.family = AddressFamily::from(family);
    ip.nl()?
        .dump(RouteNetlinkMessage::GetAddrLabel(m), &mut |msg| {
            if let RouteNetlinkMessage::NewAddrLabel(l) = msg {
                f(Label::of_msg(&l));
            }
            Ok(())
        })
}

fn list(ip: &mut Ip, args: Args) -> Result<()> {
    if !args.is_empty() {
        return Err(Error::Failed(
            "\"ip addrlabel show\" does not take any arguments.".into(),
        ));
    }
    // the table is small; names are looked up after the dump
    let mut labels = Vec::new();
    let family = if ip.o.family == AF_UNSPEC {
        AF_INET6
    } else {
        ip.o.family
    };
    match dump(ip, family, &mut |l| labels.push(l)) {
        Ok(()) => {}
        Err(e @ Error::Netlink { .. }) => return Err(Error::failed_code(e.to_string(), 255)),
        Err(e) => return Err(e),
    }
    ip.p.start_doc();
    for l in &labels {
        print_label(ip, l);
    }
    ip.p.end_doc();
    Ok(())
}

/// One line of the listing.
pub fn print_label(ip: &mut Ip, l: &Label) {
    let dev = (l.index != 0).then(|| ip.ifname(l.index));
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    if let Some(a) = &l.addr {
        p.str(Ctx::Json, "address", "", IpText::new(a).as_str());
        p.uint(Ctx::Json, "prefixlen", "", l.prefix_len as u64);
        p.text("prefix ");
        p.text(IpText::with_len(a, l.prefix_len).as_str());
        p.text(" ");
    }
    if let Some(d) = &dev {
        p.str(Ctx::Any, "ifname", "dev {} ", d);
    }
    if let Some(v) = l.label {
        p.uint(Ctx::Any, "label", "label {} ", v as u64);
    }
    p.text("\n");
    p.close_obj(Ctx::Json);
}

fn flush(ip: &mut Ip, args: Args) -> Result<()> {
    if !args.is_empty() {
        return Err(Error::Failed(
            "\"ip addrlabel flush\" does not allow extra arguments".into(),
        ));
    }
    let family = if ip.o.family == AF_UNSPEC {
        AF_INET6
    } else {
        ip.o.family
    };
    // the table is small: read it, then delete every entry as it was read
    let mut labels = Vec::new();
    dump(ip, family, &mut |l| labels.push(l))?;
    for l in labels {
        let mut m = AddrLabelMessage::default();
        m.header.family = AddressFamily::from(l.family);
        m.header.prefix_len = l.prefix_len;
        m.header.index = l.index;
        if let Some(a) = l.addr {
            m.attributes.push(AddrLabelAttribute::Address(a));
        }
        if let Some(v) = l.label {
            m.attributes.push(AddrLabelAttribute::Label(v));
        }
        ip.nl()?.request(RouteNetlinkMessage::DelAddrLabel(m), 0)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::Emitable;

    #[test]
    fn words() {
        let mut a = Args::new([
            "prefix",
            "2001:db8::/32",
            "label",
            "0x10",
            "frob",
            "label",
            "7",
        ]);
        let mut res = |n: &str| Ok((n == "v0").then_some(3));
        let r = parse(&mut a, AF_UNSPEC, &mut res).unwrap();
        assert_eq!(r.label, Some(7));
        assert_eq!(r.prefix.unwrap().len, 32);
        let mut a = Args::new(["label", "-1"]);
        assert_eq!(
            parse(&mut a, AF_UNSPEC, &mut res).unwrap_err().to_string(),
            "Error: argument \"-1\" is wrong: label is invalid\n"
        );
        let mut a = Args::new(["prefix", "foo"]);
        assert_eq!(
            parse(&mut a, AF_UNSPEC, &mut res).unwrap_err().to_string(),
            "Error: any valid prefix is expected rather than \"foo\"."
        );
        let mut a = Args::new(["pre", "x", "d", "v0"]);
        assert_eq!(parse(&mut a, AF_UNSPEC, &mut res).unwrap(), Req::default());
        let mut a = Args::new(["dev", "v0", "label", "5"]);
        assert_eq!(
            parse(&mut a, AF_UNSPEC, &mut res).unwrap(),
            Req {
                prefix: None,
                label: Some(5),
                index: 3
            }
        );
        let mut a = Args::new(["dev", "nosuch"]);
        assert_eq!(
            parse(&mut a, AF_UNSPEC, &mut res).unwrap_err().to_string(),
            "Error: argument \"nosuch\" is wrong: dev is invalid\n"
        );
    }

    #[test]
    fn request_bytes() {
        let p = common::get_prefix("2001:db8:1::/48", AF_UNSPEC).unwrap();
        let m = request(AF_UNSPEC, &p, 3, 100);
        let mut b = vec![0; m.buffer_len()];
        m.emit(&mut b);
        let want: Vec<u8> = [
            &[10u8, 0, 48, 0][..], // ifal_family inet6, reserved, ifal_prefixlen 48, ifal_flags
            &3u32.to_ne_bytes(),   // ifal_index
            &0u32.to_ne_bytes(),   // ifal_seq
            &[8, 0, 2, 0],         // IFAL_LABEL, 8 bytes
            &100u32.to_ne_bytes(), // label 100
            &[20, 0, 1, 0],        // IFAL_ADDRESS, 20 bytes
            &[0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], // 2001:db8:1::
        ]
        .concat();
        assert_eq!(b, want);
        // `default` without a family: an empty IFAL_ADDRESS (the kernel
        // rejects it by policy, as it does the reference's)
        let p = common::get_prefix("default", AF_UNSPEC).unwrap();
        let m = request(AF_UNSPEC, &p, 0, 3);
        let mut b = vec![0; m.buffer_len()];
        m.emit(&mut b);
        assert_eq!(&b[b.len() - 4..], &[4, 0, 1, 0]);
    }

    fn render(json: bool, l: &Label) -> String {
        let mut ip = Ip::new(Default::default());
        ip.p = crate::print::Printer::capture(json, false, false);
        ip.cache_name(3, "v0");
        print_label(&mut ip, l);
        ip.p.captured().to_string()
    }

    #[test]
    fn lines() {
        let l = Label {
            family: AF_INET6,
            addr: Some("::ffff:0.0.0.0".parse().unwrap()),
            prefix_len: 96,
            index: 0,
            label: Some(4),
        };
        assert_eq!(render(false, &l), "prefix ::ffff:0.0.0.0/96 label 4 \n");
        let l = Label {
            addr: Some("2001:db8:2::".parse().unwrap()),
            prefix_len: 64,
            index: 3,
            label: Some(200),
            ..l
        };
        assert_eq!(
            render(false, &l),
            "prefix 2001:db8:2::/64 dev v0 label 200 \n"
        );
        assert_eq!(
            render(true, &l),
            "{\"address\":\"2001:db8:2::\",\"prefixlen\":64,\"ifname\":\"v0\",\"label\":200}"
        );
    }
}
