//! `ip rule` (not implemented yet: usage for `help`, else "not supported").

use super::Ip;
use crate::cli::Args;
use crate::error::Result;

pub fn run(ip: &mut Ip, object: &str, args: Args) -> Result<()> {
    let _ = ip;
    super::other_object(object, args.peek())
}
