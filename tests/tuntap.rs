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
