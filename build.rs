//! Makes `target/<profile>/rip` point at the static binary that cargo puts
//! under `target/x86_64-unknown-linux-gnu/<profile>/` (see .cargo/config.toml),
//! so `target/release/rip` works as the usual path; hands the linker the
//! function order of src/link-order.txt where the linker is LLD.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    link_order();
    let (Ok(out), Ok(profile), Ok(target)) = (
        std::env::var("OUT_DIR"),
        std::env::var("PROFILE"),
        std::env::var("TARGET"),
    ) else {
        return;
    };
    // OUT_DIR = <target-dir>/<triple>/<profile>/build/<pkg>-<hash>/out
    let out = PathBuf::from(out);
    let Some(profile_dir) = out.ancestors().nth(3) else { return };
    let Some(triple_dir) = profile_dir.parent() else { return };
    if triple_dir.file_name().and_then(|s| s.to_str()) != Some(target.as_str()) {
        return; // no explicit target: the binary is already in the usual place
    }
    let Some(target_dir) = triple_dir.parent() else { return };
    let dir = target_dir.join(&profile);
    let _ = std::fs::create_dir_all(&dir);
    let link = dir.join("rip");
    let dest = PathBuf::from("..").join(&target).join(&profile).join("rip");
    if std::fs::read_link(&link).ok().as_deref() != Some(dest.as_path()) {
        let _ = std::fs::remove_file(&link);
        let _ = std::os::unix::fs::symlink(&dest, &link);
    }
}

/// `--symbol-ordering-file=src/link-order.txt` (made by
/// bench/link-order.sh): the functions the common commands run, placed
/// together at the start of the text, so a command touches few of the
/// 64 KiB blocks the kernel maps around each page it reads (that count is
/// most of rip's peak RSS). Only for LLD, the linker rustc uses by default
/// for x86_64-unknown-linux-gnu since 1.90 (GNU ld has no such option);
/// not when RUSTFLAGS pick a linker or RIP_NO_LINK_ORDER is set. A name
/// the binary lacks is skipped without a warning.
fn link_order() {
    println!("cargo:rerun-if-changed=src/link-order.txt");
    println!("cargo:rerun-if-env-changed=RIP_NO_LINK_ORDER");
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    if env("TARGET") != "x86_64-unknown-linux-gnu"
        || std::env::var_os("RIP_NO_LINK_ORDER").is_some()
        || env("CARGO_ENCODED_RUSTFLAGS").contains("linker")
    {
        return;
    }
    // rustc's minor version from `rustc -vV` ("release: 1.95.0")
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(out) = std::process::Command::new(rustc).arg("-vV").output() else { return };
    let text = String::from_utf8_lossy(&out.stdout);
    let minor = text
        .lines()
        .find_map(|l| l.strip_prefix("release: 1."))
        .and_then(|v| v.split('.').next())
        .and_then(|v| v.parse::<u32>().ok());
    if minor.is_none_or(|m| m < 90) {
        return;
    }
    let file = PathBuf::from(env("CARGO_MANIFEST_DIR")).join("src/link-order.txt");
    if file.exists() {
        println!("cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}", file.display());
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}
