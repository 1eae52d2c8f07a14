//! `ip tcpmetrics` (`tcp_metrics`): the kernel's TCP metrics cache over the
//! `tcp_metrics` generic netlink family: show (dump, or one address),
//! flush (all at once, or the dumped entries a selector matches), delete.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::common::{get_prefix, IpText, Prefix};
use super::{Ip, AF_INET, AF_INET6, AF_UNSPEC};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::genl::Genl;
use crate::nl::{attrs, put_attr};
use crate::print::{Ctx, G};

pub const USAGE: &str = r#"Usage:	ip tcp_metrics/tcpmetrics { COMMAND | help }
	ip tcp_metrics { show | flush } SELECTOR
	ip tcp_metrics delete [ address ] ADDRESS
SELECTOR := [ [ address ] PREFIX ]"#;


const CMD_GET: u8 = 1;
const CMD_DEL: u8 = 2;
const A_ADDR_IPV4: u16 = 1;
const A_ADDR_IPV6: u16 = 2;
const A_AGE: u16 = 3;
const A_TW_TSVAL: u16 = 4;
const A_TW_TS_STAMP: u16 = 5;
const A_VALS: u16 = 6;
const A_FOPEN_MSS: u16 = 7;
const A_FOPEN_SYN_DROPS: u16 = 8;
const A_FOPEN_SYN_DROP_TS: u16 = 9;
const A_FOPEN_COOKIE: u16 = 10;
const A_SADDR_IPV4: u16 = 11;
const A_SADDR_IPV6: u16 = 12;

/// The metrics in TCP_METRICS_ATTR_VALS (attribute = index + 1).
const M_RTT: usize = 0;
const M_RTTVAR: usize = 1;
const M_RTT_US: usize = 5;
const M_RTTVAR_US: usize = 6;
const METRIC_NAMES: [&str; 7] = ["rtt", "rttvar", "ssthresh", "cwnd", "reordering", "rtt", "rttvar"];

#[derive(Debug, Default, PartialEq)]
struct Sel {
    dst: Option<Prefix>,
    src: Option<Prefix>,
}

fn parse_sel(args: &mut Args, family: u8) -> Result<Sel> {
    let mut s = Sel::default();
    while let Some(w) = args.next() {
        // a source, or a destination after the keyword, when a
        // destination is known already: the reference's duplicate error
        if matches!(w.as_str(), "src" | "source") {
            let v = args.value()?;
            if s.dst.is_some() {
                return Err(Error::duparg2("address", &v));
            }
            s.src = Some(get_prefix(&v, family)?);
            specific(&v, family)?;
        } else if matches!(w.as_str(), "address" | "addr") {
            let v = args.value()?;
            if s.dst.is_some() {
                return Err(Error::duparg2("address", &v));
            }
            s.dst = Some(get_prefix(&v, family)?);
        } else {
            s.dst = Some(get_prefix(&w, family)?);
        }
    }
    Ok(s)
}

/// An address attribute (IPv4 or IPv6 by the address).
fn put_addr(buf: &mut Vec<u8>, a: &IpAddr, v4: u16, v6: u16) {
    match a {
        IpAddr::V4(x) => put_attr(buf, v4, &x.octets()),
        IpAddr::V6(x) => put_attr(buf, v6, &x.octets()),
    }
}

/// The attributes naming one entry: its address and maybe its source.
fn entry_attrs(dst: &IpAddr, src: Option<&IpAddr>) -> Vec<u8> {
    let mut a = Vec::new();
    put_addr(&mut a, dst, A_ADDR_IPV4, A_ADDR_IPV6);
    if let Some(s) = src {
        put_addr(&mut a, s, A_SADDR_IPV4, A_SADDR_IPV6);
    }
    a
}

fn addr_of(v: &[u8]) -> Option<IpAddr> {
    match v.len() {
        4 => Some(IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(v).ok()?))),
        16 => Some(IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(v).ok()?))),
        _ => None,
    }
}

fn in_prefix(a: &IpAddr, p: &Prefix) -> bool {
    if p.any && p.family == AF_UNSPEC {
        return true;
    }
    match (a, &p.addr) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let m = if p.len == 0 { 0 } else { u32::MAX << (32 - p.len as u32) };
            u32::from(*a) & m == u32::from(*n) & m
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let m = if p.len == 0 { 0 } else { u128::MAX << (128 - p.len as u32) };
            u128::from(*a) & m == u128::from(*n) & m
        }
        _ => false,
    }
}

/// The entry's destination and source, if it passes the selector.
fn matched(b: &[u8], family: u8, sel: &Sel) -> Option<(IpAddr, Option<IpAddr>)> {
    let mut dst = None;
    let mut src = None;
    for (k, v) in attrs(b) {
        match k {
            A_ADDR_IPV4 | A_ADDR_IPV6 => dst = addr_of(v),
            A_SADDR_IPV4 | A_SADDR_IPV6 => src = addr_of(v),
            _ => {}
        }
    }
    let dst = dst?;
    let fam = if dst.is_ipv4() { AF_INET } else { AF_INET6 };
    if family != AF_UNSPEC && family != fam {
        return None;
    }
    if sel.dst.as_ref().is_some_and(|p| !in_prefix(&dst, p)) {
        return None;
    }
    if let Some(p) = &sel.src {
        if !src.as_ref().is_some_and(|s| in_prefix(s, p)) {
            return None;
        }
    }
    Some((dst, src))
}

fn u32_of(v: &[u8]) -> u32 {
    crate::nl::u32_ne(v).unwrap_or(0)
}

fn u16_of(v: &[u8]) -> u16 {
    v.get(..2).map(|x| u16::from_ne_bytes([x[0], x[1]])).unwrap_or(0)
}

fn u64_of(v: &[u8]) -> u64 {
    v.get(..8).and_then(|x| x.try_into().ok()).map(u64::from_ne_bytes).unwrap_or(0)
}

/// Print one entry (the attributes after the genl header).
pub fn print_entry(ip: &mut Ip, b: &[u8]) {
    let p = &mut ip.p;
    let mut dst = None;
    let mut src = None;
    for (k, v) in attrs(b) {
        match k {
            A_ADDR_IPV4 | A_ADDR_IPV6 => dst = addr_of(v),
            A_SADDR_IPV4 | A_SADDR_IPV6 => src = addr_of(v),
            _ => {}
        }
    }
    let Some(dst) = dst else { return };
    p.open_obj(Ctx::Json, "");
    p.str(Ctx::Any, "dst", "{}", IpText::new(&dst).as_str());
    let mut ts_val = None;
    let mut ts_stamp = None;
    for (k, v) in attrs(b) {
        match k {
            A_AGE => {
                let ms = u64_of(v);
                p.num(Ctx::Json, "age", "", G(ms as f64 / 1000.0));
                p.text(&format!(" age {}.{:03}sec", ms / 1000, ms % 1000));
            }
            A_TW_TSVAL => ts_val = Some(u32_of(v)),
            A_TW_TS_STAMP => ts_stamp = Some(u32_of(v) as i32),
            A_VALS => {
                let mut vals = [None::<u32>; 7];
                for (i, x) in attrs(v) {
                    if (1..=7).contains(&i) {
                        vals[i as usize - 1] = Some(u32_of(x));
                    }
                }
                for (i, val) in vals.iter().enumerate() {
                    let Some(mut val) = *val else { continue };
                    if (i == M_RTT && vals[M_RTT_US].is_some()) || (i == M_RTTVAR && vals[M_RTTVAR_US].is_some()) {
                        continue;
                    }
                    let name = METRIC_NAMES[i];
                    if matches!(i, M_RTT | M_RTTVAR) {
                        val = val.saturating_mul(1000);
                    }
                    // the kernel keeps the smoothed RTT scaled by 8 and its
                    // variance by 4 (as TCP itself does): unscaled for show
                    match i {
                        M_RTT | M_RTT_US => val >>= 3,
                        M_RTTVAR | M_RTTVAR_US => val >>= 2,
                        _ => {}
                    }
                    if matches!(i, M_RTT | M_RTTVAR | M_RTT_US | M_RTTVAR_US) {
                        p.num(Ctx::Json, name, "", G(val as f64 / 1e6));
                        p.text(&format!(" {name} {val}us"));
                    } else {
                        p.uint(Ctx::Json, name, "", val as u64);
                        p.text(&format!(" {name} {val}"));
                    }
                }
            }
            A_FOPEN_MSS => p.uint(Ctx::Any, "fopen_miss", " fo_mss {}", u16_of(v) as u64),
            A_FOPEN_SYN_DROPS => p.uint(Ctx::Any, "fopen_syn_drops", " fo_syn_drops {}", u16_of(v) as u64),
            A_FOPEN_SYN_DROP_TS => {
                let ms = u64_of(v);
                p.num(Ctx::Json, "fopen_syn_drop_ts", "", G(ms as f64 / 1000.0));
                p.text(&format!("/{}.{:03}sec ago", ms / 1000, ms % 1000));
            }
            A_FOPEN_COOKIE => {
                let hex: String = v.iter().map(|x| format!("{x:02x}")).collect();
                p.str(Ctx::Any, "fo_cookie", " fo_cookie {}", &hex);
            }
            _ => {}
        }
    }
    if let (Some(val), Some(stamp)) = (ts_val, ts_stamp) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        p.uint(Ctx::Json, "tw_ts", "", val as u64);
        p.int(Ctx::Json, "tw_ts_stamp", "", stamp as i64);
        p.text(&format!(" tw_ts {val}/{}sec ago", now - stamp as i64));
    }
    if let Some(s) = src {
        p.str(Ctx::Any, "source", " source {}", IpText::new(&s).as_str());
    }
    p.close_obj(Ctx::Json);
    p.text("\n");
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let cmd = args.next();
    let family = ip.o.family;
    match cmd.as_deref() {
        Some(c) if matches(c, "help") => Err(Error::arg(USAGE)),
        None => show(ip, Sel::default(), family),
        Some(c) if matches(c, "show") || matches(c, "list") || matches(c, "lst") => {
            let sel = parse_sel(&mut args, family)?;
            show(ip, sel, family)
        }
        Some(c) if matches(c, "flush") => {
            let sel = parse_sel(&mut args, family)?;
            flush(ip, sel, family)
        }
        Some(c) if matches(c, "delete") => {
            let sel = parse_sel(&mut args, family)?;
            let dst = match &sel.dst {
                Some(p) if p.has_len || p.any => {
                    return Err(Error::msg(
                        format!("Error: a specific IP address is expected rather than \"{}\"", sel_text(p)),
                        1,
                    ))
                }
                Some(p) => Some(p.addr),
                None => None,
            };
            let src = sel.src.map(|p| p.addr);
            let Some(dst) = dst else {
                return Err(Error::arg("Error: argument \"address\" is required"));
            };
            let mut g = Genl::open("tcp_metrics", 1)?;
            g.request(CMD_DEL, 0, &entry_attrs(&dst, src.as_ref()))
        }
        Some(c) => Err(Error::arg(format!("Command \"{c}\" is unknown, try \"ip tcp_metrics help\"."))),
    }
}

/// A prefix as it was most likely written (for messages).
fn sel_text(p: &Prefix) -> String {
    if p.any {
        return "all".into();
    }
    IpText::with_len(&p.addr, p.len).as_str().to_string()
}

/// One address, no prefix length (`delete`, `src`).
fn specific(s: &str, family: u8) -> Result<IpAddr> {
    let p = get_prefix(s, family)?;
    if p.has_len || p.any {
        return Err(Error::msg(format!("Error: a specific IP address is expected rather than \"{s}\""), 1));
    }
    Ok(p.addr)
}

fn show(ip: &mut Ip, sel: Sel, family: u8) -> Result<()> {
    let mut g = Genl::open("tcp_metrics", 1)?;
    // one address (no prefix length): ask for that entry
    if let Some(d) = sel.dst.filter(|d| !d.has_len && !d.any) {
        let src = sel.src.filter(|s| !s.has_len && !s.any).map(|s| s.addr);
        let mut found = Vec::new();
        g.get(CMD_GET, &entry_attrs(&d.addr, src.as_ref()), &mut |b| {
            found = b.to_vec();
            Ok(())
        })?;
        ip.p.start_doc();
        print_entry(ip, &found);
        ip.p.end_doc();
        return Ok(());
    }
    ip.p.start_doc();
    let r = g.dump(CMD_GET, &[], &mut |_, b| {
        if matched(b, family, &sel).is_some() {
            print_entry(ip, b);
        }
        Ok(())
    });
    ip.p.end_doc();
    r
}

fn flush(ip: &mut Ip, sel: Sel, family: u8) -> Result<()> {
    let mut g = Genl::open("tcp_metrics", 1)?;
    let all = |p: &Option<Prefix>| p.as_ref().is_none_or(|p| p.any && p.family == AF_UNSPEC);
    if family == AF_UNSPEC && all(&sel.dst) && sel.src.is_none() {
        // no selector: the kernel drops the whole cache at once
        return g.request(CMD_DEL, 0, &[]);
    }
    let _ = ip;
    let mut victims = Vec::new();
    g.dump(CMD_GET, &[], &mut |_, b| {
        if let Some(e) = matched(b, family, &sel) {
            victims.push(e);
        }
        Ok(())
    })?;
    if victims.is_empty() {
        crate::print::warn("Nothing to flush.");
        return Ok(());
    }
    for (d, s) in &victims {
        g.request(CMD_DEL, 0, &entry_attrs(d, s.as_ref()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Printer;

    #[test]
    fn selector() {
        let mut a = Args::new(["src", "10.0.0.1", "10.0.0.0/8"]);
        let s = parse_sel(&mut a, AF_UNSPEC).unwrap();
        assert_eq!(s.dst.unwrap().len, 8);
        assert!(!s.src.unwrap().has_len);
        // a source after a destination: the reference's duplicate error
        let e = parse_sel(&mut Args::new(["address", "10.0.0.0/8", "src", "10.0.0.1"]), AF_UNSPEC).unwrap_err();
        assert_eq!(e.to_string(), "Error: either \"address\" is duplicate, or \"10.0.0.1\" is a garbage.");
        let e = parse_sel(&mut Args::new(["src", "10.0.0.0/8"]), AF_UNSPEC).unwrap_err();
        assert_eq!(e.to_string(), "Error: a specific IP address is expected rather than \"10.0.0.0/8\"");
        let e = parse_sel(&mut Args::new(["foo"]), AF_UNSPEC).unwrap_err();
        assert_eq!(e.to_string(), "Error: any valid prefix is expected rather than \"foo\".");
        assert_eq!(e.exit_code(), 1);
    }

    fn entry() -> Vec<u8> {
        let mut b = Vec::new();
        put_attr(&mut b, A_ADDR_IPV4, &[10, 0, 0, 1]); // destination
        put_attr(&mut b, A_AGE, &552u64.to_ne_bytes()); // age in ms
        let mut vals = Vec::new();
        put_attr(&mut vals, 1, &0u32.to_ne_bytes()); // rtt (ms), shadowed by rtt_us
        put_attr(&mut vals, 2, &0u32.to_ne_bytes()); // rttvar (ms)
        put_attr(&mut vals, 4, &14u32.to_ne_bytes()); // cwnd
        put_attr(&mut vals, 6, &(23u32 << 3).to_ne_bytes()); // rtt_us, scaled by 8
        put_attr(&mut vals, 7, &(19u32 << 2).to_ne_bytes()); // rttvar_us, scaled by 4
        put_attr(&mut b, A_VALS | 0x8000, &vals);
        put_attr(&mut b, A_FOPEN_MSS, &65495u16.to_ne_bytes()); // fast open MSS (u16)
        put_attr(&mut b, A_SADDR_IPV4, &[10, 0, 0, 1]); // source
        b
    }

    #[test]
    fn entry_text_and_json() {
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_entry(&mut ip, &entry());
        assert_eq!(ip.p.captured(), "10.0.0.1 age 0.552sec cwnd 14 rtt 23us rttvar 19us fo_mss 65495 source 10.0.0.1\n");
        ip.p = Printer::capture(true, false, false);
        ip.p.start_doc();
        print_entry(&mut ip, &entry());
        ip.p.end_doc();
        assert_eq!(
            ip.p.captured(),
            "[{\"dst\":\"10.0.0.1\",\"age\":0.552,\"cwnd\":14,\"rtt\":2.3e-05,\"rttvar\":1.9e-05,\"fopen_miss\":65495,\"source\":\"10.0.0.1\"}]\n"
        );
    }

    #[test]
    fn filters() {
        let sel = Sel { dst: Some(get_prefix("10.0.0.0/8", AF_UNSPEC).unwrap()), src: None };
        assert!(matched(&entry(), AF_UNSPEC, &sel).is_some());
        assert!(matched(&entry(), AF_INET6, &Sel::default()).is_none());
        let sel = Sel { dst: Some(get_prefix("11.0.0.0/8", AF_UNSPEC).unwrap()), src: None };
        assert!(matched(&entry(), AF_UNSPEC, &sel).is_none());
    }
}
