//! Dumps stream: the peak memory of a listing does not grow with the
//! number of entries. (Timing is the benchmark's business, never a
//! test's; this checks only that rip does not hold every decoded
//! message: 60,000 routes held would take well over 10 MB.)
mod common;
use common::*;

/// Peak RSS (KiB) of `rip ARGS > /dev/null`, printed by GNU time in the
/// sandbox for each listed command after the setup. (Not python's
/// resource module: a child forked from python starts with python's
/// own 10 MB, which hid what rip itself takes.)
const PEAK: &str = r#"peak() { /usr/bin/time -o /tmp/peak -f %M "$@" >/dev/null && cat /tmp/peak; }"#;

/// Whether GNU time is there (CI installs it).
fn have_time(test: &str) -> bool {
    let ok = std::path::Path::new("/usr/bin/time").exists();
    if !ok {
        eprintln!("SKIPPED {test}: no /usr/bin/time (apt-get install time)");
    }
    ok
}

fn peaks(setup_more: &str, cmds: &[&str]) -> Option<Vec<u64>> {
    let mut script = format!("{PEAK}\n");
    for c in cmds {
        script.push_str(&format!("peak {c}\n"));
    }
    let setup = format!(
        "ip link add s0 type veth peer name s1\nip link set s0 up\nip link set s1 up\n{setup_more}"
    );
    let out = rip(&setup, &script);
    if out.code != 0 || out.stdout.lines().count() != cmds.len() {
        panic!("peak measurement failed: {out:?}");
    }
    Some(out.stdout.lines().map(|l| l.trim().parse().unwrap()).collect())
}

fn routes(n: u32, table: u32) -> String {
    format!(
        "python3 -c 'for i in range({n}): print(f\"route add 10.{{100 + i // 65536}}.{{i // 256 % 256}}.{{i % 256}}/32 dev s0 table {table}\")' > /tmp/r{table}.b\nip -b /tmp/r{table}.b"
    )
}

#[test]
fn route_dumps_do_not_grow_with_the_table() {
    if !can_sandbox("route_dumps_do_not_grow_with_the_table") || !have_time("route_dumps_do_not_grow_with_the_table") {
        return;
    }
    if std::process::Command::new("python3").arg("-V").output().is_err() {
        eprintln!("SKIPPED route_dumps_do_not_grow_with_the_table: no python3");
        return;
    }
    // the same listings of a small and a large table, in one sandbox
    let setup = format!("{}\n{}", routes(500, 100), routes(60000, 200));
    let p = peaks(
        &setup,
        &[
            "rip route show table 100",
            "rip route show table 200",
            "rip -j route show table 100",
            "rip -j route show table 200",
        ],
    )
    .unwrap();
    let (small, big, jsmall, jbig) = (p[0], p[1], p[2], p[3]);
    eprintln!("peak RSS: route show {small}/{big} KiB, -j {jsmall}/{jbig} KiB (500/60000 routes)");
    assert!(big < small + 2048, "route show: {small} KiB for 500 routes, {big} KiB for 60000");
    assert!(jbig < jsmall + 2048, "-j route show: {jsmall} KiB for 500 routes, {jbig} KiB for 60000");
}

#[test]
fn link_and_addr_dumps_do_not_grow_with_the_links() {
    if !can_sandbox("link_and_addr_dumps_do_not_grow_with_the_links")
        || !have_time("link_and_addr_dumps_do_not_grow_with_the_links")
    {
        return;
    }
    if std::process::Command::new("python3").arg("-V").output().is_err() {
        eprintln!("SKIPPED link_and_addr_dumps_do_not_grow_with_the_links: no python3");
        return;
    }
    // 3000 veth pairs (6000 links, each peer named by the other), an
    // address on 500 of them; the same listings before and after
    let pairs = "python3 -c 'for i in range(3000): print(f\"link add c{i} type veth peer name c{i}p\")' > /tmp/l.b\n\
                 python3 -c 'for i in range(500): print(f\"addr add 172.16.{i // 250}.{i % 250 + 1}/32 dev c{i}\")' > /tmp/a.b";
    let cmds = ["rip link show", "rip -j link show", "rip addr show"];
    let script = format!(
        "{PEAK}\n{}\n{pairs}\nip -b /tmp/l.b\nip -b /tmp/a.b\n{}",
        cmds.iter().map(|c| format!("peak {c}")).collect::<Vec<_>>().join("\n"),
        cmds.iter().map(|c| format!("peak {c}")).collect::<Vec<_>>().join("\n"),
    );
    let out = rip("", &script);
    let p: Vec<u64> = out.stdout.lines().map(|l| l.trim().parse().unwrap()).collect();
    assert_eq!(p.len(), 2 * cmds.len(), "peak measurement failed: {out:?}");
    for (i, c) in cmds.iter().enumerate() {
        let (small, big) = (p[i], p[i + cmds.len()]);
        eprintln!("peak RSS: {c}: {small} KiB for 1 link, {big} KiB for 6001");
        // every link's name and flags stay (~100 bytes each); the
        // messages (~1 KB each, 6 MB in all) do not
        assert!(big < small + 2048, "{c}: {small} KiB for 1 link, {big} KiB for 6001");
    }
}

#[test]
fn long_dumps_print_as_the_reference() {
    if !can_sandbox("long_dumps_print_as_the_reference") {
        return;
    }
    if std::process::Command::new("python3").arg("-V").output().is_err() {
        eprintln!("SKIPPED long_dumps_print_as_the_reference: no python3");
        return;
    }
    // dumps of many datagrams (about 28 links or 500 routes each), whose
    // rest rip reads on a second thread while it prints: same bytes, same
    // order as the reference
    let setup = format!(
        "python3 -c 'for i in range(300): print(f\"link add c{{i}} type veth peer name c{{i}}p\")' > /tmp/l.b\n\
         ip -b /tmp/l.b\nip link set c0 up\nip link set c0p up\nip addr add 172.16.0.1/24 dev c0\n\
         ip link add s0 type veth peer name s1\nip link set s0 up\nip link set s1 up\n{}",
        routes(3000, 100)
    );
    // one state for both (veth addresses are random)
    let out = same_on_one_state(
        "",
        &setup,
        "ip link; ip -j link; ip -d link show type veth; ip addr; ip -6 addr; \
         ip route show table 100; ip -j route show table 100; ip route show table all | tail -3; \
         ip route show table 100 | wc -l",
    );
    eprintln!("{} bytes of output", out.stdout.len());
    assert!(out.stdout.trim_end().ends_with("3000"), "the routes were not made: {out:?}");
}
