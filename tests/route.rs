//! `ip route`, compared with the reference in throw-away sandboxes.
mod common;
use common::*;

/// v0 (10.0.0.1/24, 2001:db8::1/64) ↔ v1 (10.0.1.1/24), both up, with a
/// few routes of every kind.
const SETUP: &str = "\
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 up
ip link set v1 up
sleep 0.2
ip addr add 10.0.0.1/24 dev v0
ip addr add 2001:db8::1/64 dev v0
ip addr add 10.0.1.1/24 dev v1
ip route add 172.16.0.0/16 via 10.0.0.2
ip route add 10.200.0.0/16 dev v1 metric 50 proto static
ip route add blackhole 10.99.0.0/16
ip route add prohibit 10.97.0.0/16 metric 7
ip route add 10.1.0.0/16 via 10.0.0.2 table 100
ip route add 172.17.0.0/16 via 10.0.0.2 mtu lock 1400 advmss 1360 realms 5
ip route add 172.18.0.0/16 nexthop via 10.0.0.2 weight 1 nexthop via 10.0.1.2 dev v1 weight 3 onlink
ip -6 route add 2001:db8:1::/48 via 2001:db8::2 pref high
";

/// `same_as_reference`, and the setup really ran (a failing setup line
/// would end both sandboxes early with equal output).
fn same(setup: &str, script: &str) -> Out {
    let out = same_as_reference(setup, &format!("echo setup-done\n{script}"));
    assert!(out.stdout.starts_with("setup-done\n"), "setup failed: {}", out.stderr);
    out
}

/// The state after a step, dumped by the reference (v4 only: the IPv6
/// link-local routes of two links may come in either order).
const DUMP: &str = "/run/rip/ref/ip -4 -j route show table all; /run/rip/ref/ip -6 route show dev v0";

#[test]
fn show_forms_and_selectors() {
    if !can_sandbox("show_forms_and_selectors") {
        return;
    }
    same(
        SETUP,
        "ip r; ip -d ro ls; ip -o r; ip -N r show table local; ip -6 r show dev v0
         ip r show root 10.0.0.0/8; ip r show match 172.16.3.4; ip r show exact 172.16.0.0/16
         ip r show via 10.0.0.2; ip r show proto static; ip r show scope link; ip r show type blackhole
         ip r show metric 50; ip r s t 100; ip r show table all all; ip -6 r show any
         ip r show src 10.0.0.1; ip r show dev v1 table all",
    );
}

#[test]
fn json_output() {
    if !can_sandbox("json_output") {
        return;
    }
    same(SETUP, "ip -j r; ip -j -p r show table 100; ip -6 -j r show dev v0; ip -d -j r show 172.18.0.0/16");
}

#[test]
fn absent_table_and_bad_selectors() {
    if !can_sandbox("absent_table_and_bad_selectors") {
        return;
    }
    same(
        SETUP,
        "ip route show table 123; echo rc=$?; ip -j route show table 123; echo rc=$?
         ip route show table frob; echo rc=$?; ip route show type foo; echo rc=$?
         ip route show dev nosuch; echo rc=$?; ip route show 10.0.0.0/33; echo rc=$?
         ip route frob; echo rc=$?; ip route flush; echo rc=$?; ip route flush table 77; echo rc=$?
         ip route show table c; echo rc=$?; ip route flush table cach; echo rc=$?; ip route show table cache; echo rc=$?
         ip route add default dev nosuch nexthop; echo rc=$?; ip route add default via 10.0.0.2 dev nosuch nexthop foo; echo rc=$?",
    );
}

#[test]
fn modify_and_resulting_state() {
    if !can_sandbox("modify_and_resulting_state") {
        return;
    }
    same(
        SETUP,
        &format!(
            "ip route add default via 10.0.0.254 proto 42; echo rc=$?
             ip route append 172.16.0.0/16 via 10.0.0.3 metric 5; echo rc=$?
             ip route replace 172.16.0.0/16 via 10.0.0.4; echo rc=$?
             ip route change 172.30.0.0/16 via 10.0.0.3; echo rc=$?
             ip route add local 10.9.0.1 dev v0; echo rc=$?
             ip route add 10.5.0.0/16 dev v0 scope host table 200; echo rc=$?
             ip -6 route add 2001:db8:5::/48 dev v0 metric 10; echo rc=$?
             ip route del 10.200.0.0/16; echo rc=$?
             ip route delete 10.1.0.0/16 table 100; echo rc=$?
             ip route del blackhole 10.99.0.0/16; echo rc=$?
             {DUMP}"
        ),
    );
}

#[test]
fn modify_errors_leave_nothing() {
    if !can_sandbox("modify_errors_leave_nothing") {
        return;
    }
    same(
        SETUP,
        &format!(
            "ip route add 10.1.0.0/16 via bad; echo rc=$?
             ip route add 10.1.0.0/16 via 1.2.3.4; echo rc=$?
             ip route add 10.1.0.0/16 via 2001:db8::1; echo rc=$?
             ip route add 10.1.2.3/16 via 10.0.0.2; echo rc=$?
             ip route add 172.16.0.0/16 via 10.0.0.2; echo rc=$?
             ip route del 10.77.0.0/16; echo rc=$?
             ip route add 10.1.0.0/16 dev nosuch; echo rc=$?
             ip route add 10.1.0.0/16 dev v0 table frob; echo rc=$?
             ip route add 10.1.0.0/16 dev v0 metric abc; echo rc=$?
             ip route add 10.1.0.0/16 dev v0 scope frob; echo rc=$?
             ip route add 10.1.0.0/16 via 10.0.0.2 src 10.9.9.9; echo rc=$?
             ip route add 10.7.0.0/16 nexthop via 10.0.0.2 dev v0 foo; echo rc=$?
             ip route add 10.7.0.0/16 nexthop; echo rc=$?
             ip route add 10.8.0.0/16 via 10.0.0.2 via 10.0.0.3; echo rc=$?
             ip route add 10.1.0.0/16 dev v0 mtu x; echo rc=$?
             ip route add default; echo rc=$?; ip route add; echo rc=$?
             {DUMP}"
        ),
    );
}

#[test]
fn get_and_flush() {
    if !can_sandbox("get_and_flush") {
        return;
    }
    same(
        SETUP,
        &format!(
            "ip route get 10.0.0.2; ip r g 172.16.5.5; ip route get 10.0.0.1; ip -o route get 127.0.0.1
             ip -j route get 10.0.0.2 from 10.0.0.1; ip route get 172.16.1.1 from 10.0.0.1 oif v0 mark 5
             ip -6 route get 2001:db8:1::5; ip -d -6 route get 2001:db8::1; ip route get fibmatch 172.16.5.5
             ip route get 10.97.0.1; echo rc=$?; ip route get 8.8.8.8; echo rc=$?
             ip route get; echo rc=$?; ip route get foo; echo rc=$?; ip route get 10.0.0.0/24
             ip -s route flush table 100; ip -s route flush table 100
             ip route add 10.2.0.0/16 via 10.0.0.2 table 100
             ip -s -s route flush table 100; ip route flush root 172.16.0.0/12; ip route flush proto static
             {DUMP}"
        ),
    );
}

#[test]
fn save_showdump_restore() {
    if !can_sandbox("save_showdump_restore") {
        return;
    }
    same(
        SETUP,
        &format!(
            "ip route save table all > /tmp/all.bin; echo rc=$?
             ip route showdump < /tmp/all.bin; ip -j route showdump < /tmp/all.bin
             ip route restore < /dev/null; echo rc=$?
             /run/rip/ref/ip route flush table main proto boot
             ip route restore < /tmp/all.bin 2>&1 | sort | uniq -c; echo rc=$?
             {DUMP}"
        ),
    );
}

#[test]
fn abbreviations_types_and_short_addresses() {
    if !can_sandbox("abbreviations_types_and_short_addresses") {
        return;
    }
    same(
        SETUP,
        &format!(
            "ip r a 10.81.0.0/16 via 10.0.0.2 p 5 pro static ta 100 mt 1400 adv 1300 hop 5 r 3; echo rc=$?
             ip r a 10.82.0.0/16 via 10.0.0.2 sc link; echo rc=$?
             ip r a 10.83.0.0/16 nexthop via 10.0.0.2 w 2; echo rc=$?
             ip r a 10.84.0.0/16 via 10.0.0.2 n 1; echo rc=$?
             ip r a any 10.85.0.1 dev v0; echo rc=$?; ip r a u 10.86/16; echo rc=$?
             ip r a 10.87.0.0/16 blackhole; echo rc=$?; ip r a 10.88.0.0/16 dev v0 pre 5; echo rc=$?
             ip r s t all ty b; ip r s s link; ip r s m 50; ip r s r 10.0.0.0/8; echo rc=$?
             ip r g 127.1; ip r g 010.0.0.2; echo rc=$?; ip r s root 10/8 t all
             {DUMP}"
        ),
    );
}

#[test]
fn batch_mode() {
    if !can_sandbox("batch_mode") {
        return;
    }
    same(
        SETUP,
        "printf 'route add 10.60.0.0/16 via 10.0.0.2\\nroute show 10.60.0.0/16\\nroute get 10.60.0.1\\n\
route add 10.60.0.0/16 via 10.0.0.2\\nroute show table 123\\nroute del 10.60.0.0/16\\n' > /tmp/b
         ip -b /tmp/b; echo rc=$?; ip -force -b /tmp/b; echo rc=$?; ip -j -force -b /tmp/b; echo rc=$?",
    );
}

#[test]
fn encap_and_nexthop_objects() {
    if !can_sandbox("encap_and_nexthop_objects") {
        return;
    }
    let setup = format!(
        "{SETUP}ip nexthop add id 1 via 10.0.0.2 dev v0\nip nexthop add id 6 dev v0\nip nexthop add id 7 group 1/6,2\n"
    );
    same(
        &setup,
        &format!(
            "ip route add 10.71.0.0/16 dev v0 encap ip id 5 dst 10.0.0.9 ttl 3 key csum; echo rc=$?
             ip route add 10.74.0.0/16 encap ip6 dst 2001:db8::9 hoplimit 3 tc 1 dev v0; echo rc=$?
             ip route add 10.75.0.0/16 encap ip dst 10.0.0.9 ttl x dev v0; echo rc=$?
             ip route add 10.76.0.0/16 encap foo dev v0; echo rc=$?
             ip route add 10.77.0.0/16 dev v0 encap mpls 100; echo rc=$?
             ip route add 10.50.0.0/16 nhid 1; ip route add 10.54.0.0/16 nhid 7
             ip r; ip -j r; ip -d r; ip -d -j r show 10.54.0.0/16
             {DUMP}"
        ),
    );
}

/// `tos` by rt_dsfield name (`AF11`, which is no hex byte) and by number;
/// printed by name where it has one.
#[test]
fn tos_names() {
    if !can_sandbox("tos_names") {
        return;
    }
    same(
        SETUP,
        "ip route add 10.9.0.0/24 dev v0 tos AF11; echo $?
ip route add 10.9.1.0/24 dev v0 tos 4
ip route add 10.9.3.0/24 dev v0 tos 1ff; echo $?
ip route show dev v0; ip -N route show dev v0; ip -j route show dev v0
ip route show dev v0 tos AF11
ip route get 10.9.0.1 tos af11; echo $?
ip route del 10.9.0.0/24 dev v0 tos AF11; ip route show dev v0",
    );
}

/// A namespace whose lo was never up has no main table: show and save
/// print an empty table (valid `[]` with -j), flush and other tables
/// report the kernel's error; `save` writes its magic before a parse error.
#[test]
fn main_table_not_yet_there() {
    if !can_sandbox("main_table_not_yet_there") {
        return;
    }
    let out = same_as_reference(
        "ip netns add x",
        "ip -n x route; echo rc=$?; ip -n x -j route; echo rc=$?; ip -n x -j -p route show table main; echo rc=$?\n\
         ip -n x route show dev lo; echo rc=$?; ip -n x route save | od -An -tx1; echo rc=$?\n\
         ip -n x route show table local; echo rc=$?; ip -n x route flush table main; echo rc=$?\n\
         ip route save foo | od -An -tx1; echo rc=$?; ip route save table foo | od -An -tx1",
    );
    assert!(out.stdout.starts_with("rc=0\n[]\nrc=0\n"), "{out:?}");
}

/// Under -j the binary stream of `route save` is followed by the
/// reference's empty JSON document (`[]`, `[ ]` with -p).
#[test]
fn save_under_json() {
    if !can_sandbox("save_under_json") {
        return;
    }
    let out = same(SETUP, "ip -j route save | od -c | tail -2; ip -j -p route save 10.9.9.9 | od -c; ip -j route save table foo | od -c");
    assert!(out.stdout.contains("[   ]  \\n"), "{out:?}");
}

/// `route get` destinations: `default`/`any`/`all` of a known family is a
/// /0 (warned about); `any`/`all` add no address, so an earlier one stays.
#[test]
fn get_any_default_all() {
    if !can_sandbox("get_any_default_all") {
        return;
    }
    let out = same(
        "ip link set lo up",
        "for c in 'any' '-4 any' '-6 any weight' '-6 default foo' '10.0.0.1 any' '10.0.0.1 default' '127.0.0.1 all' \\
           '-6 ::1 any' '-6 ::1 default' 'any to 127.0.0.5 to any'; do
           set -- $c; f=; case $1 in -*) f=$1; shift;; esac
           echo \"-- $c\"; ip $f route get \"$@\"; echo rc=$?; done 2>&1",
    );
    assert!(out.stdout.contains("only /128 (or none)"), "{out:?}");
}

/// `via any`/`via all`: an address of no bytes (an empty RTA_GATEWAY, or
/// an RTA_VIA of the family alone), refused by the kernel as the
/// reference's is; `default/0` and friends are no prefixes.
#[test]
fn via_any_and_named_prefixes_with_length() {
    if !can_sandbox("via_any_and_named_prefixes_with_length") {
        return;
    }
    let out = same(
        "ip link set lo up",
        "for c in 'route add 10.0.0.0/8 via any dev lo' '-4 route replace all via all' 'route add 10.0.0.0/8 nexthop via any' \\
           'route add 10.0.0.0/8 via inet6 any dev lo' 'route add 10.0.0.0/8 via default' 'route add default/0 dev lo' \\
           'route add all/8 dev lo' 'rule add from any/0' 'address add any/8 dev lo' 'route show default/0'; do
           echo \"-- $c\"; ip $c; echo rc=$?; done 2>&1; ip -br route",
    );
    assert!(out.stdout.contains("Attribute failed policy validation"), "{out:?}");
}
