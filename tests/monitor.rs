//! `ip monitor`, compared with the reference in throw-away sandboxes:
//! live events (made by the reference ip on both sides, so the kernel
//! sends the same messages), output seen through a pipe at once, and
//! `ip monitor file` replays of an rtmon recording.
mod common;
use common::*;

/// `mon ARGS...` starts `ip ARGS` writing to /tmp/mon and waits until it
/// has subscribed; `mon_end TEXT` waits for TEXT in /tmp/mon, stops the
/// monitor and prints what it wrote. Events are made with the reference.
const HELPERS: &str = r#"
mon() {
    ip "$@" >/tmp/mon 2>&1 &
    MON=$!
    for i in $(seq 100); do
        awk 'NR > 1 && $2 == "0" && $4 != "00000000" { f = 1 } END { exit !f }' /proc/net/netlink && break
        sleep 0.02
    done
    sleep 0.2
}
mon_end() {
    for i in $(seq 150); do grep -qF -- "$1" /tmp/mon && break; sleep 0.02; done
    sleep 0.1
    kill $MON; wait $MON 2>/dev/null
    cat /tmp/mon
}
REF=/run/rip/ref/ip
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 up
"#;

#[test]
fn live_events() {
    if !can_sandbox("live_events") {
        return;
    }
    let out = same_as_reference(
        HELPERS,
        "mon monitor link address route neigh label; \
         $REF link set v0 mtu 1400; $REF addr add 10.0.0.1/24 dev v0 label v0:x; \
         $REF route add 172.16.0.0/16 via 10.0.0.2 metric 5; \
         $REF neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev v0; \
         $REF addr del 10.0.0.1/24 dev v0; $REF link set v1 name v1x; mon_end 'v1x@v0'; \
         mon -o -ts monitor dev v0; $REF link set v0 mtu 1300; $REF link set v1x mtu 1300; \
         $REF addr add 10.0.1.1/24 dev v0; mon_end 'broadcast 10.0.1.255' >/dev/null; \
         sed -E 's/\\[20[0-9-]+T[0-9:.]+\\] //g' /tmp/mon",
    );
    assert!(out.stdout.contains("[ADDR]Deleted 3: v0    inet 10.0.0.1/24"), "{}", out.stdout);
}

#[test]
fn each_event_reaches_a_pipe_at_once() {
    if !can_sandbox("each_event_reaches_a_pipe_at_once") {
        return;
    }
    // the monitor keeps running after the event: only a flush per event
    // gets the two lines of the link to head
    let out = rip(
        HELPERS,
        "ip monitor link | head -n 2 >/tmp/h & sleep 0.5; $REF link set v0 mtu 1400; \
         for i in $(seq 100); do [ \"$(wc -l </tmp/h)\" = 2 ] && break; sleep 0.02; done; cat /tmp/h",
    );
    assert!(out.stdout.starts_with("3: v0@v1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1400"), "{out:?}");
}

#[test]
fn file_replay() {
    if !can_sandbox("file_replay") || !std::path::Path::new("/usr/sbin/rtmon").exists() {
        eprintln!("SKIPPED file_replay: no sandbox or no rtmon");
        return;
    }
    // one recording, replayed by both tools: two recordings made in two
    // sandboxes can differ (a loaded machine starts rtmon late)
    same_on_one_state(
        HELPERS,
        "rtmon file /tmp/rec </dev/null >/dev/null 2>&1 & R=$!; sleep 0.5; \
         $REF link set v0 mtu 1400; $REF addr add 10.0.0.1/24 dev v0; $REF -6 addr add 2001:db8::1/64 dev v1 nodad; \
         $REF neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev v0; $REF link set v1 down; sleep 0.5; kill $R; sleep 0.1; \
         head -c 600 /tmp/rec >/tmp/cut",
        "for o in '' '-4' '-6 -o' '-br' '-d'; do ip $o monitor file /tmp/rec; done; \
         ip monitor file /tmp/rec label dev v0; \
         ip monitor file /tmp/cut; echo rc=$?; \
         ip monitor file /tmp/nosuch; echo rc=$?",
    );
}
