//! `ip monitor file FILE`: replay the messages `rtmon` recorded (each one
//! whole, padded to 4 bytes, `NLMSG_TSTAMP` records among them). The file
//! is read one message at a time: memory stays flat whatever its size.

use std::io::Read;

use super::{dispatch, Mon};
use crate::error::{Error, Result};
use crate::ip::Ip;

/// The largest message accepted (a longer length field is garbage).
const MAX_MSG: usize = 1 << 16;

/// Read as much of `buf` as the file has; the number of bytes read.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::os("rtnl-from_file: fread", e.raw_os_error().unwrap_or(0), 1)),
        }
    }
    Ok(got)
}

fn truncated() -> Error {
    Error::msg("rtnl-from_file: truncated message", 1)
}

/// Replay the messages of `r` through [`dispatch`].
pub fn replay_from(ip: &mut Ip, m: &Mon, r: &mut impl Read) -> Result<()> {
    let mut buf = vec![0u8; 4096];
    let mut pos = 0usize;
    loop {
        let n = fill(r, &mut buf[..16])?;
        if n == 0 {
            return Ok(());
        }
        if n < 16 {
            return Err(truncated());
        }
        pos += 16;
        let len = u32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
        if !(16..=MAX_MSG).contains(&len) {
            return Err(Error::msg(format!("!!!malformed message: len={len} @{pos}"), 1));
        }
        let step = (len + 3) & !3;
        if buf.len() < step {
            buf.resize(step, 0);
        }
        let rest = step - 16;
        if fill(r, &mut buf[16..step])? < rest {
            return Err(truncated());
        }
        pos += rest;
        dispatch(ip, m, &buf[..len], None)?;
    }
}

pub fn replay(ip: &mut Ip, m: &Mon, path: &str) -> Result<()> {
    let f = std::fs::File::open(path)
        .map_err(|e| Error::os("Cannot fopen", e.raw_os_error().unwrap_or(0), 255))?;
    let mut r = std::io::BufReader::with_capacity(1 << 16, f);
    let res = replay_from(ip, m, &mut r);
    // what was printed goes out before the error
    ip.p.flush();
    res
}
