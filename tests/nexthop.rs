//! `ip nexthop`, routes with `nhid` and the global `-echo`, compared with
//! the reference in throw-away sandboxes.
mod common;
use common::*;

const SETUP: &str = "\
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 up
ip link set v1 up
ip addr add 10.0.0.1/24 dev v0
ip addr add 10.0.1.1/24 dev v1
ip -6 addr add 2001:db8::1/64 dev v0 nodad
ip nexthop add id 1 via 10.0.0.2 dev v0
ip nexthop add id 2 via 10.0.0.3 dev v0 proto static
ip nexthop add id 3 dev v1
ip nexthop add id 4 blackhole
ip nexthop add id 5 via 2001:db8::2 dev v0
ip nexthop add id 10 group 1,3/2
ip nexthop add id 12 group 1/2 type resilient buckets 4 idle_timer 120
ip nexthop add id 20 via 10.0.0.5 fdb
ip route add 172.16.0.0/16 nhid 1
ip route add 172.17.0.0/16 nhid 10";

#[test]
fn listings() {
    if !can_sandbox("listings") {
        return;
    }
    same_as_reference(
        SETUP,
        "ip nexthop; ip -j nexthop; ip -d nexthop show id 12; ip -j -p nexthop show groups; \
         ip -4 nexthop; ip -6 nexthop; ip nexthop show dev v0; ip nexthop show protocol 4; \
         ip nexthop get id 20; ip -d route show 172.17.0.0/16; ip -j route show 172.16.0.0/16; \
         ip nexthop bucket show id 12 | sed -E 's/idle_time [0-9.e+-]+/T/'",
    );
}

#[test]
fn changes_echo_and_errors() {
    if !can_sandbox("changes_echo_and_errors") {
        return;
    }
    let out = same_as_reference(
        SETUP,
        "ip -echo nexthop add id 30 via 10.0.1.2 dev v1 onlink; ip -echo nexthop replace id 30 dev v1; \
         ip -echo nexthop del id 30; ip -echo route add 172.18.0.0/16 nhid 2; \
         ip -echo route del 172.18.0.0/16; ip -echo addr add 10.0.9.1/24 dev v0; \
         ip nexthop add id 31 group 1/99; echo rc=$?; ip nexthop add id 31 group 1,0; echo rc=$?; \
         ip nexthop add id x; echo rc=$?; ip nexthop del id 99; echo rc=$?; \
         ip nexthop flush id 99; echo rc=$?; ip nexthop flush dev v1; ip nexthop flush groups; \
         ip nexthop flush; ip nexthop flush; ip nexthop frob; echo rc=$?",
    );
    // both sides print the same; check that it is what is expected too
    assert!(out.stdout.contains("id 30 via 10.0.1.2 dev v1 scope link onlink \n"), "{}", out.stdout);
    assert!(out.stdout.contains("Deleted id 30 dev v1 scope host \n"), "{}", out.stdout);
    assert!(out.stdout.contains("Nothing to flush\n"), "{}", out.stdout);
}

#[test]
fn echo_json_is_valid() {
    if !can_sandbox("echo_json_is_valid") {
        return;
    }
    // the reference writes `[{{...}}]` here: rip writes one valid array
    let out = rip(
        SETUP,
        "ip -j -echo nexthop add id 40 via 10.0.0.2 dev v0; ip -j -echo nexthop del id 40; \
         ip -j -echo route add 172.19.0.0/16 nhid 1",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "[{\"id\":40,\"gateway\":\"10.0.0.2\",\"dev\":\"v0\",\"scope\":\"link\",\"flags\":[]}]\n\
         [{\"deleted\":true,\"id\":40,\"gateway\":\"10.0.0.2\",\"dev\":\"v0\",\"scope\":\"link\",\"flags\":[]}]\n\
         [{\"dst\":\"172.19.0.0/16\",\"nhid\":1,\"gateway\":\"10.0.0.2\",\"dev\":\"v0\",\"flags\":[]}]\n"
    );
}

/// A `help` word among the nexthop's or the selector's words is the
/// usage (exit 255); a prefix of it is a bad argument.
#[test]
fn help_among_the_words() {
    if !can_sandbox("help_among_the_words") {
        return;
    }
    let out = same_as_reference(
        SETUP,
        "ip nexthop add help; echo rc=$?; ip nexthop add id 50 dev v0 help; echo rc=$?
         ip nexthop del help; echo rc=$?; ip nexthop flush help; echo rc=$?
         ip nexthop bucket list help; echo rc=$?; ip nexthop add id x help; echo rc=$?
         ip nexthop add he; echo rc=$?; ip nexthop",
    );
    assert!(out.stderr.contains("Usage: ip nexthop"), "{out:?}");
}
