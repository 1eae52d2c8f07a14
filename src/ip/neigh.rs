//! `ip neigh`.

use super::Ip;
use crate::cli::Args;
use crate::error::{Error, Result};

pub fn run(_ip: &mut Ip, _args: Args) -> Result<()> {
    Err(Error::msg("rip: ip neigh is not implemented yet", 1))
}
