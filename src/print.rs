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

/// Render a text template with one value.
pub fn fmt_text(fmt: &str, v: &dyn std::fmt::Display) -> String {
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut rest = fmt;
    if let Some(start) = rest.find('{') {
        if let Some(end_rel) = rest[start..].find('}') {
            let end = start + end_rel;
            out.push_str(&rest[..start]);
            let spec = &rest[start + 1..end];
            let val = v.to_string();
            match spec.strip_prefix(':') {
                None | Some("") => out.push_str(&val),
                Some(s) => {
                    let (left, w) = if let Some(w) = s.strip_prefix('<') {
                        (true, w)
                    } else if let Some(w) = s.strip_prefix('>') {
                        (false, w)
                    } else {
                        (false, s)
                    };
                    let w: usize = w.parse().unwrap_or(0);
                    let pad = w.saturating_sub(val.chars().count());
                    if left {
                        out.push_str(&val);
                        out.extend(std::iter::repeat(' ').take(pad));
                    } else {
                        out.extend(std::iter::repeat(' ').take(pad));
                        out.push_str(&val);
                    }
                }
            }
            rest = &rest[end + 1..];
        }
    }
    out.push_str(rest);
    out
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
    fn raw_value(&mut self, out: &mut Vec<u8>, v: &str) {
        self.eor(out);
        out.extend_from_slice(v.as_bytes());
    }
    fn string(&mut self, out: &mut Vec<u8>, v: &str) {
        self.eor(out);
        escape(out, v);
    }
}

/// A JSON string literal as the reference writes it.
pub fn escape(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for &c in s.as_bytes() {
        match c {
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\x0c' => out.extend_from_slice(b"\\f"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'"' => out.extend_from_slice(b"\\\""),
            c if c < 0x20 || c == 0x7f => {
                out.extend_from_slice(format!("\\u{:04x}", c).as_bytes());
            }
            c => out.push(c),
        }
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

impl Printer {
    pub fn new(json: bool, pretty: bool, color: bool, oneline: bool) -> Printer {
        Printer {
            out: Vec::with_capacity(1 << 16),
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
        if self.out.len() >= 1 << 16 && !self.capture {
            self.flush();
        }
    }

    /// Write out what is buffered.
    pub fn flush(&mut self) {
        if self.capture || self.out.is_empty() {
            return;
        }
        if self.err.is_none() {
            let mut so = std::io::stdout().lock();
            if let Err(e) = so.write_all(&self.out).and_then(|_| so.flush()) {
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
            None if ctx != Ctx::Json => self.out.extend_from_slice(text.as_bytes()),
            _ => {}
        }
    }

    pub fn close_arr(&mut self, ctx: Ctx, text: &str) {
        match self.json.as_mut() {
            Some(j) if ctx != Ctx::Text => j.end_array(&mut self.out),
            None if ctx != Ctx::Json => self.out.extend_from_slice(text.as_bytes()),
            _ => {}
        }
    }

    // ---- values ----------------------------------------------------------

    fn text_value(&mut self, color: Color, fmt: &str, v: &dyn std::fmt::Display) {
        let colored = self.color && color != Color::None;
        if colored {
            let code = if self.dark { color.dark_code() } else { color.code() };
            self.out.extend_from_slice(code.as_bytes());
        }
        // a plain `{}` is written straight into the buffer (no String)
        let plain = fmt.bytes().position(|b| b == b'{').filter(|&s| fmt[s..].starts_with("{}"));
        match plain {
            Some(s) => {
                use std::io::Write;
                self.out.extend_from_slice(&fmt.as_bytes()[..s]);
                let _ = write!(self.out, "{v}");
                self.out.extend_from_slice(&fmt.as_bytes()[s + 2..]);
            }
            None => {
                let s = fmt_text(fmt, v);
                self.out.extend_from_slice(s.as_bytes());
            }
        }
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
            self.text_value(color, fmt, &v);
        }
    }

    /// A number written bare in JSON (`print_uint`, `print_u64`, `print_int`...).
    pub fn num<T: std::fmt::Display>(&mut self, ctx: Ctx, key: &str, fmt: &str, v: T) {
        if !self.active(ctx) {
            return;
        }
        if self.json.is_some() {
            self.json_key(key);
            let s = v.to_string();
            if let Some(j) = self.json.as_mut() {
                j.raw_value(&mut self.out, &s);
            }
        } else {
            self.text_value(Color::None, fmt, &v);
        }
    }

    pub fn uint(&mut self, ctx: Ctx, key: &str, fmt: &str, v: u64) {
        self.num(ctx, key, fmt, v);
    }

    pub fn int(&mut self, ctx: Ctx, key: &str, fmt: &str, v: i64) {
        self.num(ctx, key, fmt, v);
    }

    /// `print_bool`: JSON true/false, text the format with "true"/"false".
    pub fn bool(&mut self, ctx: Ctx, key: &str, fmt: &str, v: bool) {
        if !self.active(ctx) {
            return;
        }
        if self.json.is_some() {
            self.json_key(key);
            if let Some(j) = self.json.as_mut() {
                j.raw_value(&mut self.out, if v { "true" } else { "false" });
            }
        } else {
            self.text_value(Color::None, fmt, &if v { "true" } else { "false" });
        }
    }

    /// `print_on_off`: JSON true/false, text "on"/"off".
    pub fn on_off(&mut self, ctx: Ctx, key: &str, fmt: &str, v: bool) {
        if !self.active(ctx) {
            return;
        }
        if self.json.is_some() {
            self.bool(ctx, key, fmt, v);
        } else {
            self.text_value(Color::None, fmt, &if v { "on" } else { "off" });
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
                j.raw_value(&mut self.out, "null");
            }
        } else {
            self.text_value(Color::None, fmt, &v);
        }
    }

    /// Literal text, text mode only (`print_string(PRINT_FP, NULL, s, NULL)`).
    pub fn text(&mut self, s: &str) {
        if self.json.is_none() {
            self.out.extend_from_slice(s.as_bytes());
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
        self.out.extend_from_slice(s.as_bytes());
        self.maybe_flush();
    }
}

impl Drop for Printer {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
