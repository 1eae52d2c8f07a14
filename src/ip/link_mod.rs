//! `ip link add | set | replace | delete` and `ip link help`.

use super::Ip;
use crate::cli::Args;
use crate::error::{Error, Result};

fn todo() -> Error {
    Error::msg("rip: not implemented yet", 1)
}

pub fn add(_ip: &mut Ip, _args: Args) -> Result<()> {
    Err(todo())
}

pub fn set(_ip: &mut Ip, _args: Args) -> Result<()> {
    Err(todo())
}

pub fn replace(_ip: &mut Ip, _args: Args) -> Result<()> {
    Err(todo())
}

pub fn delete(_ip: &mut Ip, _args: Args) -> Result<()> {
    Err(todo())
}

pub fn help(_ip: &mut Ip, _args: Args) -> Result<()> {
    Err(todo())
}
