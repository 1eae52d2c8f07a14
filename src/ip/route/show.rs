//! `ip route show|list` and `ip route flush`: the selector, the dump,
//! the filter.

use std::net::IpAddr;

use netlink_packet_route::route::{RouteAttribute, RouteFlags, RouteHeader, RouteMessage};
use netlink_packet_route::AddressFamily;

use super::names;
use super::print::{print_route, Hide, Route, RTM_F_CLONED};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::ip::common::{get_prefix, Octets, Prefix};
use crate::ip::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::nl::rtm::{RTM_DELROUTE, RTM_GETROUTE};

/// A selector as `ip route show` reads it.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub family: u8,
    /// table id; 0 = all tables
    pub tb: u32,
    pub cloned: bool,
    pub tos: Option<u8>,
    pub proto: Option<u8>,
    pub scope: Option<u8>,
    pub types: u32,
    pub oif: Option<u32>,
    pub iif: Option<u32>,
    pub mark: Option<u32>,
    pub metric: Option<u32>,
    pub rdst: Option<Prefix>,
    pub mdst: Option<Prefix>,
    pub rsrc: Option<Prefix>,
    pub msrc: Option<Prefix>,
    pub rvia: Option<Prefix>,
    pub rprefsrc: Option<Prefix>,
    /// realms FROM/TO (a FROM of 0 is not compared)
    pub realm: Option<(u16, u16)>,
}

/// A selector prefix; `default` without a family matches either family.
fn prefix(s: &str, family: u8) -> Result<Prefix> {
    get_prefix(s, family)
}

fn invarg(what: &str, arg: &str) -> Error {
    Error::invarg(&format!("{what}\n"), arg)
}

/// `root P`, `match P`, `[exact] P` (the first word already taken);
/// `all`/`any` without a family select every route.
fn read_root_match(
    args: &mut Args,
    v: String,
    family: u8,
    root: &mut Option<Prefix>,
    mtch: &mut Option<Prefix>,
) -> Result<()> {
    let (kind, w) = if matches(&v, "root") {
        ("root", args.value()?)
    } else if matches(&v, "match") {
        ("match", args.value()?)
    } else if matches(&v, "exact") {
        ("exact", args.value()?)
    } else {
        ("exact", v)
    };
    if (w == "all" || w == "any") && family == AF_UNSPEC {
        // no family yet: every route
        return Ok(());
    }
    let p = prefix(&w, family)?;
    match kind {
        "root" => *root = Some(p),
        "match" => *mtch = Some(p),
        _ => {
            *mtch = Some(p);
            *root = Some(p);
        }
    }
    Ok(())
}

/// Read the selector words.
pub fn parse_filter(ip: &mut Ip, args: &mut Args) -> Result<Filter> {
    let mut f = Filter { family: ip.o.family, tb: names::RT_TABLE_MAIN, ..Default::default() };
    let mut dev: Option<String> = None;
    let mut iif: Option<String> = None;
    let fam = |f: &Filter| f.family;
    while let Some(w) = args.next() {
        let w = w.as_str();
        if matches(w, "table") {
            let v = args.value()?;
            if v == "cache" {
                f.cloned = true;
            } else if v == "all" {
                f.tb = 0;
            } else {
                f.tb = names::parse_table(&v).ok_or_else(|| invarg("table id value is invalid", &v))?;
            }
        } else if matches(w, "vrf") {
            let v = args.value()?;
            return Err(invarg("Invalid VRF", &v));
        } else if matches(w, "cached") || matches(w, "cloned") {
            f.cloned = true;
        } else if w == "tos" || matches(w, "dsfield") {
            let v = args.value()?;
            let t = names::parse_dsfield(&v).ok_or_else(|| invarg("TOS value is invalid", &v))?;
            f.tos = Some(t);
        } else if matches(w, "protocol") {
            let v = args.value()?;
            if v == "all" {
                f.proto = None;
            } else {
                f.proto = Some(names::parse_proto(&v).ok_or_else(|| invarg("invalid \"protocol\"", &v))?);
            }
        } else if matches(w, "scope") {
            let v = args.value()?;
            if v == "all" {
                f.scope = None;
            } else {
                f.scope = Some(names::parse_scope(&v).ok_or_else(|| invarg("invalid \"scope\"", &v))?);
            }
        } else if matches(w, "type") {
            let v = args.value()?;
            let t = names::parse_type(&v).ok_or_else(|| invarg("node type value is invalid", &v))?;
            f.types = if t < 32 { 1 << t } else { 0 };
        } else if w == "dev" || w == "oif" {
            dev = Some(args.value()?);
        } else if w == "iif" {
            iif = Some(args.value()?);
        } else if w == "mark" {
            let v = args.value()?;
            f.mark = Some(crate::cli::parse_u32(&v).ok_or_else(|| invarg("mark value is invalid", &v))?);
        } else if matches(w, "metric") || matches(w, "priority") || w == "preference" {
            let v = args.value()?;
            f.metric = Some(crate::cli::parse_u32(&v).ok_or_else(|| invarg("\"metric\" value is invalid", &v))?);
        } else if w == "via" {
            let mut v = args.value()?;
            let mut family = fam(&f);
            if let Some(af) = crate::ip::read_family(&v) {
                family = af;
                v = args.value()?;
            }
            f.rvia = Some(prefix(&v, family)?);
        } else if w == "src" {
            let v = args.value()?;
            f.rprefsrc = Some(prefix(&v, fam(&f))?);
        } else if matches(w, "realms") {
            let v = args.value()?;
            let r = super::modify::parse_realms(&v).ok_or_else(|| invarg("invalid realms", &v))?;
            f.realm = Some((r.source, r.destination));
        } else if matches(w, "from") {
            let v = args.value()?;
            let fam = f.family;
            read_root_match(args, v, fam, &mut f.rsrc, &mut f.msrc)?;
        } else {
            let mut v = w.to_string();
            if matches(&v, "to") {
                v = args.value()?;
            }
            let fam = f.family;
            read_root_match(args, v, fam, &mut f.rdst, &mut f.mdst)?;
        }
    }
    if f.family == AF_UNSPEC && f.tb != 0 {
        f.family = AF_INET;
    }
    if let Some(d) = dev {
        f.oif = Some(ip.ifindex(&d)?);
    }
    if let Some(d) = iif {
        f.iif = Some(ip.ifindex(&d)?);
    }
    Ok(f)
}

/// The first `bits` bits of two addresses agree (also `ip rule`'s
/// selector).
pub(crate) fn addr_match(a: &[u8], b: &[u8], bits: u8) -> bool {
    let bits = bits as usize;
    let whole = bits / 8;
    if a.len() < whole || b.len() < whole || a[..whole] != b[..whole] {
        return false;
    }
    let rest = bits % 8;
    if rest == 0 {
        return true;
    }
    let (Some(x), Some(y)) = (a.get(whole), b.get(whole)) else { return false };
    let mask = 0xffu8 << (8 - rest);
    x & mask == y & mask
}

/// The root/match tests for the destination or the source.
fn prefix_ok(root: &Option<Prefix>, mtch: &Option<Prefix>, family: u8, addr: &Option<IpAddr>, len: u8) -> bool {
    if root.is_none() && mtch.is_none() {
        return true;
    }
    let a = addr.as_ref().map(Octets::of).unwrap_or_else(|| Octets::zero(family));
    if let Some(p) = root {
        if !family_ok(p, family) || p.len > len || !addr_match(&a, &p.octets(), p.len) {
            return false;
        }
    }
    if let Some(p) = mtch {
        if !family_ok(p, family) || p.len < len || !addr_match(&a, &p.octets(), len) {
            return false;
        }
    }
    true
}

fn family_ok(p: &Prefix, family: u8) -> bool {
    p.family == AF_UNSPEC || p.family == family
}

fn addr_eq(p: &Prefix, family: u8, a: &Option<IpAddr>) -> bool {
    if !family_ok(p, family) {
        return false;
    }
    let a = a.as_ref().map(Octets::of).unwrap_or_else(|| Octets::zero(family));
    addr_match(&a, &p.octets(), p.len)
}

impl Filter {
    /// Does the route pass the selector?
    pub fn accepts(&self, r: &Route) -> bool {
        if r.family != AF_INET && r.family != AF_INET6 {
            return false;
        }
        if self.family != AF_UNSPEC && r.family != self.family {
            return false;
        }
        if self.tb != 0 && r.table != self.tb {
            return false;
        }
        if self.cloned != (r.flags & RTM_F_CLONED != 0) {
            return false;
        }
        if let Some(t) = self.tos {
            if r.tos != t {
                return false;
            }
        }
        if let Some(p) = self.proto {
            if r.protocol != p {
                return false;
            }
        }
        if let Some(s) = self.scope {
            if r.scope != s {
                return false;
            }
        }
        if self.types != 0 && (r.rtype >= 32 || self.types & (1 << r.rtype) == 0) {
            return false;
        }
        if !prefix_ok(&self.rdst, &self.mdst, r.family, &r.dst, r.dst_len) {
            return false;
        }
        if !prefix_ok(&self.rsrc, &self.msrc, r.family, &r.src, r.src_len) {
            return false;
        }
        if let Some(p) = &self.rvia {
            let (fam, gw) = match (&r.gateway, &r.via) {
                (_, Some(v)) => (if v.is_ipv6() { AF_INET6 } else { AF_INET }, Some(*v)),
                (g, None) => (r.family, *g),
            };
            if !addr_eq(p, fam, &gw) {
                return false;
            }
        }
        if let Some(p) = &self.rprefsrc {
            if !addr_eq(p, r.family, &r.prefsrc) {
                return false;
            }
        }
        if let Some(i) = self.oif {
            if r.oif.unwrap_or(0) != i {
                return false;
            }
        }
        if let Some(i) = self.iif {
            if r.iif.unwrap_or(0) != i {
                return false;
            }
        }
        if let Some(m) = self.mark {
            if r.mark.unwrap_or(0) != m {
                return false;
            }
        }
        if let Some((from, to)) = self.realm {
            let (rf, rt) = r.realm.unwrap_or((0, 0));
            if rt != to || (from != 0 && rf != from) {
                return false;
            }
        }
        if let Some(m) = self.metric {
            if r.priority.unwrap_or(0) != m {
                return false;
            }
        }
        true
    }

    pub fn hide(&self) -> Hide {
        Hide {
            table: self.tb != 0,
            dev: self.oif.is_some(),
            iif: self.iif.is_some(),
            via: self.rvia.is_some(),
            proto: self.proto.is_some(),
            scope: self.scope.is_some(),
            prefsrc: self.rprefsrc.is_some(),
            tos: self.tos.is_some(),
            metric: self.metric.is_some(),
        }
    }
}

/// The dump request for a selector. In batch mode the reference's socket
/// does no strict dump checking, so the kernel sees no table or device
/// there (and an absent table is no error); the filter does the rest.
pub fn dump_request(f: &Filter, batch: bool) -> RouteMessage {
    let mut m = RouteMessage::default();
    m.header.address_family = AddressFamily::from(f.family);
    if f.cloned {
        m.header.flags = RouteFlags::from_bits_retain(RTM_F_CLONED);
    }
    if batch {
        return m;
    }
    if f.tb != 0 {
        if f.tb < 256 {
            m.header.table = f.tb as u8;
        } else {
            m.header.table = RouteHeader::RT_TABLE_UNSPEC;
        }
        m.attributes.push(RouteAttribute::Table(f.tb));
    }
    if let Some(i) = f.oif {
        m.attributes.push(RouteAttribute::Oif(i));
    }
    m
}

/// [`dump_request`]'s bytes, for a dump read message by message.
pub fn dump_payload(f: &Filter, batch: bool) -> Vec<u8> {
    use netlink_packet_core::Emitable;
    let req = dump_request(f, batch);
    let mut payload = vec![0; req.buffer_len()];
    req.emit(&mut payload);
    payload
}

/// Reads a dumped route message into `r` (a default `Route`): true when
/// the filter selects it.
#[inline(always)]
pub fn dumped(f: &Filter, m: &[u8], r: &mut Route) -> bool {
    r.read(m) && !r.deleted && f.accepts(r)
}

/// A dump of the main table in a namespace that has none yet (its lo
/// was never up) ends with ENOENT ("FIB table does not exist"): the
/// reference's show and save take that as an empty table (flush does not).
pub fn main_table_absent(f: &Filter, r: Result<()>) -> Result<()> {
    match r {
        Err(e) if f.tb == super::names::RT_TABLE_MAIN && e.errno() == Some(libc::ENOENT) => Ok(()),
        r => r,
    }
}

/// `ip route [show|list] SELECTOR` and `ip route flush SELECTOR`.
pub fn list(ip: &mut Ip, mut args: Args, flush: bool) -> Result<()> {
    if flush && args.is_empty() {
        return Err(Error::msg("\"ip route flush\" requires arguments.", 1));
    }
    let f = parse_filter(ip, &mut args)?;
    if flush {
        return do_flush(ip, f);
    }
    let hide = f.hide();
    ip.p.start_doc();
    // each route is printed as it arrives and dropped
    let r = ip.dump_raw_each(RTM_GETROUTE, &dump_payload(&f, ip.in_batch), &mut |ip, m| {
        let mut r = Route::default();
        if dumped(&f, m, &mut r) {
            print_route(ip, &r, &hide);
        }
        Ok(())
    });
    main_table_absent(&f, r)?;
    ip.p.end_doc();
    Ok(())
}

/// A delete of a route that is gone meanwhile is no error.
fn gone_is_fine(e: Error) -> Result<()> {
    match e.errno() {
        Some(libc::ESRCH) | Some(libc::ENOENT) => Ok(()),
        _ => Err(e),
    }
}

/// One flush round: dump, and delete what the selector picks in batches
/// sent while the dump goes on (nothing is kept but the batch being
/// built). Returns how many routes were deleted.
fn flush_round(ip: &mut Ip, f: &Filter, hide: &Hide) -> Result<usize> {
    let mut n = 0;
    // the kernel's deletes are a flush's cost, not the dump: no reader
    // thread (it took peak RSS above the reference's)
    ip.nl()?.set_read_ahead(false);
    let r = ip.dump_raw_each(RTM_GETROUTE, &dump_payload(f, ip.in_batch), &mut |ip, m| {
        let mut facts = Route::default();
        if !dumped(f, m, &mut facts) {
            return Ok(());
        }
        if ip.o.stats > 1 {
            print_route(ip, &facts, hide);
        }
        n += 1;
        // the dumped route itself is the delete request, as the
        // reference sends it (no second encoding)
        let nl = ip.nl()?;
        nl.queue_raw(RTM_DELROUTE, 0, &m[16..]);
        if nl.queued_len() >= crate::nl::QUEUE_BYTES {
            nl.send_queued(&mut gone_is_fine)?;
        }
        Ok(())
    });
    ip.nl()?.set_read_ahead(true);
    r?;
    ip.send_queued(&mut gone_is_fine)?;
    Ok(n)
}

const MAX_ROUNDS: u32 = 10;

fn do_flush(ip: &mut Ip, f: Filter) -> Result<()> {
    if f.cloned {
        if f.family != AF_INET6 {
            // the IPv4 routing cache is gone since 3.6; the write is kept
            let _ = std::fs::write("/proc/sys/net/ipv4/route/flush", "-1");
            if ip.o.stats > 0 {
                ip.p.raw("*** IPv4 routing cache is flushed.\n");
            }
        }
        if f.family != AF_INET6 {
            return Ok(());
        }
    }
    let hide = f.hide();
    let mut round = 0;
    loop {
        let n = match flush_round(ip, &f, &hide) {
            Ok(n) => n,
            Err(Error::Netlink { errno, msg, dump: true }) => {
                return Err(Error::msg(
                    format!(
                        "{}\nFlush terminated",
                        Error::Netlink { errno, msg, dump: false }
                    ),
                    2,
                ))
            }
            Err(e) => return Err(e),
        };
        if n == 0 {
            if ip.o.stats > 0 {
                if round == 0 {
                    ip.p.raw("Nothing to flush.\n");
                } else {
                    ip.p.raw(&format!(
                        "*** Flush is complete after {round} round{} ***\n",
                        if round > 1 { "s" } else { "" }
                    ));
                }
            }
            return Ok(());
        }
        round += 1;
        if ip.o.stats > 0 {
            ip.p.raw(&format!("\n*** Round {round}, deleting {n} entries ***\n"));
        }
        if round >= MAX_ROUNDS {
            ip.p.raw(&format!("*** Flush remains incomplete after {round} rounds. ***\n"));
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        assert!(addr_match(&[10, 0, 0, 0], &[10, 255, 0, 0], 8));
        assert!(!addr_match(&[10, 0, 0, 0], &[10, 255, 0, 0], 9));
        assert!(addr_match(&[172, 16, 3, 4], &[172, 16, 0, 0], 16));
        let root = Some(get_prefix("10.0.0.0/8", AF_UNSPEC).unwrap());
        let a: Option<IpAddr> = Some("10.99.0.0".parse().unwrap());
        assert!(prefix_ok(&root, &None, AF_INET, &a, 16));
        let m = Some(get_prefix("172.16.3.4", AF_UNSPEC).unwrap());
        let b: Option<IpAddr> = Some("172.16.0.0".parse().unwrap());
        assert!(prefix_ok(&None, &m, AF_INET, &b, 16));
        assert!(prefix_ok(&None, &m, AF_INET, &None, 0));
        assert!(!prefix_ok(&None, &m, AF_INET, &a, 16));
    }
}
