//! Link statistics as `ip -s link` (and `ip -s addr`) print them: the
//! `RX:`/`TX:` tables (`-s -s` adds the error rows), `-h`/`-iec` human
//! numbers, and the `stats64` (or `stats`) JSON object.

use netlink_packet_route::link::{LinkAttribute, LinkMessage, Stats64};
use netlink_packet_route::RouteNetlinkMessage;

use crate::ip::Ip;
use crate::print::{Ctx, Printer};

/// The link's counters: IFLA_STATS64 when present, else IFLA_STATS, with
/// the JSON key to print them under.
pub fn link_stats(m: &LinkMessage) -> Option<(Stats64, &'static str)> {
    let mut s32 = None;
    for a in &m.attributes {
        match a {
            LinkAttribute::Stats64(s) => return Some((*s, "stats64")),
            LinkAttribute::Stats(s) => s32 = Some(*s),
            _ => {}
        }
    }
    let s = s32?;
    let w = |v: u32| v as u64;
    let mut t = Stats64::default();
    t.rx_packets = w(s.rx_packets);
    t.tx_packets = w(s.tx_packets);
    t.rx_bytes = w(s.rx_bytes);
    t.tx_bytes = w(s.tx_bytes);
    t.rx_errors = w(s.rx_errors);
    t.tx_errors = w(s.tx_errors);
    t.rx_dropped = w(s.rx_dropped);
    t.tx_dropped = w(s.tx_dropped);
    t.multicast = w(s.multicast);
    t.collisions = w(s.collisions);
    t.rx_length_errors = w(s.rx_length_errors);
    t.rx_over_errors = w(s.rx_over_errors);
    t.rx_crc_errors = w(s.rx_crc_errors);
    t.rx_frame_errors = w(s.rx_frame_errors);
    t.rx_fifo_errors = w(s.rx_fifo_errors);
    t.rx_missed_errors = w(s.rx_missed_errors);
    t.tx_aborted_errors = w(s.tx_aborted_errors);
    t.tx_carrier_errors = w(s.tx_carrier_errors);
    t.tx_fifo_errors = w(s.tx_fifo_errors);
    t.tx_heartbeat_errors = w(s.tx_heartbeat_errors);
    t.tx_window_errors = w(s.tx_window_errors);
    t.rx_compressed = w(s.rx_compressed);
    t.tx_compressed = w(s.tx_compressed);
    t.rx_nohandler = w(s.rx_nohandler);
    Some((
        t,
        "stats",
    ))
}

fn carrier_changes(m: &LinkMessage) -> Option<u32> {
    m.attributes.iter().find_map(|a| match a {
        LinkAttribute::CarrierChanges(c) => Some(*c),
        _ => None,
    })
}

/// Append a counter in a column of `width` followed by a space; with
/// `-h` in k/M/G... units of 1000 (1024 and an `i` with `-iec`).
fn push_num(out: &mut String, width: usize, v: u64, human: bool, iec: bool) {
    use std::fmt::Write;
    let base: u64 = if iec { 1024 } else { 1000 };
    if !human || v < base {
        let _ = write!(out, "{v:>width$} ");
        return;
    }
    let prefixes = ['k', 'M', 'G', 'T', 'P', 'E'];
    let mut pi = 0;
    let mut pow: u64 = 1;
    loop {
        pow = pow.saturating_mul(base);
        if v / base < pow || pi + 1 >= prefixes.len() {
            break;
        }
        pi += 1;
    }
    let whole = v / pow;
    let mut prec = 2usize;
    let mut lim = 1u64;
    while prec > 0 {
        lim *= 10;
        if whole < lim {
            break;
        }
        prec -= 1;
    }
    let s = format!(
        "{:.*}{}{}",
        prec,
        v as f64 / pow as f64,
        prefixes[pi],
        if iec { "i" } else { "" }
    );
    let _ = write!(out, "{s:>width$} ");
}

/// The number of decimal digits of `v`.
fn digits(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

/// Widen the columns to fit the values (not with `-h`).
fn size_columns(cols: &mut [usize; 8], vals: [u64; 8], human: bool) {
    if human {
        return;
    }
    for (c, v) in cols.iter_mut().zip(vals) {
        let len = digits(v);
        if len > *c {
            *c = len;
        }
    }
}

/// Print the link's counters. `lead`: each text line is preceded by the
/// line separator (inside an `ip link` entry); otherwise each line ends
/// with a newline (after the addresses of `ip addr`).
pub fn print_stats(ip: &mut Ip, m: &LinkMessage, lead: bool) {
    let fetched;
    let m = if link_stats(m).is_some() {
        m
    } else {
        // the IPv6 link dump has no counters: ask for the link itself
        let mut q = LinkMessage::default();
        q.header.index = m.header.index;
        match ip.nl().and_then(|nl| nl.get(RouteNetlinkMessage::GetLink(q), 0)) {
            Ok(RouteNetlinkMessage::NewLink(l)) => {
                fetched = l;
                &fetched
            }
            _ => return,
        }
    };
    let Some((s, key)) = link_stats(m) else { return };
    let cc = carrier_changes(m);
    let level = ip.o.stats;
    print_stats64(ip, &s, key, cc, level, lead);
}

/// Print a set of link counters (`ip -s link`, `ip stats ... group link`).
/// `cc`: the carrier changes, when the kernel gave them (the `transns`
/// column of the TX error row). `level` > 1 adds the error rows.
pub fn print_stats64(ip: &mut Ip, s: &Stats64, key: &str, cc: Option<u32>, level: u32, lead: bool) {
    let s = *s;
    let human = ip.o.human > 0;
    let iec = ip.o.iec;
    let p = &mut ip.p;
    if p.is_json() {
        stats_json(p, &s, key, cc, level);
        return;
    }
    let mut cols: [usize; 8] = [10, 7, 6, 7, 7, 7, 10, 9];
    size_columns(
        &mut cols,
        [
            s.rx_bytes,
            s.rx_packets,
            s.rx_errors,
            s.rx_dropped,
            s.rx_missed_errors,
            s.multicast,
            s.rx_compressed,
            s.rx_nohandler,
        ],
        human,
    );
    size_columns(
        &mut cols,
        [
            s.tx_bytes,
            s.tx_packets,
            s.tx_errors,
            s.tx_dropped,
            s.tx_carrier_errors,
            s.collisions,
            s.tx_compressed,
            0,
        ],
        human,
    );
    if level > 1 {
        size_columns(
            &mut cols,
            [
                0,
                s.rx_length_errors,
                s.rx_crc_errors,
                s.rx_frame_errors,
                s.rx_fifo_errors,
                s.rx_over_errors,
                s.rx_nohandler,
                0,
            ],
            human,
        );
        size_columns(
            &mut cols,
            [
                0,
                s.tx_aborted_errors,
                s.tx_fifo_errors,
                s.tx_window_errors,
                s.tx_heartbeat_errors,
                cc.unwrap_or(0) as u64,
                0,
                0,
            ],
            human,
        );
    }
    use std::fmt::Write;
    let c = cols;
    // a header row: the prefix, then each name right-aligned in its column
    let head = |prefix: &str, cells: &[(&str, usize)]| {
        let mut h = String::with_capacity(80);
        h.push_str(prefix);
        for (name, w) in cells {
            let _ = write!(h, " {name:>w$}");
        }
        h
    };
    // a value row; error rows leave the first column blank
    let vals = |blank_first: bool, cells: &[(usize, u64)]| {
        let mut l = String::with_capacity(80);
        l.push_str("    ");
        if blank_first {
            let _ = write!(l, "{:>w$} ", "", w = c[0]);
        }
        for (w, v) in cells {
            push_num(&mut l, *w, *v, human, iec);
        }
        l
    };
    let comp = |v: u64| if v != 0 { "compressed" } else { "" };
    let opt = |v: u64, w: usize| if v != 0 { vec![(w, v)] } else { vec![] };
    let mut lines: Vec<String> = Vec::with_capacity(8);
    lines.push(head(
        "    RX:",
        &[
            ("bytes", c[0] - 4),
            ("packets", c[1]),
            ("errors", c[2]),
            ("dropped", c[3]),
            ("missed", c[4]),
            ("mcast", c[5]),
            (comp(s.rx_compressed), c[6]),
        ],
    ));
    let mut cells = vec![
        (c[0], s.rx_bytes),
        (c[1], s.rx_packets),
        (c[2], s.rx_errors),
        (c[3], s.rx_dropped),
        (c[4], s.rx_missed_errors),
        (c[5], s.multicast),
    ];
    cells.extend(opt(s.rx_compressed, c[6]));
    lines.push(vals(false, &cells));
    if level > 1 {
        let mut names = vec![
            ("length", c[1]),
            ("crc", c[2]),
            ("frame", c[3]),
            ("fifo", c[4]),
            ("overrun", c[5]),
        ];
        if s.rx_nohandler != 0 {
            names.push(("otherhost", c[6]));
        }
        lines.push(head(&format!("    {:<w$}", "RX errors:", w = c[0]), &names));
        let mut cells = vec![
            (c[1], s.rx_length_errors),
            (c[2], s.rx_crc_errors),
            (c[3], s.rx_frame_errors),
            (c[4], s.rx_fifo_errors),
            (c[5], s.rx_over_errors),
        ];
        cells.extend(opt(s.rx_nohandler, c[6]));
        lines.push(vals(true, &cells));
    }
    lines.push(head(
        "    TX:",
        &[
            ("bytes", c[0] - 4),
            ("packets", c[1]),
            ("errors", c[2]),
            ("dropped", c[3]),
            ("carrier", c[4]),
            ("collsns", c[5]),
            (comp(s.tx_compressed), c[6]),
        ],
    ));
    let mut cells = vec![
        (c[0], s.tx_bytes),
        (c[1], s.tx_packets),
        (c[2], s.tx_errors),
        (c[3], s.tx_dropped),
        (c[4], s.tx_carrier_errors),
        (c[5], s.collisions),
    ];
    cells.extend(opt(s.tx_compressed, c[6]));
    lines.push(vals(false, &cells));
    if level > 1 {
        lines.push(head(
            &format!("    {:<w$}", "TX errors:", w = c[0]),
            &[
                ("aborted", c[1]),
                ("fifo", c[2]),
                ("window", c[3]),
                ("heartbt", c[4]),
                (if cc.is_some() { "transns" } else { "" }, c[5]),
            ],
        ));
        let mut cells = vec![
            (c[1], s.tx_aborted_errors),
            (c[2], s.tx_fifo_errors),
            (c[3], s.tx_window_errors),
            (c[4], s.tx_heartbeat_errors),
        ];
        // no carrier changes (`ip stats`): an empty column, no value
        cells.extend(cc.map(|n| (c[5], n as u64)));
        lines.push(vals(true, &cells));
    }
    for l in lines {
        if lead {
            p.nl();
            p.text(&l);
        } else {
            p.text(&l);
            p.text("\n");
        }
    }
}

fn stats_json(p: &mut Printer, s: &Stats64, key: &str, cc: Option<u32>, level: u32) {
    let j = Ctx::Json;
    p.open_obj(j, key);
    p.open_obj(j, "rx");
    p.uint(j, "bytes", "", s.rx_bytes);
    p.uint(j, "packets", "", s.rx_packets);
    p.uint(j, "errors", "", s.rx_errors);
    p.uint(j, "dropped", "", s.rx_dropped);
    p.uint(j, "over_errors", "", s.rx_over_errors);
    p.uint(j, "multicast", "", s.multicast);
    if s.rx_compressed != 0 {
        p.uint(j, "compressed", "", s.rx_compressed);
    }
    if level > 1 {
        p.uint(j, "length_errors", "", s.rx_length_errors);
        p.uint(j, "crc_errors", "", s.rx_crc_errors);
        p.uint(j, "frame_errors", "", s.rx_frame_errors);
        p.uint(j, "fifo_errors", "", s.rx_fifo_errors);
        p.uint(j, "missed_errors", "", s.rx_missed_errors);
        if s.rx_nohandler != 0 {
            p.uint(j, "nohandler", "", s.rx_nohandler);
        }
    }
    p.close_obj(j);
    p.open_obj(j, "tx");
    p.uint(j, "bytes", "", s.tx_bytes);
    p.uint(j, "packets", "", s.tx_packets);
    p.uint(j, "errors", "", s.tx_errors);
    p.uint(j, "dropped", "", s.tx_dropped);
    p.uint(j, "carrier_errors", "", s.tx_carrier_errors);
    p.uint(j, "collisions", "", s.collisions);
    if s.tx_compressed != 0 {
        p.uint(j, "compressed", "", s.tx_compressed);
    }
    if level > 1 {
        p.uint(j, "aborted_errors", "", s.tx_aborted_errors);
        p.uint(j, "fifo_errors", "", s.tx_fifo_errors);
        p.uint(j, "window_errors", "", s.tx_window_errors);
        p.uint(j, "heartbeat_errors", "", s.tx_heartbeat_errors);
        if let Some(c) = cc {
            p.uint(j, "carrier_changes", "", c as u64);
        }
    }
    p.close_obj(j);
    p.close_obj(j);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(width: usize, v: u64, human: bool, iec: bool) -> String {
        let mut s = String::new();
        push_num(&mut s, width, v, human, iec);
        s
    }

    #[test]
    fn human_numbers() {
        assert_eq!(num(10, 856800, true, false), "      857k ");
        assert_eq!(num(10, 856800, true, true), "     837ki ");
        assert_eq!(num(7, 999, true, false), "    999 ");
        assert_eq!(num(7, 1500, true, false), "  1.50k ");
        assert_eq!(num(7, 15000, true, false), "  15.0k ");
        assert_eq!(num(10, 2_500_000, true, false), "     2.50M ");
        assert_eq!(num(6, 0, false, false), "     0 ");
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use crate::ip::Opts;

    fn text(stats: u32, s: Stats64) -> String {
        let mut ip = Ip::new(Opts { stats, ..Opts::default() });
        ip.p = Printer::capture(false, false, false);
        let mut m = LinkMessage::default();
        m.attributes.push(LinkAttribute::Stats64(s));
        m.attributes.push(LinkAttribute::CarrierChanges(3));
        print_stats(&mut ip, &m, false);
        ip.p.captured().to_string()
    }

    #[test]
    fn columns() {
        let z = text(2, Stats64::default());
        assert_eq!(
            z,
            "    RX:  bytes packets errors dropped  missed   mcast           \n\
             \x20            0       0      0       0       0       0 \n\
             \x20   RX errors:  length    crc   frame    fifo overrun\n\
             \x20                    0      0       0       0       0 \n\
             \x20   TX:  bytes packets errors dropped carrier collsns           \n\
             \x20            0       0      0       0       0       0 \n\
             \x20   TX errors: aborted   fifo  window heartbt transns\n\
             \x20                    0      0       0       0       3 \n"
        );
        // an 11-digit byte count widens the first column
        let mut s = Stats64::default();
        s.rx_bytes = 12_345_678_901;
        let w = text(1, s);
        assert!(w.starts_with("    RX:   bytes packets"), "{w}");
        assert!(w.contains("\n    12345678901       0 "), "{w}");
        let w = text(2, s);
        assert!(w.contains("\n    RX errors:   length    crc"), "{w}");
        assert!(w.contains("\n    TX errors:  aborted   fifo"), "{w}");
    }
}
