//! `ip address show` and `ip address flush`: the selectors, the link and
//! address dumps, and what is printed for each link.

use netlink_packet_route::link::{LinkAttribute, LinkMessage};

use super::info::{self, IfAddr, Lead, FLAG_NAMES, IFA_F_PERMANENT, IFA_F_SECONDARY};
use super::usage;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::ip::common::Prefix;
use crate::ip::link_show::{self, tables, LinkFacts, LinkFilter, LinkPrintOpts};
use crate::ip::{Ip, AF_PACKET, AF_UNSPEC};
use crate::nl::rtm::{RTM_DELADDR, RTM_GETADDR};
use crate::print::{Ctx, Printer};

/// The selectors of show and flush.
#[derive(Debug, Default)]
pub struct Filter {
    pub family: u8,
    /// dev, up, master/nomaster/vrf, type, group
    pub link: LinkFilter,
    /// the `dev` link's ifindex, 0 for none
    pub ifindex: u32,
    pub scope: u8,
    pub scopemask: u8,
    pub flags: u32,
    pub flagmask: u32,
    pub to: Option<Prefix>,
    pub label: Option<String>,
}

/// A flag selector: `secondary`, `-tentative`, `dynamic`, ... →
/// (bit, wanted set).
fn flag_selector(w: &str) -> Option<(u32, bool)> {
    match w {
        "dynamic" => return Some((IFA_F_PERMANENT, false)),
        "primary" => return Some((IFA_F_SECONDARY, false)),
        _ => {}
    }
    let (name, set) = match w.strip_prefix('-') {
        Some(n) => (n, false),
        None => (w, true),
    };
    let bit = match name {
        "dynamic" => return Some((IFA_F_PERMANENT, !set)),
        "primary" => return Some((IFA_F_SECONDARY, !set)),
        _ => FLAG_NAMES.iter().find(|(_, n)| *n == name)?.0,
    };
    Some((bit, set))
}

pub fn parse_filter(ip: &mut Ip, mut args: Args) -> Result<Filter> {
    let mut f = Filter { family: ip.o.family, ..Filter::default() };
    while let Some(w) = args.next() {
        let w = w.as_str();
        if w == "to" {
            let v = args.value()?;
            let p = super::addr_arg(&v, f.family, true)?;
            if f.family == AF_UNSPEC {
                f.family = p.family;
            }
            f.to = Some(p);
        } else if w == "scope" {
            let v = args.value()?;
            f.scopemask = 0xff;
            if v == "all" {
                f.scope = 0;
                f.scopemask = 0;
            } else {
                f.scope = crate::ip::route::parse_scope(&v).ok_or_else(|| Error::invarg("invalid \"scope\"\n", &v))?;
            }
        } else if let Some((bit, set)) = flag_selector(w) {
            f.flagmask |= bit;
            if set {
                f.flags |= bit;
            } else {
                f.flags &= !bit;
            }
        } else if w == "label" {
            f.label = Some(args.value()?);
        } else if link_show::parse_selector(ip, &mut f.link, w, &mut args)? {
        } else {
            if matches(w, "help") {
                return Err(usage());
            }
            link_show::set_dev(&mut f.link, w.to_string())?;
        }
    }
    link_show::check_dev(ip, &mut f.link)?;
    f.ifindex = f.link.index.unwrap_or(0);
    Ok(f)
}

/// fnmatch(3) without flags, as the reference matches labels.
pub fn fnmatch(pat: &str, s: &str) -> bool {
    let (Ok(p), Ok(n)) = (std::ffi::CString::new(pat), std::ffi::CString::new(s)) else {
        return false;
    };
    // SAFETY: both are valid NUL-terminated strings for the call.
    unsafe { libc::fnmatch(p.as_ptr(), n.as_ptr(), 0) == 0 }
}

fn prefix_covers(p: &Prefix, a: &std::net::IpAddr) -> bool {
    if p.any && p.family == AF_UNSPEC {
        return true;
    }
    let (pa, aa) = match (p.addr, a) {
        (std::net::IpAddr::V4(x), std::net::IpAddr::V4(y)) => (x.octets().to_vec(), y.octets().to_vec()),
        (std::net::IpAddr::V6(x), std::net::IpAddr::V6(y)) => (x.octets().to_vec(), y.octets().to_vec()),
        _ => return false,
    };
    let bits = p.len as usize;
    for i in 0..bits {
        let (byte, bit) = (i / 8, 7 - (i % 8));
        if (pa[byte] >> bit) & 1 != (aa[byte] >> bit) & 1 {
            return false;
        }
    }
    true
}

impl Filter {
    /// Does an address pass the address selectors? `ifname` names the
    /// link (label matching falls back to it).
    pub fn addr_ok(&self, a: &IfAddr, ifname: &str) -> bool {
        if self.family != AF_UNSPEC && self.family != AF_PACKET && a.family != self.family {
            return false;
        }
        if (self.scope ^ a.scope) & self.scopemask != 0 {
            return false;
        }
        if (self.flags ^ a.flags) & self.flagmask != 0 {
            return false;
        }
        if let Some(to) = &self.to {
            match a.shown_local() {
                Some(l) if prefix_covers(to, &l) => {}
                _ => return false,
            }
        }
        if let Some(pat) = &self.label {
            if !fnmatch(pat, a.label_or(ifname)) {
                return false;
            }
        }
        true
    }

    /// Is a link listed at all? `dev` and `up` always select; without
    /// `dev` and an address family, `master`/`nomaster` and a `type` that
    /// is not a `*_slave` one are answered by the kernel's filtered dump.
    fn link_listed(&self, facts: &LinkFacts) -> bool {
        let l = &self.link;
        if l.index.is_some_and(|i| i != facts.index) || (l.up && facts.flags & tables::IFF_UP == 0) {
            return false;
        }
        if l.dev.is_some() || (self.family != AF_UNSPEC && self.family != AF_PACKET) {
            return true;
        }
        let slave_kind = l.kind.as_ref().is_some_and(|k| k.ends_with("_slave"));
        l.master_ok(facts) && (slave_kind || l.kind_ok(facts))
    }

    /// The check the link printer makes (so not with `label` or `-o`):
    /// `master`, `type` (slave kinds included) and `group`; a link
    /// message without a group (the IPv6 dump) passes `group`.
    fn link_printable(&self, m: &LinkMessage, facts: &LinkFacts) -> bool {
        let l = &self.link;
        let has_group = m.attributes.iter().any(|a| matches!(a, LinkAttribute::Group(_)));
        let group_ok = !has_group || l.group.is_none_or(|g| g == facts.group);
        l.master_ok(facts) && l.kind_ok(facts) && group_ok
    }
}

fn link_name(m: &LinkMessage) -> String {
    crate::ip::common::msg_ifname(m).unwrap_or("").to_string()
}

/// The links to show: one RTM_GETLINK for `dev`, else a dump; under an
/// address family the dump is of that family (the IPv6 one carries less,
/// and the reference shows that). (Decoded one by one as they are
/// printed: all of them at once would be megabytes for a few thousand
/// links.)
fn link_filter(f: &Filter) -> LinkFilter {
    let family = if f.link.dev.is_some() || f.family == AF_PACKET { AF_UNSPEC } else { f.family };
    // the selectors here need the link kinds
    LinkFilter { index: f.link.index, keep_kind: true, family, ..LinkFilter::default() }
}

/// All addresses of a family (AF_UNSPEC: all), in kernel order, each
/// with its whole message.
pub fn addresses(ip: &mut Ip, family: u8) -> Result<Vec<(IfAddr, Vec<u8>)>> {
    let mut out = Vec::new();
    each_address(ip, family, &mut |a, m| out.push((a, m.to_vec())))?;
    Ok(out)
}

/// Every address of a family (AF_UNSPEC: all), in kernel order, handed
/// to `f` with its message as it arrives.
pub fn each_address(ip: &mut Ip, family: u8, f: &mut dyn FnMut(IfAddr, &[u8])) -> Result<()> {
    let family = if family == AF_PACKET { AF_UNSPEC } else { family };
    let payload = [family, 0, 0, 0, 0, 0, 0, 0];
    ip.nl()?.dump_raw(RTM_GETADDR, &payload, &mut |m| {
        if let Some(a) = IfAddr::parse(m) {
            f(a, m);
        }
        Ok(())
    })
}

/// A link's `addr_info`. An address the selectors turn away still
/// leaves `{}` in the reference's JSON.
fn print_addrs(ip: &mut Ip, f: &Filter, addrs: &[&IfAddr], name: &str, lead: Lead) {
    let fmt = info::Fmt::of(&ip.o);
    ip.p.open_arr(Ctx::Json, "addr_info", "");
    for a in addrs {
        if !f.addr_ok(a, name) {
            ip.p.open_obj(Ctx::Json, "");
            ip.p.close_obj(Ctx::Json);
        } else if ip.o.brief {
            info::print_brief(&mut ip.p, fmt, a);
        } else {
            info::print_full(&mut ip.p, fmt, a, lead);
        }
    }
    ip.p.close_arr(Ctx::Json, "");
}

pub fn show(ip: &mut Ip, args: Args) -> Result<()> {
    let f = &parse_filter(ip, args)?;
    // the join: each link's addresses in kernel order, found by index
    // (only the decoded facts are kept, not the messages); the links
    // then print as they come
    let mut addrs: std::collections::HashMap<u32, Vec<IfAddr>> = Default::default();
    if f.family != AF_PACKET {
        each_address(ip, f.family, &mut |a, _| addrs.entry(a.index).or_default().push(a))?;
    }
    let none: Vec<IfAddr> = Vec::new();
    let brief = ip.o.brief;
    let oneline = ip.o.oneline;
    // after a link list in the same batch, iproute2 6.1 shows a `dev`'s
    // link only, in link mode, without addresses (and in `-br` without
    // ending the line)
    let only_link = ip.do_link && f.link.dev.is_some();
    ip.p.start_doc();
    let any_family = f.family == AF_UNSPEC || f.family == AF_PACKET;
    link_show::each_link(ip, &link_filter(f), &mut |ip, l| {
        let index = l.index();
        let mine: Vec<&IfAddr> = addrs.get(&index).unwrap_or(&none).iter().collect();
        // a link stays when an address passes, or when it has none at
        // all and no family was asked for
        if mine.is_empty() && !any_family && !only_link {
            return Ok(());
        }
        let l = &l.msg();
        let facts = LinkFacts::of_msg(l);
        let listed = f.link_listed(&facts);
        // after a link list in the batch, `up` and a `dev`'s own filters
        // are the link printer's checks (`{}` in JSON)
        let down = facts.flags & tables::IFF_UP == 0;
        let up_facts = LinkFacts { flags: facts.flags | tables::IFF_UP, ..facts.clone() };
        if !listed && !only_link && !(ip.do_link && down && f.link_listed(&up_facts)) {
            return Ok(());
        }
        let name = link_name(l);
        if !mine.iter().any(|a| f.addr_ok(a, &name)) && !mine.is_empty() && !only_link {
            return Ok(());
        }
        // `-0` (and `only_link`) lists links only; there a label turns
        // every link away
        let packet = f.family == AF_PACKET;
        let with_link = only_link || packet || (f.label.is_none() && (brief || !oneline));
        let label_away = (packet || only_link) && f.label.is_some();
        if !listed && !with_link {
            return Ok(());
        }
        if with_link && (!listed || !f.link_printable(l, &facts) || label_away) {
            // the reference has opened the object already: `{}` in JSON
            ip.p.open_obj(Ctx::Json, "");
            ip.p.close_obj(Ctx::Json);
            return Ok(());
        }
        // the link printer opens the entry's JSON object and leaves it open
        if with_link {
            // `-br` shows name and state (with `-0`, the link's own columns)
            let opts = LinkPrintOpts {
                for_addr: !(brief && packet),
                open: true,
                family_filtered: !packet && f.family != AF_UNSPEC,
                ..Default::default()
            };
            link_show::print_link(ip, l, &opts)?;
        } else {
            ip.p.open_obj(Ctx::Json, "");
        }
        if f.family != AF_PACKET && !only_link {
            let lead = if oneline && !brief { Lead::Dev(index, &name) } else { Lead::None };
            print_addrs(ip, f, &mine, &name, lead);
        }
        if brief {
            if !only_link {
                ip.p.text("\n");
            }
        } else if with_link && ip.o.stats > 0 && !ip.do_link {
            link_show::print_stats(ip, l, false);
        }
        ip.p.close_obj(Ctx::Json);
        Ok(())
    })?;
    ip.p.end_doc();
    Ok(())
}

pub fn flush(ip: &mut Ip, args: Args) -> Result<()> {
    if args.is_empty() {
        return Err(Error::msg("Flush requires arguments.", 1));
    }
    if ip.o.family == AF_PACKET {
        return Err(Error::msg("Cannot flush link addresses.", 1));
    }
    let f = parse_filter(ip, args)?;
    let stats = ip.o.stats;
    // the listing of what is flushed is text, whatever -j says
    let mut out = Printer::new(false, false, ip.o.color.enabled(), ip.o.oneline);
    // `-l N`: at most N rounds (0: no limit), checked before each one as
    // the reference does (so `-l 1` ends with the message, `-l -1` flushes
    // nothing)
    let max_rounds: Option<i64> = match ip.o.loops {
        None => Some(10),
        Some(0) => None,
        Some(n) => Some(n as i64),
    };
    let mut round = 0u32;
    loop {
        if let Some(m) = max_rounds.filter(|m| round as i64 >= *m) {
            out.flush();
            return Err(Error::msg(format!("*** Flush remains incomplete after {m} rounds. ***"), 255));
        }
        let addrs = addresses(ip, f.family)?;
        let mut doomed = Vec::new();
        for (a, raw) in addrs {
            if f.ifindex != 0 && a.index != f.ifindex {
                continue;
            }
            let name = ip.ifname(a.index);
            if !f.addr_ok(&a, &name) {
                continue;
            }
            if stats > 1 {
                info::print_full(&mut out, info::Fmt::of(&ip.o), &a, Lead::Dev(a.index, &name));
            }
            doomed.push(raw);
        }
        if doomed.is_empty() {
            if stats > 0 {
                if round == 0 {
                    out.raw("Nothing to flush.\n");
                } else {
                    out.raw(&format!(
                        "*** Flush is complete after {round} round{} ***\n",
                        if round == 1 { "" } else { "s" }
                    ));
                }
            }
            out.flush();
            return Ok(());
        }
        round += 1;
        let n = doomed.len();
        // deleting a primary address takes its secondaries along: their
        // own deletes then find nothing, which is no error
        let mut gone_is_fine = |e: Error| match e.errno() {
            Some(libc::EADDRNOTAVAIL) | Some(libc::ENOENT) | Some(libc::ENODEV) => Ok(()),
            _ => Err(e),
        };
        for raw in doomed {
            let nl = ip.nl()?;
            nl.queue_raw(RTM_DELADDR, 0, &raw[16..]);
            if nl.queued_len() >= crate::nl::QUEUE_BYTES {
                nl.send_queued(&mut gone_is_fine)?;
            }
        }
        ip.nl()?.send_queued(&mut gone_is_fine)?;
        if stats > 0 {
            out.raw(&format!("\n*** Round {round}, deleting {n} addresses ***\n"));
        }
        out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(fnmatch("br0*", "br0:web"));
        assert!(fnmatch("br0*", "br0"));
        assert!(!fnmatch("v*", "br0"));
        assert!(fnmatch("v[0-3]", "v2"));
        assert!(!fnmatch("v[!0-3]", "v2"));
    }

    #[test]
    fn flag_words() {
        assert_eq!(flag_selector("secondary"), Some((1, true)));
        assert_eq!(flag_selector("primary"), Some((1, false)));
        assert_eq!(flag_selector("-primary"), Some((1, true)));
        assert_eq!(flag_selector("dynamic"), Some((0x80, false)));
        assert_eq!(flag_selector("-tentative"), Some((0x40, false)));
        assert_eq!(flag_selector("frob"), None);
    }

    #[test]
    fn covers() {
        let p = crate::ip::common::get_prefix("10.0.0.0/8", AF_UNSPEC).unwrap();
        assert!(prefix_covers(&p, &"10.1.2.3".parse().unwrap()));
        assert!(!prefix_covers(&p, &"11.1.2.3".parse().unwrap()));
        assert!(!prefix_covers(&p, &"2001:db8::1".parse().unwrap()));
    }
}
