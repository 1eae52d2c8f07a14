//! `ip stats` (not implemented yet: usage for `help`, else "not supported").

use super::Ip;
use crate::cli::Args;
use crate::error::Result;

pub const USAGE: &str = r#"Usage: ip stats help
       ip stats show [ dev DEV ] [ group GROUP [ subgroup SUBGROUP [ suite SUITE ] ... ] ... ] ...
       ip stats set dev DEV l3_stats { on | off }
GROUP := { link | xstats | xstats_slave | offload | afstats }
xstats SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
xstats_slave SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
offload SUBGROUP := { cpu_hit | hw_stats_info | l3_stats }
afstats SUBGROUP := { mpls }"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    super::other_object("stats", args.peek())
}
