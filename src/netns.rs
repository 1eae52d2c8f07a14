//! Namespace plumbing, all of it: `/run/netns`, nsfs bind mounts, `setns`,
//! `unshare`, the private mount namespace and fresh `/sys` of `netns exec`
//! and `ip -n`, `/etc/netns/NAME`, fork/exec. No other module calls setns,
//! unshare, mount or exec.

use std::ffi::CString;
use std::fs::File;
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::fs::{DirBuilderExt, MetadataExt};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sched::{setns, unshare, CloneFlags};

use crate::cli::{bytes_of, fs_path};
use crate::error::{strerror, Error, Result};

pub const NETNS_RUN_DIR: &str = "/run/netns";
pub const NETNS_ETC_DIR: &str = "/etc/netns";
/// Longest name a directory entry can have.
const NAME_MAX: usize = 255;

fn errno_of(e: &std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(0)
}

/// The file a named namespace is bound to.
pub fn path(name: &str) -> String {
    format!("{NETNS_RUN_DIR}/{name}")
}

/// A name iproute2 accepts: one path component that is not `.` or `..`.
pub fn valid_name(name: &str) -> bool {
    !(name.is_empty() || bytes_of(name).len() > NAME_MAX || name.contains('/') || name == "." || name == "..")
}

/// Open a named namespace's file.
pub fn open(name: &str) -> std::io::Result<File> {
    File::open(fs_path(&path(name)))
}

/// The entries of /run/netns in readdir order (None when it cannot be
/// read, e.g. it does not exist).
pub fn names() -> Option<Vec<String>> {
    let rd = std::fs::read_dir(NETNS_RUN_DIR).ok()?;
    Some(
        rd.flatten()
            .map(|e| crate::cli::string_of_os(&e.file_name()))
            .collect(),
    )
}

/// Enter the named network namespace (`ip -n NAME`, `ip netns exec`):
/// setns, then a private mount namespace with a fresh /sys and the
/// namespace's /etc/netns/NAME files bound over /etc.
pub fn switch(name: &str) -> Result<()> {
    let f = open(name).map_err(|e| {
        Error::msg(
            format!(
                "Cannot open network namespace \"{name}\": {}",
                strerror(errno_of(&e))
            ),
            255,
        )
    })?;
    setns(f.as_fd(), CloneFlags::CLONE_NEWNET).map_err(|e| {
        Error::msg(
            format!(
                "setting the network namespace \"{name}\" failed: {}",
                strerror(e as i32)
            ),
            255,
        )
    })?;
    drop(f);
    private_mounts(name)
}

/// A private mount namespace in which /sys shows the current network
/// namespace's devices and /etc/netns/NAME/* is bound over /etc/*.
fn private_mounts(name: &str) -> Result<()> {
    unshare(CloneFlags::CLONE_NEWNS)
        .map_err(|e| Error::msg(format!("unshare failed: {}", strerror(e as i32)), 255))?;
    // Don't let our mounts propagate back to the parent namespace.
    let none: Option<&str> = None;
    mount(
        Some(""),
        "/",
        none,
        MsFlags::MS_SLAVE | MsFlags::MS_REC,
        none,
    )
    .map_err(|e| {
        Error::msg(
            format!("\"mount --make-rslave /\" failed: {}", strerror(e as i32)),
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
            format!("mount of /sys failed: {}", strerror(e as i32)),
            255,
        ));
    }
    bind_etc(name);
    Ok(())
}

/// Bind every file of /etc/netns/NAME over its /etc counterpart.
fn bind_etc(name: &str) {
    let dir = format!("{NETNS_ETC_DIR}/{name}");
    let Ok(rd) = std::fs::read_dir(fs_path(&dir)) else {
        return;
    };
    let none: Option<&str> = None;
    for ent in rd.flatten() {
        let fname = ent.file_name();
        let fname = crate::cli::string_of_os(&fname);
        let src = format!("{dir}/{fname}");
        let dst = format!("/etc/{fname}");
        if let Err(e) = mount(
            Some(fs_path(&src).as_path()),
            fs_path(&dst).as_path(),
            none,
            MsFlags::MS_BIND,
            none,
        ) {
            // not fatal: the reference warns and goes on
            crate::print::warn(format_args!("Bind {src} -> {dst} failed: {}", strerror(e as i32)));
        }
    }
}

/// Holds an exclusive flock on /run/netns while the run dir's mount is
/// set up, so that concurrent `netns add`s stack no duplicate mounts.
struct DirLock(File);

impl DirLock {
    fn take() -> Option<DirLock> {
        let f = File::open(NETNS_RUN_DIR).ok()?;
        // SAFETY: flock on a descriptor we own.
        while unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } != 0 {
            if Errno::last() != Errno::EINTR {
                return None;
            }
        }
        Some(DirLock(f))
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // SAFETY: as above; closing the file would release it anyway.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}

/// Create /run/netns when missing (0755), for `netns add` and `monitor`.
fn make_run_dir() -> Result<()> {
    match std::fs::DirBuilder::new().mode(0o755).create(NETNS_RUN_DIR) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::msg(
            format!("mkdir {NETNS_RUN_DIR} failed: {}", strerror(errno_of(&e))),
            1,
        )),
    }
}

/// Make /run/netns a shared mount, binding it onto itself first when it
/// is no mount point yet, so namespace mounts made under it propagate to
/// every mount namespace (as iproute2 arranges it).
fn share_run_dir() -> Result<()> {
    let none: Option<&str> = None;
    let _lock = DirLock::take();
    let mut bound = false;
    loop {
        let shared = MsFlags::MS_SHARED | MsFlags::MS_REC;
        match mount(Some(""), NETNS_RUN_DIR, Some("none"), shared, none) {
            Ok(()) => return Ok(()),
            Err(Errno::EINVAL) if !bound => {
                let bind = MsFlags::MS_BIND | MsFlags::MS_REC;
                mount(Some(NETNS_RUN_DIR), NETNS_RUN_DIR, Some("none"), bind, none).map_err(
                    |e| {
                        Error::msg(
                            format!(
                                "mount --bind {NETNS_RUN_DIR} {NETNS_RUN_DIR} failed: {}",
                                strerror(e as i32)
                            ),
                            1,
                        )
                    },
                )?;
                bound = true;
            }
            Err(e) => {
                return Err(Error::msg(
                    format!(
                        "mount --make-shared {NETNS_RUN_DIR} failed: {}",
                        strerror(e as i32)
                    ),
                    1,
                ))
            }
        }
    }
}

/// `netns add NAME` (pid None: a new namespace) and `netns attach NAME
/// PID` (the namespace of PID). The name is taken with an exclusive
/// create, so of concurrent adds of one name exactly one wins; on any
/// failure the file is removed again and no mount is left.
pub fn add(name: &str, pid: Option<i64>) -> Result<()> {
    make_run_dir()?;
    share_run_dir()?;
    let target = path(name);
    // read-only, exclusive, mode 0 (the bind mount shows nsfs's mode)
    let flags = OFlag::O_RDONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_CLOEXEC;
    match nix::fcntl::open(fs_path(&target).as_path(), flags, nix::sys::stat::Mode::empty()) {
        Ok(fd) => {
            let _ = nix::unistd::close(fd);
        }
        Err(e) => {
            return Err(Error::msg(
                format!(
                    "Cannot create namespace file \"{target}\": {}",
                    strerror(e as i32)
                ),
                1,
            ))
        }
    }
    let r = bind_namespace(name, &target, pid);
    if r.is_err() {
        let _ = umount2(fs_path(&target).as_path(), MntFlags::MNT_DETACH);
        let _ = std::fs::remove_file(fs_path(&target));
    }
    r
}

/// Bind a namespace onto the (already created) file `target`.
fn bind_namespace(name: &str, target: &str, pid: Option<i64>) -> Result<()> {
    let none: Option<&str> = None;
    let bind = |src: &str| -> Result<()> {
        mount(Some(src), fs_path(target).as_path(), Some("none"), MsFlags::MS_BIND, none).map_err(|e| {
            Error::msg(
                format!("Bind {src} -> {target} failed: {}", strerror(e as i32)),
                1,
            )
        })
    };
    match pid {
        Some(pid) => bind(&format!("/proc/{pid}/ns/net")),
        None => {
            // no other thread runs here (a dump's reader thread ends with
            // its dump): unsharing moves the whole process;
            // it goes back to where it was right after the bind.
            let home = File::open("/proc/self/ns/net").map_err(|e| {
                Error::msg(
                    format!("Cannot open network namespace: {}", strerror(errno_of(&e))),
                    1,
                )
            })?;
            unshare(CloneFlags::CLONE_NEWNET).map_err(|e| {
                Error::msg(
                    format!(
                        "Failed to create a new network namespace \"{name}\": {}",
                        strerror(e as i32)
                    ),
                    1,
                )
            })?;
            let r = bind("/proc/self/ns/net");
            setns(home.as_fd(), CloneFlags::CLONE_NEWNET).map_err(|e| {
                Error::msg(
                    format!(
                        "setting the network namespace failed: {}",
                        strerror(e as i32)
                    ),
                    1,
                )
            })?;
            r
        }
    }
}

/// `netns delete NAME`: lazy unmount, then unlink.
pub fn delete(name: &str) -> Result<()> {
    let target = path(name);
    let _ = umount2(fs_path(&target).as_path(), MntFlags::MNT_DETACH);
    std::fs::remove_file(fs_path(&target)).map_err(|e| {
        Error::msg(
            format!(
                "Cannot remove namespace file \"{target}\": {}",
                strerror(errno_of(&e))
            ),
            1,
        )
    })
}

/// Replace the process with `argv` (PATH search). Returns the error to
/// report when that fails.
pub fn exec(argv: &[String]) -> Error {
    let cargs: Vec<CString> = argv
        .iter()
        .map(|a| CString::new(bytes_of(a).into_owned()).unwrap_or_default())
        .collect();
    let err = match nix::unistd::execvp(&cargs[0], &cargs) {
        Ok(never) => match never {},
        Err(e) => e as i32,
    };
    Error::msg(
        format!("exec of \"{}\" failed: {}", argv[0], strerror(err)),
        1,
    )
}

/// How a child ended.
pub enum Status {
    Exited(i32),
    Signaled,
    /// We are the child, which could not enter the namespace (reported).
    SwitchFailed,
}

/// Run `argv` in namespace `name` in a child process and wait for it.
/// The caller must have flushed its buffered output.
pub fn run_in(name: &str, argv: &[String]) -> Result<Status> {
    use nix::sys::wait::{waitpid, WaitStatus};
    use nix::unistd::ForkResult;
    // SAFETY: no other thread runs here (a dump's reader thread ends
    // with its dump); the child only switches namespace
    // and execs (or prints one error and _exits).
    match unsafe { nix::unistd::fork() } {
        Err(e) => Err(Error::msg(
            format!("fork failed: {}", strerror(e as i32)),
            1,
        )),
        Ok(ForkResult::Child) => {
            if let Err(e) = switch(name) {
                // As in the reference, a child that cannot switch goes
                // on as if it were the caller (whose command failed).
                crate::print::warn(&e);
                return Ok(Status::SwitchFailed);
            }
            let e = exec(argv);
            crate::print::warn(&e);
            // SAFETY: leave the child without running the parent's
            // destructors or flushing its buffers.
            unsafe { libc::_exit(e.exit_code()) }
        }
        Ok(ForkResult::Parent { child }) => loop {
            match waitpid(child, None) {
                Ok(WaitStatus::Exited(_, code)) => return Ok(Status::Exited(code)),
                Ok(WaitStatus::Signaled(..)) => return Ok(Status::Signaled),
                Ok(_) | Err(Errno::EINTR) => continue,
                Err(e) => {
                    return Err(Error::msg(format!("waitpid: {}", strerror(e as i32)), 1));
                }
            }
        },
    }
}

/// (device, inode) of a namespace file.
fn ns_id(p: &str) -> std::io::Result<(u64, u64)> {
    let md = std::fs::metadata(fs_path(p))?;
    Ok((md.dev(), md.ino()))
}

fn cannot_open(e: std::io::Error) -> Error {
    Error::msg(
        format!("Cannot open network namespace: {}", strerror(errno_of(&e))),
        1,
    )
}

/// `netns identify [PID]`: the name bound to the network namespace of
/// PID (or of this process); of several names the last in readdir order.
pub fn identify(pid: Option<&str>) -> Result<Option<String>> {
    let p = match pid {
        Some(pid) => format!("/proc/{pid}/ns/net"),
        None => "/proc/self/ns/net".to_string(),
    };
    let me = ns_id(&p).map_err(cannot_open)?;
    let mut found = None;
    for n in names().unwrap_or_default() {
        if ns_id(&path(&n)).ok() == Some(me) {
            found = Some(n);
        }
    }
    Ok(found)
}

/// `netns pids NAME`: the processes in that namespace, in /proc order.
pub fn pids(name: &str) -> Result<Vec<String>> {
    let want = ns_id(&path(name)).map_err(cannot_open)?;
    let rd = std::fs::read_dir("/proc")
        .map_err(|e| Error::msg(format!("Cannot open /proc: {}", strerror(errno_of(&e))), 1))?;
    let mut out = Vec::new();
    for ent in rd.flatten() {
        // process directories: names of digits only
        let Some(n) = ent.file_name().to_str().map(str::to_string) else { continue };
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if ns_id(&format!("/proc/{n}/ns/net")).ok() == Some(want) {
            out.push(n);
        }
    }
    Ok(out)
}

/// An event of `netns monitor`.
pub enum Event {
    Add(String),
    Delete(String),
}

/// `netns monitor`: watch /run/netns (created when missing) and hand
/// every add/delete to `f` until it fails.
pub fn monitor(f: &mut dyn FnMut(Event) -> Result<()>) -> Result<()> {
    let failed = |what: &str| {
        Error::msg(
            format!("{what} failed: {}", strerror(Errno::last() as i32)),
            1,
        )
    };
    make_run_dir()?;
    // SAFETY: plain syscall; the descriptor is wrapped at once.
    let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC) };
    if fd < 0 {
        return Err(failed("inotify_init"));
    }
    // SAFETY: fd is a fresh descriptor nobody else owns.
    let fd = unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    let dir = CString::new(NETNS_RUN_DIR).expect("no NUL");
    let mask = libc::IN_CREATE | libc::IN_DELETE;
    // SAFETY: fd is ours, dir is a valid C string.
    if unsafe { libc::inotify_add_watch(fd.as_raw_fd(), dir.as_ptr(), mask) } < 0 {
        return Err(failed("inotify_add_watch"));
    }
    let mut buf = vec![0u8; 64 * 1024];
    let hdr = std::mem::size_of::<libc::inotify_event>();
    loop {
        // SAFETY: buf is writable for its length.
        let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            if Errno::last() == Errno::EINTR {
                continue;
            }
            return Err(failed("read"));
        }
        let n = n as usize;
        let mut off = 0;
        while off + hdr <= n {
            // SAFETY: the kernel wrote a whole event header at off.
            let ev: libc::inotify_event =
                unsafe { std::ptr::read_unaligned(buf[off..].as_ptr().cast()) };
            let end = (off + hdr + ev.len as usize).min(n);
            let name = buf[off + hdr..end].split(|&b| b == 0).next().unwrap_or(&[]);
            let name = crate::cli::string_of_bytes(name);
            off = end;
            if ev.mask & libc::IN_CREATE != 0 {
                f(Event::Add(name))?;
            } else if ev.mask & libc::IN_DELETE != 0 {
                f(Event::Delete(name))?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_valid() {
        assert!(valid_name("ns1"));
        assert!(valid_name("my.ns-1_x"));
        assert!(valid_name("..."));
        assert!(valid_name(&"a".repeat(255)));
        assert!(!valid_name(&"a".repeat(256)));
        for bad in ["", ".", "..", "a/b", "../x", "/"] {
            assert!(!valid_name(bad), "{bad:?}");
        }
    }
}
