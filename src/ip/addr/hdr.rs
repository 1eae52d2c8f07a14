//! The link part of `ip address show`: the header lines of each link
//! (as `ip link show` prints them, without `mode`), its `-br` columns and
//! its `-s` counters.
//!
//! TEMPORARY minimal printer until the shared link printer lands.

use netlink_packet_route::link::{LinkAttribute, LinkMessage};

use crate::error::Result;
use crate::ip::Ip;
use crate::print::Ctx;

fn name(m: &LinkMessage) -> String {
    crate::ip::common::msg_ifname(m).unwrap_or("").to_string()
}

/// Header lines (`N: name: <FLAGS> ...` and `link/ether ...`).
pub fn full(ip: &mut Ip, m: &LinkMessage) -> Result<()> {
    ip.p.uint(Ctx::Any, "ifindex", "{}: ", m.header.index as u64);
    ip.p.str(Ctx::Any, "ifname", "{}: ", &name(m));
    for a in &m.attributes {
        if let LinkAttribute::Mtu(v) = a {
            ip.p.uint(Ctx::Any, "mtu", "mtu {} ", *v as u64);
        }
    }
    ip.p.text("\n");
    Ok(())
}

/// `-br` columns: name and state.
pub fn brief(ip: &mut Ip, m: &LinkMessage) -> Result<()> {
    ip.p.str(Ctx::Any, "ifname", "{:<16} ", &name(m));
    Ok(())
}

/// `-s` counters after the addresses.
pub fn stats(_ip: &mut Ip, _m: &LinkMessage) -> Result<()> {
    Ok(())
}
