//! `ip maddress`, `netconf`, `addrlabel`, `ntable`, `token` and `mroute`
//! compared with the reference in sandboxes (the conformance cases cover
//! the details; these check the round trips end to end).
mod common;
use common::*;

const VETH: &str =
    "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02";

#[test]
fn change_and_show() {
    if !can_sandbox("change_and_show") {
        return;
    }
    let out = same_as_reference(
        VETH,
        "ip maddr add 01:00:5e:00:00:05 dev v0; echo rc=$?
         ip maddr show dev v0; ip -j maddr show dev v0
         sysctl -qw net.ipv4.conf.v0.rp_filter=2
         ip netconf show dev v0; ip -j -4 netconf
         ip addrlabel add prefix 2001:db8:1::/48 dev v0 label 100; echo rc=$?
         ip addrlabel; ip addrlabel flush; ip -j addrlabel
         ip token set ::2:3 dev v1; echo rc=$?
         ip token; ip -j token get dev v1
         ip ntable change name arp_cache dev v0 queue 7 locktime 2000; echo rc=$?
         ip ntable show name arp_cache dev v0 | grep -E 'queue|locktime'
         ip mroute; echo rc=$?",
    );
    assert!(
        out.stdout.contains("\tlink  01:00:5e:00:00:05 static\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("inet v0 forwarding off rp_filter loose "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("prefix 2001:db8:1::/48 dev v0 label 100 \n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\n[]\n"),
        "flush left labels: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("token ::0.2.0.3 dev v1\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(" queue 7 \n"), "{}", out.stdout);
}

#[test]
fn errors() {
    if !can_sandbox("errors") {
        return;
    }
    let out = same_as_reference(
        VETH,
        "for c in 'maddr add zz dev v0' 'maddr del 01:00:5e:00:00:09 dev v0' 'netconf show dev nosuch' \
              'addrlabel add prefix 2001:db8::/32 label abc' 'addrlabel list x' 'ntable change thresh1 5' \
              'token set ::1 dev lo' 'mroute show table all' 'mroute show from 10.0.0.1'; do
           ip $c; echo \"$c: rc=$?\"
         done 2>&1",
    );
    assert!(
        out.stdout.contains("ioctl: No such file or directory\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Non multicast route received"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("token set ::1 dev lo: rc=2\n"),
        "{}",
        out.stdout
    );
}
