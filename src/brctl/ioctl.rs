//! bridge-utils' last resort: where sysfs has no `bridge/` directory for
//! the name given, it asks the kernel with the old bridge ioctl, which finds
//! a bridge by the first 15 bytes of a longer name. Its answer mixes units
//! (some times in clock ticks, some in jiffies) and bridge-utils prints it
//! as it comes, so rip asks the same question to print the same numbers.

use super::sysfs::BridgeInfo;

const SIOCDEVPRIVATE: libc::c_ulong = 0x89F0;
const BRCTL_GET_BRIDGE_INFO: libc::c_ulong = 6;

/// The kernel's `struct __bridge_info` (linux/if_bridge.h).
#[repr(C)]
#[derive(Default)]
struct RawInfo {
    designated_root: u64,
    bridge_id: u64,
    root_path_cost: u32,
    max_age: u32,
    hello_time: u32,
    forward_delay: u32,
    bridge_max_age: u32,
    bridge_hello_time: u32,
    bridge_forward_delay: u32,
    topology_change: u8,
    topology_change_detected: u8,
    root_port: u8,
    stp_enabled: u8,
    ageing_time: u32,
    gc_interval: u32,
    hello_timer_value: u32,
    tcn_timer_value: u32,
    topology_change_timer_value: u32,
    gc_timer_value: u32,
}

/// A bridge id as the kernel stores it (priority, then MAC, in memory
/// order) in bridge-utils' `%.2x%.2x.%.2x…` form.
fn fmt_id(id: u64) -> String {
    let b = id.to_ne_bytes();
    format!(
        "{:02x}{:02x}.{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
        b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]
    )
}

/// BRCTL_GET_BRIDGE_INFO on `name` (cut to 15 bytes as the kernel does).
pub fn bridge_info(name: &str) -> Option<BridgeInfo> {
    let mut raw = RawInfo::default();
    // SAFETY: a plain socket used for one device ioctl and closed; ifreq is
    // zero-initialised, its name NUL-terminated within 16 bytes, and its
    // data pointer points at `args`, whose second word points at `raw`;
    // both outlive the call and match the layouts the kernel writes.
    unsafe {
        let fd = libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0);
        if fd < 0 {
            return None;
        }
        let mut args: [libc::c_ulong; 4] =
            [BRCTL_GET_BRIDGE_INFO, &mut raw as *mut RawInfo as libc::c_ulong, 0, 0];
        let mut ifr: libc::ifreq = std::mem::zeroed();
        for (d, s) in ifr.ifr_name.iter_mut().zip(crate::cli::bytes_of(name).iter().copied().take(15)) {
            *d = s as libc::c_char;
        }
        ifr.ifr_ifru.ifru_data = args.as_mut_ptr() as *mut libc::c_char;
        let r = libc::ioctl(fd, SIOCDEVPRIVATE, &mut ifr);
        libc::close(fd);
        if r < 0 {
            return None;
        }
    }
    Some(BridgeInfo {
        bridge_id: fmt_id(raw.bridge_id),
        designated_root: fmt_id(raw.designated_root),
        root_port: raw.root_port.into(),
        root_path_cost: raw.root_path_cost.into(),
        max_age: raw.max_age.into(),
        hello_time: raw.hello_time.into(),
        forward_delay: raw.forward_delay.into(),
        bridge_max_age: raw.bridge_max_age.into(),
        bridge_hello_time: raw.bridge_hello_time.into(),
        bridge_forward_delay: raw.bridge_forward_delay.into(),
        ageing_time: raw.ageing_time.into(),
        hello_timer: raw.hello_timer_value.into(),
        tcn_timer: raw.tcn_timer_value.into(),
        topology_change_timer: raw.topology_change_timer_value.into(),
        gc_timer: raw.gc_timer_value.into(),
        stp_state: raw.stp_enabled.into(),
        topology_change: raw.topology_change != 0,
        topology_change_detected: raw.topology_change_detected != 0,
    })
}
