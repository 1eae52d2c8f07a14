//! `ip rule`, compared with the reference in throw-away sandboxes.
mod common;
use common::*;

/// Rules of most kinds (no device needed: `iif lo`, and `oif nosuch`
/// stays detached).
const SETUP: &str = "\
ip rule add from 10.0.0.0/24 table 100
ip rule add to 172.16.0.0/16 lookup 200 pref 1000
ip rule add fwmark 0x10/0xff table 102 pref 1003
ip rule add oif nosuch table 104 pref 1005
ip rule add pref 500 table 105 suppress_prefixlength 0
ip rule add pref 502 realms 3/4 table 106
ip rule add pref 605 goto 999
ip rule add pref 602 blackhole
ip rule add pref 700 not from 10.9.0.0/16 table 107
ip rule add pref 703 ipproto udp sport 1000-2000 dport 53 uidrange 1-2 table 110
ip rule add pref 705 l3mdev
ip -6 rule add from 2001:db8::/32 table 100 pref 800
";

/// `same_as_reference`, and the setup really ran.
fn same(script: &str) -> Out {
    let out = same_as_reference(SETUP, &format!("echo setup-done\n{script}"));
    assert!(out.stdout.starts_with("setup-done\n"), "setup failed: {}", out.stderr);
    out
}

/// The rules afterwards, dumped by the reference.
const DUMP: &str = "/run/rip/ref/ip -j rule; /run/rip/ref/ip -6 -j rule";

#[test]
fn show_forms_and_selectors() {
    if !can_sandbox("show_forms_and_selectors") {
        return;
    }
    let out = same(
        "ip rule; ip ru ls; ip -6 rule; ip -d rule; ip -N rule; ip -o -6 rule
         ip rule show table 100; ip rule show from 10.0.0.0/16; ip rule show 172.16.0.0/12
         ip rule show fwmark 0x10; ip rule show oif nosuch; ip rule show not; ip rule show pref 0
         ip rule show sport 1000-2000; ip rule show l3mdev; ip rule show protocol static",
    );
    assert!(out.stdout.contains("1005:\tfrom all oif nosuch [detached] lookup 104\n"));
    assert!(out.stdout.contains("605:\tfrom all goto 999 [unresolved]\n"));
}

#[test]
fn json_output() {
    if !can_sandbox("json_output") {
        return;
    }
    let out = same("ip -j rule; ip -6 -j -p rule; ip -N -j rule show pref 703");
    assert!(out.stdout.contains(r#""sport_start":1000,"sport_end":2000,"dport":53"#));
}

#[test]
fn add_del_flush_and_errors() {
    if !can_sandbox("add_del_flush_and_errors") {
        return;
    }
    same(&format!(
        "ip rule add not fwmark 51820 table 51820; ip rule add table main suppress_prefixlength 0
         ip rule add pref 9 tos 0x10 iif lo tun_id 5 protocol static nat 192.0.2.1; echo $?
         ip rule del pref 1000; ip rule del from 10.0.0.0/24 table 100; ip rule flush table 105
         ip rule add frob; echo $?; ip rule add from 10.0.0.0/33; echo $?; ip rule add; echo $?
         ip rule add l3mdev table 100; echo $?; ip rule add pref 10 goto 5; echo $?
         ip rule add table 100 pref; echo $?; ip rule del pref 9999; echo $?
         ip rule show frob; echo $?; ip -0 rule; echo $?; ip rule frob; echo $?
         {DUMP}; ip rule flush; ip -6 rule flush; {DUMP}"
    ));
}

#[test]
fn save_and_restore() {
    if !can_sandbox("save_and_restore") {
        return;
    }
    // rip restores what it saved, and what it saves the reference
    // restores; `save` takes no arguments; a bad stream is refused
    let out = same(&format!(
        "ip rule save > /tmp/r; ip rule flush; ip rule restore < /tmp/r; {DUMP}
         /run/rip/ref/ip rule flush; /run/rip/ref/ip rule restore < /tmp/r; {DUMP}
         head -c 4 /tmp/r | od -An -tx1
         ip rule save x; echo $?; printf 'garbage!' | ip rule restore; echo $?"
    ));
    assert!(out.stdout.contains(" 86 69 70 71\n"));
}

/// Under -j the binary stream of `rule save` is followed by the
/// reference's empty JSON document (`[]`, `[ ]` with -p).
#[test]
fn save_under_json() {
    if !can_sandbox("save_under_json") {
        return;
    }
    let out = same_as_reference("", "ip -j rule save | od -c | tail -2; ip -6 -j -p rule save | od -c | tail -2");
    assert!(out.stdout.contains("[       ]  \\n"), "{out:?}");
}
