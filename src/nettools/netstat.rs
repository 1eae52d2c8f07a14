//! `netstat` as net-tools 2.10 behaves (not implemented yet).

use crate::error::{Error, Result};

/// The `netstat` applet's entry point: `argv` without argv[0].
pub fn main(argv: Vec<String>) -> Result<()> {
    let _ = argv;
    Err(Error::msg("rip: netstat is not implemented yet", 1))
}
