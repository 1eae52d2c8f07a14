//! `route` as net-tools 2.10 behaves (not implemented yet).

use crate::error::{Error, Result};

/// The `route` applet's entry point: `argv` without argv[0].
pub fn main(argv: Vec<String>) -> Result<()> {
    let _ = argv;
    Err(Error::msg("rip: route is not implemented yet", 1))
}
