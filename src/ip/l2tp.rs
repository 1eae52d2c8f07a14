//! `ip l2tp`: its usage text; every other command first looks up the
//! `l2tp` generic netlink family, and this kernel has no such module, so
//! rip answers as the reference does there (`Error talking to the kernel`).

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

pub const USAGE: &str = r#"Usage: ip l2tp add tunnel
          remote ADDR local ADDR
          tunnel_id ID peer_tunnel_id ID
          [ encap { ip | udp } ]
          [ udp_sport PORT ] [ udp_dport PORT ]
          [ udp_csum { on | off } ]
          [ udp6_csum_tx { on | off } ]
          [ udp6_csum_rx { on | off } ]
Usage: ip l2tp add session [ name NAME ]
          tunnel_id ID
          session_id ID peer_session_id ID
          [ cookie HEXSTR ] [ peer_cookie HEXSTR ]
          [ seq { none | send | recv | both } ]
          [ l2spec_type L2SPEC ]
       ip l2tp del tunnel tunnel_id ID
       ip l2tp del session tunnel_id ID session_id ID
       ip l2tp show tunnel [ tunnel_id ID ]
       ip l2tp show session [ tunnel_id ID ] [ session_id ID ]

Where: NAME   := STRING
       ADDR   := { IP_ADDRESS | any }
       PORT   := { 0..65535 }
       ID     := { 1..4294967295 }
       HEXSTR := { 8 or 16 hex digits (4 / 8 bytes) }
       L2SPEC := { none | default }"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    match args.peek() {
        None => Err(Error::arg(USAGE)),
        Some(w) if matches(w, "help") => Err(Error::arg(USAGE)),
        Some(_) => crate::genl::require_missing("l2tp", "l2tp"),
    }
}
