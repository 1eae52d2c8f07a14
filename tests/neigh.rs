//! `ip neigh`, compared with the reference in throw-away sandboxes.
mod common;
use common::*;

const SETUP: &str = "\
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 up
ip link set v1 up
ip addr add 10.0.0.1/24 dev v0
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev v0
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:97 dev v0 nud stale
ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:96 dev v0 nud noarp
ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:95 dev v1 router protocol static
ip neigh add proxy 10.0.0.100 dev v0";

#[test]
fn show_forms() {
    if !can_sandbox("show_forms") {
        return;
    }
    // one entry per listing (or a filter) keeps the hash order out of it
    same_on_one_state(
        SETUP,
        "",
        "ip neigh show dev v1; ip -s neigh show 10.0.0.7; ip -j -s neigh show 10.0.0.5; \
         ip -4 neigh show nud noarp; ip -br neigh show dev v1; ip -j -p neigh show proxy; \
         ip -c=always neigh show 10.0.0.5; ip neigh get 10.0.0.9 dev v0; ip neigh show to 10.0.0.8/31",
    );
}

#[test]
fn modify_and_errors() {
    if !can_sandbox("modify_and_errors") {
        return;
    }
    same_as_reference(
        SETUP,
        "ip neigh replace 10.0.0.9 lladdr 02:00:00:00:00:77 dev v0 nud reachable; \
         ip neigh change 10.0.0.7 lladdr 02:00:00:00:00:66 dev v0; \
         ip neigh del 10.0.0.6 dev v0; ip neigh show dev v0 nud all 10.0.0.6; \
         ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev v0; echo rc=$?; \
         ip neigh add 10.0.0.2 lladdr 2:1ff dev v0; echo rc=$?; \
         ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02; echo rc=$?; \
         ip neigh add 10.0.0.2 dev v0 nud frob; echo rc=$?; \
         ip neigh get 10.0.0.2; echo rc=$?; ip neigh flush; echo rc=$?; \
         ip neigh show 10.0.0.9; ip neigh show 10.0.0.7",
    );
}

#[test]
fn flush_verbose() {
    if !can_sandbox("flush_verbose") {
        return;
    }
    same_as_reference(
        SETUP,
        "ip -s neigh flush dev v1 nud permanent; ip -s neigh flush dev v1; \
         ip -s -s neigh flush 10.0.0.7; ip -4 neigh show nud all 10.0.0.0/29",
    );
}


/// `nud` names the reference abbreviates (perm, reach, fail) and those it
/// does not; `managed` entries (state none); the `protocol` filter of
/// show and flush.
#[test]
fn nud_prefixes_managed_and_protocol_filter() {
    if !can_sandbox("nud_prefixes_managed_and_protocol_filter") {
        return;
    }
    let out = same_as_reference(
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02\n\
         ip link add br0 address 02:00:00:00:00:10 type bridge",
        "for s in p pe perm permanent pr prob r reach f fail failed n noa s stal i inc d del all al 0x2 2 -0 ' 2' none; do ip neigh add 10.0.0.1 dev v0 lladdr 02:00:00:00:00:01 nud \"$s\"; echo \"$s: $(ip neigh show dev v0 | head -1)\"; ip neigh show nud \"$s\"; echo rc=$?; ip neigh del 10.0.0.1 dev v0 2>/dev/null; done\n\
         ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 nud perm dev v0; echo rc=$?\n\
         ip neigh add 10.0.0.10 lladdr 02:00:00:00:00:0a nud reach dev v0; echo rc=$?\n\
         ip neigh add 10.0.0.11 nud fail dev v0; echo rc=$?\n\
         ip neigh show nud perm; echo rc=$?\n\
         ip neigh show nud reach; echo rc=$?\n\
         ip neigh show nud fail nud perm | sort; echo rc=$?\n\
         ip neigh replace ::1 managed dev br0; echo rc=$?\n\
         ip neigh replace 2001:db8::7 managed dev br0; echo rc=$?\n\
         ip neigh replace 10.0.0.7 managed nud reachable dev v0; echo rc=$?\n\
         ip neigh add 10.0.0.8 dev v0 managed nud permanent; echo rc=$?\n\
         ip neigh add 10.0.0.20 lladdr 02:00:00:00:00:20 dev v0 protocol 99; echo rc=$?\n\
         ip neigh add 10.0.0.21 lladdr 02:00:00:00:00:21 dev v0 protocol boot; echo rc=$?\n\
         ip neigh show protocol 99; echo rc=$?\n\
         ip neigh show proto 99; echo rc=$?\n\
         ip neigh show protocol boot; echo rc=$?\n\
         ip neigh show protocol 0 | sort; echo rc=$?\n\
         ip neigh show protocol foo; echo rc=$?\n\
         ip -s neigh flush protocol 99; echo rc=$?\n\
         ip neigh flush protocol boot nud all; echo rc=$?\n\
         ip neigh show | sort; echo rc=$?\n\
         ip -d neigh show dev br0 | sort; echo rc=$?",
    );
    assert!(out.stdout.contains("::1 dev br0 managed INCOMPLETE"), "{out:?}");
    assert!(out.stdout.contains("perm: 10.0.0.1 lladdr 02:00:00:00:00:01 PERMANENT"), "{out:?}");
}
