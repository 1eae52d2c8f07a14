//! `ip fou`: its usage text; every other command first looks up the
//! `fou` generic netlink family, and this kernel has no such module, so
//! rip answers as the reference does there (`Error talking to the kernel`).

use super::Ip;
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

pub const USAGE: &str = r#"Usage: ip fou add port PORT { ipproto PROTO  | gue }
		   [ local IFADDR ] [ peer IFADDR ]
		   [ peer_port PORT ] [ dev IFNAME ]
       ip fou del port PORT [ local IFADDR ]
		   [ peer IFADDR ] [ peer_port PORT ]
		   [ dev IFNAME ]
       ip fou show

Where: PROTO { ipproto-name | 1..255 }
       PORT { 1..65535 }
       IFADDR { addr }"#;

pub fn run(ip: &mut Ip, args: Args) -> Result<()> {
    let _ = ip;
    match args.peek() {
        None => Err(Error::arg(USAGE)),
        Some(w) if matches(w, "help") => Err(Error::arg(USAGE)),
        Some(_) => crate::genl::require_missing("fou", "fou"),
    }
}
