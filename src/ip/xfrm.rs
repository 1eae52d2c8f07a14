//! `ip xfrm` (not implemented yet: usage for `help`, else "not supported").

use super::Ip;
use crate::cli::Args;
use crate::error::Result;

pub const XFRM_USAGE: &str = "\
Usage: ip xfrm XFRM-OBJECT { COMMAND | help }
where  XFRM-OBJECT := state | policy | monitor";

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = (ip, args);
    Err(crate::error::Error::arg(XFRM_USAGE))
}
