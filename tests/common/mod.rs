//! Shared pieces of the integration tests: run the built binary (as `ip`,
//! `brctl` and `rip`) inside a throw-away sandbox, and compare it with the
//! installed reference when there is one.
//!
//! A sandbox is `unshare --net --mount --pid --fork --mount-proc` with a
//! tmpfs on /run (so /run/netns is the sandbox's own), a fresh sysfs and a
//! tmpfs on /tmp: the host's interfaces, routes and /run/netns are never
//! touched. Without root the tests say they were skipped.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// stdout, stderr, exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Out {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

pub fn rip_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rip"))
}

extern "C" {
    fn geteuid() -> u32;
}

/// Run the built binary under another name (a symlink `name` to it in a
/// temporary dir), outside any sandbox: for what needs no privileges.
pub fn run_as(name: &str, args: &[&str]) -> std::process::Output {
    let dir = std::env::temp_dir().join(format!("rip-{name}-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join(name);
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(rip_bin(), &link).unwrap();
    let out = Command::new(&link).args(args).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// True when sandboxes can be made here (root and unshare); otherwise
/// prints why the calling test is skipped.
pub fn can_sandbox(test: &str) -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { geteuid() } == 0;
    let unshare = Path::new("/usr/bin/unshare").exists();
    if !root || !unshare {
        eprintln!("SKIPPED {test}: needs root and unshare(1)");
        return false;
    }
    true
}

/// The reference `ip`, when installed.
pub fn reference_bin() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/sbin/ip");
    p.exists().then_some(p)
}

/// The reference `brctl`, when installed.
pub fn reference_brctl() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/sbin/brctl");
    p.exists().then_some(p)
}

/// Mounts, and the two tool dirs: /run/rip/bin (rip as ip, rip, brctl and
/// net-tools' ifconfig, route, netstat, arp) and
/// /run/rip/ref (the reference; rip again where there is none). They live
/// on the sandbox's own /run because /tmp is replaced.
const PRELUDE: &str = r#"set -e
mount -t tmpfs -o mode=755 rip-run /run
mkdir -p /run/netns /run/rip/bin /run/rip/ref
cp "$RIP_BIN" /run/rip/bin/rip
ln -s rip /run/rip/bin/ip
ln -s rip /run/rip/bin/brctl
if [ -x /usr/sbin/ip ]; then
  ln -s /usr/sbin/ip /run/rip/ref/ip
  ln -s /usr/sbin/ip /run/rip/ref/rip
else
  ln -s /run/rip/bin/rip /run/rip/ref/ip
  ln -s /run/rip/bin/rip /run/rip/ref/rip
fi
if [ -x /usr/sbin/brctl ]; then
  ln -s /usr/sbin/brctl /run/rip/ref/brctl
else
  ln -s /run/rip/bin/rip /run/rip/ref/brctl
fi
# net-tools' names: rip on our side, net-tools 2.10 where installed
for t in ifconfig route netstat arp; do
  ln -s rip /run/rip/bin/$t
  ref=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v $t || true)
  ln -s "${ref:-/run/rip/bin/rip}" /run/rip/ref/$t
done
mount -t sysfs rip-sys /sys
# the source tree stays reachable at its own path, also when it lives
# under /tmp (a fresh clone in CI may)
mkdir -p /run/rip/src
mount --bind "$RIP_SRC" /run/rip/src
mount -t tmpfs rip-tmp /tmp
case "$RIP_SRC" in
  /tmp/*) mkdir -p "$RIP_SRC"; mount --bind /run/rip/src "$RIP_SRC" ;;
esac
sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 2>/dev/null || true
export PATH=/run/rip/ref:$PATH0
ip link set lo up
# the kernel keeps a device-less proxy entry (`arp -s IP MAC pub`) of a
# namespace that is gone, and shows it to a new namespace that reuses the
# old one's memory: drop such strays so listings start empty
for a in $(ip -4 neigh show proxy | awk '$2 != "dev" { print $1 }'); do
  ip neigh del proxy "$a" 2>/dev/null || true
done
"#;

/// Run `setup` with the reference tools (with rip where there is none),
/// then `script` with rip (`ours`) or with the reference, in one fresh
/// sandbox.
fn run_in(ours: bool, setup: &str, script: &str) -> Out {
    let dir = if ours { "bin" } else { "ref" };
    let full = format!("{PRELUDE}{setup}\nset +e\nexport PATH=/run/rip/{dir}:$PATH0\n{script}");
    let out = Command::new("unshare")
        .args(["--net", "--mount", "--pid", "--fork", "--mount-proc", "--propagation", "private"])
        .args(["bash", "-c", &full])
        .env("PATH0", "/usr/sbin:/usr/bin:/sbin:/bin")
        .env("RIP_BIN", rip_bin())
        .env("RIP_SRC", env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("run unshare");
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Run `script` with rip as ip/brctl/rip in a fresh sandbox, after `setup`
/// (run with the reference tools when installed, else with rip).
pub fn rip(setup: &str, script: &str) -> Out {
    run_in(true, setup, script)
}

/// Run `script` with the reference tools in a fresh sandbox (None when the
/// reference is not installed).
pub fn reference(setup: &str, script: &str) -> Option<Out> {
    reference_bin()?;
    Some(run_in(false, setup, script))
}

/// Run the same script with rip and with the reference, each in its own
/// sandbox, and assert the outputs are the same. Without the reference,
/// only checks that rip ran (returns its output either way).
pub fn same_as_reference(setup: &str, script: &str) -> Out {
    let ours = rip(setup, script);
    assert_same(script, ours, reference(setup, script))
}

/// Assert rip's output is the reference's (when there is a reference).
fn assert_same(script: &str, ours: Out, theirs: Option<Out>) -> Out {
    if let Some(theirs) = theirs {
        assert_eq!(
            ours, theirs,
            "rip differs from the reference for:\n{script}\n(left: rip, right: reference)"
        );
    } else {
        eprintln!("note: no reference ip installed; compared nothing for {script:?}");
    }
    ours
}

/// Run `prepare` once in one sandbox (after `setup`), then `script` twice
/// on the state it left: with the reference tools first, then with rip;
/// assert the two runs print the same. For what a second sandbox could not
/// reproduce exactly (a recording whose events depend on timing, entries
/// another sandbox may leak into a global table). `script` must not change
/// the state the second run reads. Without the reference, only checks that
/// rip ran.
pub fn same_on_one_state(setup: &str, prepare: &str, script: &str) -> Out {
    let both = format!(
        "{prepare}\n\
         for d in ref bin; do\n\
           ( export PATH=/run/rip/$d:$PATH0\n{script}\n ) >/run/rip/$d.out 2>/run/rip/$d.err\n\
           echo $? >/run/rip/$d.rc\n\
         done\n\
         for d in ref bin; do for f in out err rc; do base64 -w0 /run/rip/$d.$f; echo; done; done"
    );
    let raw = rip(setup, &both);
    let parts: Vec<String> = raw
        .stdout
        .lines()
        .rev()
        .take(6)
        .map(|l| {
            let b = decode_base64(l.trim());
            String::from_utf8_lossy(&b).into_owned()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert_eq!(parts.len(), 6, "the sandbox did not finish: {raw:?}");
    let out = |i: usize| Out {
        stdout: parts[i].clone(),
        stderr: parts[i + 1].clone(),
        code: parts[i + 2].trim().parse().unwrap_or(-1),
    };
    assert_same(script, out(3), reference_bin().map(|_| out(0)))
}

/// Standard base64 (RFC 4648, with padding), as base64(1) writes it.
fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
