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
    same_as_reference(
        SETUP,
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

