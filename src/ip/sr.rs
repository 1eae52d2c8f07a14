//! `ip sr` (not implemented yet: usage for `help`, else "not supported").

use super::Ip;
use crate::cli::Args;
use crate::error::Result;

pub const USAGE: &str = r#"Usage: ip sr { COMMAND | help }
          ip sr hmac show
          ip sr hmac set KEYID ALGO
          ip sr tunsrc show
          ip sr tunsrc set ADDRESS
where  ALGO := { sha1 | sha256 }"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    super::other_object("sr", args.peek())
}
