//! Makes `target/<profile>/rip` point at the static binary that cargo puts
//! under `target/x86_64-unknown-linux-gnu/<profile>/` (see .cargo/config.toml),
//! so `target/release/rip` works as the usual path.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
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
