//! `ip link add | set | delete | help` compared with the reference in
//! sandboxes. The resulting state is dumped with the reference tool
//! (`/usr/sbin/ip`, `$REF` below), so these tests do not depend on rip's
//! own `link show`.
mod common;
use common::*;

/// The state dump: every link (details, JSON) without the timers that
/// tick (bridge timers) and per-run counters.
const DUMP: &str = r#"
dump() { /usr/sbin/ip "$@" -d -j link show | sed -E 's/"[a-z_]*_timer":[0-9.]+,?//g'; echo; }
"#;

fn check(name: &str, setup: &str, script: &str) {
    if !can_sandbox(name) {
        return;
    }
    same_as_reference(setup, &format!("{DUMP}\n{script}"));
}

#[test]
fn veth_with_peer_in_netns() {
    check(
        "veth_with_peer_in_netns",
        "ip netns add ns1",
        "ip link add v0 address 02:00:00:00:00:01 mtu 9000 txqueuelen 500 type veth \
           peer name v1 address 02:00:00:00:00:02 netns ns1 mtu 1400; echo rc=$?
         dump; dump -n ns1
         ip link add type veth; echo rc=$?
         /usr/sbin/ip -br link | sed 's/  *[0-9a-f:]\\{17\\} / MAC /'",
    );
}

#[test]
fn bridge_with_options_and_ports() {
    check(
        "bridge_with_options_and_ports",
        "",
        "ip link add br0 address 02:00:00:00:00:10 type bridge stp_state 1 forward_delay 400 \
           hello_time 300 max_age 1000 ageing_time 10000 priority 4096 group_fwd_mask 0x8 \
           mcast_snooping 0 nf_call_iptables 1 no_linklocal_learn 1; echo rc=$?
         ip link add p1 address 02:00:00:00:01:01 type veth peer name p1b address 02:00:00:00:01:02
         ip link set p1 master br0; echo rc=$?
         ip link set br0 type bridge priority 8192 vlan_default_pvid 5; echo rc=$?
         ip link set p1 type bridge_slave cost 42 priority 7 guard on learning off; echo rc=$?
         ip link set p1b type bridge_slave cost 1; echo rc=$?
         ip link add br1 type bridge stp_state maybe; echo rc=$?
         ip link add br1 type bridge foo; echo rc=$?
         ip link set br0 master br0; echo rc=$?
         dump
         ip link set p1 nomaster; ip link del br0 type bridge; echo rc=$?
         dump",
    );
}

#[test]
fn failed_add_leaves_nothing() {
    check(
        "failed_add_leaves_nothing",
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02",
        "ip link add x0 type veth peer name v1; echo rc=$?
         ip link add x0 type veth peer name x1 mtu 10; echo rc=$?
         ip link add x0 type veth peer name x1 netns nosuch; echo rc=$?
         ip link add name abcdefghijklmnop type veth peer name p0; echo rc=$?
         ip link add aaaaaaaaaaaaaaaaaaaa type veth; echo rc=$?
         ip link add x0 type dummy; echo rc=$?
         ip link add link v0 name v0.10 type vlan id 10; echo rc=$?
         ip link add x0 type frobnic; echo rc=$?
         ip link add x0 type frobnic foo; echo rc=$?
         ip link add x0; echo rc=$?
         ip link add x0 type vxlan dstport 4789; echo rc=$?
         dump",
    );
}

#[test]
fn set_several_rename_and_move() {
    check(
        "set_several_rename_and_move",
        "ip netns add net0
         ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02",
        "ip link set dev v1 up mtu 1450 txqueuelen 2000 address 02:00:00:00:00:0f \
           alias 'an alias' promisc on arp off group 5; echo rc=$?
         ip link set v1 alias ''; echo rc=$?
         ip link set v1 txqlen -1 addrgenmode none multicast off allmulticast on; echo rc=$?
         ip link set group 5 down; echo rc=$?
         dump
         ip link set dev v0 name net0-bridge netns net0; echo rc=$?
         ip link set lo netns net0; echo rc=$?
         dump; dump -n net0
         ip link del group 5; echo rc=$?
         dump",
    );
}

#[test]
fn set_and_delete_errors() {
    check(
        "set_and_delete_errors",
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02",
        "for c in 'set dev nosuch up' 'set up' 'set v0 frobnicate' 'set v0 promisc maybe' \
              'set v0 mtu abc' 'set v0 mtu 10' 'set v0 address 02:00:00:00:00' \
              'set v0 name abcdefghijklmnopq' 'set v0 name v1' 'set v1 netns nosuch' \
              'set v0 master nosuch' 'set v0 master v1' 'set v0 carrier maybe' \
              'set v0 mtu 1 mtu 2' 'set v0 txqlen 1 qlen 2' 'set v0 alias' 'set v0 index 5' \
              'del nosuch' 'del' 'del lo' 'del v0 frob' 'set v0 type bridge stp_state 1' \
              'add v0 address zz:00:00:00:00:01 type veth' 'add x0 name x1 type veth'; do
           ip link $c; echo \"$c: rc=$?\"
         done 2>&1
         ip link del dev v1; echo rc=$?
         dump",
    );
}

#[test]
fn macvlan_and_vxlan() {
    check(
        "macvlan_and_vxlan",
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02",
        "ip link add mv0 link v0 address 02:00:00:00:0b:01 type macvlan mode bridge; echo rc=$?
         ip link add mv1 link v0 address 02:00:00:00:0b:02 type macvtap mode vepa bcqueuelen 50; echo rc=$?
         ip link add mv2 type macvlan; echo rc=$?
         ip link add mv2 link v0 type macvlan mode br; echo rc=$?
         ip link add vx0 address 02:00:00:00:0c:01 type vxlan id 42 dstport 4789 dev v0 ttl 5 \
           tos inherit ageing 30 nolearning proxy l2miss srcport 100 200; echo rc=$?
         ip link add vx1 address 02:00:00:00:0c:02 type vxlan id 43 local 10.0.0.1 remote 10.0.0.2; echo rc=$?
         ip link add vx2 type vxlan id 44 group 239.1.1.1; echo rc=$?
         ip link add vx2 type vxlan id 44 learning nolearning; echo rc=$?
         ip link add vx2 type vxlan id 16777216; echo rc=$?
         dump",
    );
}

#[test]
fn help_texts() {
    check(
        "help_texts",
        "",
        "ip link help; echo rc=$?
         for t in bridge bridge_slave veth vxlan macvlan vlan bond dummy frob; do
           ip link help $t; echo \"$t rc=$?\"
         done 2>&1
         ip link add x0 type veth foo; echo rc=$?
         ip link add x0 type vlan foo; echo rc=$?",
    );
}

#[test]
fn altnames_xdp_vf_and_absent_kinds() {
    check(
        "altnames_xdp_vf_and_absent_kinds",
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02",
        "ip link property add dev v0 altname uplink altname up2; echo rc=$?
         ip link prop add v0 altname uplink; echo rc=$?
         ip link property del dev v0 altname up2; echo rc=$?
         ip link property foo; echo rc=$?
         ip link set uplink mtu 1400; echo rc=$?
         ip link set v0 xdp off; echo rc=$?
         ip link set v0 xdpgeneric off; echo rc=$?
         ip link set v0 xdp foo; echo rc=$?
         ip link set v0 vf 0 mac 02:00:00:00:00:05 spoofchk on; echo rc=$?
         ip link set v0 vf 1 mtu 1400; echo rc=$?
         ip link set v0 protodown_reason 3 on; echo rc=$?
         ip link add link v0 name v0.10 type vlan id 10 protocol 802.1ad; echo rc=$?
         ip link add link v0 name v0.10 type vlan id 65536; echo rc=$?
         ip link set v0 type vlan id 3; echo rc=$?
         ip link add bond0 type bond mode active-backup miimon 100; echo rc=$?
         ip link add bond0 type bond foo; echo rc=$?
         ip link add g0 type gre remote 10.0.0.1; echo rc=$?
         ip link add t0 type tun; echo rc=$?
         dump",
    );
}

#[test]
fn xstats_and_afstats() {
    check(
        "xstats_and_afstats",
        "ip link add br0 address 02:00:00:00:00:10 type bridge
         ip link add p1 address 02:00:00:00:01:01 type veth peer name p1b address 02:00:00:00:01:02
         ip link set p1 master br0",
        "ip link xstats type bridge; ip -j link xstats type bridge_slave
         ip link xstats type bridge_slave igmp dev p1; echo rc=$?
         ip link xstats type veth; echo rc=$?
         ip link xstats type frob; echo rc=$?
         ip link xstats; echo rc=$?
         ip link afstats; ip link afstats dev nosuch; echo rc=$?",
    );
}

/// Alias names (`lo:1`) stand for their link where the reference's
/// if_nametoindex cuts them at the colon; a colon is the kernel's to refuse.
#[test]
fn alias_names() {
    if !can_sandbox("alias_names") {
        return;
    }
    let out = same_as_reference(
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02",
        "ip link set lo:1 up; echo rc=$?\n\
         ip link del a:b; echo rc=$?\n\
         ip link set v0:x mtu 1400; echo rc=$?\n\
         ip link set dev v0:0 mtu 1300; echo rc=$?\n\
         ip link set v0 name a:b; echo rc=$?\n\
         ip link add c:d type veth peer name e; echo rc=$?\n\
         ip -br link show v0:1; echo rc=$?\n\
         ip link show dev v0:1; echo rc=$?\n\
         ip addr add 10.1.1.1/24 dev v0:1; echo rc=$?\n\
         ip addr add 10.1.2.1/24 dev lo label lo:1; echo rc=$?\n\
         ip addr show lo:1; echo rc=$?\n\
         ip addr show dev v0:1; echo rc=$?\n\
         ip -br addr show dev v0; echo rc=$?\n\
         ip route add 10.9.0.0/16 dev v0:1; echo rc=$?\n\
         ip neigh add 10.1.1.9 lladdr 02:00:00:00:00:01 dev v0:1; echo rc=$?\n\
         ip neigh show dev v0:1; echo rc=$?\n\
         ip route show dev v0:2; echo rc=$?\n\
         ip link set v0 alias x:y; ip link show x:y; echo rc=$?\n\
         ip link property add dev v0 altname v0:alt; echo rc=$?\n\
         ip link show v0:alt; echo rc=$?\n\
         ip -br link",
    );
    assert!(out.stdout.contains("mtu 1300"), "{out:?}");
}

/// Words after `type KIND` of a kind without options are ignored, but an
/// empty kind data (port data for `X_slave`) is sent: a change of a device
/// the kind has no changelink for is refused (EOPNOTSUPP).
#[test]
fn kind_words_without_options() {
    check(
        "kind_words_without_options",
        "ip link add d0 address 02:00:00:00:00:33 type ifb",
        "ip link change d0 type ifb; echo rc=$?
         ip link change d0 type ifb foo; echo rc=$?
         ip link set d0 type nlmon x y; echo rc=$?
         ip link change d0 type team_slave foo; echo rc=$?
         ip link change d0 type bond_slave queue_id 1; echo rc=$?
         ip link add x0 address 02:00:00:00:00:34 type ifb foo; echo rc=$?
         dump",
    );
}

/// `index N` is a long stored in an int (the high bits dropped), then
/// checked positive.
#[test]
fn index_as_a_long_in_an_int() {
    check(
        "index_as_a_long_in_an_int",
        "",
        "for v in -4294967295 4294967297 -1 2147483648 0 x; do ip link change lo index $v; echo rc=$?; done
         ip link add x0 address 02:00:00:00:00:34 index 4294967303 type ifb; echo rc=$?
         /usr/sbin/ip -br link show x0",
    );
}
