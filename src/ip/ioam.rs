//! `ip ioam` (not implemented yet: usage for `help`, else "not supported").

use super::Ip;
use crate::cli::Args;
use crate::error::Result;

pub const USAGE: &str = r#"Usage:	ip ioam { COMMAND | help }
	ip ioam namespace show
	ip ioam namespace add ID [ data DATA32 ] [ wide DATA64 ]
	ip ioam namespace del ID
	ip ioam schema show
	ip ioam schema add ID DATA
	ip ioam schema del ID
	ip ioam namespace set ID schema { ID | none }"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    super::other_object("ioam", args.peek())
}
