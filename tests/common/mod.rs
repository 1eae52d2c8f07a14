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

/// True when sandboxes can be made here (root and unshare); otherwise
/// prints why the calling test is skipped.
pub fn can_sandbox(test: &str) -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc_geteuid() } == 0;
    let unshare = Path::new("/usr/bin/unshare").exists();
    if !root || !unshare {
        eprintln!("SKIPPED {test}: needs root and unshare(1)");
        return false;
    }
    true
}

extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

/// The reference tools, when installed.
pub fn reference_bin() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/sbin/ip");
    p.exists().then_some(p)
}

pub fn reference_brctl() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/sbin/brctl");
    p.exists().then_some(p)
}

/// A directory with `ip`, `rip` and `brctl` links to rip (argv[0] dispatch).
fn rip_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rip-test-bin-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for name in ["ip", "rip", "brctl"] {
        let l = dir.join(name);
        if !l.exists() {
            let _ = std::os::unix::fs::symlink(rip_bin(), &l);
        }
    }
    dir
}

/// A directory with the reference `ip` and `brctl` (and `rip` → ip).
fn ref_dir() -> Option<PathBuf> {
    let ip = reference_bin()?;
    let dir = std::env::temp_dir().join(format!("rip-test-ref-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::os::unix::fs::symlink(&ip, dir.join("ip"));
    let _ = std::os::unix::fs::symlink(&ip, dir.join("rip"));
    if let Some(b) = reference_brctl() {
        let _ = std::os::unix::fs::symlink(b, dir.join("brctl"));
    }
    Some(dir)
}

const PRELUDE: &str = r#"set -e
mount -t tmpfs -o mode=755 rip-run /run
mkdir -p /run/netns
mount -t sysfs rip-sys /sys
mount -t tmpfs rip-tmp /tmp
sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 2>/dev/null || true
ip link set lo up
set +e
"#;

/// Run `setup` with the reference tools (when given) and then `script`
/// with the tools in `bindir`, inside one fresh sandbox. The bin dirs are
/// copied into the sandbox's /tmp-free PATH.
fn run_in(bindir: &Path, setup_dir: &Path, setup: &str, script: &str) -> Out {
    let full = format!(
        "{PRELUDE}export PATH={setup}:$PATH0\nset -e\n{setup_cmds}\nset +e\nexport PATH={bin}:$PATH0\n{script}",
        setup = setup_dir.display(),
        setup_cmds = setup,
        bin = bindir.display(),
    );
    let out = Command::new("unshare")
        .args(["--net", "--mount", "--pid", "--fork", "--mount-proc", "--propagation", "private"])
        .args(["bash", "-c", &full])
        .env("PATH0", "/usr/sbin:/usr/bin:/sbin:/bin")
        .env("PATH", format!("{}:/usr/sbin:/usr/bin:/sbin:/bin", setup_dir.display()))
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
    let bin = rip_dir();
    let setup_dir = ref_dir().unwrap_or_else(|| bin.clone());
    run_in(&bin, &setup_dir, setup, script)
}

/// Run `script` with the reference tools in a fresh sandbox (None when the
/// reference is not installed).
pub fn reference(setup: &str, script: &str) -> Option<Out> {
    let dir = ref_dir()?;
    Some(run_in(&dir, &dir, setup, script))
}

/// Run the same script with rip and with the reference, each in its own
/// sandbox, and assert the outputs are the same. Without the reference,
/// only checks that rip ran (returns its output either way).
pub fn same_as_reference(setup: &str, script: &str) -> Out {
    let ours = rip(setup, script);
    if let Some(theirs) = reference(setup, script) {
        assert_eq!(
            ours, theirs,
            "rip differs from the reference for:\n{script}\n(left: rip, right: reference)"
        );
    } else {
        eprintln!("note: no reference ip installed; compared nothing for {script:?}");
    }
    ours
}
