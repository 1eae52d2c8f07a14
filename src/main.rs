//! rip: iproute2's `ip` and bridge-utils' `brctl` in one multicall binary.
//!
//! The basename of argv[0] picks the applet: `rip` and `ip` are ip,
//! `brctl` is brctl. This is the only place that prints an error and picks
//! the exit code.

mod brctl;
mod cli;
mod clock;
mod error;
mod genl;
mod ip;
mod netns;
mod nettools;
mod nl;
mod print;

use std::path::Path;

use error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applet {
    Ip,
    Brctl,
    Ifconfig,
    Route,
    Netstat,
    Arp,
}

/// The applets by program name (`NAME` or `NAME.anything` picks it).
const APPLETS: &[(&str, Applet)] = &[
    ("ip", Applet::Ip),
    ("rip", Applet::Ip),
    ("brctl", Applet::Brctl),
    ("ifconfig", Applet::Ifconfig),
    ("route", Applet::Route),
    ("netstat", Applet::Netstat),
    ("arp", Applet::Arp),
];

/// The applet a program name picks: `NAME` or `NAME.anything`; any other
/// name starting with `ip` or `rip` (`ip.static`, `rip-0.1`) is ip.
fn applet_for(argv0: &str) -> Option<Applet> {
    let base = Path::new(argv0).file_name().and_then(|s| s.to_str()).unwrap_or(argv0);
    APPLETS
        .iter()
        .find(|(name, _)| {
            base == *name || (base.starts_with(name) && base.as_bytes().get(name.len()) == Some(&b'.'))
        })
        .map(|(_, a)| *a)
        .or_else(|| (base.starts_with("ip") || base.starts_with("rip")).then_some(Applet::Ip))
}

/// The names `rip --install` links to the binary.
const INSTALL_NAMES: &[&str] = &["ip", "brctl", "ifconfig", "route", "netstat", "arp"];

/// Why other users could not run `exe`: a directory on its path or the
/// file itself without the others' execute bit (e.g. /root/.cargo/bin).
fn not_executable_by_others(exe: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode()).ok();
    for p in exe.ancestors() {
        if p.as_os_str().is_empty() {
            continue;
        }
        if let Some(m) = mode(p) {
            if m & 0o001 == 0 {
                return Some(format!("{} is mode {:04o}", p.display(), m & 0o7777));
            }
        }
    }
    None
}

/// `rip --install DIR`: links named after the applets to this binary in
/// DIR, never over a file that is not already such a link.
fn install(dir: &str, out: &mut print::Printer) -> Result<()> {
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| Error::os("rip: cannot find its own binary", e.raw_os_error().unwrap_or(0), 1))?;
    if let Some(why) = not_executable_by_others(&exe) {
        return Err(Error::msg(
            format!(
                "rip: {} cannot be run by other users ({why}); links to it would give them \
                 \"Permission denied\".\nInstall it system-wide first, e.g. \
                 cargo install --path . --root /usr/local, then run /usr/local/bin/rip --install {dir}",
                exe.display()
            ),
            1,
        ));
    }
    let mut skipped = Vec::new();
    for name in INSTALL_NAMES {
        let link = Path::new(dir).join(name);
        match std::fs::symlink_metadata(&link) {
            Ok(md) => {
                let ours = md.file_type().is_symlink()
                    && std::fs::canonicalize(&link).map(|t| t == exe).unwrap_or(false);
                if ours {
                    out.raw(&format!("{} -> {} (already there)\n", link.display(), exe.display()));
                } else {
                    out.raw(&format!(
                        "{} exists and is not a link to {}: skipped\n",
                        link.display(),
                        exe.display()
                    ));
                    skipped.push(*name);
                }
            }
            Err(_) => {
                std::os::unix::fs::symlink(&exe, &link).map_err(|e| {
                    Error::os(
                        format!("rip: cannot create {}", link.display()),
                        e.raw_os_error().unwrap_or(0),
                        1,
                    )
                })?;
                out.raw(&format!("{} -> {}\n", link.display(), exe.display()));
            }
        }
    }
    if !skipped.is_empty() {
        out.raw(&format!(
            "Skipped {} (another program is installed there); remove it first to let rip answer as {}.\n",
            skipped.join(", "),
            skipped.join(", ")
        ));
    }
    // The binary does not carry the pages and completions: they are files
    // of the source tree, installed with install(1).
    // DIR's parent as the prefix (/usr/local/bin -> /usr/local/share)
    let prefix = match Path::new(dir).parent() {
        Some(p) if p == Path::new("/") => Path::new("/usr"),
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("/usr/local"),
    };
    let share = prefix.join("share");
    let bash = share.join("bash-completion/completions");
    let fish = share.join("fish/vendor_completions.d");
    let mut t = String::new();
    t.push_str("From the source tree, install the manual pages and shell completions with:\n");
    t.push_str(&format!("  install -Dm644 -t {} man/*.8\n", share.join("man/man8").display()));
    t.push_str(&format!("  install -Dm644 completions/rip.bash {}\n", bash.join("rip").display()));
    for name in INSTALL_NAMES {
        t.push_str(&format!("  ln -sf rip {}\n", bash.join(name).display()));
    }
    t.push_str(&format!("  install -Dm644 completions/_rip {}\n", share.join("zsh/site-functions/_rip").display()));
    t.push_str(&format!("  install -Dm644 completions/rip.fish {}\n", fish.join("rip.fish").display()));
    for name in INSTALL_NAMES {
        t.push_str(&format!("  ln -sf rip.fish {}\n", fish.join(format!("{name}.fish")).display()));
    }
    t.push_str("(see README.md, \"Manual pages and shell completions\")\n");
    out.raw(&t);
    Ok(())
}

/// `rip --version`: rip's own version and what it stands in for.
fn version_text() -> String {
    format!(
        "rip {}\n\
         one binary for: ip (iproute2-6.1.0), brctl (bridge-utils 1.7.1), \
         ifconfig, route, netstat, arp (net-tools 2.10)\n\
         invoked as: {}\n",
        env!("CARGO_PKG_VERSION"),
        APPLETS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
    )
}

fn run(out: &mut print::Printer) -> Result<()> {
    let mut parser = lexopt::Parser::from_env();
    let argv0 = parser.bin_name().unwrap_or("rip").to_string();
    let argv: Vec<String> = parser
        .raw_args()?
        .map(|a| cli::string_of_os(&a))
        .collect();
    let base = Path::new(&argv0).file_name().and_then(|s| s.to_str()).unwrap_or("");
    if base == "rip" {
        match argv.first().map(String::as_str) {
            Some("--install") => {
                let dir = argv.get(1).ok_or_else(|| Error::msg("Usage: rip --install DIR", 255))?;
                return install(dir, out);
            }
            Some("--version") => {
                out.raw(&version_text());
                return Ok(());
            }
            _ => {}
        }
    }
    let Some(applet) = applet_for(&argv0) else {
        return Err(Error::msg(
            format!(
                "rip: \"{base}\" is not a program rip can be; link it as one of: {}",
                APPLETS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
            127,
        ));
    };
    match applet {
        Applet::Ip => ip::main(argv),
        Applet::Brctl => brctl::main(argv),
        Applet::Ifconfig => nettools::ifconfig::main(argv),
        Applet::Route => nettools::route::main(argv),
        Applet::Netstat => nettools::netstat::main(argv),
        Applet::Arp => nettools::arp::main(argv),
    }
}

fn main() {
    // SIGPIPE: die quietly like a C program would when output is cut.
    // SAFETY: setting a signal disposition to the default is sound.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let mut out = print::Printer::new(false, false, false, false);
    let r = run(&mut out);
    out.flush();
    let code = match r {
        Ok(()) => 0,
        Err(e) => {
            if !e.is_silent() {
                // one write, text and newline together, as stdio would;
                // a failed write is ignored
                print::warn(&e);
            }
            e.exit_code()
        }
    };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applets() {
        let a = applet_for;
        assert_eq!(a("/usr/sbin/ip"), Some(Applet::Ip));
        assert_eq!(a("rip"), Some(Applet::Ip));
        assert_eq!(a("./target/release/rip"), Some(Applet::Ip));
        assert_eq!(a("ip.static"), Some(Applet::Ip));
        assert_eq!(a("rip-0.1"), Some(Applet::Ip));
        assert_eq!(a("/sbin/brctl"), Some(Applet::Brctl));
        assert_eq!(a("brctl.static"), Some(Applet::Brctl));
        assert_eq!(a("/sbin/ifconfig"), Some(Applet::Ifconfig));
        assert_eq!(a("route"), Some(Applet::Route));
        assert_eq!(a("netstat"), Some(Applet::Netstat));
        assert_eq!(a("/usr/sbin/arp"), Some(Applet::Arp));
        assert_eq!(a("router"), None);
        assert_eq!(a("busybox"), None);
        assert_eq!(a("brctl2"), None);
    }

    #[test]
    fn other_users_must_reach_the_binary() {
        // / and /usr/bin are world-executable on any sane system
        assert_eq!(not_executable_by_others(Path::new("/usr/bin")), None);
        let d = std::env::temp_dir().join(format!("rip-install-test-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700)).unwrap();
        let why = not_executable_by_others(&d.join("rip")).unwrap();
        assert!(why.ends_with("is mode 0700"), "{why}");
        std::fs::remove_dir(&d).unwrap();
    }
}
