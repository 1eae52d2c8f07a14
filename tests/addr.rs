//! `ip address`, compared with the reference in throw-away sandboxes.
mod common;
use common::*;

const VETH: &str = "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02";

#[test]
fn add_and_show_v4_v6() {
    if !can_sandbox("add_and_show_v4_v6") {
        return;
    }
    let out = same_as_reference(
        VETH,
        "ip addr add 10.0.0.1/24 brd + dev v0 label v0:1 && ip addr add 10.0.0.2/24 dev v0 metric 7 \
         && ip -6 addr add 2001:db8::1/64 dev v0 nodad valid_lft 1000 preferred_lft 0 \
         && ip addr add 10.0.1.1 peer 10.0.1.2/32 dev v0 && ip a show dev v0 && ip -o a",
    );
    assert!(out.stdout.contains("inet 10.0.0.2/24 metric 7 scope global secondary v0"), "{}", out.stdout);
}

#[test]
fn json_and_brief() {
    if !can_sandbox("json_and_brief") {
        return;
    }
    let out = same_as_reference(
        // linkwatch sets v0's operstate asynchronously: wait for it, so
        // both sides see the same state
        &format!("{VETH}\nip link set v0 up\nip addr add 10.0.0.1/24 dev v0\nip addr add 2001:db8::1/64 dev v0 nodad\n\
                  for i in $(seq 40); do [ \"$(cat /sys/class/net/v0/operstate)\" = lowerlayerdown ] && break; sleep 0.05; done"),
        "ip -j a; ip -j -p -4 a show dev v0; ip -br a; ip -br -6 a; ip -j -br a show label 'v*'",
    );
    assert!(out.stdout.contains("\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.0.0.1\""), "{}", out.stdout);
}

#[test]
fn selectors() {
    if !can_sandbox("selectors") {
        return;
    }
    same_as_reference(
        &format!("{VETH}\nip addr add 10.0.0.1/24 dev v0\nip addr add 10.0.0.2/24 dev v0 label v0:x\nip addr add 10.1.0.1/16 dev v1 valid_lft 100 preferred_lft 0"),
        "ip -o a show secondary; ip -o a show primary; ip -o a show label 'v0*'; ip -o a show dynamic; \
         ip -o a show to 10.0.0.0/8; ip -o a show scope host; ip -o -4 a show deprecated",
    );
}

#[test]
fn flush() {
    if !can_sandbox("flush") {
        return;
    }
    let out = same_as_reference(
        &format!("{VETH}\nip addr add 10.0.0.1/24 dev v0\nip addr add 10.0.0.2/24 dev v0\nip -6 addr add 2001:db8::1/64 dev v0 nodad"),
        "ip -s -s addr flush dev v0; echo rc=$?; ip -s addr flush dev v0; ip addr flush; echo rc=$?; ip -o a show dev v0",
    );
    assert!(out.stdout.contains("*** Round 1, deleting 3 addresses ***"), "{}", out.stdout);
}

#[test]
fn bad_input() {
    if !can_sandbox("bad_input") {
        return;
    }
    let out = same_as_reference(
        VETH,
        "ip addr add 10.0.0.300/24 dev v0; echo rc=$?; ip addr add 10.0.0.1/24; echo rc=$?; \
         ip addr add 10.0.0.1/24 dev nosuch; echo rc=$?; ip addr add 10.0.0.1/24 dev v0 scope frob; echo rc=$?; \
         ip addr add 10.0.0.1/24 dev v0 valid_lft 10 preferred_lft 20; echo rc=$?; \
         ip addr add 10.0.0.1/24 dev v0 && ip addr add 10.0.0.1/24 dev v0; echo rc=$?; \
         ip addr del 10.0.0.1 dev v0; echo rc=$?; ip addr frob; echo rc=$?; ip -o a show dev v0",
    );
    assert!(out.stdout.contains("rc=1\nrc=1\nrc=1\nrc=255"), "{}", out.stdout);
}

#[test]
fn family_headers_and_stats() {
    if !can_sandbox("family_headers_and_stats") {
        return;
    }
    // under a family the link is one line (IPv6: from the reduced IPv6
    // link dump, queue length by ioctl); -s puts counters after addresses
    let out = same_as_reference(
        &format!("{VETH}\nip link set v0 up\nip link set v1 up\nip addr add 10.0.0.1/24 dev v0\nip addr add 2001:db8::1/64 dev v0 nodad"),
        "ip -4 a; ip -6 a show scope global; ip -j -6 a show scope global; ip a show to 10.0.0.0/8; ip -s -4 a show dev lo",
    );
    assert!(out.stdout.contains("mtu 1500 state UP qlen 1000\n    inet6 2001:db8::1/64"), "{}", out.stdout);
}

#[test]
fn family_header_is_the_shared_link_printer() {
    if !can_sandbox("family_header_is_the_shared_link_printer") {
        return;
    }
    // under a family: altnames stay, a zero queue length is left out (also
    // the ioctl's answer for the IPv6 link dump), -d shows the whole link
    let out = same_as_reference(
        &format!(
            "{VETH}\nip link add br0 address 02:00:00:00:00:10 type bridge\nip link set br0 txqueuelen 0\n\
             ip link property add dev v0 altname v0-alt\nip addr add 10.0.0.1/24 dev v0\n\
             ip addr add 10.0.1.1/24 dev br0\nip addr add 2001:db8::1/64 dev br0 nodad"
        ),
        "ip -4 a; ip -j -4 a; ip -o -4 a; ip -6 a show dev br0; ip -6 a show scope global; \
         ip -4 -d a show dev v0; ip a show to 10.0.1.0/24",
    );
    assert!(out.stdout.contains("    altname v0-alt\n    inet 10.0.0.1/24"), "{}", out.stdout);
}

#[test]
fn namespace_names_are_read_once_per_process() {
    if !can_sandbox("namespace_names_are_read_once_per_process") {
        return;
    }
    // the reference reads the namespace names once: in a batch, one
    // added later shows as link-netnsid N, with or without a family
    let out = same_as_reference(
        &format!(
            "{VETH}\nip netns add ns0\nip link add v5 address 02:00:00:00:00:05 type veth peer name v6 netns ns0\n\
             ip addr add 10.0.5.1/24 dev v5\nip addr add 10.0.0.1/24 dev v0"
        ),
        "b=/tmp/rip-nsbatch.$$; printf 'a\\nnetns add ns2\\nlink set v1 netns ns2\\na\\nlink show v0\\n' > $b; \
         ip -b $b; ip -4 -b $b 2>&1; ip -4 a show dev v0; rm -f $b",
    );
    assert!(out.stdout.contains("link-netnsid 1"), "{}", out.stdout);
}

/// Input the reference takes: dotted netmasks, numbers as strtoul reads
/// them (`metric -0`), `alt` for `altname`, `optimistic`, and the flags
/// the kernel sets (a warning, exit 0).
#[test]
fn netmasks_numbers_and_address_flags() {
    if !can_sandbox("netmasks_numbers_and_address_flags") {
        return;
    }
    let out = same_as_reference(
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02\n\
         ip link set v0 up; ip link set v1 up\n\
         ip addr add 10.0.0.5/255.255.255.0 dev v0; echo rc=$?",
        "RANDOM=1\n\
         ip addr add 10.0.1.5/255.255.0 dev v0; echo rc=$?\n\
         ip addr add 10.0.2.5/255.0.255.0 dev v0; echo rc=$?\n\
         ip addr add 10.0.3.5/0.0.0.0 dev v0; echo rc=$?\n\
         ip route add 10.50.0.0/255.255.0.0 dev v0; echo rc=$?\n\
         ip route add 10.51.0.0/0x10 dev v0; echo rc=$?\n\
         for m in -0 -1 ' 5' '+5' 0x10 010 4294967295 4294967296 -4294967295 '5 ' 1e3 --1 -+1; do ip route add 10.55.0.0/16 dev v0 metric \"$m\"; echo \"$m rc=$?\"; ip route show 10.55.0.0/16; ip route flush 10.55.0.0/16; done\n\
         ip route add 10.56.0.0/-0 dev v0; echo rc=$?\n\
         ip -6 route add 2001:db8:5::/255.255.0.0 dev v0; echo rc=$?\n\
         ip link property add dev v0 alt foo; echo rc=$?\n\
         ip link property add dev v0 a foo2; echo rc=$?\n\
         ip link property add dev v0 altnamex foo3; echo rc=$?\n\
         ip link property del dev v0 al foo; echo rc=$?\n\
         ip link show v0 | grep alt\n\
         ip addr add optimistic 2001:db8::5/64 dev v0; echo rc=$?\n\
         ip -6 addr add 2001:db8::1/64 dev v0 optimistic; echo rc=$?\n\
         ip addr add 10.0.4.1/24 dev v0 optimistic; echo rc=$?\n\
         ip addr add 2001:db8::7/64 dev v0 optim; echo rc=$?\n\
         ip addr add 10.0.0.2/24 dev v0 home optimistic; echo rc=$?\n\
         for f in secondary temporary dadfailed deprecated tentative permanent stable-privacy; do ip -6 addr add 2001:db8:1::$((RANDOM%100+1))/64 dev v0 $f; echo rc=$?; ip addr add 10.0.5.$((RANDOM%200+1))/24 dev v0 $f; echo rc=$?; done\n\
         ip addr change 2001:db8::1/64 dev v0 deprecated; echo rc=$?\n\
         ip addr del 10.0.0.2/24 dev v0 secondary; echo rc=$?\n\
         ip addr add 10.0.6.1/24 dev v0 primary; echo rc=$?\n\
         ip addr show dev v0\n\
         ip route show dev v0\n\
         ip -6 route show dev v0",
    );
    assert!(out.stdout.contains("inet 10.0.1.5/16"), "{out:?}");
    assert!(out.stderr.contains("Warning: stable-privacy option is not mutable from userspace"), "{out:?}");
}

/// `any`/`all` as an address is one of no bytes (an empty IFA_LOCAL or
/// IFA_ADDRESS, refused by the kernel as the reference's is; an empty
/// peer counts as none for the wildcard deletion); `peer default` is a
/// whole zero address.
#[test]
fn any_all_default_as_addresses() {
    if !can_sandbox("any_all_default_as_addresses") {
        return;
    }
    let out = same_as_reference(
        "ip addr add 10.0.0.1/8 dev lo",
        "for c in '-4 address add any dev lo' 'address add any dev lo peer 10.0.0.2' 'address add 10.0.0.1 peer any dev lo' \\
           'address add 10.0.0.1 peer default dev lo' '-4 address del any dev lo' 'address del 10.0.0.1 peer any dev lo' \\
           '-6 address add 2001:db8::1 peer any dev lo' '-4 address add default dev lo'; do
           echo \"-- $c\"; ip $c; echo rc=$?; done 2>&1; ip -br addr",
    );
    assert!(out.stdout.contains("Attribute failed policy validation"), "{out:?}");
}
