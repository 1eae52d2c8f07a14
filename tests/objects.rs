//! The protocol objects (xfrm, mptcp, sr, ioam, tcpmetrics, stats, vrf,
//! tunnel, l2tp/fou/ila/macsec) compared with the reference in sandboxes,
//! beyond what the conformance cases cover.
mod common;
use common::*;

#[test]
fn xfrm_policies_and_states() {
    if !can_sandbox("xfrm_policies_and_states") {
        return;
    }
    same_as_reference(
        "/usr/sbin/ip link add v0 type veth peer name v1",
        "ip xfrm policy add src 10.0.0.0/24 dst 10.1.0.0/24 dir out tmpl src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x10 reqid 1 mode tunnel; echo rc=$?
         ip xfrm policy add src 10.2.0.0/24 dst 10.3.0.0/16 proto icmp type 8 code 0 dev v0 dir in flag localok icmp ptype sub; echo rc=$?
         ip xfrm policy add dir fwd src 10.5.0.0/16 proto udp sport 53 mark 7 mask 0xff if_id 3; echo rc=$?
         ip xfrm policy add dir out src 10.6.0.0/16 proto gre key 5 tmpl proto ah mode transport level use; echo rc=$?
         ip xfrm policy add dir out frob; echo rc=$?
         ip xfrm policy add dir out priority x; echo rc=$?
         ip xfrm policy get dir out; echo rc=$?
         ip xfrm policy; ip xfrm policy list dir in ptype sub; ip -s xfrm policy count
         ip xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto ah min 0x200 max 0x200 mark 3
         ip xfrm state get src 192.0.2.1 dst 192.0.2.2 proto ah spi 0x200 mark 3
         ip xfrm state allocspi src 192.0.2.1 dst 192.0.2.2; echo rc=$?
         ip xfrm state list x; echo rc=$?
         ip xfrm state count
         ip xfrm state deleteall; ip xfrm state count
         ip xfrm policy deleteall dir out; ip xfrm policy
         ip xfrm policy setdefault out block; ip xfrm policy getdefault
         ip xfrm policy setdefault in allow; echo rc=$?
         ip xfrm policy flush; ip xfrm policy count",
    );
}

#[test]
fn mptcp_sr_ioam() {
    if !can_sandbox("mptcp_sr_ioam") {
        return;
    }
    same_as_reference(
        "/usr/sbin/ip link add v0 type veth peer name v1",
        "ip mptcp endpoint add 10.0.0.1 dev v0 signal port 1000; echo rc=$?
         ip mptcp endpoint add 10.0.0.4 dev v0 id 4 subflow backup fullmesh; echo rc=$?
         ip mptcp endpoint add 10.0.0.5 fullmesh signal; echo rc=$?
         ip mptcp endpoint add 10.0.0.2 id 300; echo rc=$?
         ip mptcp endpoint delete id 4 10.0.0.4; echo rc=$?
         ip mptcp endpoint change id 1 signal; echo rc=$?
         ip mptcp endpoint show; ip -j -p mptcp endpoint show id 1
         ip mptcp limits set add_addr_accepted x; echo rc=$?
         ip mptcp limits show x; echo rc=$?
         ip mptcp; echo rc=$?
         echo secret | ip sr hmac set 100 sha256; echo rc=$?
         ip sr hmac show; ip -j sr hmac show
         ip sr hmac set abc sha1; echo rc=$?
         ip sr h show; echo rc=$?
         ip ioam namespace add 5 data 1 frob; echo rc=$?
         ip ioam namespace add 6 data 0xffffffff; ip ioam namespace add 7 wide 0x12
         ip ioam schema add 3 abcde
         ip ioam namespace show | sort; ip ioam schema show
         ip ioam namespace sh; echo rc=$?",
    );
}

#[test]
fn stats_tcpmetrics_and_missing_modules() {
    if !can_sandbox("stats_tcpmetrics_and_missing_modules") {
        return;
    }
    same_as_reference(
        "/usr/sbin/ip link add v0 type veth peer name v1",
        "ip stats show group link group offload subgroup l3_stats
         ip stats set dev v0 l3_stats on; ip -j -p stats show dev v0 group offload subgroup l3_stats
         ip stats show dev v0 subgroup x; echo rc=$?
         ip stats show dev v0 group xstats suite x; echo rc=$?
         ip stats sho; echo rc=$?
         ip stats show dev v0 dev v1; echo rc=$?
         ip stats set dev v0 frob on; echo rc=$?
         /usr/sbin/ip link add br0 type bridge; /usr/sbin/ip link set v0 master br0
         ip stats show dev v0 group xstats_slave; ip -j stats show dev br0 group xstats
         ip tcpmetrics delete 10.0.0.1/8; echo rc=$?
         ip tcpmetrics flush 10.0.0.0/8; echo rc=$?
         ip tcpmetrics show address; echo rc=$?
         ip vrf exec; echo rc=$?; ip vrf show a b; echo rc=$?; ip vrf identify abc; echo rc=$?
         ip tunnel add t0 mode gre ttl 300; echo rc=$?
         ip tunnel add t0 mode gre key foo; echo rc=$?
         ip tunnel add t0 mode gre dev nosuch; echo rc=$?
         ip tunnel add t0 mode vti; echo rc=$?
         ip -6 tunnel show t0; echo rc=$?
         ip -6 tunnel frob; echo rc=$?
         ip tunnel prl t0; echo rc=$?
         ip fou help; echo rc=$?; ip l2tp show tunnel; echo rc=$?",
    );
}
