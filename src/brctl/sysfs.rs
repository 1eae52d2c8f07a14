//! What bridge-utils reads and writes under /sys/class/net: bridge and
//! port attributes (`bridge/*`, `brport/*`), the port list (`brif/`) and
//! the forwarding table (`brforward`, binary records).

use std::io::Write;
use std::path::{Path, PathBuf};

const NET: &str = "/sys/class/net";

fn dev_dir(dev: &str) -> PathBuf {
    Path::new(NET).join(crate::cli::fs_path(dev))
}

/// `/sys/class/net/DEV/bridge`, present only on bridges.
pub fn bridge_dir(dev: &str) -> PathBuf {
    dev_dir(dev).join("bridge")
}

/// `/sys/class/net/DEV/brport`, present only on bridge ports.
pub fn port_dir(dev: &str) -> PathBuf {
    dev_dir(dev).join("brport")
}

/// `/sys/class/net/BR/brif/PORT`: the port's `brport` directory when
/// PORT is a port of bridge BR.
pub fn brif_dir(br: &str, port: &str) -> PathBuf {
    dev_dir(br).join("brif").join(crate::cli::fs_path(port))
}

pub fn is_bridge(dev: &str) -> bool {
    !dev.is_empty() && bridge_dir(dev).is_dir()
}

/// One attribute file, trimmed; "" when it cannot be read.
fn read_str(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// One numeric attribute (decimal or `0x` hex); 0 when unreadable.
fn read_num(dir: &Path, file: &str) -> u64 {
    let s = read_str(dir, file);
    match s.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16).unwrap_or(0),
        None => s.parse().unwrap_or(0),
    }
}

/// The outcome of trying to write one attribute file.
pub enum Write1 {
    /// the file could not be opened (errno): not there (no such device,
    /// not a bridge or port), or not allowed
    NoOpen(i32),
    /// opened, but the write failed with this errno
    Failed(i32),
    Done,
}

/// Write `value` + newline to `path`, as bridge-utils does.
pub fn write_attr(path: &Path, value: &str) -> Write1 {
    let mut f = match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(f) => f,
        Err(e) => return Write1::NoOpen(e.raw_os_error().unwrap_or(libc::ENOENT)),
    };
    match f.write_all(format!("{value}\n").as_bytes()) {
        Ok(()) => Write1::Done,
        Err(e) => Write1::Failed(e.raw_os_error().unwrap_or(libc::EIO)),
    }
}

/// Names in a directory, sorted bytewise (scandir + alphasort in the C
/// locale). Empty when the directory cannot be read.
fn sorted_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| crate::cli::string_of_os(&e.file_name()))
            .collect(),
        Err(_) => return Vec::new(),
    };
    v.sort_by(|a, b| crate::cli::bytes_of(a).cmp(&crate::cli::bytes_of(b)));
    v
}

/// Every bridge in /sys/class/net, sorted by name.
pub fn bridges() -> Vec<String> {
    sorted_names(Path::new(NET))
        .into_iter()
        .filter(|n| is_bridge(n))
        .collect()
}

/// The ports of a bridge (`brif/`), sorted by name.
pub fn ports(br: &str) -> Vec<String> {
    sorted_names(&dev_dir(br).join("brif"))
}

/// A bridge's attributes; times and timers in centiseconds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BridgeInfo {
    pub bridge_id: String,
    pub designated_root: String,
    pub root_port: u64,
    pub root_path_cost: u64,
    pub max_age: u64,
    pub hello_time: u64,
    pub forward_delay: u64,
    pub bridge_max_age: u64,
    pub bridge_hello_time: u64,
    pub bridge_forward_delay: u64,
    pub ageing_time: u64,
    pub hello_timer: u64,
    pub tcn_timer: u64,
    pub topology_change_timer: u64,
    pub gc_timer: u64,
    pub stp_state: u64,
    pub topology_change: bool,
    pub topology_change_detected: bool,
}

/// None when DEV has no `bridge/` directory.
pub fn bridge_info(br: &str) -> Option<BridgeInfo> {
    let d = bridge_dir(br);
    if br.is_empty() || !d.is_dir() {
        return None;
    }
    Some(BridgeInfo {
        bridge_id: read_str(&d, "bridge_id"),
        designated_root: read_str(&d, "root_id"),
        root_port: read_num(&d, "root_port"),
        root_path_cost: read_num(&d, "root_path_cost"),
        max_age: read_num(&d, "max_age"),
        hello_time: read_num(&d, "hello_time"),
        forward_delay: read_num(&d, "forward_delay"),
        // sysfs has one value each; bridge-utils shows it in both columns
        bridge_max_age: read_num(&d, "max_age"),
        bridge_hello_time: read_num(&d, "hello_time"),
        bridge_forward_delay: read_num(&d, "forward_delay"),
        ageing_time: read_num(&d, "ageing_time"),
        hello_timer: read_num(&d, "hello_timer"),
        tcn_timer: read_num(&d, "tcn_timer"),
        topology_change_timer: read_num(&d, "topology_change_timer"),
        gc_timer: read_num(&d, "gc_timer"),
        stp_state: read_num(&d, "stp_state"),
        topology_change: read_num(&d, "topology_change") != 0,
        topology_change_detected: read_num(&d, "topology_change_detected") != 0,
    })
}

/// A port's attributes; timers in centiseconds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortInfo {
    pub name: String,
    pub port_no: u64,
    pub port_id: u64,
    pub state: u64,
    pub designated_root: String,
    pub designated_bridge: String,
    pub designated_port: u64,
    pub designated_cost: u64,
    pub path_cost: u64,
    pub message_age_timer: u64,
    pub forward_delay_timer: u64,
    pub hold_timer: u64,
    pub config_pending: bool,
    pub change_ack: bool,
    pub hairpin_mode: u64,
}

/// The port `port` of bridge `br`, read through `br/brif/port/`.
pub fn port_info(br: &str, port: &str) -> PortInfo {
    let d = brif_dir(br, port);
    PortInfo {
        name: port.to_string(),
        port_no: read_num(&d, "port_no"),
        port_id: read_num(&d, "port_id"),
        state: read_num(&d, "state"),
        designated_root: read_str(&d, "designated_root"),
        designated_bridge: read_str(&d, "designated_bridge"),
        designated_port: read_num(&d, "designated_port"),
        designated_cost: read_num(&d, "designated_cost"),
        path_cost: read_num(&d, "path_cost"),
        message_age_timer: read_num(&d, "message_age_timer"),
        forward_delay_timer: read_num(&d, "forward_delay_timer"),
        hold_timer: read_num(&d, "hold_timer"),
        config_pending: read_num(&d, "config_pending") != 0,
        change_ack: read_num(&d, "change_ack") != 0,
        hairpin_mode: read_num(&d, "hairpin_mode"),
    }
}

/// One forwarding-table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fdb {
    pub mac: [u8; 6],
    pub port: u16,
    pub is_local: bool,
    /// centiseconds since the entry was last used
    pub ageing: u32,
}

/// The kernel's `struct __fdb_entry` records (16 bytes each).
pub fn parse_fdb(buf: &[u8]) -> Vec<Fdb> {
    buf.chunks_exact(16)
        .map(|r| Fdb {
            mac: [r[0], r[1], r[2], r[3], r[4], r[5]],
            port: u16::from(r[6]) | (u16::from(r[12]) << 8),
            is_local: r[7] != 0,
            ageing: u32::from_ne_bytes([r[8], r[9], r[10], r[11]]),
        })
        .collect()
}

/// The forwarding table of a bridge; None when `brforward` is not there.
pub fn fdb(br: &str) -> Option<Vec<Fdb>> {
    if br.is_empty() {
        return None;
    }
    std::fs::read(dev_dir(br).join("brforward"))
        .ok()
        .map(|b| parse_fdb(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fdb_records() {
        let mut b = vec![2, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        b.extend_from_slice(&[2, 0, 0, 0, 1, 2, 4, 0]);
        b.extend_from_slice(&3u32.to_ne_bytes());
        b.extend_from_slice(&[1, 0, 0, 0]);
        let v = parse_fdb(&b);
        assert_eq!(v.len(), 2);
        assert_eq!(
            v[0],
            Fdb {
                mac: [2, 0, 0, 0, 1, 1],
                port: 1,
                is_local: true,
                ageing: 0
            }
        );
        assert_eq!(
            v[1],
            Fdb {
                mac: [2, 0, 0, 0, 1, 2],
                port: 260,
                is_local: false,
                ageing: 3
            }
        );
    }
}
