//! Names are bytes: link, alias, namespace and bridge names that are not
//! UTF-8 go from argv to the kernel and back to the output unchanged, as
//! the reference's do; `-j` output stays valid JSON. Output goes through
//! `cat -v` so that a replacement character cannot pass for the byte.
mod common;
use common::*;

const SETUP: &str = "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02\n\
    ip link add v$'\\xfe' address 02:00:00:00:00:03 type veth peer name p$'\\xfd' address 02:00:00:00:00:04\n\
    ip addr add 10.9.0.1/24 dev v0\n\
    ip addr add 10.9.1.1/24 dev v1";

#[test]
fn link_and_alias_names_are_bytes() {
    if !can_sandbox("link_and_alias_names_are_bytes") {
        return;
    }
    let out = same_as_reference(
        SETUP,
        "{ ip link set v0 alias $'\\xff'; echo rc=$?\n\
         ip link show; echo rc=$?\n\
         ip addr show; echo rc=$?\n\
         ip link show dev v0; echo rc=$?\n\
         ip -br link show dev v$'\\xfe'; echo rc=$?\n\
         ip -br addr; ip route; ip -d link show dev p$'\\xfd' | head -1\n\
         ip link set v$'\\xfe' name w$'\\xfe'; ip -o link show dev w$'\\xfe'; echo rc=$?\n\
         ip link set v0 alias $'caf\\xc3\\xa9\\xff'; ip link show v0 | tail -1\n\
         ip link del w$'\\xfe'; echo rc=$?; ip -br link; } 2>&1 | cat -v",
    );
    assert!(out.stdout.contains("alias M-^?"), "{out:?}");
    assert!(out.stdout.contains("pM-}@"), "{out:?}");
    assert!(!out.stdout.contains("M-oM-?M-="), "a replacement character: {out:?}");
}

#[test]
fn json_output_stays_valid_with_such_names() {
    if !can_sandbox("json_output_stays_valid_with_such_names") {
        return;
    }
    let out = rip(
        SETUP,
        "ip link set v0 alias $'\\xff\"'; ip -j addr show; ip -j -p link show dev v0; ip -j -br link",
    );
    assert_eq!(out.code, 0, "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(out.stdout.contains(r#""ifalias": "\u00ff\"""#), "{out:?}");
    assert!(out.stdout.contains(r#""ifname":"p\u00fd""#), "{out:?}");
    // each document is valid JSON: the first and the last are one line
    for doc in [lines[0], lines[lines.len() - 1]] {
        assert!(doc.starts_with('[') && doc.ends_with(']'), "{doc}");
        assert!(doc.is_ascii(), "{doc}");
    }
    assert!(out.stdout.contains("\"ifname\": \"v0\""), "{out:?}");
}

#[test]
fn netns_names_are_bytes() {
    if !can_sandbox("netns_names_are_bytes") {
        return;
    }
    let out = same_as_reference(
        SETUP,
        "{ ip netns add ns$'\\xff'; echo rc=$?; ls /run/netns; ip netns list\n\
         ip link set p$'\\xfd' netns ns$'\\xff'; echo rc=$?\n\
         ip -n ns$'\\xff' -br link; echo rc=$?\n\
         ip netns exec ns$'\\xff' ip -br link show dev p$'\\xfd'; echo rc=$?\n\
         ip -all netns exec ip -br link show dev lo\n\
         ip netns add ns$'\\xff'; echo rc=$?\n\
         ip netns del ns$'\\xff'; echo rc=$?; ls /run/netns; } 2>&1 | cat -v",
    );
    assert!(out.stdout.contains("nsM-^?\n"), "{out:?}");
}

#[test]
fn bridge_names_are_bytes() {
    if !can_sandbox("bridge_names_are_bytes") {
        return;
    }
    let out = same_as_reference(
        SETUP,
        "{ brctl addbr br$'\\xfb'; echo rc=$?\n\
         ip link set br$'\\xfb' address 02:00:00:00:00:10\n\
         brctl addif br$'\\xfb' v$'\\xfe'; echo rc=$?\n\
         brctl show; brctl show br$'\\xfb'; brctl showstp br$'\\xfb' | head -3\n\
         brctl setpathcost br$'\\xfb' v$'\\xfe' 50; echo rc=$?\n\
         brctl delif br$'\\xfb' v$'\\xfe'; echo rc=$?\n\
         brctl delbr br$'\\xfb'; echo rc=$?; brctl show; } 2>&1 | cat -v",
    );
    assert!(out.stdout.contains("brM-{\t"), "{out:?}");
}
