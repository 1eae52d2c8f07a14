//! `ip mptcp` (not implemented yet: usage for `help`, else "not supported").

use super::Ip;
use crate::cli::Args;
use crate::error::Result;

pub const USAGE: &str = r#"Usage:	ip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ]
				      [ port NR ] [ FLAG-LIST ]
	ip mptcp endpoint delete id ID [ ADDRESS ]
	ip mptcp endpoint change [ id ID ] [ ADDRESS ] [ port NR ] CHANGE-OPT
	ip mptcp endpoint show [ id ID ]
	ip mptcp endpoint flush
	ip mptcp limits set [ subflows NR ] [ add_addr_accepted NR ]
	ip mptcp limits show
	ip mptcp monitor
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG  := [ signal | subflow | backup | fullmesh ]
CHANGE-OPT := [ backup | nobackup | fullmesh | nofullmesh ]"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    super::other_object("mptcp", args.peek())
}
