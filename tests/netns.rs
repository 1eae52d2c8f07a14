//! `ip netns` in a sandbox: add/list/exec/delete against the reference,
//! error cases leaving nothing behind, and concurrent adds of one name.

mod common;
use common::*;

/// What /run/netns holds and how it is mounted (propagation included).
const STATE: &str = "echo '--- state'; ls -A /run/netns; \
    findmnt -n -l -o TARGET,FSTYPE,PROPAGATION -R /run/netns | sort";

#[test]
fn add_list_exec_delete() {
    if !can_sandbox("add_list_exec_delete") {
        return;
    }
    let script = format!(
        "ip netns add blue; echo rc=$?
ip netns a red; echo rc=$?
ip netns; ip -j netns list; ip netns set red 7; ip netns list; ip -j -p netns list-id
ip netns exec blue ls /sys/class/net
ip netns exec blue ip netns identify
ip netns identify; echo \"[$(ip netns identify $$)]\"
echo hi | ip netns exec red sh -c 'cat; exit 7'; echo rc=$?
ip netns exec red /nonexistent; echo rc=$?
ip -all netns exec sh -c 'echo in $0; exit 3'; echo rc=$?
{STATE}
ip netns del blue; echo rc=$?
ip netns list
ip -all netns delete; echo rc=$?
{STATE}"
    );
    let out = same_as_reference("", &script);
    assert!(out.stdout.contains("blue\n"), "{out:?}");
}

#[test]
fn bad_input_leaves_nothing() {
    if !can_sandbox("bad_input_leaves_nothing") {
        return;
    }
    let script = format!(
        "ip netns add ns1
for a in 'add ns1' 'add a/b' 'add ..' 'add' 'delete nosuch' 'attach x 999999' \
    'attach y abc' 'exec nosuch true' 'exec ns1' 'set ns1 -5' 'set nosuch 3' \
    'pids nosuch' 'identify abc' 'list-id nsid -1' 'frob'; do
  ip netns $a; echo \"$a: rc=$?\"
done 2>&1
{STATE}"
    );
    same_as_reference("", &script);
}

#[test]
fn concurrent_adds_of_one_name() {
    if !can_sandbox("concurrent_adds_of_one_name") {
        return;
    }
    // /run/netns starts as a plain directory, so every add also races to
    // make it a (single) shared mount.
    let script =
        "for i in $(seq 20); do (rip netns add X 2>/tmp/err.$i; echo $? >/tmp/rc.$i) & done; wait
cat /tmp/rc.* | sort | uniq -c | sed 's/^ *//'
cat /tmp/err.* | sort | uniq -c | sed 's/^ *//'
ls -A /run/netns
mounts() { # the sandbox's own: those the host has on /run/netns come first, hidden under its tmpfs
  findmnt -n -l -o TARGET,FSTYPE,PROPAGATION -R /run/netns | awk '$1 == \"/run/netns\" && $2 == \"tmpfs\" { f = 1 } f'
}
mounts | awk '{print $1, $2, $3}'
echo \"[$(rip netns identify)]\"
rip netns exec X ls /sys/class/net
rip netns delete X; echo rc=$?
ls -A /run/netns; mounts | awk '{print $1}'";
    let out = rip("", script);
    assert_eq!(
        out.stdout,
        "1 0\n19 1\n\
         19 Cannot create namespace file \"/run/netns/X\": File exists\n\
         X\n\
         /run/netns tmpfs shared\n\
         /run/netns/X nsfs shared\n\
         []\n\
         lo\n\
         rc=0\n\
         /run/netns\n",
        "{out:?}"
    );
}

#[test]
fn dash_n_and_nsids() {
    if !can_sandbox("dash_n_and_nsids") {
        return;
    }
    let setup = "ip netns add ns1; ip netns add ns2
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v1 netns ns1; ip -n ns1 link set v1 netns ns2";
    let script = "ip -n ns1 -br link; ip -n ns2 netns identify
ip netns list; ip -j netns list-id; ip -n ns1 netns list-id; ip -n ns2 netns list-id
ip netns exec ns2 ls /sys/class/net; ip -n nosuch link; echo rc=$?
ip netns set ns1 5; ip netns set ns1 6; echo rc=$?; ip netns list-id nsid 5
ip netns list-id target-nsid 5; ip netns list-id target-nsid 99; echo rc=$?";
    same_as_reference(setup, script);
}

/// `netns attach NAME PID`: the PID is an int as strtol reads it (found by
/// the differential fuzz test).
#[test]
fn attach_pid_range() {
    if !can_sandbox("attach_pid_range") {
        return;
    }
    same_as_reference(
        "",
        "for p in 4294967295 2147483647 2147483648 -1 0 ' 5' 0x10 010 -0 abc 1x -2147483648 -2147483649; do \
         ip netns attach d0 \"$p\"; echo rc=$?; done",
    );
}
