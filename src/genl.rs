//! Generic netlink: one NETLINK_GENERIC socket per command, the family id
//! looked up by name (CTRL_CMD_GETFAMILY), and requests/dumps whose payload
//! is the 4-byte genl header followed by hand-built attributes.
//!
//! Shared by every genetlink object (tcp_metrics, ioam, mptcp, sr, l2tp,
//! fou, ila, macsec).

use crate::error::{Error, Result};
use crate::nl::{attrs, put_attr, Nl};

const GENL_ID_CTRL: u16 = 0x10;
const CTRL_CMD_GETFAMILY: u8 = 3;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;
const CTRL_ATTR_MCAST_GROUPS: u16 = 7;
const CTRL_ATTR_MCAST_GRP_NAME: u16 = 1;
const CTRL_ATTR_MCAST_GRP_ID: u16 = 2;
/// nlmsghdr + genlmsghdr
pub const GENL_HDRLEN: usize = 16 + 4;

/// A generic netlink family on its own socket.
pub struct Genl {
    nl: Nl,
    family: u16,
    version: u8,
    /// the family's multicast groups: (name, id)
    groups: Vec<(String, u32)>,
}

/// The genl header (cmd, version, reserved) followed by `attrs`.
pub fn payload(cmd: u8, version: u8, attrs: &[u8]) -> Vec<u8> {
    let mut p = Vec::with_capacity(4 + attrs.len());
    p.extend_from_slice(&[cmd, version, 0, 0]);
    p.extend_from_slice(attrs);
    p
}

/// The CTRL_CMD_GETFAMILY request payload for `name`.
pub fn getfamily_payload(name: &str) -> Vec<u8> {
    let mut a = Vec::new();
    let mut v = name.as_bytes().to_vec();
    v.push(0);
    put_attr(&mut a, CTRL_ATTR_FAMILY_NAME, &v);
    payload(CTRL_CMD_GETFAMILY, 1, &a)
}

/// The family id and multicast groups of a CTRL_CMD_NEWFAMILY reply.
fn parse_family(b: &[u8]) -> (Option<u16>, Vec<(String, u32)>) {
    let mut family = None;
    let mut groups = Vec::new();
    for (k, v) in attrs(b) {
        match k {
            CTRL_ATTR_FAMILY_ID if v.len() >= 2 => family = Some(u16::from_ne_bytes([v[0], v[1]])),
            CTRL_ATTR_MCAST_GROUPS => {
                for (_, g) in attrs(v) {
                    let mut name = None;
                    let mut id = None;
                    for (gk, gv) in attrs(g) {
                        match gk {
                            CTRL_ATTR_MCAST_GRP_NAME => name = Some(crate::nl::cstr(gv)),
                            CTRL_ATTR_MCAST_GRP_ID => id = crate::nl::u32_ne(gv),
                            _ => {}
                        }
                    }
                    if let (Some(n), Some(i)) = (name, id) {
                        groups.push((n, i));
                    }
                }
            }
            _ => {}
        }
    }
    (family, groups)
}

/// What the reference prints when a family (its kernel module) is missing
/// or the lookup fails otherwise: exit 1.
fn lookup_failed(e: Error) -> Error {
    let first = match e {
        Error::Netlink { errno, .. } => format!("RTNETLINK answers: {}", crate::error::strerror(errno)),
        other => other.to_string(),
    };
    // the reference exit()s here: a batch ends at once
    Error::fatal(format!("{first}\nError talking to the kernel"), 1)
}

impl Genl {
    /// Open a socket and look the family up. A missing family is
    /// `RTNETLINK answers: No such file or directory` + `Error talking to
    /// the kernel` (exit 1), as the reference says.
    pub fn open(name: &str, version: u8) -> Result<Genl> {
        let mut nl = Nl::open_proto(netlink_sys::protocols::NETLINK_GENERIC)?;
        let mut family = None;
        let mut groups = Vec::new();
        nl.get_raw(GENL_ID_CTRL, 0, &getfamily_payload(name), &mut |m| {
            let (f, g) = parse_family(m.get(GENL_HDRLEN..).unwrap_or(&[]));
            family = f;
            groups = g;
            Ok(())
        })
        .map_err(lookup_failed)?;
        let family = family.ok_or_else(|| lookup_failed(Error::Netlink { errno: libc::ENOENT, msg: None, dump: false }))?;
        Ok(Genl { nl, family, version, groups })
    }

    /// The id of one of the family's multicast groups.
    pub fn group(&self, name: &str) -> Option<u32> {
        self.groups.iter().find(|(n, _)| n == name).map(|(_, id)| *id)
    }

    /// Send a command and wait for the ack.
    pub fn request(&mut self, cmd: u8, flags: u16, attrs: &[u8]) -> Result<()> {
        let p = payload(cmd, self.version, attrs);
        self.nl.request_raw(self.family, flags, &p)
    }

    /// Send a command and hand the attributes of its one reply to `f`.
    pub fn get(&mut self, cmd: u8, attrs: &[u8], f: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let p = payload(cmd, self.version, attrs);
        self.nl.get_raw(self.family, 0, &p, &mut |m| f(m.get(GENL_HDRLEN..).unwrap_or(&[])))
    }

    /// Dump a command: `f` gets the attributes of each reply (after the
    /// genl header) and its genl command byte.
    pub fn dump(&mut self, cmd: u8, attrs: &[u8], f: &mut dyn FnMut(u8, &[u8]) -> Result<()>) -> Result<()> {
        let p = payload(cmd, self.version, attrs);
        self.nl.dump_raw(self.family, &p, &mut |m| {
            let c = m.get(16).copied().unwrap_or(0);
            f(c, m.get(GENL_HDRLEN..).unwrap_or(&[]))
        })
    }
}

/// A kernel error as objects that exit 1 on it report it (ioam, sr): the
/// same text, exit status 1.
pub fn exit1(e: Error) -> Error {
    match e {
        Error::Netlink { .. } => Error::msg(e.to_string(), 1),
        e => e,
    }
}

/// Open `name` only to learn that it is missing (objects rip implements no
/// further than the reference's answer without their module): the lookup's
/// error, or a note that the family exists but rip does not drive it.
pub fn require_missing(name: &str, object: &str) -> Result<()> {
    Genl::open(name, 1)?;
    Err(Error::Failed(format!("rip: \"ip {object}\" is not supported with the {name} module loaded")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn getfamily_request() {
        let p = getfamily_payload("SEG6");
        #[rustfmt::skip]
        let want: Vec<u8> = [
            vec![3, 1, 0, 0],           // genl: CTRL_CMD_GETFAMILY, version 1, reserved
            9u16.to_ne_bytes().to_vec(), // attr length 4 + "SEG6\0"
            2u16.to_ne_bytes().to_vec(), // CTRL_ATTR_FAMILY_NAME
            b"SEG6\0".to_vec(),
            vec![0, 0, 0],              // padding to 4 bytes
        ]
        .concat();
        assert_eq!(p, want);
    }

    #[test]
    fn family_reply() {
        // CTRL_ATTR_FAMILY_ID 0x1a, CTRL_ATTR_MCAST_GROUPS { 1 { NAME "ev", ID 7 } }
        let mut b = Vec::new();
        put_attr(&mut b, CTRL_ATTR_FAMILY_ID, &0x1au16.to_ne_bytes());
        let mut g = Vec::new();
        put_attr(&mut g, CTRL_ATTR_MCAST_GRP_NAME, b"ev\0");
        put_attr(&mut g, CTRL_ATTR_MCAST_GRP_ID, &7u32.to_ne_bytes());
        let mut list = Vec::new();
        put_attr(&mut list, 1 | 0x8000, &g);
        put_attr(&mut b, CTRL_ATTR_MCAST_GROUPS | 0x8000, &list);
        assert_eq!(parse_family(&b), (Some(0x1a), vec![("ev".to_string(), 7)]));
    }

    #[test]
    fn missing_family_text() {
        let e = lookup_failed(Error::Netlink { errno: libc::ENOENT, msg: None, dump: false });
        assert_eq!(
            e.to_string(),
            "RTNETLINK answers: No such file or directory\nError talking to the kernel"
        );
        assert_eq!(e.exit_code(), 1);
    }
}
