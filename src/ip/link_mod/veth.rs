//! `type veth [peer [OPTIONS]]`: the peer is a whole link request of its
//! own, nested as `VETH_INFO_PEER` (ifinfomsg + attributes). Without a
//! peer name the kernel names both ends.

use std::fs::File;

use netlink_packet_route::link::{InfoData, InfoVeth, LinkInfo};

use super::{kind_usage, Mode};
use crate::cli::Args;
use crate::error::{Error, Result};
use crate::ip::Ip;

pub fn parse(ip: &mut Ip, a: &mut Args, mode: Mode, fds: &mut Vec<File>) -> Result<LinkInfo> {
    if a.peek() != Some("peer") {
        return Err(kind_usage("veth"));
    }
    a.next();
    let mut peer = super::parse(ip, a, mode, true)?;
    if peer.group.is_some() && mode.create() {
        return Err(Error::arg("group cannot be used when creating devices."));
    }
    fds.append(&mut peer.fds);
    Ok(LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(peer.msg))))
}
