//! The netlink core: the one NETLINK_ROUTE socket of the process, sequence
//! numbers, acks, multi-part dumps, `NLM_F_DUMP_INTR`, extended acks.
//!
//! Requests are netlink-packet-route's typed messages; replies are decoded
//! one message at a time straight out of the receive buffer (no copy of the
//! dump). Errors and `NLMSG_DONE` are read here by hand because
//! netlink-packet-core leaves the extended-ack payload unparsed.

use std::os::fd::AsRawFd;

use netlink_packet_core::{
    NetlinkHeader, NetlinkMessage, NetlinkPayload, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP_INTR,
    NLM_F_ECHO, NLM_F_REQUEST,
};
use netlink_packet_route::RouteNetlinkMessage;
use netlink_sys::{protocols::NETLINK_ROUTE, Socket, SocketAddr};

use crate::error::{Error, Result};

/// Receive one datagram from `fd` into `buf`, growing it when the
/// kernel has a larger one waiting; `None` when `MSG_DONTWAIT` found
/// nothing.
fn recv_into(fd: std::os::fd::RawFd, buf: &mut Vec<u8>, extra: i32) -> Result<Option<usize>> {
    loop {
        // the size of the datagram waiting, nothing copied (a peek into
        // the whole buffer copied every dump twice)
        // SAFETY: a zero-length read writes nothing.
        let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), 0, libc::MSG_PEEK | libc::MSG_TRUNC | extra) };
        if n < 0 {
            let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
            if errno == libc::EINTR {
                continue;
            }
            if errno == libc::EAGAIN && extra & libc::MSG_DONTWAIT != 0 {
                return Ok(None);
            }
            return Err(Error::os("netlink receive error", errno, 2));
        }
        let n = n as usize;
        if n > buf.len() {
            buf.resize(n.next_power_of_two(), 0);
        }
        // SAFETY: buf is a valid writable buffer of the given length.
        let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), extra) };
        if n < 0 {
            let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
            if errno == libc::EINTR {
                continue;
            }
            return Err(Error::os("netlink receive error", errno, 2));
        }
        return Ok(Some(n as usize));
    }
}

/// The rtnetlink message types rip sends and reads (linux/rtnetlink.h),
/// named once for every object and the monitor.
pub mod rtm {
    pub const RTM_NEWLINK: u16 = 16;
    pub const RTM_DELLINK: u16 = 17;
    pub const RTM_GETLINK: u16 = 18;
    pub const RTM_NEWADDR: u16 = 20;
    pub const RTM_DELADDR: u16 = 21;
    pub const RTM_GETADDR: u16 = 22;
    pub const RTM_NEWROUTE: u16 = 24;
    pub const RTM_DELROUTE: u16 = 25;
    pub const RTM_GETROUTE: u16 = 26;
    pub const RTM_NEWNEIGH: u16 = 28;
    pub const RTM_DELNEIGH: u16 = 29;
    pub const RTM_NEWRULE: u16 = 32;
    pub const RTM_DELRULE: u16 = 33;
    pub const RTM_GETRULE: u16 = 34;
    pub const RTM_NEWPREFIX: u16 = 52;
    pub const RTM_NEWADDRLABEL: u16 = 72;
    pub const RTM_DELADDRLABEL: u16 = 73;
    pub const RTM_NEWNETCONF: u16 = 80;
    pub const RTM_DELNETCONF: u16 = 81;
    pub const RTM_GETNETCONF: u16 = 82;
    pub const RTM_NEWNSID: u16 = 88;
    pub const RTM_DELNSID: u16 = 89;
    pub const RTM_NEWSTATS: u16 = 92;
    pub const RTM_SETSTATS: u16 = 95;
    pub const RTM_NEWNEXTHOP: u16 = 104;
    pub const RTM_DELNEXTHOP: u16 = 105;
    pub const RTM_GETNEXTHOP: u16 = 106;
    pub const RTM_NEWNEXTHOPBUCKET: u16 = 116;
    pub const RTM_DELNEXTHOPBUCKET: u16 = 117;
    pub const RTM_GETNEXTHOPBUCKET: u16 = 118;
}

const NLMSG_NOOP: u16 = 1;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLMSG_OVERRUN: u16 = 4;
const NLM_F_CAPPED: u16 = 0x100;
const NLM_F_ACK_TLVS: u16 = 0x200;
const NLMSGERR_ATTR_MSG: u16 = 1;
const HDR: usize = 16;

/// What the kernel said in an `NLMSG_ERROR` or `NLMSG_DONE` message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelAnswer {
    /// 0 for an ack, else a positive errno.
    pub errno: i32,
    /// The extended-ack message (`NLMSGERR_ATTR_MSG`), if any.
    pub msg: Option<String>,
}

fn u16_at(b: &[u8], off: usize) -> u16 {
    u16::from_ne_bytes([b[off], b[off + 1]])
}

fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_ne_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
}

/// Read the errno and extended-ack TLVs of one `NLMSG_ERROR` (`is_done`
/// false) or `NLMSG_DONE` (`is_done` true) message, header included.
pub fn parse_answer(msg: &[u8], is_done: bool) -> KernelAnswer {
    if msg.len() < HDR + 4 {
        return KernelAnswer { errno: 0, msg: None };
    }
    let flags = u16_at(msg, 6);
    let err = u32_at(msg, HDR) as i32;
    let errno = err.wrapping_neg();
    let mut tlv_off = HDR + 4;
    if !is_done {
        // the original request's header, and its payload unless capped
        if msg.len() < tlv_off + HDR {
            return KernelAnswer { errno, msg: None };
        }
        let orig_len = u32_at(msg, tlv_off) as usize;
        tlv_off += if flags & NLM_F_CAPPED != 0 { HDR } else { orig_len.max(HDR) };
        tlv_off = (tlv_off + 3) & !3;
    }
    let mut text = None;
    if flags & NLM_F_ACK_TLVS != 0 {
        let mut off = tlv_off;
        while off + 4 <= msg.len() {
            let len = u16_at(msg, off) as usize;
            let kind = u16_at(msg, off + 2) & 0x3fff;
            if len < 4 || off + len > msg.len() {
                break;
            }
            if kind == NLMSGERR_ATTR_MSG {
                let v = &msg[off + 4..off + len];
                let v = v.split(|&c| c == 0).next().unwrap_or(&[]);
                text = Some(String::from_utf8_lossy(v).into_owned());
            }
            off += (len + 3) & !3;
        }
    }
    KernelAnswer { errno, msg: text }
}

/// The one rtnetlink socket of the process.
pub struct Nl {
    sock: Socket,
    seq: u32,
    buf: Vec<u8>,
    out: Vec<u8>,
    /// requests queued by `queue`, sent together by `send_queued`
    queued: Vec<u8>,
    /// the sequence number of the first queued request, and how many
    queued_first: u32,
    queued_n: u32,
    /// read the rest of a long dump on a second thread (`collect_rest`)
    read_ahead: bool,
}

/// Receive buffer size asked of the kernel (iproute2 asks for 1 MiB).
const RCVBUF: usize = 1 << 20;

impl Nl {
    pub fn open() -> Result<Nl> {
        Nl::open_proto(NETLINK_ROUTE)
    }

    /// A socket of another netlink protocol (NETLINK_GENERIC, NETLINK_XFRM)
    /// with the same request/dump machinery.
    pub fn open_proto(proto: isize) -> Result<Nl> {
        let mut sock = Socket::new(proto).map_err(|e| {
            Error::os("Cannot open netlink socket", e.raw_os_error().unwrap_or(0), 1)
        })?;
        let _ = sock.set_rx_buf_sz(RCVBUF);
        let _ = sock.set_ext_ack(true);
        let _ = sock.set_netlink_get_strict_chk(true);
        sock.bind_auto()
            .map_err(|e| Error::os("Cannot bind netlink socket", e.raw_os_error().unwrap_or(0), 1))?;
        sock.connect(&SocketAddr::new(0, 0))
            .map_err(|e| Error::os("Cannot connect netlink socket", e.raw_os_error().unwrap_or(0), 1))?;
        let seq = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as u32)
            .unwrap_or(1);
        Ok(Nl {
            sock,
            seq,
            buf: vec![0; 64 * 1024],
            out: Vec::with_capacity(4096),
            queued: Vec::new(),
            queued_first: 0,
            queued_n: 0,
            read_ahead: true,
        })
    }

    /// Whether a long dump's rest is read on a second thread (the
    /// default). Off where the dump waits on work of its own callback (a
    /// flush's deletes): the thread gains nothing there and costs memory.
    pub fn set_read_ahead(&mut self, on: bool) {
        self.read_ahead = on;
    }

    /// Turn the kernel's strict checking of dump requests on or off
    /// (`open` turns it on; iproute2 6.1 leaves it off in `-batch`, so
    /// the kernel then ignores the filters only a strict dump reads).
    pub fn set_strict(&mut self, on: bool) {
        let _ = self.sock.set_netlink_get_strict_chk(on);
    }

    fn serialize(&mut self, msg: RouteNetlinkMessage, flags: u16) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        let mut packet = NetlinkMessage::new(NetlinkHeader::default(), NetlinkPayload::from(msg));
        packet.header.flags = flags;
        packet.header.sequence_number = self.seq;
        // finalize() measured the message (into the header's length):
        // measuring it again walks every nested attribute once more
        packet.finalize();
        self.out.clear();
        self.out.resize(packet.header.length as usize, 0);
        packet.serialize(&mut self.out[..]);
        self.unescape_out();
        self.seq
    }

    /// Send a hand-built message: `payload` is everything after the
    /// 16-byte netlink header. Returns the sequence number used.
    fn serialize_raw(&mut self, msg_type: u16, flags: u16, payload: &[u8]) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        let len = (HDR + payload.len()) as u32;
        self.out.clear();
        self.out.extend_from_slice(&len.to_ne_bytes());
        self.out.extend_from_slice(&msg_type.to_ne_bytes());
        self.out.extend_from_slice(&flags.to_ne_bytes());
        self.out.extend_from_slice(&self.seq.to_ne_bytes());
        self.out.extend_from_slice(&0u32.to_ne_bytes());
        self.out.extend_from_slice(payload);
        self.unescape_out();
        self.seq
    }

    /// Names in the request as the bytes they stand for (see `cli`).
    fn unescape_out(&mut self) {
        if crate::cli::has_escapes(&self.out) {
            if let Some(m) = map_names(&self.out, &|v| {
                let s = std::str::from_utf8(v).ok()?;
                crate::cli::has_escapes(v).then(|| crate::cli::bytes_of(s).into_owned())
            }) {
                self.out = m;
            }
        }
    }

    fn send_out(&mut self) -> Result<()> {
        loop {
            match self.sock.send(&self.out, 0) {
                Ok(_) => return Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(Error::os(
                        "Cannot talk to rtnetlink",
                        e.raw_os_error().unwrap_or(0),
                        2,
                    ))
                }
            }
        }
    }

    /// Receive one datagram into `self.buf`, growing it when the kernel
    /// has a larger one waiting. Returns its length.
    fn recv(&mut self) -> Result<usize> {
        self.recv_flags(0).map(|n| n.unwrap_or(0))
    }

    /// `recv` with extra flags; `None` when `MSG_DONTWAIT` found nothing.
    fn recv_flags(&mut self, extra: i32) -> Result<Option<usize>> {
        recv_into(self.sock.as_raw_fd(), &mut self.buf, extra)
    }

    /// Read replies to `seq` until the ack (or the end of a dump). Every
    /// data message is handed to `f` as raw bytes (header included).
    /// With `until_ack` (an `NLM_F_ECHO` request) the data messages before
    /// the ack are all handed to `f`, rather than only the first.
    fn collect(
        &mut self,
        seq: u32,
        dump: bool,
        until_ack: bool,
        f: &mut dyn FnMut(&[u8]) -> Result<()>,
    ) -> Result<()> {
        let mut a = Answer { seq, dump, until_ack, intr: false, pending: None };
        let n = self.recv()?;
        if let Some(r) = a.take(&self.buf[..n], f) {
            return r;
        }
        if dump && self.read_ahead && cpus() > 1 {
            if let Some(r) = self.collect_rest(&mut a, f) {
                return r;
            }
        }
        loop {
            let n = self.recv()?;
            if let Some(r) = a.take(&self.buf[..n], f) {
                return r;
            }
        }
    }

    /// The rest of a dump longer than one datagram, read on a second
    /// thread: the kernel builds the dump's next part (in the reader's
    /// recv) while this thread prints the last one, instead of one after
    /// the other. Order is kept; three buffers go round between them.
    /// None when no thread could be made (the caller reads on).
    fn collect_rest(&mut self, a: &mut Answer, f: &mut dyn FnMut(&[u8]) -> Result<()>) -> Option<Result<()>> {
        use std::sync::mpsc;
        let fd = self.sock.as_raw_fd();
        let seq = a.seq;
        let size = self.buf.len();
        let (full_tx, full) = mpsc::sync_channel::<Result<(Vec<u8>, usize)>>(2);
        // three buffers go round (made here: the reader allocates nothing)
        let (empty, empty_rx) = mpsc::channel::<Vec<u8>>();
        for _ in 0..3 {
            let _ = empty.send(vec![0; size]);
        }
        // (everything moves in: should this thread return early, the
        // buffers' sender is gone and a waiting reader ends)
        std::thread::scope(move |s| {
            let reader = move || loop {
                let Ok(mut buf) = empty_rx.recv() else { return };
                match recv_into(fd, &mut buf, 0) {
                    Ok(n) => {
                        let n = n.unwrap_or(0);
                        // the same end `Answer::take` finds
                        let end = messages(&buf[..n]).any(|m| {
                            u32_at(m, 8) == seq && matches!(u16_at(m, 4), NLMSG_ERROR | NLMSG_DONE)
                        });
                        if full_tx.send(Ok((buf, n))).is_err() || end {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = full_tx.send(Err(e));
                        return;
                    }
                }
            };
            if std::thread::Builder::new().stack_size(64 * 1024).spawn_scoped(s, reader).is_err() {
                return None;
            }
            for got in full {
                let (buf, n) = match got {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                if let Some(r) = a.take(&buf[..n], f) {
                    return Some(r);
                }
                let _ = empty.send(buf);
            }
            // the reader ends only at the answer's end or an error
            Some(Err(Error::os("netlink receive error", libc::EIO, 2)))
        })
    }

    /// Send a request and wait for the kernel's ack (`NLM_F_ACK` is added).
    pub fn request(&mut self, msg: RouteNetlinkMessage, flags: u16) -> Result<()> {
        let seq = self.serialize(msg, NLM_F_REQUEST | NLM_F_ACK | flags);
        self.send_out()?;
        self.collect(seq, false, false, &mut |_| Ok(()))
    }

    /// The same for a hand-built message (see `serialize_raw`).
    pub fn request_raw(&mut self, msg_type: u16, flags: u16, payload: &[u8]) -> Result<()> {
        let seq = self.serialize_raw(msg_type, NLM_F_REQUEST | NLM_F_ACK | flags, payload);
        self.send_out()?;
        self.collect(seq, false, false, &mut |_| Ok(()))
    }

    /// Send a request with `NLM_F_ECHO` (and `NLM_F_ACK`) and wait for the
    /// ack; each message the kernel echoes back is handed to `f` as raw
    /// bytes (header included). `-echo` goes through here.
    pub fn request_echo(
        &mut self,
        msg: RouteNetlinkMessage,
        flags: u16,
        f: &mut dyn FnMut(&[u8]) -> Result<()>,
    ) -> Result<()> {
        let seq = self.serialize(msg, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO | flags);
        self.send_out()?;
        self.collect(seq, false, true, f)
    }

    /// The same for a hand-built message (see `serialize_raw`).
    pub fn request_raw_echo(
        &mut self,
        msg_type: u16,
        flags: u16,
        payload: &[u8],
        f: &mut dyn FnMut(&[u8]) -> Result<()>,
    ) -> Result<()> {
        let seq = self.serialize_raw(msg_type, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO | flags, payload);
        self.send_out()?;
        self.collect(seq, false, true, f)
    }

    /// Send a get request and return the one reply.
    pub fn get(&mut self, msg: RouteNetlinkMessage, flags: u16) -> Result<RouteNetlinkMessage> {
        let seq = self.serialize(msg, NLM_F_REQUEST | flags);
        self.send_out()?;
        let mut reply = None;
        self.collect(seq, false, false, &mut |m| {
            reply = decode(m);
            Ok(())
        })?;
        reply.ok_or(Error::Netlink { errno: libc::ENODATA, msg: None, dump: false })
    }

    /// Dump: send `msg` with `NLM_F_DUMP` and hand every decoded reply to
    /// `f` until `NLMSG_DONE`. Messages the crate cannot decode are skipped.
    pub fn dump(
        &mut self,
        msg: RouteNetlinkMessage,
        f: &mut dyn FnMut(RouteNetlinkMessage) -> Result<()>,
    ) -> Result<()> {
        let seq = self.serialize(msg, NLM_F_REQUEST | NLM_F_DUMP);
        self.send_out()?;
        self.collect(seq, true, false, &mut |m| match decode(m) {
            Some(msg) => f(msg),
            None => Ok(()),
        })
    }

    /// Send a hand-built get request and hand its one reply (raw bytes,
    /// header included) to `f`.
    pub fn get_raw(
        &mut self,
        msg_type: u16,
        flags: u16,
        payload: &[u8],
        f: &mut dyn FnMut(&[u8]) -> Result<()>,
    ) -> Result<()> {
        let seq = self.serialize_raw(msg_type, NLM_F_REQUEST | flags, payload);
        self.send_out()?;
        self.collect(seq, false, false, f)
    }

    /// Dump with a hand-built request; `f` gets each reply's raw bytes.
    pub fn dump_raw(
        &mut self,
        msg_type: u16,
        payload: &[u8],
        f: &mut dyn FnMut(&[u8]) -> Result<()>,
    ) -> Result<()> {
        let seq = self.serialize_raw(msg_type, NLM_F_REQUEST | NLM_F_DUMP, payload);
        self.send_out()?;
        self.collect(seq, true, false, f)
    }
}

/// Replies to one request, read datagram by datagram (`Nl::collect`).
struct Answer {
    seq: u32,
    dump: bool,
    until_ack: bool,
    /// a reply said NLM_F_DUMP_INTR
    intr: bool,
    /// the first error of `f`, reported at the answer's end
    pending: Option<Error>,
}

impl Answer {
    /// Hand the data messages of one datagram to `f`; Some when the
    /// answer is complete (its ack, error or end of dump).
    fn take(&mut self, chunk: &[u8], f: &mut dyn FnMut(&[u8]) -> Result<()>) -> Option<Result<()>> {
        for msg in messages(chunk) {
            let kind = u16_at(msg, 4);
            let flags = u16_at(msg, 6);
            let mseq = u32_at(msg, 8);
            if mseq != self.seq {
                continue;
            }
            if flags & NLM_F_DUMP_INTR != 0 {
                self.intr = true;
            }
            match kind {
                NLMSG_NOOP | NLMSG_OVERRUN => continue,
                NLMSG_ERROR => {
                    let a = parse_answer(msg, false);
                    if let Some(e) = self.pending.take() {
                        return Some(Err(e));
                    }
                    if a.errno == 0 {
                        return Some(Ok(()));
                    }
                    return Some(Err(Error::Netlink { errno: a.errno, msg: a.msg, dump: self.dump }));
                }
                NLMSG_DONE => {
                    if let Some(e) = self.pending.take() {
                        return Some(Err(e));
                    }
                    let a = parse_answer(msg, true);
                    if a.errno > 0 {
                        return Some(Err(Error::Netlink { errno: a.errno, msg: a.msg, dump: true }));
                    }
                    if self.intr {
                        crate::print::warn("Dump was interrupted and may be inconsistent.");
                    }
                    return Some(Ok(()));
                }
                _ => {
                    // names that are not UTF-8, as lossless Strings
                    let escaped = (!names_ascii(msg)).then(|| escape_names(msg)).flatten();
                    let msg = escaped.as_deref().unwrap_or(msg);
                    if self.pending.is_none() {
                        if let Err(e) = f(msg) {
                            // keep reading to the end of this answer so
                            // the socket stays usable, then report.
                            self.pending = Some(e);
                        }
                    }
                    if !self.dump && !self.until_ack && flags & 2 == 0 {
                        // a single reply to a get request
                        if let Some(e) = self.pending.take() {
                            return Some(Err(e));
                        }
                        return Some(Ok(()));
                    }
                }
            }
        }
        None
    }
}

/// How many processors this process may run on (1 when unknown).
fn cpus() -> usize {
    // SAFETY: cpu_set_t is plain data; the call fills it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) == 0 {
            libc::CPU_COUNT(&set) as usize
        } else {
            1
        }
    }
}

/// How many bytes of queued requests `send_queued` sends in one write:
/// small enough that the kernel's acks (about 36 bytes each, or the
/// request again for an error) always fit the 1 MiB receive buffer.
pub const QUEUE_BYTES: usize = 32 * 1024;

impl Nl {
    /// Add a request to the queue that `send_queued` sends in one write:
    /// a flush deletes a batch per system call instead of waiting for an
    /// ack after each. The requests carry no `NLM_F_ACK`: only errors are
    /// answered.
    pub fn queue(&mut self, msg: RouteNetlinkMessage, flags: u16) {
        let seq = self.serialize(msg, NLM_F_REQUEST | flags);
        if self.queued_n == 0 {
            self.queued_first = seq;
        }
        self.queued_n += 1;
        self.queued.extend_from_slice(&self.out);
    }

    /// The same for a hand-built message (see `serialize_raw`).
    pub fn queue_raw(&mut self, msg_type: u16, flags: u16, payload: &[u8]) {
        let seq = self.serialize_raw(msg_type, NLM_F_REQUEST | flags, payload);
        if self.queued_n == 0 {
            self.queued_first = seq;
        }
        self.queued_n += 1;
        self.queued.extend_from_slice(&self.out);
    }

    /// Bytes queued and not sent yet.
    pub fn queued_len(&self) -> usize {
        self.queued.len()
    }

    /// Send the queued requests in one write, then read the errors the
    /// kernel answered (rtnetlink handles a write to the end before the
    /// call returns, so every answer is waiting by then). Each error goes
    /// to `on_error`, which ignores it (`Ok`) or stops (`Err`); the
    /// answers are read to the last either way, so the socket stays
    /// usable.
    pub fn send_queued(&mut self, on_error: &mut dyn FnMut(Error) -> Result<()>) -> Result<()> {
        if self.queued_n == 0 {
            return Ok(());
        }
        std::mem::swap(&mut self.out, &mut self.queued);
        let sent = self.send_out();
        std::mem::swap(&mut self.out, &mut self.queued);
        self.queued.clear();
        let (first, n) = (self.queued_first, self.queued_n);
        self.queued_n = 0;
        sent?;
        let mut failed: Option<Error> = None;
        while let Some(len) = self.recv_flags(libc::MSG_DONTWAIT)? {
            for msg in messages(&self.buf[..len]) {
                if u16_at(msg, 4) != NLMSG_ERROR || u32_at(msg, 8).wrapping_sub(first) >= n {
                    continue;
                }
                let a = parse_answer(msg, false);
                if a.errno != 0 && failed.is_none() {
                    if let Err(e) = on_error(Error::Netlink { errno: a.errno, msg: a.msg, dump: false }) {
                        failed = Some(e);
                    }
                }
            }
        }
        failed.map_or(Ok(()), Err)
    }
}

/// A NETLINK_ROUTE socket of its own subscribed to multicast groups
/// (`ip monitor`): the events the kernel broadcasts, each with the id of
/// the namespace it came from when `all_nsid` is on.
pub struct Listener {
    sock: Socket,
    buf: Vec<u8>,
}

/// What [`Listener::recv`] hands each message to: (message, nsid).
pub type EventFn<'a> = dyn FnMut(&[u8], Option<i32>) -> Result<()> + 'a;

const SOL_NETLINK: libc::c_int = 270;
const NETLINK_LISTEN_ALL_NSID: libc::c_int = 8;

impl Listener {
    /// Open, join the RTNLGRP_* `groups`, and with `all_nsid` listen to
    /// the namespaces that have an id here as well.
    pub fn open(groups: &[u32], all_nsid: bool, rcvbuf: usize) -> Result<Listener> {
        Listener::open_proto(NETLINK_ROUTE, groups, all_nsid, rcvbuf)
    }

    /// [`Listener::open`] for another netlink protocol (xfrm, generic).
    pub fn open_proto(proto: isize, groups: &[u32], all_nsid: bool, rcvbuf: usize) -> Result<Listener> {
        let mut sock = Socket::new(proto).map_err(|e| {
            Error::os("Cannot open netlink socket", e.raw_os_error().unwrap_or(0), 1)
        })?;
        // past rmem_max when allowed (root), so a burst of events fits
        let size = rcvbuf.min(i32::MAX as usize) as libc::c_int;
        // SAFETY: setsockopt on our own fd with a valid int.
        let forced = unsafe {
            libc::setsockopt(
                sock.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVBUFFORCE,
                (&size as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        } == 0;
        if !forced {
            let _ = sock.set_rx_buf_sz(rcvbuf);
        }
        sock.bind_auto()
            .map_err(|e| Error::os("Cannot bind netlink socket", e.raw_os_error().unwrap_or(0), 1))?;
        for &g in groups {
            sock.add_membership(g)
                .map_err(|e| Error::os("Cannot add membership", e.raw_os_error().unwrap_or(0), 1))?;
        }
        if all_nsid {
            let on: libc::c_int = 1;
            // SAFETY: setsockopt on our own fd with a valid int.
            let r = unsafe {
                libc::setsockopt(
                    sock.as_raw_fd(),
                    SOL_NETLINK,
                    NETLINK_LISTEN_ALL_NSID,
                    (&on as *const libc::c_int).cast(),
                    std::mem::size_of::<libc::c_int>() as libc::socklen_t,
                )
            };
            if r < 0 {
                let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                return Err(Error::os("Cannot set NETLINK_LISTEN_ALL_NSID", errno, 1));
            }
        }
        Ok(Listener { sock, buf: vec![0; 64 * 1024] })
    }

    /// Wait for one datagram and hand each message in it (header
    /// included) to `f` with the nsid of its namespace (None when the
    /// kernel did not say). `ENOBUFS` (events lost) is reported and the
    /// wait goes on.
    pub fn recv(&mut self, f: &mut EventFn) -> Result<()> {
        let fd = self.sock.as_raw_fd();
        let mut cbuf = [0u64; 8];
        let n = loop {
            let mut iov = libc::iovec { iov_base: self.buf.as_mut_ptr().cast(), iov_len: self.buf.len() };
            // SAFETY: msghdr is plain data; zeroed is a valid empty one.
            let mut mh: libc::msghdr = unsafe { std::mem::zeroed() };
            mh.msg_iov = &mut iov;
            mh.msg_iovlen = 1;
            mh.msg_control = cbuf.as_mut_ptr().cast();
            mh.msg_controllen = std::mem::size_of_val(&cbuf) as _;
            // SAFETY: the iovec and control buffers outlive the call.
            let n = unsafe { libc::recvmsg(fd, &mut mh, libc::MSG_PEEK | libc::MSG_TRUNC) };
            if n < 0 {
                let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                if errno == libc::EINTR {
                    continue;
                }
                if errno == libc::ENOBUFS {
                    crate::print::warn("netlink receive error No buffer space available (105)");
                    continue;
                }
                return Err(Error::os("netlink receive error", errno, 2));
            }
            if n as usize > self.buf.len() {
                self.buf.resize((n as usize).next_power_of_two(), 0);
            }
            iov = libc::iovec { iov_base: self.buf.as_mut_ptr().cast(), iov_len: self.buf.len() };
            mh.msg_iov = &mut iov;
            mh.msg_control = cbuf.as_mut_ptr().cast();
            mh.msg_controllen = std::mem::size_of_val(&cbuf) as _;
            // SAFETY: as above.
            let n = unsafe { libc::recvmsg(fd, &mut mh, 0) };
            if n < 0 {
                let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                if errno == libc::EINTR || errno == libc::ENOBUFS {
                    continue;
                }
                return Err(Error::os("netlink receive error", errno, 2));
            }
            break (n as usize, nsid_of(&mh));
        };
        let (n, nsid) = n;
        for msg in messages(&self.buf[..n]) {
            f(msg, nsid)?;
        }
        Ok(())
    }
}

/// The NETLINK_LISTEN_ALL_NSID control message of a received datagram.
fn nsid_of(mh: &libc::msghdr) -> Option<i32> {
    // SAFETY: the CMSG_* walk stays inside the control buffer recvmsg
    // filled (msg_controllen).
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(mh);
        while !c.is_null() {
            if (*c).cmsg_level == SOL_NETLINK && (*c).cmsg_type == NETLINK_LISTEN_ALL_NSID {
                return Some(std::ptr::read_unaligned(libc::CMSG_DATA(c).cast::<i32>()));
            }
            c = libc::CMSG_NXTHDR(mh, c);
        }
    }
    None
}


/// Listen to multicast `groups` of a netlink protocol until `f` says
/// stop (false) or an error: `f` gets each message's type and payload
/// (after the 16-byte header). For the `monitor` commands.
pub fn listen(
    proto: isize,
    groups: &[u32],
    f: &mut dyn FnMut(u16, &[u8]) -> bool,
) -> Result<()> {
    let mut l = Listener::open_proto(proto, groups, false, RCVBUF)?;
    let mut stop = false;
    while !stop {
        l.recv(&mut |m, _| {
            if !stop && !f(u16_at(m, 4), &m[HDR..]) {
                stop = true;
            }
            Ok(())
        })?;
    }
    Ok(())
}

// ---- names as bytes ------------------------------------------------------

/// The attributes of `b` with their type as it came (flags included).
fn raw_attrs(mut b: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if b.len() < 4 {
            return None;
        }
        let len = u16::from_ne_bytes([b[0], b[1]]) as usize;
        let kind = u16::from_ne_bytes([b[2], b[3]]);
        if len < 4 || len > b.len() {
            return None;
        }
        let val = &b[4..len];
        b = &b[((len + 3) & !3).min(b.len())..];
        Some((kind, val))
    })
}

/// A name attribute: `f` maps its string (without the NUL) when it must
/// change.
type NameMap<'f> = &'f dyn Fn(&[u8]) -> Option<Vec<u8>>;

fn map_string(out: &mut Vec<u8>, kind: u16, v: &[u8], f: NameMap) -> bool {
    let s = v.strip_suffix(&[0]).unwrap_or(v);
    match f(s) {
        Some(mut n) => {
            if v.ends_with(&[0]) {
                n.push(0);
            }
            put_attr(out, kind, &n);
            true
        }
        None => {
            put_attr(out, kind, v);
            false
        }
    }
}

/// The attributes of a link message (after its ifinfomsg) with the names
/// mapped: IFLA_IFNAME, IFLA_QDISC, IFLA_IFALIAS, the altnames of
/// IFLA_PROP_LIST, and a veth/vxcan peer's attributes in IFLA_LINKINFO.
fn map_link_attrs(b: &[u8], f: NameMap, out: &mut Vec<u8>) -> bool {
    const IFNAME: u16 = 3;
    const QDISC: u16 = 6;
    const LINKINFO: u16 = 18;
    const IFALIAS: u16 = 20;
    const PROP_LIST: u16 = 52;
    const ALT_IFNAME: u16 = 53;
    let mut changed = false;
    for (kind, v) in raw_attrs(b) {
        match kind & 0x3fff {
            IFNAME | QDISC | IFALIAS => changed |= map_string(out, kind, v, f),
            PROP_LIST => {
                let mut sub = Vec::with_capacity(v.len());
                let mut c = false;
                for (k, n) in raw_attrs(v) {
                    if k & 0x3fff == ALT_IFNAME {
                        c |= map_string(&mut sub, k, n, f);
                    } else {
                        put_attr(&mut sub, k, n);
                    }
                }
                put_attr(out, kind, if c { &sub } else { v });
                changed |= c;
            }
            LINKINFO => {
                // IFLA_INFO_KIND veth/vxcan: IFLA_INFO_DATA { PEER { ifinfomsg, attrs } }
                let peered = raw_attrs(v).any(|(k, s)| {
                    k & 0x3fff == 1 && matches!(s.strip_suffix(&[0]).unwrap_or(s), b"veth" | b"vxcan")
                });
                let mut sub = Vec::with_capacity(v.len());
                let mut c = false;
                for (k, d) in raw_attrs(v) {
                    if peered && k & 0x3fff == 2 {
                        let mut data = Vec::with_capacity(d.len());
                        for (pk, pv) in raw_attrs(d) {
                            if pk & 0x3fff == 1 && pv.len() >= 16 {
                                let mut peer = pv[..16].to_vec();
                                if map_link_attrs(&pv[16..], f, &mut peer) {
                                    c = true;
                                }
                                put_attr(&mut data, pk, &peer);
                            } else {
                                put_attr(&mut data, pk, pv);
                            }
                        }
                        put_attr(&mut sub, k, &data);
                    } else {
                        put_attr(&mut sub, k, d);
                    }
                }
                put_attr(out, kind, if c { &sub } else { v });
                changed |= c;
            }
            _ => put_attr(out, kind, v),
        }
    }
    changed
}

/// A copy of the whole message `msg` (header included) with its names
/// mapped by `f`, or None when none changes. Link messages (RTM_*LINK,
/// RTM_*LINKPROP) and address messages (IFA_LABEL) carry names.
pub fn map_names(msg: &[u8], f: NameMap) -> Option<Vec<u8>> {
    if msg.len() < HDR {
        return None;
    }
    let (fixed, link) = match u16_at(msg, 4) {
        16..=19 | 108..=110 => (16, true),
        20..=22 => (8, false),
        _ => return None,
    };
    let body = msg.get(HDR + fixed..)?;
    let mut out = Vec::with_capacity(msg.len() + 32);
    out.extend_from_slice(&msg[..HDR + fixed]);
    let changed = if link {
        map_link_attrs(body, f, &mut out)
    } else {
        let mut c = false;
        for (kind, v) in raw_attrs(body) {
            if kind & 0x3fff == 3 {
                c |= map_string(&mut out, kind, v, f);
            } else {
                put_attr(&mut out, kind, v);
            }
        }
        c
    };
    if !changed {
        return None;
    }
    let n = out.len() as u32;
    out[..4].copy_from_slice(&n.to_ne_bytes());
    Some(out)
}

/// True when every name in a reply is ASCII (the quick test before
/// [`escape_names`]; a kernel reply carries no veth peer).
fn names_ascii(msg: &[u8]) -> bool {
    let (fixed, names): (usize, &[u16]) = match msg.get(4..6).map(|k| u16::from_ne_bytes([k[0], k[1]])) {
        Some(16..=19 | 108..=110) => (16, &[3, 6, 20, 52]),
        Some(20..=22) => (8, &[3]),
        _ => return true,
    };
    let Some(body) = msg.get(HDR + fixed..) else { return true };
    attrs(body).all(|(k, v)| !names.contains(&k) || v.is_ascii())
}

/// A reply's names that are not UTF-8 as lossless Strings (see `cli`),
/// so that the typed decoder takes the message; None when all are UTF-8.
pub fn escape_names(msg: &[u8]) -> Option<Vec<u8>> {
    // (a name that is UTF-8 is kept as it is, also one that holds an
    // escape character: the kernel's names are not rip's Strings)
    map_names(msg, &|v| std::str::from_utf8(v).is_err().then(|| crate::cli::string_of_bytes(v).into_bytes()))
}

/// The netlink messages of one datagram, each with its header; stops at
/// a malformed one.
pub fn messages(mut b: &[u8]) -> impl Iterator<Item = &[u8]> {
    std::iter::from_fn(move || {
        if b.len() < HDR {
            return None;
        }
        let len = u32_at(b, 0) as usize;
        if len < HDR || len > b.len() {
            return None;
        }
        let m = &b[..len];
        b = &b[((len + 3) & !3).min(b.len())..];
        Some(m)
    })
}

/// Decode one whole netlink message (header included) into its typed form.
pub fn decode(m: &[u8]) -> Option<RouteNetlinkMessage> {
    match NetlinkMessage::<RouteNetlinkMessage>::deserialize(m) {
        Ok(NetlinkMessage { payload: NetlinkPayload::InnerMessage(inner), .. }) => Some(inner),
        _ => None,
    }
}

/// The attributes (rtattrs) in `b`, as (type without the nested and
/// byte-order flags, value); stops at a malformed one.
pub fn attrs(mut b: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if b.len() < 4 {
            return None;
        }
        let len = u16::from_ne_bytes([b[0], b[1]]) as usize;
        let kind = u16::from_ne_bytes([b[2], b[3]]) & 0x3fff;
        if len < 4 || len > b.len() {
            return None;
        }
        let val = &b[4..len];
        b = &b[((len + 3) & !3).min(b.len())..];
        Some((kind, val))
    })
}

/// Append one rtattr (padded to 4 bytes) to a message under construction.
pub fn put_attr(buf: &mut Vec<u8>, kind: u16, v: &[u8]) {
    buf.extend_from_slice(&((4 + v.len()) as u16).to_ne_bytes());
    buf.extend_from_slice(&kind.to_ne_bytes());
    buf.extend_from_slice(v);
    while !buf.len().is_multiple_of(4) {
        buf.push(0);
    }
}

/// The native-endian u32 at the start of an attribute value.
pub fn u32_ne(b: &[u8]) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(..4)?.try_into().ok()?))
}

/// A string attribute value (up to its NUL). Replies reach their
/// readers with their names already made lossless Strings (`collect`);
/// any other byte that is not UTF-8 is escaped the same way.
pub fn cstr(b: &[u8]) -> String {
    let s = b.split(|&c| c == 0).next().unwrap_or(&[]);
    match std::str::from_utf8(s) {
        Ok(t) => t.to_string(),
        Err(_) => crate::cli::string_of_bytes(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_walk() {
        // IFLA_IFNAME "v0", then a nested (0x8000) IFLA_LINKINFO, then a
        // truncated one that ends the walk
        let mut b = vec![7, 0, 3, 0, b'v', b'0', 0, 0];
        b.extend_from_slice(&[8, 0, 0x12, 0x80, 1, 2, 3, 4]);
        b.extend_from_slice(&[9, 0, 1, 0, 0]);
        let v: Vec<_> = attrs(&b).collect();
        assert_eq!(v, [(3, &b"v0\0"[..]), (0x12, &[1, 2, 3, 4][..])]);
        assert_eq!(cstr(v[0].1), "v0");
        assert_eq!(u32_ne(v[1].1), Some(u32::from_ne_bytes([1, 2, 3, 4])));
        assert_eq!(u32_ne(&[1, 2]), None);
    }

    #[test]
    fn hostile_answers() {
        // found by the nl_reply fuzz target: an error code of i32::MIN
        let mut body = i32::MIN.to_ne_bytes().to_vec();
        body.extend_from_slice(&[0; 16]);
        let a = parse_answer(&nlmsg(2, 0, &body), false);
        assert_eq!(a.errno, i32::MIN);
        assert_eq!(parse_answer(&nlmsg(3, 0, &i32::MIN.to_ne_bytes()), true).errno, i32::MIN);
        assert_eq!(parse_answer(&[1, 2, 3], true).errno, 0);
    }

    #[test]
    fn names_to_bytes_and_back() {
        use crate::cli::string_of_bytes;
        let esc = string_of_bytes(b"v\xff");
        // RTM_NEWLINK: header, ifinfomsg, IFLA_IFNAME "v\xff" (escaped, 7
        // bytes + NUL), IFLA_MTU 1500, IFLA_LINKINFO { KIND "veth",
        // DATA { PEER { ifinfomsg, IFLA_IFNAME "p\xff" } } }
        let mut body = vec![0u8; 16];
        put_attr(&mut body, 3, &[esc.as_bytes(), b"\0"].concat());
        put_attr(&mut body, 4, &1500u32.to_ne_bytes());
        let mut peer = vec![0u8; 16];
        put_attr(&mut peer, 3, &[string_of_bytes(b"p\xff").as_bytes(), b"\0"].concat());
        let mut data = Vec::new();
        put_attr(&mut data, 0x8001, &peer);
        let mut info = Vec::new();
        put_attr(&mut info, 1, b"veth\0");
        put_attr(&mut info, 0x8002, &data);
        put_attr(&mut body, 0x8012, &info);
        let msg = nlmsg(16, 0, &body);
        let unesc = |v: &[u8]| {
            let s = std::str::from_utf8(v).ok()?;
            crate::cli::has_escapes(v).then(|| crate::cli::bytes_of(s).into_owned())
        };
        let out = map_names(&msg, &unesc).expect("changed");
        // the same message with the bytes themselves
        let mut want = vec![0u8; 16];
        put_attr(&mut want, 3, b"v\xff\0");
        put_attr(&mut want, 4, &1500u32.to_ne_bytes());
        let mut peer = vec![0u8; 16];
        put_attr(&mut peer, 3, b"p\xff\0");
        let mut data = Vec::new();
        put_attr(&mut data, 0x8001, &peer);
        let mut info = Vec::new();
        put_attr(&mut info, 1, b"veth\0");
        put_attr(&mut info, 0x8002, &data);
        put_attr(&mut want, 0x8012, &info);
        assert_eq!(out, nlmsg(16, 0, &want));
        // and back, as a reply is read (the peer is not looked into: the
        // kernel sends none)
        assert!(!names_ascii(&out));
        let back = escape_names(&out).expect("changed");
        assert_eq!(cstr(attrs(&back[32..]).next().unwrap().1), esc);
        assert!(names_ascii(&nlmsg(16, 0, &[0u8; 16])));
        // a route message is never touched
        assert_eq!(map_names(&nlmsg(24, 0, &body), &unesc), None);
    }

    fn nlmsg(kind: u16, flags: u16, body: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&((HDR + body.len()) as u32).to_ne_bytes());
        v.extend_from_slice(&kind.to_ne_bytes());
        v.extend_from_slice(&flags.to_ne_bytes());
        v.extend_from_slice(&7u32.to_ne_bytes());
        v.extend_from_slice(&0u32.to_ne_bytes());
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn error_with_extack_capped() {
        let mut body = Vec::new();
        body.extend_from_slice(&(-17i32).to_ne_bytes()); // -EEXIST
        // original header (capped: only the 16 bytes)
        body.extend_from_slice(&nlmsg(16, 0x405, &[0; 16])[..16]);
        // NLMSGERR_ATTR_MSG "File exists\0", padded
        let text = b"Unknown device type\0";
        body.extend_from_slice(&((4 + text.len()) as u16).to_ne_bytes());
        body.extend_from_slice(&1u16.to_ne_bytes());
        body.extend_from_slice(text);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        let m = nlmsg(NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, &body);
        let a = parse_answer(&m, false);
        assert_eq!(a.errno, 17);
        assert_eq!(a.msg.as_deref(), Some("Unknown device type"));
    }

    #[test]
    fn plain_ack_and_error() {
        let mut body = Vec::new();
        body.extend_from_slice(&0i32.to_ne_bytes());
        body.extend_from_slice(&nlmsg(16, 5, &[])[..16]);
        assert_eq!(parse_answer(&nlmsg(NLMSG_ERROR, NLM_F_CAPPED, &body), false).errno, 0);
        let mut body = Vec::new();
        body.extend_from_slice(&(-1i32).to_ne_bytes());
        // uncapped: original message with 4 payload bytes
        body.extend_from_slice(&nlmsg(16, 5, &[1, 2, 3, 4]));
        let a = parse_answer(&nlmsg(NLMSG_ERROR, 0, &body), false);
        assert_eq!(a, KernelAnswer { errno: 1, msg: None });
    }

    #[test]
    fn done_with_error() {
        let mut body = Vec::new();
        body.extend_from_slice(&(-2i32).to_ne_bytes());
        let text = b"ipv4: FIB table does not exist\0";
        body.extend_from_slice(&((4 + text.len()) as u16).to_ne_bytes());
        body.extend_from_slice(&1u16.to_ne_bytes());
        body.extend_from_slice(text);
        let a = parse_answer(&nlmsg(NLMSG_DONE, NLM_F_ACK_TLVS | 2, &body), true);
        assert_eq!(a.errno, 2);
        assert_eq!(a.msg.as_deref(), Some("ipv4: FIB table does not exist"));
    }
}
