//! The one printer: every field is described once, with a JSON key and a
//! text format, and comes out as text or as JSON (`-j`, `-j -p`) from the
//! same call — the idea of iproute2's print API.
//!
//! Text formats are tiny templates: `{}` is replaced by the value, `{:<N}`
//! and `{:>N}` pad it. In text mode the key is ignored; in JSON mode the
//! format is ignored. `Ctx::Text` calls carry punctuation, `Ctx::Json`
//! calls facts that the text does not show.
//!
//! The JSON writer is our own: the reference's spacing in pretty mode
//! (`[ {`, `"flags": [ "UP","LOWER_UP" ]`, four-space indent) and its
//! escaping are not serde_json's.

use std::io::Write;

use crate::cli::{bytes_of, has_escapes};

/// Append text to the output: the bytes a lossless String stands for
/// (see `cli`: names that are not UTF-8 come out as they came in).
fn push_text(out: &mut Vec<u8>, b: &[u8]) {
    if has_escapes(b) {
        out.extend_from_slice(&bytes_of(&String::from_utf8_lossy(b)));
    } else {
        out.extend_from_slice(b);
    }
}

/// Where a call prints: both outputs, text only, or JSON only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Any,
    Text,
    Json,
}

/// Colours of `-color`, as the reference assigns them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    None,
    Ifname,
    Mac,
    Inet,
    Inet6,
    OperUp,
    OperDown,
}

impl Color {
    /// The colour of an address of this family (inet6, else inet).
    pub fn of_family(family: u8) -> Color {
        if family == crate::ip::AF_INET6 {
            Color::Inet6
        } else {
            Color::Inet
        }
    }

    fn code(self) -> &'static str {
        match self {
            Color::None => "",
            Color::Ifname => "\x1b[36m",
            Color::Mac => "\x1b[33m",
            Color::Inet => "\x1b[35m",
            Color::Inet6 => "\x1b[34m",
            Color::OperUp => "\x1b[32m",
            Color::OperDown => "\x1b[31m",
        }
    }

    /// The bold variants used on a dark background.
    fn dark_code(self) -> &'static str {
        match self {
            Color::None => "",
            Color::Ifname => "\x1b[1;36m",
            Color::Mac => "\x1b[1;33m",
            Color::Inet => "\x1b[1;35m",
            Color::Inet6 => "\x1b[1;34m",
            Color::OperUp => "\x1b[1;32m",
            Color::OperDown => "\x1b[1;31m",
        }
    }
}

/// The reference picks its dark-background palette when `COLORFGBG`'s
/// last `;`-field is one character from 0-6 or 8.
pub fn dark_background(colorfgbg: Option<&str>) -> bool {
    match colorfgbg.and_then(|v| v.rsplit_once(';')) {
        Some((_, bg)) => matches!(bg.as_bytes(), [b'0'..=b'6'] | [b'8']),
        None => false,
    }
}

const COLOR_CLEAR: &str = "\x1b[0m";

/// Append a text template with the value `val` to `out`: the first `{...}`
/// is replaced by `val`, padded for `{:<N}` / `{:>N}` (`{:N}` pads on
/// the left); a template without one is written as it is.
fn put_template(out: &mut Vec<u8>, fmt: &str, val: &[u8]) {
    let unescaped;
    let val = if has_escapes(val) {
        unescaped = bytes_of(&String::from_utf8_lossy(val)).into_owned();
        &unescaped[..]
    } else {
        val
    };
    let b = fmt.as_bytes();
    if let Some(rest) = b.strip_prefix(b"{}") {
        // the common "{}", "{} ", "{}: "
        out.extend_from_slice(val);
        out.extend_from_slice(rest);
        return;
    }
    let Some(start) = b.iter().position(|&c| c == b'{') else {
        out.extend_from_slice(b);
        return;
    };
    let Some(end) = b[start..].iter().position(|&c| c == b'}').map(|e| start + e) else {
        out.extend_from_slice(b);
        return;
    };
    out.extend_from_slice(&b[..start]);
    match fmt[start + 1..end].strip_prefix(':') {
        None | Some("") => out.extend_from_slice(val),
        Some(s) => {
            let (left, w) = if let Some(w) = s.strip_prefix('<') {
                (true, w)
            } else if let Some(w) = s.strip_prefix('>') {
                (false, w)
            } else {
                (false, s)
            };
            let w: usize = w.parse().unwrap_or(0);
            // characters: the bytes that do not continue a UTF-8 sequence
            let n = val.iter().filter(|&&c| (c as i8) >= -0x40).count();
            let pad = w.saturating_sub(n);
            if left {
                out.extend_from_slice(val);
                out.resize(out.len() + pad, b' ');
            } else {
                out.resize(out.len() + pad, b' ');
                out.extend_from_slice(val);
            }
        }
    }
    out.extend_from_slice(&b[end + 1..]);
}

/// The decimal digits of `v`, written at the end of `buf`.
fn u64_digits(mut v: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    &buf[i..]
}

/// The same for a signed number (with its `-`).
fn i64_digits(v: i64, buf: &mut [u8; 21]) -> &[u8] {
    let mut tail = [0u8; 20];
    let d = u64_digits(v.unsigned_abs(), &mut tail);
    let n = d.len();
    let start = buf.len() - n;
    buf[start..].copy_from_slice(d);
    if v < 0 {
        buf[start - 1] = b'-';
        &buf[start - 1..]
    } else {
        &buf[start..]
    }
}

/// The JSON writer: the reference's layout, byte for byte.
#[derive(Debug, Default)]
struct Json {
    pretty: bool,
    depth: usize,
    sep: Option<u8>,
}

impl Json {
    fn eol(&self, out: &mut Vec<u8>) {
        if self.pretty {
            out.push(b'\n');
            for _ in 0..self.depth {
                out.extend_from_slice(b"    ");
            }
        }
    }
    fn eor(&mut self, out: &mut Vec<u8>) {
        if let Some(c) = self.sep {
            out.push(c);
        }
        self.sep = Some(b',');
    }
    fn begin(&mut self, out: &mut Vec<u8>, c: u8) {
        self.eor(out);
        out.push(c);
        self.depth += 1;
        self.sep = None;
    }
    fn end(&mut self, out: &mut Vec<u8>, c: u8) {
        self.depth = self.depth.saturating_sub(1);
        if self.sep.is_some() {
            self.eol(out);
        }
        out.push(c);
        self.sep = Some(b',');
    }
    fn start_object(&mut self, out: &mut Vec<u8>) {
        self.begin(out, b'{');
    }
    fn end_object(&mut self, out: &mut Vec<u8>) {
        self.end(out, b'}');
    }
    fn start_array(&mut self, out: &mut Vec<u8>) {
        self.begin(out, b'[');
        if self.pretty {
            out.push(b' ');
        }
    }
    fn end_array(&mut self, out: &mut Vec<u8>) {
        if self.pretty && self.sep.is_some() {
            out.push(b' ');
        }
        self.sep = None;
        self.end(out, b']');
    }
    fn name(&mut self, out: &mut Vec<u8>, name: &str) {
        self.eor(out);
        self.eol(out);
        self.sep = None;
        escape(out, name);
        out.push(b':');
        if self.pretty {
            out.push(b' ');
        }
    }
    fn raw_value(&mut self, out: &mut Vec<u8>, v: &[u8]) {
        self.eor(out);
        out.extend_from_slice(v);
    }
    fn string(&mut self, out: &mut Vec<u8>, v: &str) {
        self.eor(out);
        escape(out, v);
    }
}

/// Nonzero when one of the eight bytes in `x` is not plain ASCII for JSON
/// (a control character, `"`, `\`, DEL, or a byte of 0x80 and up); its
/// lowest set bit is in the first such byte (little-endian order).
fn special8(x: u64) -> u64 {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = 0x8080_8080_8080_8080;
    // the bytes of v that are zero (exact up to the first one)
    let zero = |v: u64| v.wrapping_sub(L) & !v & H;
    (x.wrapping_sub(L * 0x20) & !x & H)
        | zero(x ^ (L * b'"' as u64))
        | zero(x ^ (L * b'\\' as u64))
        | zero(x ^ (L * 0x7f))
        | (x & H)
}

/// Whether one byte is not plain ASCII for JSON (as `special8`).
fn special(c: u8) -> bool {
    c < 0x20 || c == b'"' || c == b'\\' || c >= 0x7f
}

/// The length of the start of `b` that is ASCII needing no escaping in
/// JSON, found eight bytes at a time (a short string from two overlapping
/// halves, or byte by byte: copying it into a word costs more than it
/// saves).
fn plain_len(b: &[u8]) -> usize {
    let n = b.len();
    if n < 8 {
        if n >= 4 {
            // two overlapping halves: most keys and values are plain
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            if special8(u64::from(lo) | u64::from(hi) << 32) == 0 {
                return n;
            }
        }
        return b.iter().position(|&c| special(c)).unwrap_or(n);
    }
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let first = |at: usize, sp: u64| at + sp.trailing_zeros() as usize / 8;
    let mut i = 0;
    while i + 8 <= n {
        let sp = special8(word(i));
        if sp != 0 {
            return first(i, sp);
        }
        i += 8;
    }
    if i < n {
        // the last eight bytes: those before `i` are known to be plain
        let sp = special8(word(n - 8));
        if sp != 0 {
            return first(n - 8, sp);
        }
    }
    n
}

/// A JSON string literal as the reference writes it. A name byte that
/// is not UTF-8 (see `cli`) is written `\u00XX` (where the reference
/// writes the raw byte, which is not JSON).
pub fn escape(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let mut i = plain_len(b);
    // bytes that stand for a name's non-UTF-8 bytes start with 0xF4, so
    // they can only come at or after the first non-ASCII byte
    if i < b.len() && has_escapes(&b[i..]) {
        let raw = bytes_of(s);
        out.push(b'"');
        for chunk in raw.utf8_chunks() {
            let mut v = Vec::new();
            escape(&mut v, chunk.valid());
            out.extend_from_slice(&v[1..v.len() - 1]);
            for &c in chunk.invalid() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]]);
            }
        }
        out.push(b'"');
        return;
    }
    out.reserve(b.len() + 2);
    out.push(b'"');
    out.extend_from_slice(&b[..i]);
    while i < b.len() {
        let c = b[i];
        let esc: &[u8] = match c {
            0x80.. => std::slice::from_ref(&b[i]),
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\x0c' => b"\\f",
            b'\x08' => b"\\b",
            b'\\' => b"\\\\",
            b'"' => b"\\\"",
            _ => b"",
        };
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]]);
        } else {
            out.extend_from_slice(esc);
        }
        i += 1;
        let n = plain_len(&b[i..]);
        out.extend_from_slice(&b[i..i + n]);
        i += n;
    }
    out.push(b'"');
}

/// Text or JSON output, buffered; the first write error is kept.
pub struct Printer {
    out: Vec<u8>,
    json: Option<Json>,
    color: bool,
    /// dark-background palette (`COLORFGBG`)
    dark: bool,
    /// the text line separator: "\n", or "\\" with `-oneline`
    sl: &'static str,
    /// nesting of the JSON document opened by `start_doc`
    doc_open: bool,
    err: Option<std::io::Error>,
    /// write to this instead of stdout (tests)
    capture: bool,
}

/// The output buffer: written out once half full, so that a record (a
/// route, a link: well under 16 KiB) never makes it grow.
const OUT_CAP: usize = 32 * 1024;

impl Printer {
    pub fn new(json: bool, pretty: bool, color: bool, oneline: bool) -> Printer {
        Printer {
            out: Vec::with_capacity(OUT_CAP),
            json: json.then(|| Json { pretty, ..Json::default() }),
            color: color && !json,
            dark: color && dark_background(std::env::var("COLORFGBG").ok().as_deref()),
            sl: if oneline { "\\" } else { "\n" },
            doc_open: false,
            err: None,
            capture: false,
        }
    }

    /// A printer that keeps everything in memory (for tests).
    pub fn capture(json: bool, pretty: bool, oneline: bool) -> Printer {
        let mut p = Printer::new(json, pretty, false, oneline);
        p.capture = true;
        p
    }

    pub fn is_json(&self) -> bool {
        self.json.is_some()
    }

    /// The text line separator (`_SL_`).
    pub fn sl(&self) -> &'static str {
        self.sl
    }

    fn active(&self, ctx: Ctx) -> bool {
        match ctx {
            Ctx::Any => true,
            Ctx::Text => self.json.is_none(),
            Ctx::Json => self.json.is_some(),
        }
    }

    fn maybe_flush(&mut self) {
        if self.out.len() >= OUT_CAP / 2 && !self.capture {
            self.flush();
        }
    }

    /// Write out what is buffered.
    pub fn flush(&mut self) {
        if self.capture || self.out.is_empty() {
            return;
        }
        if self.err.is_none() {
            if let Err(e) = write_stdout(&self.out) {
                self.err = Some(e);
            }
        }
        self.out.clear();
    }

    /// The first output error, if any (EPIPE: quiet exit in main).
    pub fn take_error(&mut self) -> Option<std::io::Error> {
        self.err.take()
    }

    /// What a capturing printer holds.
    pub fn captured(&self) -> &str {
        std::str::from_utf8(&self.out).unwrap_or("")
    }

    // ---- the document ------------------------------------------------

    /// `new_json_obj`: opens the top-level array in JSON mode.
    pub fn start_doc(&mut self) {
        if let Some(j) = self.json.as_mut() {
            j.start_array(&mut self.out);
            self.doc_open = true;
        }
    }

    /// `delete_json_obj`: closes the top-level array and ends the line.
    pub fn end_doc(&mut self) {
        if let Some(j) = self.json.as_mut() {
            if self.doc_open {
                j.end_array(&mut self.out);
                self.out.push(b'\n');
                self.doc_open = false;
                // the next document (batch mode) starts afresh
                j.sep = None;
                j.depth = 0;
            }
        }
        self.maybe_flush();
    }

    // ---- structure -----------------------------------------------------

    pub fn open_obj(&mut self, ctx: Ctx, key: &str) {
        if ctx == Ctx::Text {
            return;
        }
        if let Some(j) = self.json.as_mut() {
            if !key.is_empty() {
                j.name(&mut self.out, key);
            }
            j.start_object(&mut self.out);
        }
    }

    pub fn close_obj(&mut self, ctx: Ctx) {
        if ctx == Ctx::Text {
            return;
        }
        if let Some(j) = self.json.as_mut() {
            j.end_object(&mut self.out);
        }
        self.maybe_flush();
    }

    /// Open an array: in JSON `"key": [`, in text `text` (a delimiter).
    pub fn open_arr(&mut self, ctx: Ctx, key: &str, text: &str) {
        match self.json.as_mut() {
            Some(j) if ctx != Ctx::Text => {
                if !key.is_empty() {
                    j.name(&mut self.out, key);
                }
                j.start_array(&mut self.out);
            }
            None if ctx != Ctx::Json => push_text(&mut self.out, text.as_bytes()),
            _ => {}
        }
    }

    pub fn close_arr(&mut self, ctx: Ctx, text: &str) {
        match self.json.as_mut() {
            Some(j) if ctx != Ctx::Text => j.end_array(&mut self.out),
            None if ctx != Ctx::Json => push_text(&mut self.out, text.as_bytes()),
            _ => {}
        }
    }

    // ---- values ----------------------------------------------------------

    /// A value in text mode: the template with `v`, coloured.
    fn text_value(&mut self, color: Color, fmt: &str, v: &[u8]) {
        let colored = self.color && color != Color::None;
        if colored {
            let code = if self.dark { color.dark_code() } else { color.code() };
            self.out.extend_from_slice(code.as_bytes());
        }
        put_template(&mut self.out, fmt, v);
        if colored {
            self.out.extend_from_slice(COLOR_CLEAR.as_bytes());
        }
    }

    fn json_key(&mut self, key: &str) {
        if let Some(j) = self.json.as_mut() {
            if !key.is_empty() {
                j.name(&mut self.out, key);
            }
        }
    }

    /// A string value (`print_string`).
    pub fn str(&mut self, ctx: Ctx, key: &str, fmt: &str, v: &str) {
        self.color_str(ctx, Color::None, key, fmt, v);
    }

    /// A coloured string value (`print_color_string`).
    pub fn color_str(&mut self, ctx: Ctx, color: Color, key: &str, fmt: &str, v: &str) {
        if !self.active(ctx) {
            return;
        }
        if self.json.is_some() {
            self.json_key(key);
            if let Some(j) = self.json.as_mut() {
                j.string(&mut self.out, v);
            }
        } else {
            self.text_value(color, fmt, v.as_bytes());
        }
    }

    /// A value written bare in JSON (a number) and by the template in text.
    fn bare(&mut self, ctx: Ctx, key: &str, fmt: &str, v: &[u8]) {
        if !self.active(ctx) {
            return;
        }
        if self.json.is_some() {
            self.json_key(key);
            if let Some(j) = self.json.as_mut() {
                j.raw_value(&mut self.out, v);
            }
        } else {
            self.text_value(Color::None, fmt, v);
        }
    }

    /// A number written bare in JSON (`print_uint`, `print_u64`, `print_int`...).
    pub fn num<T: std::fmt::Display>(&mut self, ctx: Ctx, key: &str, fmt: &str, v: T) {
        if self.active(ctx) {
            self.bare(ctx, key, fmt, v.to_string().as_bytes());
        }
    }

    pub fn uint(&mut self, ctx: Ctx, key: &str, fmt: &str, v: u64) {
        let mut buf = [0u8; 20];
        self.bare(ctx, key, fmt, u64_digits(v, &mut buf));
    }

    pub fn int(&mut self, ctx: Ctx, key: &str, fmt: &str, v: i64) {
        let mut buf = [0u8; 21];
        self.bare(ctx, key, fmt, i64_digits(v, &mut buf));
    }

    /// `print_bool`: JSON true/false, text the format with "true"/"false".
    pub fn bool(&mut self, ctx: Ctx, key: &str, fmt: &str, v: bool) {
        self.bare(ctx, key, fmt, if v { b"true" } else { b"false" });
    }

    /// `print_on_off`: JSON true/false, text "on"/"off".
    pub fn on_off(&mut self, ctx: Ctx, key: &str, fmt: &str, v: bool) {
        if !self.active(ctx) {
            return;
        }
        if self.json.is_some() {
            self.bool(ctx, key, fmt, v);
        } else {
            self.text_value(Color::None, fmt, if v { b"on" } else { b"off" });
        }
    }

    /// `print_null`: JSON null, text the format with `v`.
    pub fn null(&mut self, ctx: Ctx, key: &str, fmt: &str, v: &str) {
        if !self.active(ctx) {
            return;
        }
        if self.json.is_some() {
            self.json_key(key);
            if let Some(j) = self.json.as_mut() {
                j.raw_value(&mut self.out, b"null");
            }
        } else {
            self.text_value(Color::None, fmt, v.as_bytes());
        }
    }

    /// Literal text, text mode only (`print_string(PRINT_FP, NULL, s, NULL)`).
    pub fn text(&mut self, s: &str) {
        if self.json.is_none() {
            push_text(&mut self.out, s.as_bytes());
            self.maybe_flush();
        }
    }

    /// The line separator in text mode (`print_nl`).
    pub fn nl(&mut self) {
        if self.json.is_none() {
            self.out.extend_from_slice(self.sl.as_bytes());
            self.maybe_flush();
        }
    }

    /// Raw bytes regardless of mode (for outputs that are not JSON-aware).
    pub fn raw(&mut self, s: &str) {
        push_text(&mut self.out, s.as_bytes());
        self.maybe_flush();
    }

    /// Raw bytes that need not be UTF-8 (names as the kernel gives them).
    pub fn raw_bytes(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
        self.maybe_flush();
    }
}

/// Write `buf` to fd 1 directly: after what std's stdout holds, but
/// without its line buffering (which scans every block for newlines).
/// A closed fd 1 (EBADF) is no error, as for std's stdout.
fn write_stdout(buf: &[u8]) -> std::io::Result<()> {
    use std::os::fd::FromRawFd;
    std::io::stdout().flush()?;
    // SAFETY: fd 1 stays open for the whole process; ManuallyDrop keeps
    // this File from closing it.
    let mut f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
    match f.write_all(buf) {
        // a closed stdout swallows output quietly, as std's does
        Err(e) if e.raw_os_error() == Some(libc::EBADF) => Ok(()),
        r => r,
    }
}

impl Drop for Printer {
    fn drop(&mut self) {
        self.flush();
    }
}

/// The one warning path: `msg` and a newline to stderr in one write, as
/// fprintf(stderr, ...) would (unbuffered). A failed write is ignored, as
/// the reference ignores it. Flush the command's Printer first where the
/// reference's stdout would already have gone out.
pub fn warn(msg: impl std::fmt::Display) {
    use std::os::fd::FromRawFd;
    let mut line = bytes_of(&msg.to_string()).into_owned();
    line.push(b'\n');
    // SAFETY: fd 2 stays open for the whole process; ManuallyDrop keeps
    // this File from closing it.
    let mut f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(2) });
    let _ = f.write_all(&line);
}

/// Text on stdout outside a command's Printer (`-V`, a kind's usage
/// before any output): written through a Printer of its own, so a failed
/// write is ignored as the reference's stdio ignores it.
pub fn stdout(text: &str) {
    Printer::new(false, false, false, false).raw(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt_text(fmt: &str, v: &dyn std::fmt::Display) -> String {
        let mut out = Vec::new();
        put_template(&mut out, fmt, v.to_string().as_bytes());
        String::from_utf8(out).unwrap()
    }

    fn link(p: &mut Printer) {
        p.open_obj(Ctx::Any, "");
        p.uint(Ctx::Any, "ifindex", "{}: ", 1);
        p.color_str(Ctx::Any, Color::Ifname, "ifname", "{}: ", "lo");
        p.open_arr(Ctx::Any, "flags", "<");
        p.str(Ctx::Any, "", "{}", "LOOPBACK");
        p.str(Ctx::Any, "", ",{}", "UP");
        p.close_arr(Ctx::Any, "> ");
        p.uint(Ctx::Any, "mtu", "mtu {} ", 65536);
        p.open_arr(Ctx::Json, "empty", "");
        p.close_arr(Ctx::Json, "");
        p.nl();
        p.close_obj(Ctx::Any);
    }

    #[test]
    fn text() {
        let mut p = Printer::capture(false, false, false);
        p.start_doc();
        link(&mut p);
        p.end_doc();
        assert_eq!(p.captured(), "1: lo: <LOOPBACK,UP> mtu 65536 \n");
    }

    #[test]
    fn json_compact() {
        let mut p = Printer::capture(true, false, false);
        p.start_doc();
        link(&mut p);
        link(&mut p);
        p.end_doc();
        assert_eq!(
            p.captured(),
            "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"mtu\":65536,\"empty\":[]},\
             {\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"mtu\":65536,\"empty\":[]}]\n"
        );
    }

    #[test]
    fn json_pretty() {
        let mut p = Printer::capture(true, true, false);
        p.start_doc();
        link(&mut p);
        link(&mut p);
        p.end_doc();
        let want = "[ {\n        \"ifindex\": 1,\n        \"ifname\": \"lo\",\n        \"flags\": [ \"LOOPBACK\",\"UP\" ],\n        \"mtu\": 65536,\n        \"empty\": [ ]\n    },{\n        \"ifindex\": 1,\n        \"ifname\": \"lo\",\n        \"flags\": [ \"LOOPBACK\",\"UP\" ],\n        \"mtu\": 65536,\n        \"empty\": [ ]\n    } ]\n";
        assert_eq!(p.captured(), want);
        let mut p = Printer::capture(true, true, false);
        p.start_doc();
        p.end_doc();
        p.start_doc();
        p.end_doc();
        assert_eq!(p.captured(), "[ ]\n[ ]\n");
    }

    #[test]
    fn escaping_and_templates() {
        let mut v = Vec::new();
        escape(&mut v, "a\"b\\c\td\x01\x7f");
        assert_eq!(String::from_utf8(v).unwrap(), "\"a\\\"b\\\\c\\td\\u0001\\u007f\"");
        assert_eq!(fmt_text("{:<6} x", &"ab"), "ab     x");
        assert_eq!(fmt_text("[{:>4}]", &7), "[   7]");
        assert_eq!(fmt_text("plain", &7), "plain");
        assert_eq!(fmt_text("{x} y", &7), "7 y");
        assert_eq!(fmt_text("{:3}|", &"é"), "  é|");
        assert_eq!(fmt_text("a{b", &7), "a{b");
        let mut v = Vec::new();
        escape(&mut v, "plain");
        escape(&mut v, "\u{e9}\n");
        escape(&mut v, "0123456789abcdef\"\u{7f}0123456789\\\x1f");
        assert_eq!(
            String::from_utf8(v).unwrap(),
            "\"plain\"\"\u{e9}\\n\"\"0123456789abcdef\\\"\\u007f0123456789\\\\\\u001f\""
        );
        // UTF-8 beside escapes, short and long: the bytes pass as they are
        let mut v = Vec::new();
        escape(&mut v, "a\"\u{e9}\u{1}");
        escape(&mut v, "\u{e9}t\u{e9}");
        escape(&mut v, "caf\u{e9} \u{2192} \"x\"\t");
        assert_eq!(
            String::from_utf8(v).unwrap(),
            "\"a\\\"\u{e9}\\u0001\"\"\u{e9}t\u{e9}\"\"caf\u{e9} \u{2192} \\\"x\\\"\\t\""
        );
        for len in 0..20 {
            assert_eq!(plain_len(&vec![b'x'; len]), len);
            for at in 0..len {
                let mut s = vec![b'x'; len];
                s[at] = b'"';
                assert_eq!(plain_len(&s), at, "len {len} at {at}");
                s[len - 1] = 0x01;
                assert_eq!(plain_len(&s), at, "len {len} at {at}");
            }
        }
        for c in 0u8..=255 {
            let s = [b'a'; 9].iter().chain(&[c]).chain(&[b'b'; 7]).copied().collect::<Vec<u8>>();
            let want = if c < 0x20 || c == b'"' || c == b'\\' || c >= 0x7f { 9 } else { 17 };
            assert_eq!(plain_len(&s[..7]), 7);
            assert_eq!(plain_len(&s[5..12]), want.min(12) - 5, "byte {c:#x}");
            assert_eq!(plain_len(&s), want, "byte {c:#x}");
        }
    }

    #[test]
    fn names_that_are_not_utf8() {
        let name = crate::cli::string_of_bytes(b"v\xff\"");
        let mut p = Printer::capture(false, false, false);
        p.str(Ctx::Any, "ifname", "{}: ", &name);
        p.text(&format!("dev {name}"));
        assert_eq!(p.out, b"v\xff\": dev v\xff\"");
        let mut p = Printer::capture(true, false, false);
        p.open_obj(Ctx::Any, "");
        p.str(Ctx::Any, "ifname", "{}: ", &name);
        p.close_obj(Ctx::Any);
        assert_eq!(p.captured(), "{\"ifname\":\"v\\u00ff\\\"\"}");
    }

    #[test]
    fn numbers() {
        let mut b = [0u8; 20];
        assert_eq!(u64_digits(0, &mut b), b"0");
        assert_eq!(u64_digits(u64::MAX, &mut b), b"18446744073709551615");
        let mut b = [0u8; 21];
        assert_eq!(i64_digits(-7, &mut b), b"-7");
        assert_eq!(i64_digits(i64::MIN, &mut b), b"-9223372036854775808");
        assert_eq!(i64_digits(i64::MAX, &mut b), b"9223372036854775807");
        let mut p = Printer::capture(false, false, false);
        p.uint(Ctx::Any, "x", "[{:>5}]", 42);
        p.int(Ctx::Any, "y", "{:<4}|", -3);
        p.bool(Ctx::Any, "z", "{} ", true);
        assert_eq!(p.captured(), "[   42]-3  |true ");
        let mut p = Printer::capture(true, false, false);
        p.open_obj(Ctx::Any, "");
        p.uint(Ctx::Any, "x", "", 42);
        p.int(Ctx::Any, "y", "", -3);
        p.close_obj(Ctx::Any);
        assert_eq!(p.captured(), "{\"x\":42,\"y\":-3}");
    }

    #[test]
    fn dark_palette_choice() {
        assert!(dark_background(Some("15;0")));
        assert!(dark_background(Some("7;8")));
        assert!(dark_background(Some(";0")));
        assert!(!dark_background(Some("0;15")));
        assert!(!dark_background(Some("7;7")));
        assert!(!dark_background(Some("15;09")));
        assert!(!dark_background(Some("0")));
        assert!(!dark_background(None));
    }

    #[test]
    fn oneline_separator() {
        let mut p = Printer::capture(false, false, true);
        p.text("a");
        p.nl();
        p.text("    b");
        assert_eq!(p.captured(), "a\\    b");
    }
}

/// Text on stderr as it is (a prompt: no newline added).
pub fn prompt(msg: &str) {
    use std::os::fd::FromRawFd;
    // SAFETY: as in `warn`.
    let mut f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(2) });
    let _ = f.write_all(msg.as_bytes());
}

/// A float as C's `%g` writes it (6 significant digits, trailing zeros
/// dropped, exponent form below 1e-4 and from 1e6): the reference's JSON
/// floats (`jsonw_float`).
pub struct G(pub f64);

impl std::fmt::Display for G {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v == 0.0 {
            return f.write_str("0");
        }
        if !v.is_finite() {
            return write!(f, "{v}");
        }
        // the exponent after rounding to 6 significant digits
        let sci = format!("{v:.5e}");
        let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let trim = |s: &str| -> String {
            if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s.to_string()
            }
        };
        if !(-4..6).contains(&exp) {
            let sign = if exp < 0 { '-' } else { '+' };
            write!(f, "{}e{sign}{:02}", trim(mant), exp.abs())
        } else {
            let prec = (5 - exp).max(0) as usize;
            f.write_str(&trim(&format!("{v:.prec$}")))
        }
    }
}

#[cfg(test)]
mod g_tests {
    use super::G;

    #[test]
    fn percent_g() {
        assert_eq!(G(0.552).to_string(), "0.552");
        assert_eq!(G(2.3e-05).to_string(), "2.3e-05");
        assert_eq!(G(0.0001).to_string(), "0.0001");
        assert_eq!(G(123456.0).to_string(), "123456");
        assert_eq!(G(1234567.0).to_string(), "1.23457e+06");
        assert_eq!(G(0.0).to_string(), "0");
        assert_eq!(G(1.5).to_string(), "1.5");
        assert_eq!(G(100.0).to_string(), "100");
    }
}
