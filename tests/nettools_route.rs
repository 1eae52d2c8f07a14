//! The `route` and `netstat` applets against net-tools 2.10, each in a
//! sandbox (rip invoked by those names).
mod common;
use common::*;

/// No DNS (lookups fail at once), no IPv6 (quiet counters), and v0
/// 10.0.0.1/24 up whose peer v1 (10.0.0.2/24) is in namespace "peer".
const LAN: &str = "\
echo 'nameserver 127.0.0.1' >/tmp/resolv.conf
mount --bind /tmp/resolv.conf /etc/resolv.conf
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add peer
ip netns exec peer sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v1 netns peer
ip -n peer link set v1 up
ip link set v0 up
ip addr add 10.0.0.1/24 brd + dev v0
ip -n peer addr add 10.0.0.2/24 brd + dev v1";

#[test]
fn versions_and_usage_without_privileges() {
    let out = run_as("route", &["-V"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("net-tools 2.10\n+NEW_ADDRT"));
    assert_eq!(out.status.code(), Some(0));
    let out = run_as("route", &["foo"]);
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("Usage: route [-nNvee] [-FC] [<AF>]"));
    assert_eq!(out.status.code(), Some(3));
    let out = run_as("route", &["-A", "foo"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "Unknown address family `foo'.\n");
    assert_eq!(out.status.code(), Some(1));
    let out = run_as("netstat", &["-r", "-i"]);
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("usage: netstat [-vWeenNcCF]"));
    assert_eq!(out.status.code(), Some(3));
    let out = run_as("netstat", &["-t"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not implemented"));
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn tables_and_changes() {
    if !can_sandbox("tables_and_changes") {
        return;
    }
    let out = same_as_reference(
        &format!(
            "{LAN}
ip route add 172.16.0.0/16 via 10.0.0.2 metric 5
ip route add unreachable 10.99.0.0/16"
        ),
        "route add default gw 10.0.0.2; echo rc=$?
         route add -net 10.8.0.0 netmask 255.255.0.0 gw 10.0.0.2 mss 1400 window 8192 irtt 300; echo rc=$?
         route add -host 10.0.0.99 dev v0; echo rc=$?
         route add -net 10.7.0.0 netmask 255.255.0.0 gw 192.168.99.1; echo rc=$?
         route add -net 10.7.0.1 netmask 255.255.0.0 gw 10.0.0.2; echo rc=$?
         route add -net 10.7.0.0/16 gw 10.0.0.2 metric x; echo rc=$?
         route del -host 10.0.0.77; echo rc=$?
         route -n; route -e; route -nee; route
         netstat -rn; netstat -rne; netstat -i; netstat -ia
         route del -net 172.16.0.0/16; route del default; route -n
         ip route show",
    );
    assert!(out.stdout.contains("0.0.0.0         10.0.0.2        0.0.0.0         UG    0      0        0 v0\n"));
    assert!(out.stdout.contains("10.8.0.0        10.0.0.2        255.255.0.0     UG     1400 8192     300 v0\n"));
    assert!(out.stderr.contains("SIOCADDRT: Network is unreachable\n"));
    assert!(out.stderr.contains("SIOCDELRT: No such process\n"));
}

#[test]
fn inet6_routes() {
    if !can_sandbox("inet6_routes") {
        return;
    }
    same_as_reference(
        "echo 'nameserver 127.0.0.1' >/tmp/resolv.conf
mount --bind /tmp/resolv.conf /etc/resolv.conf
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 addrgenmode none
ip link set v1 addrgenmode none
ip link set v0 up
ip link set v1 up
ip addr add 2001:db8::1/64 dev v0",
        "route -A inet6 add 2001:db8:7::/48 gw 2001:db8::3; echo rc=$?
         route -6 add 2001:db8:8::/48 dev v0 metric 7; echo rc=$?
         route -6 add 2001:db8:9::5 v0; echo rc=$?
         route -6 add 2001:db8:7::/200 v0; echo rc=$?
         route -6 add 2001:db8:7::/48 dev nosuch; echo rc=$?
         route -A inet6 del 2001:db8:7::/48 gw 2001:db8::3; echo rc=$?
         route -6 -n | grep -v ' Un \\|ff00::/8'; netstat -rn -6 | grep 2001:db8:9
         ip -6 route show",
    );
}
