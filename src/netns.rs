//! Namespace plumbing, all of it: `/run/netns`, nsfs bind mounts, `setns`,
//! the private mount namespace and fresh `/sys` of `netns exec`,
//! `/etc/netns/NAME`. No other module calls setns, unshare, mount or exec.

use std::os::fd::AsFd;

use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sched::{setns, unshare, CloneFlags};

use crate::error::{Error, Result};

pub const NETNS_RUN_DIR: &str = "/run/netns";
pub const NETNS_ETC_DIR: &str = "/etc/netns";

fn errno_of(e: &std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(0)
}

/// Enter the named network namespace (`ip -n NAME`, `ip netns exec`):
/// setns, then a private mount namespace with a fresh /sys and the
/// namespace's /etc/netns/NAME files bound over /etc.
pub fn switch(name: &str) -> Result<()> {
    let path = format!("{NETNS_RUN_DIR}/{name}");
    let f = std::fs::File::open(&path).map_err(|e| {
        Error::msg(
            format!(
                "Cannot open network namespace \"{name}\": {}",
                crate::error::strerror(errno_of(&e))
            ),
            255,
        )
    })?;
    setns(f.as_fd(), CloneFlags::CLONE_NEWNET).map_err(|e| {
        Error::msg(
            format!(
                "setting the network namespace \"{name}\" failed: {}",
                crate::error::strerror(e as i32)
            ),
            255,
        )
    })?;
    drop(f);
    private_mounts(name)
}

/// A private mount namespace in which /sys shows the current network
/// namespace's devices and /etc/netns/NAME/* is bound over /etc/*.
pub fn private_mounts(name: &str) -> Result<()> {
    unshare(CloneFlags::CLONE_NEWNS).map_err(|e| {
        Error::msg(format!("unshare failed: {}", crate::error::strerror(e as i32)), 255)
    })?;
    // Don't let our mounts propagate back to the parent namespace.
    let none: Option<&str> = None;
    mount(Some(""), "/", none, MsFlags::MS_SLAVE | MsFlags::MS_REC, none).map_err(|e| {
        Error::msg(
            format!("\"mount --make-rslave /\" failed: {}", crate::error::strerror(e as i32)),
            255,
        )
    })?;
    // Remount /sys for the new network namespace; keep it read-only when
    // it could not be mounted read-write.
    let mut flags = MsFlags::empty();
    if umount2("/sys", MntFlags::MNT_DETACH).is_err() {
        // not mounted or busy: look at the current flags
        if let Ok(st) = nix::sys::statvfs::statvfs("/sys") {
            if st.flags().contains(nix::sys::statvfs::FsFlags::ST_RDONLY) {
                flags |= MsFlags::MS_RDONLY;
            }
        }
    }
    if let Err(e) = mount(Some(name), "/sys", Some("sysfs"), flags, none) {
        return Err(Error::msg(
            format!("mount of /sys failed: {}", crate::error::strerror(e as i32)),
            255,
        ));
    }
    bind_etc(name);
    Ok(())
}

/// Bind every file of /etc/netns/NAME over its /etc counterpart.
fn bind_etc(name: &str) {
    let dir = format!("{NETNS_ETC_DIR}/{name}");
    let Ok(rd) = std::fs::read_dir(&dir) else { return };
    let none: Option<&str> = None;
    for ent in rd.flatten() {
        let fname = ent.file_name();
        let fname = fname.to_string_lossy();
        if fname == "." || fname == ".." {
            continue;
        }
        let src = format!("{dir}/{fname}");
        let dst = format!("/etc/{fname}");
        if let Err(e) = mount(Some(src.as_str()), dst.as_str(), none, MsFlags::MS_BIND, none) {
            eprintln!(
                "Bind {src} -> {dst} failed: {}",
                crate::error::strerror(e as i32)
            );
        }
    }
}
