//! `ip link show`: the link printer (also used by `ip addr show`).

use super::Ip;
use crate::cli::Args;
use crate::error::{Error, Result};

pub fn run(_ip: &mut Ip, _args: Args) -> Result<()> {
    Err(Error::msg("rip: ip link show is not implemented yet", 1))
}
