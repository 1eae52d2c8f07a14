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
fn xfrm_monitor() {
    if !can_sandbox("xfrm_monitor") {
        return;
    }
    let out = same_as_reference(
        "",
        "ip xfrm monitor > /tmp/mon 2>&1 & pid=$!
         sleep 0.5
         R=/usr/sbin/ip
         $R xfrm policy add src 10.0.0.0/24 dst 10.1.0.0/24 dir out tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 1 mode tunnel
         $R xfrm policy update src 10.0.0.0/24 dst 10.1.0.0/24 dir out priority 4 mark 5
         $R xfrm policy delete src 10.0.0.0/24 dst 10.1.0.0/24 dir out mark 5
         $R xfrm policy flush
         $R xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp min 0x300 max 0x300 >/dev/null
         $R xfrm state delete src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x300
         $R xfrm state flush
         $R xfrm policy setdefault in block
         $R link add v0 type veth peer name v1; $R link set v0 up; $R link set v1 up
         $R addr add 10.0.0.1/8 dev v0
         $R xfrm policy add src 10.0.0.0/8 dst 10.1.0.0/24 dir out tmpl src 10.0.0.1 dst 10.1.0.1 proto esp reqid 1 mode tunnel
         python3 -c '
import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((\"10.0.0.1\", 4000))
try: s.sendto(b\"x\", (\"10.1.0.1\", 5000))
except OSError: pass' 2>/dev/null
         sleep 0.5; kill $pid; cat /tmp/mon
         ip xfrm monitor frob; echo rc=$?",
    );
    assert!(out.stdout.contains("Flushed policy ptype main"), "{}", out.stdout);
}

#[test]
fn mptcp_monitor() {
    if !can_sandbox("mptcp_monitor") {
        return;
    }
    if reference_bin().is_none() || !std::path::Path::new("/usr/bin/python3").exists() {
        eprintln!("SKIPPED mptcp_monitor: needs the reference ip and python3");
        return;
    }
    // both monitors at once in one sandbox (tokens and ports are random),
    // while an MPTCP connection comes and goes
    let out = rip(
        "/usr/sbin/ip addr add 10.0.0.1/8 dev lo; /usr/sbin/ip addr add 10.0.0.2/8 dev lo
         /usr/sbin/ip mptcp limits set subflows 2 add_addr_accepted 2
         /usr/sbin/ip mptcp endpoint add 10.0.0.2 dev lo signal",
        "/usr/sbin/ip mptcp monitor > /tmp/ref 2>&1 & a=$!
         ip mptcp monitor > /tmp/rip 2>&1 & b=$!
         sleep 0.5
         python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262); s.bind((\"10.0.0.1\", 5000)); s.listen()
c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262); c.connect((\"10.0.0.1\", 5000))
a, _ = s.accept(); c.sendall(b\"x\"); a.recv(1); time.sleep(0.3); a.close(); c.close()'
         sleep 0.5; kill $a $b
         diff /tmp/ref /tmp/rip && echo same; cat /tmp/rip",
    );
    assert!(out.stdout.starts_with("same\n") && out.stdout.contains("ESTABLISHED"), "{out:?}");
}

#[test]
fn tcpmetrics_entries() {
    if !can_sandbox("tcpmetrics_entries") {
        return;
    }
    if reference_bin().is_none() || !std::path::Path::new("/usr/bin/python3").exists() {
        eprintln!("SKIPPED tcpmetrics_entries: needs the reference ip and python3");
        return;
    }
    // entries made by real (fast open) connections; both tools read the
    // same cache in one sandbox, the ages masked
    let out = rip(
        "/usr/sbin/ip addr add 10.0.0.1/8 dev lo
         /usr/sbin/ip addr add 2001:db8::1/64 dev lo nodad
         sysctl -qw net.ipv4.tcp_fastopen=3",
        "python3 -c '
import socket
for fam, addr in ((socket.AF_INET, \"10.0.0.1\"), (socket.AF_INET6, \"2001:db8::1\")):
    s = socket.socket(fam); s.setsockopt(socket.IPPROTO_TCP, 23, 5); s.bind((addr, 5000)); s.listen()
    for i in range(2):
        c = socket.socket(fam); c.sendto(b\"hi\", socket.MSG_FASTOPEN, (addr, 5000))
        a, _ = s.accept(); a.recv(2); c.sendall(b\"x\" * 100000); a.recv(100000); a.close(); c.close()
    s.close()'
         for t in ref rip; do
           if [ $t = ref ]; then T=/usr/sbin/ip; else T=ip; fi
           { $T tcpmetrics; $T -j tcpmetrics; $T -6 tcpmetrics show 2001:db8::/32; $T tcpmetrics show 10.0.0.1
           } | sed -e 's/age [0-9.]*sec/age X/g' -e 's/\"age\":[0-9.e-]*/\"age\":X/g' > /tmp/$t
         done
         diff /tmp/ref /tmp/rip && echo same; cat /tmp/rip",
    );
    assert!(out.stdout.starts_with("same\n") && out.stdout.contains("fo_cookie"), "{out:?}");
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

/// One command a line, run in order in one sandbox (state carries over):
/// argument errors, kernel refusals and listings of every object.
const SWEEP: &str = r#"xfrm state add src 192.0.2.1 dst 192.0.2.2 proto route2 coa 10.0.0.1
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto hao mode ro
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto ah spi 5
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto comp spi 5
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto ah spi 5 enc x 0x00 auth sha1 0x00
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto comp spi 5 auth x 0x00 comp deflate
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto hao enc x 0x00
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 5 aead y 0x00 64 auth sha1 0x00
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 5 enc x 0x00 enc x 0x00
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 enc cbc(aes) 0x00112233445566778899aabbccddeeff encap espinudp 4500 4500 0.0.0.0
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 enc cbc(aes) 0x00 encap frob 1 2 0.0.0.0
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 enc cbc(aes) 0x00 offload dev nosuch
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 enc cbc(aes) 0x00 output-mark 5 mask x
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 enc cbc(aes) 0x00 coa 10.0.0.1
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 enc cbc(aes) 0x00 replay-oseq x
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto ah spi 0x10 auth "hmac(sha1)" 0x0011223344556677889900112233445566778899
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto comp spi 0x10 comp deflate
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x10 enc "cbc(aes)" 0x001122
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x10 enc "cbc(aes)" 0x0011223344556677889900112233445 
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x10 enc "cbc(aes)" secretsecret1234
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi abc
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto frob
xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 mode frob
xfrm state add src 192.0.2.1 dst 2001:db8::1 proto esp spi 1 enc "cbc(aes)" 0x00112233445566778899aabbccddeeff
xfrm state add
xfrm state add src 192.0.2.1
xfrm state update src 192.0.2.1 dst 192.0.2.2 proto ah spi 0x10 auth "hmac(sha1)" 0x00
xfrm state delete src 192.0.2.1 dst 192.0.2.2 proto esp
xfrm state delete
xfrm state get dst 192.0.2.2 proto esp spi 1
xfrm state deleteall proto esp
xfrm state list proto esp
xfrm state list nokeys
xfrm state flush proto esp
xfrm state flush proto frob
xfrm state flush x
xfrm state count x
xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp min 5 max 1
xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp min x
xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp reqid 7 mode tunnel min 0x300 max 0x300
xfrm state allocspi src 2001:db8::1 dst 2001:db8::2 proto ah min 0x300 max 0x300
xfrm policy add src 10.0.0.0/24 dir out tmpl src 10.0.0.1
xfrm policy add src 10.0.0.0/24 dir out tmpl src 10.0.0.1 dst 2001:db8::1 proto esp
xfrm policy add src 10.0.0.0/24 dst 2001:db8::/32 dir out
xfrm policy add src 2001:db8::/32 dir in action block priority 3
xfrm policy add src 10.0.0.0/33 dir in
xfrm policy add dir in mark x
xfrm policy add dir in mark 1 mask x
xfrm policy add dir in index x
xfrm policy add dir in if_id x
xfrm policy add dir in limit time-soft x
xfrm policy add dir in limit frob 1
xfrm policy add dir in proto frob
xfrm policy add dir in proto tcp dport 70000
xfrm policy add dir in proto tcp type 3
xfrm policy add dir in dev nosuch
xfrm policy add dir in tmpl level frob
xfrm policy add dir in ctx foo
xfrm policy add dir
xfrm policy update dir fwd priority 9
xfrm policy get index 5 dir in
xfrm policy delete index 5 dir in
xfrm policy list frob
xfrm policy list src 10.0.0.0/24
xfrm policy deleteall frob
xfrm policy flush frob
xfrm policy flush ptype frob
xfrm policy count x
xfrm policy getdefault x
xfrm policy setdefault
xfrm policy setdefault out accept fwd block in accept
xfrm policy set
xfrm policy frob
xfrm pol
xfrm sa
xfrm st help
mptcp endpoint add 10.0.0.9 port 0
mptcp endpoint add 10.0.0.9 id 0
mptcp endpoint add 10.0.0.9 dev lo id 9 subflow
mptcp endpoint change id 9 backup
mptcp endpoint change 10.0.0.9 nobackup
mptcp endpoint show id 9
mptcp endpoint show
mptcp endpoint delete id 9
mptcp endpoint flush
mptcp endpoint
mptcp limits set subflows 1 add_addr_accepted 1 subflows 2
mptcp limits
mptcp monitor help
mptcp e help
mptcp l help
sr tunsrc set ::1
sr tunsrc show
sr tunsrc set any
sr tunsrc set ::/0
sr hmac set 5 sha256
sr hmac show
sr hmac
sr tunsrc show extra
ioam namespace add 1 data 0x1 wide 0x2
ioam namespace show
ioam namespace set 1 schema 8
ioam schema add 8 hello
ioam namespace set 1 schema 8
ioam schema show
ioam namespace del 1
ioam schema del 8
ioam namespace del
ioam namespace set
ioam schema del
ioam
ioam help me
tcpmetrics show all
tcpmetrics show 10.0.0.0/8 src 10.0.0.1
tcpmetrics delete 10.0.0.1 src 10.0.0.0/8
tcpmetrics flush src 10.0.0.1
tcpmetrics delete address
tcpmetrics show address 10.0.0.1 address 10.0.0.2
tcp_metrics help
tcpm
tcpmetrics flush all all
-6 tcpmetrics show 10.0.0.1
-4 tcpmetrics show 2001:db8::1
stats show dev lo group link subgroup
stats show group afstats subgroup mpls suite x
stats show group xstats subgroup bond suite 802.3ad
stats show group xstats_slave
stats show dev lo group offload subgroup cpu_hit subgroup hw_stats_info
stats set
stats set dev lo l3_stats
stats set dev lo l3_stats on l3_stats off
stats set dev lo dev lo l3_stats on
stats show dev lo group link
stats
vrf
vrf show lo
vrf exec
vrf exec lo
vrf pids
vrf identify
vrf identify 1
vrf identify 999999
vrf help x
tunnel show lo
tunnel show gre0
-6 tunnel show
-6 tunnel show lo
tunnel add t0 mode gre remote 192.0.2.1 local 192.0.2.2 key 1.2.3.4 ttl 64 tos 10
tunnel add t0 mode gre tos zz
tunnel add t0 mode sit remote 2001:db8::1
-6 tunnel add t0 mode ip6gre remote 10.0.0.1
tunnel add t0 mode ipip ttl inherit nopmtudisc
tunnel change t0 mode gre
tunnel del
tunnel d t0
tunnel a t0 mode gre
tunnel 6rd dev t0
tunnel prl dev t0
tunnel help x
tunl
l2tp help x
l2tp show
fou x
ila
macsec show"#;

/// The same for abbreviations, -j/-s/-d/-4/-6 and help texts.
const SWEEP2: &str = r#"mptcp endpoint add 10.0.0.9 dev lo signal
mptcp endpoint add 2001:db8::9 id 8 subflow
mp e s
mp end sh
mptcp endp show id 8
-j mptcp endpoint
-j -p mptcp endpoint show id 1
mptcp li s subflows 3
mptcp lim sh
mptcp l set add_addr_accepted 4 subflows 4
mptcp limits show
-4 mptcp endpoint show
-s mptcp endpoint show
mptcp endpoint c id 8 backup
mptcp endpoint show
mptcp endpoint f
tcp show
tcpm s
tcp_m sh
-j tcpmetrics show
-j -p tcpm
tcpmetrics fl
tcpmetrics d 10.0.0.1
tcpmetrics del address 10.0.0.1
-6 tcpmetrics delete 10.0.0.1
io namespace show
ioam namespace add 9 data 5
-j -p ioam namespace show
-j ioam namespace show
ioam namespace add 10 wide 0
ioam namespace set 9 schema none
ioam namespace set 9 schema 4
sr t show
-j -p sr tunsrc show
sr tunsrc s ::2
sr tunsrc sh
sr hmac sh
sr hm show
-j sr hmac show
st show dev lo group link
stats show dev lo group link
-j stats show dev lo group link
-s stats show dev lo group link
-s -s stats show dev lo group link
-d stats show dev lo group offload
-j -s stats show dev lo group link
stats show dev v0 group link group link
stats show dev v0 group offload subgroup cpu_hit group offload
-j stats show dev v0 group xstats
vr show
-j -p vrf
vrf sh
tunnel sh
tunl show
-j tunl
-j -p tunnel show
-4 tunnel show
tunnel list
tunnel lst
x help
xfrm policy add src 10.0.0.0/24 dst 10.1.0.0/24 dir out tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 1 mode tunnel
xfrm po list
xfrm pol sh
xfrm policy ls
xfrm policy lst
xfrm p g src 10.0.0.0/24 dst 10.1.0.0/24 dir out
xfrm policy getd
xfrm policy setd out block
xfrm policy getdefault
xfrm policy c
xfrm policy co
xfrm policy u src 10.0.0.0/24 dst 10.1.0.0/24 dir out priority 5
xfrm policy
xfrm policy deletea dir out
xfrm policy
xfrm s allocspi src 192.0.2.1 dst 192.0.2.2 proto esp min 0x300 max 0x300
xfrm state a src 192.0.2.1 dst 192.0.2.2 proto ah spi 0x400 auth "hmac(sha1)" 0x00
xfrm state l
xfrm state c
xfrm state f
xfrm state
-4 xfrm state
-6 xfrm state
-6 xfrm policy
xfrm state del src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x300
xfrm state d src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x300
xfrm policy set hthresh4 28 24 hthresh6 64 60
-s -s xfrm policy count
-s xfrm state count
xfrm policy set hthresh4 33 1
xfrm policy set hthresh6 1
l2 help
f help
il help
mac help
macsec
vrf
tcpmetrics help
ioam help
stats help
sr help
mptcp help
xfrm help
xfrm state help x
tunnel help"#;

#[test]
fn sweep_of_commands() {
    if !can_sandbox("sweep_of_commands") {
        return;
    }
    for sweep in [SWEEP, SWEEP2] {
        run_sweep(sweep);
    }
}

fn run_sweep(sweep: &str) {
    let script = format!(
        "/usr/sbin/ip addr add 10.0.0.9/8 dev lo
         /usr/sbin/ip link add v0 type veth peer name v1
         while IFS= read -r line; do
           echo \"== $line\"; eval \"ip $line\" </dev/null 2>&1; echo \"rc=$?\"
         done <<'EOF'\n{sweep}\nEOF"
    );
    let out = same_as_reference("", &script);
    // every line ran
    assert_eq!(out.stdout.matches("== ").count(), sweep.lines().count(), "{}", out.stdout);
}

/// `ip tunnel`: a family other than inet/inet6 is refused first, unless
/// the first `mode` word names an IPv6 mode (which makes the command
/// IPv6's: its usage, no prl/6rd, IPv6 modes only).
#[test]
fn tunnel_families() {
    if !can_sandbox("tunnel_families") {
        return;
    }
    let out = same_as_reference(
        "",
        "for f in -0 -B -M -4 -6 ''; do for c in '' help foo 'add x mode gre' 'add x mode vti6' 'help mode vti6' \\
           'prl mode ip6gre' 'add x mode gre mode vti6' 'add x mode vti6 mode gre' 'add x remote 10.0.0.1 mode vti6'; do
           echo \"-- $f $c\"; ip $f tunnel $c; echo rc=$?; done; done 2>&1",
    );
    assert!(out.stdout.contains("Unsupported protocol family: 28"), "{out:?}");
}

/// `ip tunnel` without a name (the mode's base device; IPv6's parser
/// warns and adds), and `dev` looked for after the words are read.
#[test]
fn tunnel_unnamed_and_dev_order() {
    if !can_sandbox("tunnel_unnamed_and_dev_order") {
        return;
    }
    let out = same_as_reference(
        "",
        "for c in '-6 tunnel del' 'tunnel del' 'tunnel del mode gre' '-6 tunnel del mode vti6' '-6 tunnel change' \\
           '-6 tunnel add' 'tunnel show dev nosuch name d0 p' 'tunnel del dev nosuch mode xx' 'tunnel show dev nosuch' 'tunnel show name a/b' 'tunnel show name aaaaaaaaaaaaaaaaaaaa'; do
           echo \"-- $c\"; ip $c; echo rc=$?; done 2>&1",
    );
    assert!(out.stdout.contains("delete tunnel \"ip6tnl0\""), "{out:?}");
}
