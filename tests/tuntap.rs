//! `ip tuntap` compared with the reference in sandboxes (the conformance
//! cases do not cover it).
mod common;
use common::*;

#[test]
fn add_show_delete() {
    if !can_sandbox("add_show_delete") {
        return;
    }
    same_as_reference(
        "",
        "ip tuntap add dev tap0 mode tap; echo rc=$?
         ip tuntap add dev tun0 mode tun user 0 group 0 pi vnet_hdr multi_queue; echo rc=$?
         ip tuntap add tun1 mode tun one_queue; echo rc=$?
         ip tuntap add mode tap; echo rc=$?
         ip tuntap show; ip tuntap list; ip tap; ip -j tuntap show; ip -j -p tuntap ls
         ip -d tuntap show
         ip tuntap add dev tap0 mode tap; echo rc=$?
         ip tuntap del dev tun0 mode tap; echo rc=$?
         ip tuntap del dev tap0 mode tap; echo rc=$?
         ip tuntap del tun1 mode tun; echo rc=$?
         ip tuntap show
         /usr/sbin/ip -br link | sed 's/  *[0-9a-f:]\\{17\\} / MAC /'",
    );
}

#[test]
fn bad_input() {
    if !can_sandbox("bad_input") {
        return;
    }
    same_as_reference(
        "",
        "for c in 'add dev x' 'add dev x mode foo' 'add dev x mode tap mode tun' \
              'add dev x mode tap user nosuchuser' 'add dev x mode tap group nosuchgroup' \
              'add dev x mode tap foo' 'add dev aaaaaaaaaaaaaaaaaaaa mode tap' \
              'add dev x name y mode tap' 'del' 'frob' 'help' 'add mode tap help'; do
           ip tuntap $c; echo \"$c: rc=$?\"
         done 2>&1
         /usr/sbin/ip -br link | sed 's/  *[0-9a-f:]\\{17\\} / MAC /'",
    );
}

/// The reference checks keywords per verb (`del` takes no `user` or
/// `group`: the word is a name) and reads ids as strtol does.
#[test]
fn keywords_per_verb_and_c_numbers() {
    if !can_sandbox("keywords_per_verb_and_c_numbers") {
        return;
    }
    let cmds = [
        "del user 0 pi", "del mode tun user 0", "del tun0 mode tun group 0", "del mode tun pi",
        "del mode tun u 0", "del mode tun g 0", "del t1 mode tun us", "del t2 mode tap user 3",
        "add t1 mode tun user -1", "add t2 mode tap group -1", "add t3 mode tun user 0x10 group 010",
        "add t4 mode tun user abc", "add t5 mode tun user 4294967295", "add t6 mode tun user 4294967296",
        "add t7 mode tun user +5 group ' 7'", "add t8 mode tun user -2", "add t9 mode tun group 0x5",
        "add ta mode tun user 99999999999999999999", "add tb mode tun user 5abc", "add tc mode tun user ''",
        "add td mode tun u 7 g 010", "add te mode tun numtxqueues 2", "del te mode tap one pi vnet multi",
        "add tf mo tap o p v mu", "del tf mo tap o p v mu", "del", "add mode tun dev",
        // `dev` and `name` are matched by prefix too
        "del de nsx pi", "add user 010 one_queue n d0", "add de tg mode tun", "del d tg mode tun",
        "add n th mode tun", "add na ti mode tap", "add nam", "add h",
    ];
    let mut script = String::new();
    for c in cmds {
        script.push_str(&format!("echo '-- {}'; ip tuntap {c}; echo rc=$?\n", c.replace('\'', "")));
    }
    script.push_str("ip tuntap show; for d in /sys/class/net/t*; do echo $d $(cat $d/owner $d/group); done; ip -br link | cut -c1-16");
    let out = same_as_reference("", &script);
    assert!(out.stdout.contains("/sys/class/net/t8 4294967294"), "{out:?}");
}
