//! The net-tools applets `ifconfig` and `arp` against net-tools 2.10, each
//! side in its own sandbox (rip linked as ifconfig/arp on its side).
mod common;
use common::*;

/// The sandbox (tests/common) already links `ifconfig` and `arp` to rip
/// on rip's side and to net-tools on the reference side; this only
/// checks that the side under test is what it claims.
const LINKS: &str = "";

/// A veth pair without IPv6 (deterministic counters), v0 up with an
/// address, v1 down.
const PAIR: &str = "sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 up
ip addr add 10.0.0.1/24 brd + dev v0";

fn have_nettools(test: &str) -> bool {
    if !std::path::Path::new("/sbin/ifconfig").exists() || !std::path::Path::new("/usr/sbin/arp").exists() {
        eprintln!("SKIPPED {test}: net-tools (the reference) is not installed");
        return false;
    }
    can_sandbox(test)
}

#[test]
fn version_and_usage_without_privileges() {
    let out = run_as("ifconfig", &["-V"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "net-tools 2.10\n");
    let out = run_as("ifconfig", &["-x"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ifconfig: option `-x' not recognised.\nifconfig: `--help' gives usage information.\n"
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run_as("arp", &["-x"]);
    // getopt names the program by argv[0] as given (here a path), as the
    // reference does
    let err = String::from_utf8_lossy(&out.stderr);
    let (prog, rest) = err.split_once(": ").unwrap();
    assert!(prog.ends_with("/arp"), "{err}");
    assert!(rest.starts_with("invalid option -- 'x'\nUsage:\n"), "{err}");
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn listings() {
    if !have_nettools("listings") {
        return;
    }
    // rip's side really runs rip
    let o = rip("", &format!("{LINKS}readlink \"$(command -v ifconfig)\" \"$(command -v arp)\""));
    assert_eq!(o.stdout, "rip\nrip\n");
    let out = same_as_reference(
        &format!(
            "{PAIR}
ip link add eth10 address 02:00:00:00:10:01 type veth peer name eth9 address 02:00:00:00:10:02
ip addr add 10.10.0.2/24 dev eth10 label eth10:3
ip addr add 10.10.0.3/24 dev eth10 label eth10:x
ip addr add 10.0.0.5/24 brd + dev v0 label v0:0"
        ),
        &format!(
            "{LINKS}ifconfig; ifconfig -a; ifconfig -s; ifconfig -a -s; ifconfig v0:0; ifconfig v0:7
             ifconfig -s lo; ifconfig nosuch; echo rc=$?; ifconfig -s nosuch; echo rc=$?"
        ),
    );
    assert!(out.stdout.contains("v0:0: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500\n"));
}

#[test]
fn changes() {
    if !have_nettools("changes") {
        return;
    }
    same_as_reference(
        PAIR,
        &format!(
            "{LINKS}ifconfig v1 192.168.100.1; ifconfig v1 172.16.5.1/16 up
             ifconfig v0 add 10.0.0.7; ifconfig v0 add 10.0.0.8; ifconfig v0 del 10.0.0.7
             ifconfig v0 mtu 1400 txqueuelen 0x20 -arp promisc; ifconfig v1 down
             ifconfig v0 mtu 10; echo rc=$?; ifconfig nosuch up; echo rc=$?
             ifconfig v0 10.0.0.1/abc; echo rc=$?; ifconfig v0 999.1.1.1; echo rc=$?
             ip -4 addr; ip link; ifconfig -a -s"
        ),
    );
}

#[test]
fn arp_table() {
    if !have_nettools("arp_table") {
        return;
    }
    same_as_reference(
        PAIR,
        &format!(
            "{LINKS}arp -n; arp -s 10.0.0.9 02:00:00:00:00:99; arp -n; arp -an
             arp -i v0 -Ds 10.0.0.50 v0 pub; arp -an 10.0.0.50; arp -n 10.0.0.77; arp -nv -i nosuch
             arp -d 10.0.0.50; echo rc=$?; arp -i v0 -d 10.0.0.50 pub; arp -d 10.0.0.9
             arp -s 10.0.0.9 zz; echo rc=$?; arp -d 10.0.0.77 bogus; echo rc=$?; arp -n"
        ),
    );
}
