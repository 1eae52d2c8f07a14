//! The one raw-encoding helper for what netlink-packet-route 0.34 cannot
//! express the way the kernel (and iproute2) want it: attributes without a
//! trailing NUL (`IFLA_IFALIAS`, so an empty alias clears it) and the
//! attributes the crate has no variant for. Everything else is typed.

use netlink_packet_core::DefaultNla;
use netlink_packet_route::link::LinkAttribute;

/// `IFLA_IFALIAS`: the alias bytes exactly, no NUL (empty clears).
pub const IFLA_IFALIAS: u16 = 20;
/// `IFLA_PARENT_DEV_NAME`.
pub const IFLA_PARENT_DEV_NAME: u16 = 56;

/// One attribute: 4-byte header and the payload (padding is added by the
/// encoder of the enclosing message).
pub fn attr(kind: u16, payload: &[u8]) -> LinkAttribute {
    LinkAttribute::Other(DefaultNla::new(kind, payload.to_vec()))
}

/// A string attribute with its terminating NUL.
pub fn attr_str(kind: u16, s: &str) -> LinkAttribute {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    attr(kind, &v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::{Emitable, Nla};

    #[test]
    fn alias_without_nul() {
        let a = attr(IFLA_IFALIAS, b"foo");
        assert_eq!(a.value_len(), 3);
        let mut buf = vec![0u8; a.buffer_len()];
        a.emit(&mut buf);
        assert_eq!(buf, [7, 0, 20, 0, b'f', b'o', b'o', 0]);
        let empty = attr(IFLA_IFALIAS, b"");
        assert_eq!(empty.buffer_len(), 4);
    }

    #[test]
    fn string_with_nul() {
        let s = attr_str(IFLA_PARENT_DEV_NAME, "ab");
        assert_eq!(s.value_len(), 3);
    }
}
