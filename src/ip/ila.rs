//! `ip ila`: its usage text; every other command first looks up the
//! `ila` generic netlink family, and this kernel has no such module, so
//! rip answers as the reference does there (`Error talking to the kernel`).

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

pub const USAGE: &str = r#"Usage: ip ila add loc_match LOCATOR_MATCH loc LOCATOR [ dev DEV ] OPTIONS
       ip ila del loc_match LOCATOR_MATCH [ loc LOCATOR ] [ dev DEV ]
       ip ila list
OPTIONS := [ csum-mode { adj-transport | neutral-map |
                         neutral-map-auto | no-action } ]
           [ ident-type { luid | use-format } ]"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    match args.peek() {
        None => Err(Error::arg(USAGE)),
        Some(w) if matches(w, "help") => Err(Error::arg(USAGE)),
        Some(_) => crate::genl::require_missing("ila", "ila"),
    }
}
