//! rip: iproute2's `ip` and bridge-utils' `brctl` in one multicall binary.
//!
//! The basename of argv[0] picks the applet: `rip` and `ip` are ip,
//! `brctl` is brctl. This is the only place that prints an error and picks
//! the exit code.

mod brctl;
mod cli;
mod error;
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

fn applet_for(argv0: &str) -> Applet {
    let base = Path::new(argv0).file_name().and_then(|s| s.to_str()).unwrap_or(argv0);
    APPLETS
        .iter()
        .find(|(name, _)| {
            base == *name || (base.starts_with(name) && base.as_bytes().get(name.len()) == Some(&b'.'))
        })
        .map(|(_, a)| *a)
        .unwrap_or(Applet::Ip)
}

/// `rip --install DIR`: `ip` and `brctl` links to this binary in DIR.
fn install(dir: &str) -> Result<()> {
    // stdout through the one Printer: a failed write is ignored (flushed
    // when `p` is dropped), never a panic
    let mut p = print::Printer::new(false, false, false, false);
    let mut line = |s: String| p.raw(&(s + "\n"));
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| Error::os("rip: cannot find its own binary", e.raw_os_error().unwrap_or(0), 1))?;
    for name in ["ip", "brctl"] {
        let link = Path::new(dir).join(name);
        match std::fs::symlink_metadata(&link) {
            Ok(md) => {
                let ours = md.file_type().is_symlink()
                    && std::fs::canonicalize(&link).map(|t| t == exe).unwrap_or(false);
                if ours {
                    line(format!("{} -> {} (already there)", link.display(), exe.display()));
                    continue;
                }
                return Err(Error::msg(
                    format!(
                        "rip: {} exists and is not a link to {}; not overwriting it",
                        link.display(),
                        exe.display()
                    ),
                    1,
                ));
            }
            Err(_) => {
                std::os::unix::fs::symlink(&exe, &link).map_err(|e| {
                    Error::os(
                        format!("rip: cannot create {}", link.display()),
                        e.raw_os_error().unwrap_or(0),
                        1,
                    )
                })?;
                line(format!("{} -> {}", link.display(), exe.display()));
            }
        }
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
    line("From the source tree, install the manual pages and shell completions with:".into());
    line(format!("  install -Dm644 -t {} man/*.8", share.join("man/man8").display()));
    line(format!(
        "  install -Dm644 completions/rip.bash {}",
        share.join("bash-completion/completions/rip").display()
    ));
    line(format!("  install -Dm644 completions/_rip {}", share.join("zsh/site-functions/_rip").display()));
    line(format!(
        "  install -Dm644 completions/rip.fish {}",
        share.join("fish/vendor_completions.d/rip.fish").display()
    ));
    line("(see README.md, \"Manual pages and shell completions\")".into());
    Ok(())
}

fn run() -> Result<()> {
    let mut parser = lexopt::Parser::from_env();
    let argv0 = parser.bin_name().unwrap_or("rip").to_string();
    let argv: Vec<String> = parser
        .raw_args()?
        .map(|a| cli::string_of_os(&a))
        .collect();
    let base = Path::new(&argv0).file_name().and_then(|s| s.to_str()).unwrap_or("");
    if base == "rip" && argv.first().map(String::as_str) == Some("--install") {
        let dir = argv.get(1).ok_or_else(|| Error::msg("Usage: rip --install DIR", 255))?;
        return install(dir);
    }
    match applet_for(&argv0) {
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
    let code = match run() {
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
        assert_eq!(applet_for("/usr/sbin/ip"), Applet::Ip);
        assert_eq!(applet_for("rip"), Applet::Ip);
        assert_eq!(applet_for("./target/release/rip"), Applet::Ip);
        assert_eq!(applet_for("/sbin/brctl"), Applet::Brctl);
        assert_eq!(applet_for("/sbin/ifconfig"), Applet::Ifconfig);
        assert_eq!(applet_for("route"), Applet::Route);
        assert_eq!(applet_for("netstat"), Applet::Netstat);
        assert_eq!(applet_for("/usr/sbin/arp"), Applet::Arp);
        assert_eq!(applet_for("brctl.static"), Applet::Brctl);
    }
}
