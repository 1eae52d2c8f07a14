//! `nh_info` under a route that uses a nexthop object (`-d`): the
//! nexthop as the kernel describes it, read and printed by `ip nexthop`'s
//! own decoder and printer.

use std::collections::HashMap;

use crate::ip::nexthop::msg::{self, Nexthop};
use crate::ip::Ip;
use crate::nl::rtm::RTM_GETNEXTHOP;
use crate::print::Ctx;

/// Every nexthop object of the namespace, by id (one dump).
pub fn all(ip: &mut Ip) -> HashMap<u32, Nexthop> {
    let mut map = HashMap::new();
    let payload = msg::encode_dump(&msg::DumpFilter::default(), false);
    let Ok(nl) = ip.nl() else { return map };
    let _ = nl.dump_raw(RTM_GETNEXTHOP, &payload, &mut |m| {
        if let Some(nh) = msg::decode(m) {
            map.insert(nh.id.unwrap_or(0), nh);
        }
        Ok(())
    });
    map
}

/// `\tnh_info id N ...` (text) / `"nh_info": {...}` (JSON).
pub fn print(ip: &mut Ip, nh: &Nexthop) {
    let sl = ip.p.sl();
    ip.p.text(&format!("{sl}\tnh_info "));
    ip.p.open_obj(Ctx::Json, "nh_info");
    crate::ip::nexthop::print::print_fields(ip, nh);
    ip.p.close_obj(Ctx::Json);
}
