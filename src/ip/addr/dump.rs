//! `ip address save | showdump | restore`: addresses as a binary stream
//! (a magic number, then the kernel's RTM_NEWADDR messages as they came).

use std::io::Write;

use super::info::{self, IfAddr, Lead};
use super::list;
use crate::cli::Args;
use crate::error::{Error, Result};
use crate::ip::Ip;
use crate::nl::rtm::RTM_NEWADDR;
use crate::print::Ctx;

const MAGIC: u32 = 0x4736_1222;
const NLM_F_CREATE: u16 = 0x400;

pub fn save(ip: &mut Ip, args: Args) -> Result<()> {
    let f = list::parse_filter(ip, args)?;
    // SAFETY: isatty on fd 1 has no memory effects.
    if unsafe { libc::isatty(1) } == 1 {
        return Err(Error::msg("Not sending a binary stream to stdout", 1));
    }
    let mut out = MAGIC.to_ne_bytes().to_vec();
    for (a, raw) in list::addresses(ip, f.family)? {
        if f.ifindex == 0 || a.index == f.ifindex {
            out.extend_from_slice(&raw);
        }
    }
    ip.p.flush();
    let _ = std::io::stdout().lock().write_all(&out);
    Ok(())
}

/// The messages of a saved stream on stdin (errors exit 255).
fn read_stream() -> Result<Vec<Vec<u8>>> {
    let s = crate::ip::common::read_saved_stream(MAGIC).map_err(Error::arg)?;
    if s.truncated {
        return Err(Error::arg("rtnl-from_file: truncated message"));
    }
    Ok(s.msgs)
}

pub fn showdump(ip: &mut Ip) -> Result<()> {
    let msgs = read_stream()?;
    ip.p.start_doc();
    ip.p.open_obj(Ctx::Json, "");
    ip.p.open_arr(Ctx::Json, "addr_info", "");
    for m in msgs {
        let Some(a) = IfAddr::parse(&m) else { continue };
        if ip.o.brief {
            ip.p.text(&format!("if{}:\n", a.index));
            info::print_brief(&mut ip.p, info::Fmt::of(&ip.o), &a);
        } else {
            info::print_full(&mut ip.p, info::Fmt::of(&ip.o), &a, Lead::Index(a.index));
        }
    }
    ip.p.close_arr(Ctx::Json, "");
    ip.p.close_obj(Ctx::Json);
    ip.p.end_doc();
    Ok(())
}

pub fn restore(ip: &mut Ip) -> Result<()> {
    for m in read_stream()? {
        let flags = u16::from_ne_bytes([m[6], m[7]]);
        if let Err(e) = ip.nl()?.request_raw(RTM_NEWADDR, flags | NLM_F_CREATE, &m[16..]) {
            ip.p.flush();
            crate::print::warn(&e);
        }
    }
    Ok(())
}
