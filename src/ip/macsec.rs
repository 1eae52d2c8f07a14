//! `ip macsec`: its usage text; every other command first looks up the
//! `macsec` generic netlink family, and this kernel has no such module, so
//! rip answers as the reference does there (`Error talking to the kernel`).

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

pub const USAGE: &str = r#"Usage: ip macsec add DEV tx sa { 0..3 } [ OPTS ] key ID KEY
       ip macsec set DEV tx sa { 0..3 } [ OPTS ]
       ip macsec del DEV tx sa { 0..3 }
       ip macsec add DEV rx SCI [ on | off ]
       ip macsec set DEV rx SCI [ on | off ]
       ip macsec del DEV rx SCI
       ip macsec add DEV rx SCI sa { 0..3 } [ OPTS ] key ID KEY
       ip macsec set DEV rx SCI sa { 0..3 } [ OPTS ]
       ip macsec del DEV rx SCI sa { 0..3 }
       ip macsec show
       ip macsec show DEV
       ip macsec offload DEV [ off | phy | mac ]
where  OPTS := [ pn <u32> | xpn <u64> ] [ salt SALT ] [ ssci <u32> ] [ on | off ]
       ID   := 128-bit hex string
       KEY  := 128-bit or 256-bit hex string
       SCI  := { sci <u64> | port { 1..2^16-1 } address <lladdr> }
       SALT := 96-bit hex string"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    match args.peek() {
        None => Err(Error::arg(USAGE)),
        Some(w) if matches(w, "help") => Err(Error::arg(USAGE)),
        Some(_) => crate::genl::require_missing("macsec", "macsec"),
    }
}
