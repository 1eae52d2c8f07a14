//! `ip link show` against the reference, in throw-away sandboxes.
mod common;
use common::*;

/// A veth pair (v1@v0, both down), a bridge br0 with port p1 (peer p1b),
/// v0's peer moved into the named namespace ns1.
const LAB: &str = "\
ip netns add ns1
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v1 netns ns1
ip link add br0 address 02:00:00:00:00:10 type bridge
ip link add p1 address 02:00:00:00:01:01 type veth peer name p1b address 02:00:00:00:01:02
ip link set p1 master br0
ip link set p1 group 7
ip link set p1b alias 'the other end'
ip link property add dev p1b altname bridge-peer";

#[test]
fn plain_brief_oneline_json() {
    if !can_sandbox("plain_brief_oneline_json") {
        return;
    }
    // a zero queue length is left out; q1's master br9 comes after it in
    // the dump (a listing that streams must wait for its name)
    same_as_reference(
        &format!("{LAB}\nip link set br0 txqueuelen 0\nip link add q1 type dummy\nip link add br9 type bridge\nip link set q1 master br9"),
        "ip link; ip -br link; ip -o link; ip -j link; ip -j -p link show br0; \
         ip -br -j link; ip -c link show p1b; ip -n ns1 link",
    );
}

#[test]
fn details_of_veth_bridge_and_port() {
    if !can_sandbox("details_of_veth_bridge_and_port") {
        return;
    }
    // bridge timers move; keep the rest
    same_as_reference(
        LAB,
        "ip -d link | grep -v _timer; ip -d -j link | sed 's/_timer\":[0-9.]*//g'; \
         ip -d -o link show v0",
    );
}

#[test]
fn statistics() {
    if !can_sandbox("statistics") {
        return;
    }
    // links down: every counter is 0 and stays 0
    same_as_reference(
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02",
        "ip -s link show v0; ip -s -s link show v1; ip -s -j link show v0; \
         ip -s -s -j -p link show v1; ip -s -o link show v0",
    );
}

#[test]
fn selectors_and_errors() {
    if !can_sandbox("selectors_and_errors") {
        return;
    }
    same_as_reference(
        LAB,
        "ip link show master br0; ip link show type bridge_slave; ip -j link show type frob; \
         ip link show group 7; ip link show up; ip link show nomaster; ip link show dev bridge-peer; \
         ip link show nosuch; echo rc=$?; ip link show dev v0 p1; echo rc=$?; \
         ip link show master nosuch; echo rc=$?; ip link show group nope; echo rc=$?",
    );
}

#[test]
fn details_of_macvlan_vxlan_tun() {
    if !can_sandbox("details_of_macvlan_vxlan_tun") {
        return;
    }
    same_as_reference(
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link add mv0 link v0 address 02:00:00:00:0b:01 type macvlan mode source macaddr add 02:00:00:00:0c:01
ip link add vx0 address 02:00:00:00:0c:02 type vxlan id 42 remote 10.1.1.1 dev v0 dstport 4789 nolearning ttl 9
ip link add vx6 address 02:00:00:00:0c:03 type vxlan id 43 group ff05::1 dev v0 dstport 0 flowlabel 0x5
ip tuntap add mode tun tun0 multi_queue
ip tuntap add mode tap tap0
ip link set tap0 address 02:00:00:00:0d:01",
        "ip -d link; ip -d -j link; ip -br link",
    );
}
