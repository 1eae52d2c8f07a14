//! The socket ioctls net-tools uses (SIOCGIF*/SIOCSIF*, SIOCGIFCONF,
//! SIOCSARP/SIOCDARP, SIOCADDRT/SIOCDELRT and the IPv6
//! SIOCSIFADDR/SIOCDIFADDR), shared by `ifconfig`, `netstat`, `arp` and
//! `route`. Each call returns the errno on failure; the callers
//! print the reference's `SIOCxxx: <strerror>` lines.
//!
//! Interface names are bytes (the kernel's names need not be UTF-8).

use std::net::{Ipv4Addr, Ipv6Addr};

pub const SIOCADDRT: u64 = 0x890b;
pub const SIOCDELRT: u64 = 0x890c;
pub const SIOCGIFCONF: u64 = 0x8912;
pub const SIOCGIFFLAGS: u64 = 0x8913;
pub const SIOCSIFFLAGS: u64 = 0x8914;
pub const SIOCGIFADDR: u64 = 0x8915;
pub const SIOCSIFADDR: u64 = 0x8916;
pub const SIOCGIFDSTADDR: u64 = 0x8917;
pub const SIOCSIFDSTADDR: u64 = 0x8918;
pub const SIOCGIFBRDADDR: u64 = 0x8919;
pub const SIOCSIFBRDADDR: u64 = 0x891a;
pub const SIOCGIFNETMASK: u64 = 0x891b;
pub const SIOCSIFNETMASK: u64 = 0x891c;
pub const SIOCGIFMTU: u64 = 0x8921;
pub const SIOCSIFMTU: u64 = 0x8922;
pub const SIOCSIFNAME: u64 = 0x8923;
pub const SIOCSIFHWADDR: u64 = 0x8924;
pub const SIOCGIFHWADDR: u64 = 0x8927;
pub const SIOCGIFINDEX: u64 = 0x8933;
pub const SIOCDIFADDR: u64 = 0x8936;
pub const SIOCGIFTXQLEN: u64 = 0x8942;
pub const SIOCSIFTXQLEN: u64 = 0x8943;
pub const SIOCDARP: u64 = 0x8953;
pub const SIOCGIFMAP: u64 = 0x8970;
pub const SIOCSIFMAP: u64 = 0x8971;
/// SIOCDEVPRIVATE as net-tools uses it for `keepalive`.
pub const SIOCSKEEPALIVE: u64 = 0x89f0;
pub const SIOCSOUTFILL: u64 = 0x89f2;
pub const SIOCSARP: u64 = 0x8955;

/// `struct ifreq`: the name and a 24-byte union.
#[repr(C)]
#[derive(Clone, Copy)]
struct IfReq {
    name: [u8; 16],
    data: [u8; 24],
}

impl IfReq {
    fn new(name: &[u8]) -> IfReq {
        let mut r = IfReq { name: [0; 16], data: [0; 24] };
        let n = name.len().min(15);
        r.name[..n].copy_from_slice(&name[..n]);
        r
    }

    fn set_in4(&mut self, a: Ipv4Addr) {
        self.data[..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
        self.data[4..8].copy_from_slice(&a.octets());
    }

    fn in4(&self) -> Ipv4Addr {
        Ipv4Addr::new(self.data[4], self.data[5], self.data[6], self.data[7])
    }

    fn int(&self) -> i32 {
        i32::from_ne_bytes([self.data[0], self.data[1], self.data[2], self.data[3]])
    }
}

/// A datagram socket of one family, closed on drop.
pub struct Sock(i32);

impl Sock {
    pub fn new(family: i32) -> Result<Sock, i32> {
        // SAFETY: plain socket(2) call.
        let fd = unsafe { libc::socket(family, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
        if fd < 0 {
            return Err(errno());
        }
        Ok(Sock(fd))
    }

    pub fn inet() -> Result<Sock, i32> {
        Sock::new(libc::AF_INET)
    }

    /// One ioctl with a pointer argument; the errno on failure.
    fn raw<T>(&self, req: u64, arg: &mut T) -> Result<(), i32> {
        // SAFETY: `arg` is a live, properly sized repr(C) structure of the
        // type the kernel expects for `req` (ifreq, ifconf, arpreq or
        // in6_ifreq); the kernel reads/writes only within it.
        let r = unsafe { libc::ioctl(self.0, req as _, arg as *mut T) };
        if r < 0 {
            Err(errno())
        } else {
            Ok(())
        }
    }

    fn ifreq(&self, req: u64, r: &mut IfReq) -> Result<(), i32> {
        self.raw(req, r)
    }

    pub fn flags(&self, name: &[u8]) -> Result<i16, i32> {
        let mut r = IfReq::new(name);
        self.ifreq(SIOCGIFFLAGS, &mut r)?;
        Ok(i16::from_ne_bytes([r.data[0], r.data[1]]))
    }

    pub fn set_flags(&self, name: &[u8], flags: i16) -> Result<(), i32> {
        let mut r = IfReq::new(name);
        r.data[..2].copy_from_slice(&flags.to_ne_bytes());
        self.ifreq(SIOCSIFFLAGS, &mut r)
    }

    /// SIOCGIFMTU, SIOCGIFTXQLEN, SIOCGIFINDEX: an int answer.
    pub fn get_int(&self, req: u64, name: &[u8]) -> Result<i32, i32> {
        let mut r = IfReq::new(name);
        self.ifreq(req, &mut r)?;
        Ok(r.int())
    }

    /// SIOCSIFMTU, SIOCSIFTXQLEN: an int argument.
    pub fn set_int(&self, req: u64, name: &[u8], v: i32) -> Result<(), i32> {
        let mut r = IfReq::new(name);
        r.data[..4].copy_from_slice(&v.to_ne_bytes());
        self.ifreq(req, &mut r)
    }

    /// SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFDSTADDR.
    pub fn get_in4(&self, req: u64, name: &[u8]) -> Result<Ipv4Addr, i32> {
        let mut r = IfReq::new(name);
        self.ifreq(req, &mut r)?;
        Ok(r.in4())
    }

    /// SIOCSIFADDR, SIOCSIFNETMASK, SIOCSIFBRDADDR, SIOCSIFDSTADDR.
    pub fn set_in4(&self, req: u64, name: &[u8], a: Ipv4Addr) -> Result<(), i32> {
        let mut r = IfReq::new(name);
        r.set_in4(a);
        self.ifreq(req, &mut r)
    }

    /// SIOCGIFHWADDR: the ARPHRD type and the 16 bytes following it (the
    /// sockaddr's data and what lies after it in the union, as printed).
    pub fn hwaddr(&self, name: &[u8]) -> Result<(u16, [u8; 16]), i32> {
        let mut r = IfReq::new(name);
        self.ifreq(SIOCGIFHWADDR, &mut r)?;
        let mut b = [0u8; 16];
        b.copy_from_slice(&r.data[2..18]);
        Ok((u16::from_ne_bytes([r.data[0], r.data[1]]), b))
    }

    pub fn set_hwaddr(&self, name: &[u8], family: u16, addr: &[u8]) -> Result<(), i32> {
        let mut r = IfReq::new(name);
        r.data[..2].copy_from_slice(&family.to_ne_bytes());
        let n = addr.len().min(14);
        r.data[2..2 + n].copy_from_slice(&addr[..n]);
        self.ifreq(SIOCSIFHWADDR, &mut r)
    }

    /// SIOCGIFMAP: `struct ifmap` as its 24 bytes.
    pub fn map(&self, name: &[u8]) -> Result<[u8; 24], i32> {
        let mut r = IfReq::new(name);
        self.ifreq(SIOCGIFMAP, &mut r)?;
        Ok(r.data)
    }

    pub fn set_map(&self, name: &[u8], map: &[u8; 24]) -> Result<(), i32> {
        let mut r = IfReq::new(name);
        r.data = *map;
        self.ifreq(SIOCSIFMAP, &mut r)
    }

    pub fn set_name(&self, name: &[u8], new: &[u8]) -> Result<(), i32> {
        let mut r = IfReq::new(name);
        let n = new.len().min(15);
        r.data[..n].copy_from_slice(&new[..n]);
        self.ifreq(SIOCSIFNAME, &mut r)
    }

    /// SIOCGIFCONF: the IPv4 labels with their (primary per label) address,
    /// in the kernel's order.
    pub fn ifconf(&self) -> Result<Vec<(Vec<u8>, Ipv4Addr)>, i32> {
        #[repr(C)]
        struct IfConf {
            len: i32,
            buf: *mut IfReq,
        }
        let mut n = 30usize;
        loop {
            let mut v = vec![IfReq::new(b""); n];
            let mut c = IfConf { len: (n * 40) as i32, buf: v.as_mut_ptr() };
            self.raw(SIOCGIFCONF, &mut c)?;
            let got = c.len as usize / 40;
            if got >= n {
                n *= 2;
                continue;
            }
            return Ok(v[..got]
                .iter()
                .map(|r| {
                    let l = r.name.iter().position(|&b| b == 0).unwrap_or(16);
                    (r.name[..l].to_vec(), r.in4())
                })
                .collect());
        }
    }

    /// IPv6 SIOCSIFADDR / SIOCDIFADDR (`struct in6_ifreq`).
    pub fn in6_ifreq(&self, req: u64, addr: Ipv6Addr, plen: u32, ifindex: i32) -> Result<(), i32> {
        #[repr(C)]
        struct In6IfReq {
            addr: [u8; 16],
            prefixlen: u32,
            ifindex: i32,
        }
        let mut r = In6IfReq { addr: addr.octets(), prefixlen: plen, ifindex };
        self.raw(req, &mut r)
    }

    /// SIOCADDRT / SIOCDELRT for an inet route (`struct rtentry`).
    pub fn route4(&self, req: u64, r: &Rt4) -> Result<(), i32> {
        // rt_dev points at this NUL-terminated copy during the call
        let mut dev: Vec<u8> = r.dev.clone().unwrap_or_default();
        dev.push(0);
        let mut rt = RawRtEntry {
            pad1: 0,
            dst: sockaddr_in(r.dst),
            gateway: r.gw.map(sockaddr_in).unwrap_or([0; 16]),
            genmask: sockaddr_in(r.genmask),
            flags: r.flags,
            pad2: 0,
            pad3: 0,
            pad4: std::ptr::null_mut(),
            metric: r.metric,
            dev: if r.dev.is_some() { dev.as_mut_ptr() } else { std::ptr::null_mut() },
            mtu: r.mtu,
            window: r.window,
            irtt: r.irtt,
        };
        self.raw(req, &mut rt)
    }

    /// SIOCADDRT / SIOCDELRT for an inet6 route (`struct in6_rtmsg`).
    pub fn route6(&self, req: u64, r: &Rt6) -> Result<(), i32> {
        let mut m = RawIn6RtMsg {
            dst: r.dst.octets(),
            src: [0; 16],
            gateway: r.gw.map(|g| g.octets()).unwrap_or([0; 16]),
            rtmsg_type: 0,
            dst_len: r.dst_len,
            src_len: 0,
            metric: r.metric,
            info: 0,
            flags: r.flags,
            ifindex: r.ifindex,
        };
        self.raw(req, &mut m)
    }

    /// SIOCSARP / SIOCDARP.
    pub fn arp(&self, req: u64, a: &ArpReq) -> Result<(), i32> {
        let mut r = RawArpReq {
            pa: [0; 16],
            ha: [0; 16],
            flags: a.flags,
            netmask: [0; 16],
            dev: [0; 16],
        };
        r.pa[..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
        r.pa[4..8].copy_from_slice(&a.ip.octets());
        r.ha[..2].copy_from_slice(&a.hw_family.to_ne_bytes());
        let n = a.hw.len().min(14);
        r.ha[2..2 + n].copy_from_slice(&a.hw[..n]);
        if let Some(m) = a.netmask {
            r.netmask[..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
            r.netmask[4..8].copy_from_slice(&m.octets());
        }
        let n = a.dev.len().min(15);
        r.dev[..n].copy_from_slice(&a.dev[..n]);
        self.raw(req, &mut r)
    }
}

impl Drop for Sock {
    fn drop(&mut self) {
        // SAFETY: the fd is ours and closed once.
        unsafe {
            libc::close(self.0);
        }
    }
}

/// A `sockaddr_in` as its 16 bytes (family, port 0, address, zeros).
fn sockaddr_in(a: Ipv4Addr) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
    b[4..8].copy_from_slice(&a.octets());
    b
}

/// The kernel's `struct rtentry` (linux/route.h) on 64-bit.
#[repr(C)]
struct RawRtEntry {
    pad1: libc::c_ulong,
    dst: [u8; 16],
    gateway: [u8; 16],
    genmask: [u8; 16],
    flags: u16,
    pad2: i16,
    pad3: libc::c_ulong,
    pad4: *mut libc::c_void,
    metric: i16,
    dev: *mut u8,
    mtu: libc::c_ulong,
    window: libc::c_ulong,
    irtt: u16,
}

/// What `route add|del` asks the kernel for an inet route.
#[derive(Debug, Clone)]
pub struct Rt4 {
    pub dst: Ipv4Addr,
    pub gw: Option<Ipv4Addr>,
    pub genmask: Ipv4Addr,
    pub flags: u16,
    /// the metric + 1 (0: none given)
    pub metric: i16,
    pub dev: Option<Vec<u8>>,
    pub mtu: libc::c_ulong,
    pub window: libc::c_ulong,
    pub irtt: u16,
}

/// The kernel's `struct in6_rtmsg` (linux/ipv6_route.h).
#[repr(C)]
struct RawIn6RtMsg {
    dst: [u8; 16],
    src: [u8; 16],
    gateway: [u8; 16],
    rtmsg_type: u32,
    dst_len: u16,
    src_len: u16,
    metric: u32,
    info: libc::c_ulong,
    flags: u32,
    ifindex: i32,
}

/// What `route -A inet6 add|del` asks the kernel.
#[derive(Debug, Clone)]
pub struct Rt6 {
    pub dst: Ipv6Addr,
    pub dst_len: u16,
    pub gw: Option<Ipv6Addr>,
    pub metric: u32,
    pub flags: u32,
    pub ifindex: i32,
}

/// `struct arpreq`.
#[repr(C)]
struct RawArpReq {
    pa: [u8; 16],
    ha: [u8; 16],
    flags: i32,
    netmask: [u8; 16],
    dev: [u8; 16],
}

/// What `arp -s/-d` asks the kernel.
#[derive(Debug, Clone)]
pub struct ArpReq {
    pub ip: Ipv4Addr,
    pub hw_family: u16,
    pub hw: Vec<u8>,
    pub flags: i32,
    pub netmask: Option<Ipv4Addr>,
    pub dev: Vec<u8>,
}

pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts() {
        assert_eq!(std::mem::size_of::<IfReq>(), std::mem::size_of::<libc::ifreq>());
        assert_eq!(std::mem::size_of::<RawArpReq>(), std::mem::size_of::<libc::arpreq>());
        assert_eq!(std::mem::size_of::<RawRtEntry>(), std::mem::size_of::<libc::rtentry>());
        assert_eq!(std::mem::offset_of!(RawRtEntry, metric), std::mem::offset_of!(libc::rtentry, rt_metric));
        assert_eq!(std::mem::offset_of!(RawRtEntry, irtt), std::mem::offset_of!(libc::rtentry, rt_irtt));
        assert_eq!(std::mem::size_of::<RawIn6RtMsg>(), std::mem::size_of::<libc::in6_rtmsg>());
        // dst, src, gateway, type, dst_len, src_len, metric, (pad), info, flags, ifindex
        assert_eq!(std::mem::offset_of!(RawIn6RtMsg, info), 64);
        assert_eq!(std::mem::offset_of!(RawIn6RtMsg, ifindex), 76);
        // sockaddr_in: AF_INET (host order), port 0, the address, 8 zeros
        assert_eq!(sockaddr_in(Ipv4Addr::new(192, 0, 2, 1)), [2, 0, 0, 0, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!((SIOCADDRT, SIOCDELRT), (libc::SIOCADDRT, libc::SIOCDELRT));
        let mut r = IfReq::new(b"a-very-long-interface-name");
        assert_eq!(&r.name[..15], b"a-very-long-int");
        assert_eq!(r.name[15], 0);
        r.set_in4(Ipv4Addr::new(10, 0, 0, 1));
        // sa_family AF_INET (2, host order), port 0, then the address
        assert_eq!(&r.data[..8], &[2, 0, 0, 0, 10, 0, 0, 1]);
        assert_eq!(r.in4(), Ipv4Addr::new(10, 0, 0, 1));
    }
}
