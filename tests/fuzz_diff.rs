//! Differential fuzzing: command lines generated from ip's grammar
//! (keywords and their prefixes, names, numbers huge, negative and in C
//! spellings, addresses right and wrong, non-UTF-8 bytes, option
//! clusters) run against rip and, where installed, the reference, chunk
//! by chunk in fresh sandboxes.
//!
//! The test fails when rip dies of a signal (an abort or a panic's exit
//! status 101 included) or hangs where the reference does not; lines whose
//! output or exit status differ from the reference's are reported, not
//! failed (the conformance suite is the judge of those). A fixed seed and
//! `RIP_FUZZ_LINES` lines (default 300) keep `cargo test` quick and
//! repeatable; `scripts/fuzz-diff.sh` runs longer with other seeds
//! (`RIP_FUZZ_SEED`).
mod common;
use common::*;

/// xorshift64*: small, fixed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const NAMES: &[&str] = &[
    "v0", "v1", "lo", "br0", "d0", "nosuch", "v$'\\xff'", "ns$'\\xfe'x", "a:b", "lo:1",
    "averyveryverylongname", "0", "-1", "''", "dev", "v0 v1",
];
const NUMBERS: &[&str] = &[
    "0", "1", "-1", "-0", "7", "1500", "65536", "4294967295", "4294967296", "0x10", "010", "08",
    "99999999999999999999", "1e3", "' 5'", "+5", "--1", "x", "''", "-4294967295", "0x", "255", "256",
];
const ADDRS: &[&str] = &[
    "10.0.0.1", "10.0.0.1/24", "10.0.0.0/8", "10/8", "10.1", "192.168.1.300", "192.168.1.1/33",
    "10.0.0.5/255.255.255.0", "10.0.0.5/255.0.255.0", "2001:db8::1", "2001:db8::/64", "::1", "::",
    "default", "any", "all", "fe80::1/64", "1.2.3.4.5", "2001:db8::1/129", "x", "224.0.0.1",
    "0.0.0.0/0", "10.0.0.1/-0", "0x0a.0.0.1",
];
const MACS: &[&str] = &["02:00:00:00:00:09", "ff:ff:ff:ff:ff:ff", "zz", "02:00", "00:00:00:00:00:00", "null"];
const OPTS: &[&str] = &[
    "-j", "-p", "-s", "-d", "-4", "-6", "-o", "-br", "-r", "-N", "-c", "-B", "-M", "-0", "-a", "-h",
    "-iec", "-ts", "-t", "-s -s", "-j -p", "-f inet", "-f link", "-l 1", "-l -1", "-x", "-",
];

/// A keyword, sometimes abbreviated to a prefix, sometimes mangled.
fn kw(r: &mut Rng, k: &str) -> String {
    match r.below(10) {
        0 if k.len() > 1 => k[..1 + r.below(k.len() - 1)].to_string(),
        1 => k.to_uppercase(),
        _ => k.to_string(),
    }
}

fn value(r: &mut Rng) -> String {
    match r.below(4) {
        0 => r.pick(NAMES),
        1 => r.pick(NUMBERS),
        2 => r.pick(ADDRS),
        _ => r.pick(MACS),
    }
    .to_string()
}

/// `KEYWORD VALUE` pairs from a table of (keyword, value kind).
fn pairs(r: &mut Rng, table: &[(&str, u8)], out: &mut Vec<String>) {
    for _ in 0..r.below(4) {
        let (k, kind) = table[r.below(table.len())];
        out.push(kw(r, k));
        let v = match kind {
            b'n' => r.pick(NAMES).to_string(),
            b'#' => r.pick(NUMBERS).to_string(),
            b'a' => r.pick(ADDRS).to_string(),
            b'm' => r.pick(MACS).to_string(),
            b'-' => continue,
            _ => value(r),
        };
        // sometimes the value is missing or of the wrong kind
        match r.below(12) {
            0 => {}
            1 => out.push(value(r)),
            _ => out.push(v),
        }
    }
}

fn line(r: &mut Rng) -> String {
    let mut w: Vec<String> = Vec::new();
    for _ in 0..r.below(3) {
        w.push(r.pick(OPTS).to_string());
    }
    match r.below(7) {
        0 => {
            w.push(kw(r, "link"));
            let verb = r.pick(&["add", "set", "del", "show", "property", "help", "afstats", "xstats", "change"]);
            w.push(kw(r, verb));
            w.push(r.pick(NAMES).to_string());
            if verb == "add" && r.chance(70) {
                w.push("type".into());
                let t = r.pick(&["veth", "bridge", "macvlan", "vxlan", "dummy", "vlan", "nosuch"]);
                w.push(t.into());
                match t {
                    "veth" if r.chance(60) => {
                        w.push(kw(r, "peer"));
                        w.push("name".into());
                        w.push(r.pick(NAMES).into());
                    }
                    "vxlan" => {
                        w.push("id".into());
                        w.push(r.pick(NUMBERS).into());
                    }
                    "macvlan" | "vlan" => {
                        w.push("link".into());
                        w.push(r.pick(NAMES).into());
                    }
                    _ => {}
                }
            }
            pairs(
                r,
                &[
                    ("up", b'-'), ("down", b'-'), ("mtu", b'#'), ("address", b'm'), ("name", b'n'),
                    ("alias", b'n'), ("txqueuelen", b'#'), ("master", b'n'), ("nomaster", b'-'),
                    ("arp", b'?'), ("promisc", b'?'), ("netns", b'n'), ("group", b'#'), ("altname", b'n'),
                    ("dev", b'n'), ("type", b'?'), ("index", b'#'),
                ],
                &mut w,
            );
        }
        1 => {
            w.push(kw(r, "address"));
            let verb = r.pick(&["add", "del", "show", "flush", "change", "replace", "save", "help"]);
            w.push(kw(r, verb));
            w.push(r.pick(ADDRS).into());
            pairs(
                r,
                &[
                    ("dev", b'n'), ("label", b'n'), ("broadcast", b'a'), ("scope", b'?'), ("peer", b'a'),
                    ("valid_lft", b'#'), ("preferred_lft", b'#'), ("metric", b'#'), ("nodad", b'-'),
                    ("optimistic", b'-'), ("secondary", b'-'), ("noprefixroute", b'-'), ("to", b'a'),
                    ("home", b'-'), ("up", b'-'),
                ],
                &mut w,
            );
        }
        2 => {
            w.push(kw(r, "route"));
            let verb = r.pick(&["add", "del", "show", "get", "flush", "replace", "change", "append", "save"]);
            w.push(kw(r, verb));
            w.push(r.pick(ADDRS).into());
            pairs(
                r,
                &[
                    ("via", b'a'), ("dev", b'n'), ("metric", b'#'), ("table", b'?'), ("proto", b'?'),
                    ("scope", b'?'), ("type", b'?'), ("src", b'a'), ("mtu", b'#'), ("onlink", b'-'),
                    ("from", b'a'), ("tos", b'#'), ("realm", b'#'), ("nexthop", b'-'), ("weight", b'#'),
                ],
                &mut w,
            );
        }
        3 => {
            w.push(kw(r, "neighbor"));
            let verb = r.pick(&["add", "del", "show", "flush", "replace", "change", "get"]);
            w.push(kw(r, verb));
            w.push(r.pick(ADDRS).into());
            pairs(
                r,
                &[
                    ("lladdr", b'm'), ("dev", b'n'), ("nud", b'?'), ("proxy", b'a'), ("router", b'-'),
                    ("protocol", b'?'), ("managed", b'-'), ("to", b'a'), ("extern_learn", b'-'),
                ],
                &mut w,
            );
        }
        4 => {
            w.push(kw(r, "netns"));
            let verb = r.pick(&["add", "del", "list", "identify", "list-id", "set", "pids", "attach"]);
            w.push(kw(r, verb));
            if r.chance(80) {
                w.push(r.pick(NAMES).into());
            }
            if r.chance(40) {
                w.push(r.pick(NUMBERS).into());
            }
        }
        5 => {
            w.push(kw(r, "tuntap"));
            let verb = r.pick(&["add", "del", "show", "list", "help"]);
            w.push(kw(r, verb));
            pairs(
                r,
                &[
                    ("mode", b'?'), ("user", b'#'), ("group", b'#'), ("name", b'n'), ("dev", b'n'),
                    ("pi", b'-'), ("one_queue", b'-'), ("vnet_hdr", b'-'), ("multi_queue", b'-'),
                ],
                &mut w,
            );
        }
        _ => {
            // anything at all
            for _ in 0..1 + r.below(5) {
                w.push(value(r));
            }
        }
    }
    w.join(" ")
}

/// The per-line results of a chunk: (stdout+stderr, exit status).
fn split(out: &str) -> Vec<(String, i32)> {
    let mut v = Vec::new();
    let mut text = String::new();
    for l in out.split_inclusive('\n') {
        if let Some(rc) = l.strip_prefix("@@rc=") {
            v.push((std::mem::take(&mut text), rc.trim().parse().unwrap_or(-1)));
        } else {
            text.push_str(l);
        }
    }
    v
}

#[test]
fn differential_fuzz() {
    if !can_sandbox("differential_fuzz") {
        return;
    }
    let lines: usize = std::env::var("RIP_FUZZ_LINES").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let seed: u64 = std::env::var("RIP_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_0017);
    let mut r = Rng(seed | 1);
    let setup = "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02\n\
                 ip link add br0 address 02:00:00:00:00:10 type bridge\n\
                 ip addr add 10.0.0.1/24 dev v0";
    let (mut bad, mut differ) = (Vec::new(), 0usize);
    let chunk = 25;
    for start in (0..lines).step_by(chunk) {
        let cmds: Vec<String> = (start..lines.min(start + chunk)).map(|_| line(&mut r)).collect();
        let script: String = cmds
            .iter()
            .map(|c| format!("timeout -s KILL 5 ip {c} </dev/null 2>&1; r=$?; echo; echo \"@@rc=$r\"\n"))
            .collect();
        let raw = rip(setup, &script);
        let ours = split(&raw.stdout);
        if ours.len() < cmds.len() && std::env::var_os("RIP_FUZZ_VERBOSE").is_some() {
            eprintln!("CHUNK DIED after {} lines, at ip {}: {raw:?}", ours.len(), cmds[ours.len()]);
        }
        let theirs = reference(setup, &script).map(|o| split(&o.stdout));
        for (i, c) in cmds.iter().enumerate() {
            let Some((text, rc)) = ours.get(i) else {
                bad.push(format!("ip {c}: no result (the chunk died)"));
                break;
            };
            let reference = theirs.as_ref().and_then(|t| t.get(i));
            // killed by a signal (128+N, the hang timeout's SIGKILL too), or a
            // Rust panic's 101
            let died = (129..=192).contains(rc) || *rc == 101 || text.contains("panicked at");
            if died && reference.is_none_or(|(_, trc)| trc != rc) {
                bad.push(format!("ip {c}: exit {rc}\n{text}"));
            }
            if let Some((ttext, trc)) = reference {
                if (ttext, trc) != (text, rc) {
                    differ += 1;
                    if std::env::var_os("RIP_FUZZ_VERBOSE").is_some() {
                        eprintln!("DIFFERS: ip {c}\n--- rip (exit {rc})\n{text}--- reference (exit {trc})\n{ttext}");
                    }
                }
            }
        }
    }
    eprintln!("differential fuzz: {lines} lines, seed {seed:#x}: {differ} differ from the reference (RIP_FUZZ_VERBOSE=1 shows them)");
    assert!(bad.is_empty(), "rip died or hung:\n{}", bad.join("\n"));
}
