//! `ip route save`, `restore` and `showdump`: routes as a binary stream
//! (a magic number, then the kernel's netlink messages as they came).

use std::io::Write;

use netlink_packet_core::NLM_F_CREATE;
use netlink_packet_route::RouteNetlinkMessage;

use super::print::{print_route, Hide, Route};
use super::show::{dump_payload, dumped, parse_filter};

use crate::cli::Args;
use crate::error::{Error, Result};
use crate::ip::Ip;
use crate::nl::rtm::{RTM_GETROUTE, RTM_NEWROUTE};
use crate::print::Printer;

const MAGIC: u32 = 0x4531_1224;
const RTA_GATEWAY: u16 = 5;
const RTA_PREFSRC: u16 = 7;

/// `ip route save SELECTOR`: the magic, then every selected route.
pub fn save(ip: &mut Ip, mut args: Args) -> Result<()> {
    // the magic goes out first, also before a selector the parser refuses
    let mut out = MAGIC.to_ne_bytes().to_vec();
    let r = save_routes(ip, &mut args, &mut out);
    ip.p.flush();
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(&out).and_then(|_| so.flush());
    drop(so);
    if r.is_ok() {
        // under -j the reference's (empty) document follows the stream
        ip.p.start_doc();
        ip.p.end_doc();
        ip.p.flush();
    }
    r
}

fn save_routes(ip: &mut Ip, args: &mut Args, out: &mut Vec<u8>) -> Result<()> {
    let f = parse_filter(ip, args)?;
    let payload = dump_payload(&f, ip.in_batch);
    let r = ip.nl()?.dump_raw(RTM_GETROUTE, &payload, &mut |bytes| {
        if dumped(&f, bytes, &mut Default::default()) {
            out.extend_from_slice(bytes);
        }
        Ok(())
    });
    super::show::main_table_absent(&f, r)
}

/// Read stdin, check the magic (a mismatch exits 1), split into netlink
/// messages (a truncated tail is dropped).
fn read_stream() -> Result<Vec<Vec<u8>>> {
    let s = crate::ip::common::read_saved_stream(MAGIC).map_err(|m| Error::msg(m, 1))?;
    Ok(s.msgs)
}

/// Whether a route message (header included) has an attribute of one of
/// these types.
fn has_attr(msg: &[u8], kinds: &[u16]) -> bool {
    crate::nl::attrs(msg.get(16 + 12..).unwrap_or_default()).any(|(k, _)| kinds.contains(&k))
}

/// `ip route restore`, in three passes as the reference does: routes
/// without a gateway (to local addresses, or without a preferred source),
/// then the other routes without a gateway (local networks), then routes
/// with a gateway. Existing routes are reported and skipped.
pub fn restore(ip: &mut Ip) -> Result<()> {
    let msgs = read_stream()?;
    let pass_of = |m: &[u8]| -> u8 {
        let dst_len = m.get(17).copied().unwrap_or(0);
        if has_attr(m, &[RTA_GATEWAY]) {
            2
        } else if has_attr(m, &[RTA_PREFSRC]) && dst_len != 0 {
            1
        } else {
            0
        }
    };
    for pass in 0..3 {
        for m in msgs.iter().filter(|m| pass_of(m) == pass) {
            let flags = u16::from_ne_bytes([m[6], m[7]]) | NLM_F_CREATE;
            match ip.nl()?.request_raw(RTM_NEWROUTE, flags, &m[16..]) {
                Ok(()) => {}
                Err(e) if e.errno() == Some(libc::EEXIST) => {
                    ip.p.flush();
                    crate::print::warn(&e);
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

/// `ip route showdump`: print a saved stream (always as text).
pub fn showdump(ip: &mut Ip) -> Result<()> {
    let msgs = read_stream()?;
    let text = Printer::new(false, false, false, ip.o.oneline);
    let saved = std::mem::replace(&mut ip.p, text);
    for m in &msgs {
        if let Some(RouteNetlinkMessage::NewRoute(r)) = crate::nl::decode(m) {
            print_route(ip, &Route::from_msg(&r), &Hide::default());
        }
    }
    ip.p.flush();
    ip.p = saved;
    Ok(())
}
