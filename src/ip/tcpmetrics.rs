//! `ip tcpmetrics` (not implemented yet: usage for `help`, else "not supported").

use super::Ip;
use crate::cli::Args;
use crate::error::Result;

pub const USAGE: &str = r#"Usage:	ip tcp_metrics/tcpmetrics { COMMAND | help }
	ip tcp_metrics { show | flush } SELECTOR
	ip tcp_metrics delete [ address ] ADDRESS
SELECTOR := [ [ address ] PREFIX ]"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    super::other_object("tcpmetrics", args.peek())
}
