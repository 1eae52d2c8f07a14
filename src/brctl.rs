//! The `brctl` applet (bridge-utils 1.7.1).

use crate::error::{Error, Result};

pub fn main(_argv: Vec<String>) -> Result<()> {
    Err(Error::msg("brctl: not implemented yet", 1))
}
