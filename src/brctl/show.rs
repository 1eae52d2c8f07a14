//! Text layouts of `brctl show`, `showmacs` and `showstp` (bridge-utils
//! 1.7.1, tabs and all). Pure functions of what sysfs said.

use std::fmt::Write;

use super::sysfs::{BridgeInfo, Fdb, PortInfo};

pub const SHOW_HEADER: &str = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n";
pub const MACS_HEADER: &str = "port no\tmac addr\t\tis local?\tageing timer\n";

/// A time or timer in centiseconds as `%4i.%.2i` (seconds, hundredths).
pub fn timer(cs: u64) -> String {
    format!("{:4}.{:02}", cs / 100, cs % 100)
}

/// One bridge of `brctl show`: the ports after the STP column, one per
/// line, the later ones indented to that column.
pub fn show_line(name: &str, info: &BridgeInfo, ports: &[String]) -> String {
    let stp = if info.stp_state != 0 { "yes" } else { "no" };
    let mut s = format!("{name}\t\t{}\t{stp}\t\t", info.bridge_id);
    for (i, p) in ports.iter().enumerate() {
        if i > 0 {
            s.push_str("\n\t\t\t\t\t\t\t");
        }
        s.push_str(p);
    }
    s.push('\n');
    s
}

/// `brctl showmacs`: header, then the entries sorted by MAC address.
pub fn showmacs(mut entries: Vec<Fdb>) -> String {
    entries.sort_by_key(|e| e.mac);
    let mut s = String::from(MACS_HEADER);
    for e in &entries {
        let _ = writeln!(
            s,
            "{:3}\t{}\t{}\t\t{}",
            e.port,
            crate::ip::common::fmt_lladdr(&e.mac),
            if e.is_local { "yes" } else { "no" },
            timer(u64::from(e.ageing))
        );
    }
    s
}

/// The ` flags` line: each flag that is set, followed by a space.
fn flags(s: &mut String, set: &[(bool, &str)]) {
    s.push_str(" flags\t\t\t");
    for (on, name) in set {
        if *on {
            s.push_str(name);
            s.push(' ');
        }
    }
    s.push('\n');
}

const PORT_STATES: [&str; 5] = [
    "disabled",
    "listening",
    "learning",
    "forwarding",
    "blocking",
];

/// `brctl showstp`: the bridge block, then one block per port.
pub fn showstp(name: &str, b: &BridgeInfo, ports: &[PortInfo]) -> String {
    let mut s = String::new();
    let t = timer;
    let _ = writeln!(s, "{name}");
    let _ = writeln!(s, " bridge id\t\t{}", b.bridge_id);
    let _ = writeln!(s, " designated root\t{}", b.designated_root);
    let _ = writeln!(
        s,
        " root port\t\t{:4}\t\t\tpath cost\t\t{:4}",
        b.root_port, b.root_path_cost
    );
    let _ = writeln!(
        s,
        " max age\t\t{}\t\t\tbridge max age\t\t{}",
        t(b.max_age),
        t(b.bridge_max_age)
    );
    let _ = writeln!(
        s,
        " hello time\t\t{}\t\t\tbridge hello time\t{}",
        t(b.hello_time),
        t(b.bridge_hello_time)
    );
    let _ = writeln!(
        s,
        " forward delay\t\t{}\t\t\tbridge forward delay\t{}",
        t(b.forward_delay),
        t(b.bridge_forward_delay)
    );
    let _ = writeln!(s, " ageing time\t\t{}", t(b.ageing_time));
    let _ = writeln!(
        s,
        " hello timer\t\t{}\t\t\ttcn timer\t\t{}",
        t(b.hello_timer),
        t(b.tcn_timer)
    );
    let _ = writeln!(
        s,
        " topology change timer\t{}\t\t\tgc timer\t\t{}",
        t(b.topology_change_timer),
        t(b.gc_timer)
    );
    flags(
        &mut s,
        &[
            (b.topology_change, "TOPOLOGY_CHANGE"),
            (b.topology_change_detected, "TOPOLOGY_CHANGE_DETECTED"),
        ],
    );
    s.push_str("\n\n");
    for p in ports {
        let state = PORT_STATES
            .get(p.state as usize)
            .copied()
            .unwrap_or("<unknown>");
        let _ = writeln!(s, "{} ({})", p.name, p.port_no);
        let _ = writeln!(s, " port id\t\t{:04x}\t\t\tstate\t\t{state:>15}", p.port_id);
        let _ = writeln!(
            s,
            " designated root\t{}\tpath cost\t\t{:4}",
            p.designated_root, p.path_cost
        );
        let _ = writeln!(
            s,
            " designated bridge\t{}\tmessage age timer\t{}",
            p.designated_bridge,
            t(p.message_age_timer)
        );
        let _ = writeln!(
            s,
            " designated port\t{:04x}\t\t\tforward delay timer\t{}",
            p.designated_port,
            t(p.forward_delay_timer)
        );
        let _ = writeln!(
            s,
            " designated cost\t{:4}\t\t\thold timer\t\t{}",
            p.designated_cost,
            t(p.hold_timer)
        );
        flags(
            &mut s,
            &[
                (p.config_pending, "CONFIG_PENDING"),
                (p.change_ack, "TOPOLOGY_CHANGE_ACK"),
            ],
        );
        if p.hairpin_mode != 0 {
            let _ = writeln!(s, " hairpin mode\t\t{:4}", p.hairpin_mode);
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn br() -> BridgeInfo {
        BridgeInfo {
            bridge_id: "8000.020000000101".into(),
            designated_root: "8000.020000000101".into(),
            max_age: 2000,
            hello_time: 200,
            forward_delay: 1500,
            ageing_time: 30000,
            ..Default::default()
        }
    }

    #[test]
    fn timers() {
        assert_eq!(timer(0), "   0.00");
        assert_eq!(timer(30000), " 300.00");
        assert_eq!(timer(1496), "  14.96");
    }

    #[test]
    fn show_ports_continue_in_their_column() {
        let ports = vec!["p1".to_string(), "p2".to_string()];
        assert_eq!(
            show_line("br0", &br(), &ports),
            "br0\t\t8000.020000000101\tno\t\tp1\n\t\t\t\t\t\t\tp2\n"
        );
        let mut b = br();
        b.stp_state = 2;
        assert_eq!(
            show_line("br1", &b, &[]),
            "br1\t\t8000.020000000101\tyes\t\t\n"
        );
    }

    #[test]
    fn macs_sorted_by_address() {
        let e = |last: u8, port: u16, is_local: bool| Fdb {
            mac: [2, 0, 0, 0, 0, last],
            port,
            is_local,
            ageing: 3,
        };
        let out = showmacs(vec![e(9, 2, true), e(1, 1, false)]);
        assert_eq!(
            out,
            "port no\tmac addr\t\tis local?\tageing timer\n  1\t02:00:00:00:00:01\tno\t\t   0.03\n  2\t02:00:00:00:00:09\tyes\t\t   0.03\n"
        );
    }

    #[test]
    fn stp_blocks() {
        let mut b = br();
        b.topology_change_detected = true;
        let p = PortInfo {
            name: "p2".into(),
            port_no: 2,
            port_id: 0x4002,
            state: 3,
            designated_port: 0x8002,
            path_cost: 2,
            hairpin_mode: 1,
            change_ack: true,
            ..Default::default()
        };
        let out = showstp("br0", &b, &[p]);
        assert!(out.contains(" flags\t\t\tTOPOLOGY_CHANGE_DETECTED \n\n\np2 (2)\n"));
        assert!(out.contains(" port id\t\t4002\t\t\tstate\t\t     forwarding\n"));
        assert!(out.contains(" designated port\t8002\t\t\tforward delay timer\t   0.00\n"));
        assert!(out.ends_with(" flags\t\t\tTOPOLOGY_CHANGE_ACK \n hairpin mode\t\t   1\n\n"));
    }
}
