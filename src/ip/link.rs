//! `ip link`: the command table. Showing lives in `link_show`, changing
//! (add/set/delete) in `link_mod`.

use super::{link_mod, link_show, Ip};
use crate::cli::{matches, Args};
use crate::error::{Error, Result};

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(cmd) = args.next() else {
        return link_show::run(ip, args);
    };
    if matches(&cmd, "add") {
        link_mod::add(ip, args)
    } else if matches(&cmd, "set") || matches(&cmd, "change") {
        link_mod::set(ip, args)
    } else if matches(&cmd, "replace") {
        link_mod::replace(ip, args)
    } else if matches(&cmd, "delete") {
        link_mod::delete(ip, args)
    } else if matches(&cmd, "show") || matches(&cmd, "lst") || matches(&cmd, "list") {
        link_show::run(ip, args)
    } else if matches(&cmd, "xstats") {
        link_mod::xstats(ip, args)
    } else if matches(&cmd, "afstats") {
        link_mod::afstats(ip, args)
    } else if matches(&cmd, "property") {
        link_mod::property(ip, args)
    } else if matches(&cmd, "help") {
        link_mod::help(ip, args)
    } else {
        Err(Error::arg(format!(
            "Command \"{cmd}\" is unknown, try \"ip link help\"."
        )))
    }
}
