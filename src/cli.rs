//! The argument cursor and iproute2's keyword matching.
//!
//! lexopt reads the process arguments (`main`); from there on iproute2's
//! grammar (single-dash long options, keyword prefixes, positional words)
//! is walked with this cursor.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::path::PathBuf;

use crate::error::{Error, Result};

// ---- names are bytes ---------------------------------------------------
//
// Interface, alias, namespace and bridge names are byte strings to the
// kernel and to the reference tools, not UTF-8. rip keeps its `String` API
// (`Args::next() -> Option<String>`, `applet::main(Vec<String>)`, the name
// cache, `Error` texts) and makes the String lossless instead:
//
// * [`string_of_bytes`] (used for argv, batch lines, names from netlink,
//   file and directory names) keeps every valid UTF-8 sequence as it is and
//   turns each byte of an invalid sequence, b (always >= 0x80), into the
//   private-use character U+10FF00 + b (U+10FF80..U+10FFFF). A genuine
//   U+10FF80..U+10FFFF in the input (bytes F4 8F BE/BF xx) is escaped byte
//   by byte the same way, so the mapping is a bijection.
// * [`bytes_of`] undoes it. It is applied where a name leaves rip: the
//   netlink encoder (`nl::Nl::serialize`: link names, aliases, altnames,
//   veth peer names, address labels), paths (`fs_path`: /run/netns/NAME,
//   sysfs, ioctl names, exec), and the output (`print::Printer` writes the
//   original bytes in text mode and `\u00XX` for a byte that is not UTF-8
//   in JSON, so `-j` output stays valid JSON; `print::warn` writes bytes).
//
// Code that parses keywords, numbers and addresses sees ordinary Strings
// (escapes never match a keyword); code that passes a name through needs
// nothing, as long as the name reaches the kernel, a path or the output
// through one of the places above.

const ESC_BASE: u32 = 0x10FF00;

/// True when `b` may hold an escaped byte (the first two bytes of the
/// UTF-8 encoding of U+10FF80..U+10FFFF).
pub fn has_escapes(b: &[u8]) -> bool {
    // the common case, no 0xF4 at all, is one quick scan
    let mut rest = b;
    while let Some(i) = rest.iter().position(|&c| c == 0xF4) {
        if rest.get(i + 1) == Some(&0x8F) && matches!(rest.get(i + 2), Some(0xBE | 0xBF)) {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
}

fn push_escaped(out: &mut String, bytes: &[u8]) {
    for &b in bytes {
        out.push(char::from_u32(ESC_BASE + b as u32).expect("a scalar value"));
    }
}

/// Bytes → a lossless String (see above).
pub fn string_of_bytes(b: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(b) {
        if !has_escapes(b) {
            return s.to_string();
        }
    }
    let mut out = String::with_capacity(b.len() + 8);
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            if (ESC_BASE + 0x80..=ESC_BASE + 0xff).contains(&(c as u32)) {
                let mut tmp = [0u8; 4];
                push_escaped(&mut out, c.encode_utf8(&mut tmp).as_bytes());
            } else {
                out.push(c);
            }
        }
        push_escaped(&mut out, chunk.invalid());
    }
    out
}

/// An OS string (argv, a file name) → a lossless String.
pub fn string_of_os(s: &OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    string_of_bytes(s.as_bytes())
}

/// The bytes a lossless String stands for.
pub fn bytes_of(s: &str) -> Cow<'_, [u8]> {
    if !has_escapes(s.as_bytes()) {
        return Cow::Borrowed(s.as_bytes());
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if (ESC_BASE + 0x80..=ESC_BASE + 0xff).contains(&u) {
            out.push((u - ESC_BASE) as u8);
        } else {
            let mut tmp = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        }
    }
    Cow::Owned(out)
}

/// The path a lossless String names (for open, mount, unlink, exec).
pub fn fs_path(s: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(&bytes_of(s)))
}

/// iproute2's prefix match: `arg` matches `keyword` when it is a non-empty
/// prefix of it (`li` → `link`).
pub fn matches(arg: &str, keyword: &str) -> bool {
    !arg.is_empty() && keyword.starts_with(arg)
}

/// First keyword of `table` (in table order) that `arg` is a prefix of.
pub fn lookup<'a>(arg: &str, table: &[&'a str]) -> Option<&'a str> {
    table.iter().copied().find(|k| matches(arg, k))
}

pub const INCOMPLETE: &str = "Command line is not complete. Try option \"help\"";

/// A cursor over the words of one command.
#[derive(Debug, Clone, Default)]
pub struct Args {
    words: Vec<String>,
    pos: usize,
}

impl Args {
    pub fn new<I, S>(words: I) -> Args
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Args { words: words.into_iter().map(Into::into).collect(), pos: 0 }
    }

    /// The current word, if any.
    pub fn peek(&self) -> Option<&str> {
        self.words.get(self.pos).map(String::as_str)
    }

    /// Take the current word.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<String> {
        let w = self.words.get(self.pos).cloned();
        if w.is_some() {
            self.pos += 1;
        }
        w
    }

    /// Take the current word, or fail as iproute2's NEXT_ARG() does.
    pub fn value(&mut self) -> Result<String> {
        self.next().ok_or_else(|| Error::arg(INCOMPLETE))
    }

    /// Take the current word when it matches `keyword` by prefix.
    #[allow(dead_code)] // part of the cursor API the brief offers every object
    pub fn eat(&mut self, keyword: &str) -> bool {
        match self.peek() {
            Some(w) if matches(w, keyword) => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    /// Take the current word when it equals `keyword` exactly.
    pub fn eat_exact(&mut self, keyword: &str) -> bool {
        if self.peek() == Some(keyword) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.words.len()
    }

    /// How many words are left.
    pub fn remaining(&self) -> usize {
        self.words.len().saturating_sub(self.pos)
    }

    /// The words not yet taken.
    pub fn rest(&self) -> &[String] {
        &self.words[self.pos.min(self.words.len())..]
    }

    /// Step back one word (to re-read it as something else).
    pub fn back(&mut self) {
        self.pos = self.pos.saturating_sub(1);
    }
}

/// Read an unsigned number as iproute2's get_unsigned()/get_u32() do
/// (strtoul with base 0: decimal, 0x hex, 0 octal; the whole word).
pub fn parse_u64(s: &str) -> Option<u64> {
    parse_u64_base(s, 0)
}

/// strtoul-style parse with a fixed base (0 = auto), as the C parsers
/// read a whole word: blanks, then a sign (`-N` wraps as strtoul's does:
/// `-0` is 0, `-1` is u64::MAX, which a narrower reader then refuses),
/// then the digits; an overflow is refused (ERANGE).
pub fn parse_u64_base(s: &str, base: u32) -> Option<u64> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let v = unsigned_digits(s, base)?;
    Some(if neg { v.wrapping_neg() } else { v })
}

/// The digits of a number with strtoul's base rules, nothing else.
fn unsigned_digits(s: &str, base: u32) -> Option<u64> {
    let (digits, radix) = radix_digits(s, base)?;
    u64::from_str_radix(digits, radix).ok()
}

/// The digits of a number and their radix (strtoul's base rules); None
/// when they are not all digits of it.
fn radix_digits(s: &str, base: u32) -> Option<(&str, u32)> {
    let (digits, radix) = if base == 0 || base == 16 {
        if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
            (h, 16)
        } else if base == 0 && s.len() > 1 && s.starts_with('0') {
            (&s[1..], 8)
        } else {
            (s, if base == 0 { 10 } else { base })
        }
    } else {
        (s, base)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some((digits, radix))
}

/// strtoull (base 0) as iproute2's get_u64() takes it: the whole word, a
/// leading `-` wraps (so `-1` is the largest value), overflow fails.
pub fn parse_u64_wrapping(s: &str) -> Option<u64> {
    let t = s.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let v = parse_u64(t)?;
    Some(if neg { v.wrapping_neg() } else { v })
}

pub fn parse_u32(s: &str) -> Option<u32> {
    parse_u64(s).and_then(|v| u32::try_from(v).ok())
}

pub fn parse_u8(s: &str) -> Option<u8> {
    parse_u64(s).and_then(|v| u8::try_from(v).ok())
}

/// strtol with base 0, whole word, range of i32.
pub fn parse_i32(s: &str) -> Option<i32> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let v = i64::try_from(unsigned_digits(rest, 0)?).ok()?;
    let v = if neg { -v } else { v };
    i32::try_from(v).ok()
}

/// strtol (base 0) of the whole word into a C `long` (saturating on
/// overflow, which is not checked), then stored in an `int`: the high
/// bits are dropped (`4294967297` is 1, `-9223372036854775809` is 0).
pub fn parse_long_as_int(s: &str) -> Option<i32> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (digits, radix) = radix_digits(rest, 0)?;
    // too many digits: strtol saturates
    let v = u64::from_str_radix(digits, radix).unwrap_or(u64::MAX);
    let long = if neg {
        if v > 1 << 63 { i64::MIN } else { (v as i64).wrapping_neg() }
    } else {
        i64::try_from(v).unwrap_or(i64::MAX)
    };
    Some(long as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_as_int() {
        let f = parse_long_as_int;
        assert_eq!(f("4294967296"), Some(0));
        assert_eq!(f("4294967297"), Some(1));
        assert_eq!(f("0x100000001"), Some(1));
        assert_eq!(f("-4294967295"), Some(1));
        assert_eq!(f("2147483648"), Some(i32::MIN));
        assert_eq!(f("9223372036854775807"), Some(-1));
        assert_eq!(f("99999999999999999999"), Some(-1));
        assert_eq!(f("-9223372036854775808"), Some(0));
        assert_eq!(f("-99999999999999999999"), Some(0));
        assert_eq!(f(" +010"), Some(8));
        assert_eq!(f("5x"), None);
        assert_eq!(f("099"), None);
        assert_eq!(f(""), None);
        assert_eq!(f("-"), None);
    }

    #[test]
    fn prefix_matching() {
        assert!(matches("li", "link"));
        assert!(matches("link", "link"));
        assert!(!matches("", "link"));
        assert!(!matches("links", "link"));
        assert_eq!(lookup("n", &["address", "neighbor", "netns"]), Some("neighbor"));
        assert_eq!(lookup("net", &["address", "neighbor", "netns"]), Some("netns"));
        assert_eq!(lookup("x", &["address"]), None);
    }

    #[test]
    fn cursor() {
        let mut a = Args::new(["dev", "v0", "up"]);
        assert!(a.eat("dev"));
        assert_eq!(a.value().unwrap(), "v0");
        assert!(!a.eat("down"));
        assert!(a.eat("up"));
        assert!(a.is_empty());
        assert_eq!(a.value().unwrap_err().to_string(), INCOMPLETE);
    }

    #[test]
    fn names_are_bytes() {
        let cases: &[&[u8]] = &[
            b"v0",
            b"ns\xff",
            b"\xff",
            b"a\xc3",
            b"\xc3\xa9t\xe9",
            // a genuine U+10FF80 and U+10FFFF round-trip too
            b"x\xf4\x8f\xbe\x80y\xf4\x8f\xbf\xbf",
            b"\xf4\x8f\xbe",
        ];
        for &b in cases {
            let s = string_of_bytes(b);
            assert_eq!(&*bytes_of(&s), b, "{s:?}");
        }
        assert_eq!(string_of_bytes(b"v0"), "v0");
        assert_eq!(string_of_bytes("\u{e9}".as_bytes()), "\u{e9}");
        assert_eq!(string_of_bytes(b"ns\xff"), "ns\u{10ffff}");
        assert!(matches!(bytes_of("plain"), Cow::Borrowed(_)));
        assert_eq!(fs_path(&string_of_bytes(b"/run/netns/a\xff")).as_os_str().len(), 13);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_u32("1500"), Some(1500));
        assert_eq!(parse_u32("0x10"), Some(16));
        assert_eq!(parse_u32("010"), Some(8));
        assert_eq!(parse_u32("0"), Some(0));
        assert_eq!(parse_u32("12a"), None);
        assert_eq!(parse_u32(""), None);
        assert_eq!(parse_u32("4294967296"), None);
        assert_eq!(parse_i32("-1"), Some(-1));
        // as strtoul: blanks and a sign first, `-N` wraps
        assert_eq!(parse_u32("-0"), Some(0));
        assert_eq!(parse_u32(" +5"), Some(5));
        assert_eq!(parse_u32("-1"), None);
        assert_eq!(parse_u64("-1"), Some(u64::MAX));
        assert_eq!(parse_u32("-4294967295"), None);
        assert_eq!(parse_u32("5 "), None);
        assert_eq!(parse_u32("--5"), None);
        assert_eq!(parse_u32("-+5"), None);
        assert_eq!(parse_u32("0x-5"), None);
        assert_eq!(parse_i32("--5"), None);
        assert_eq!(parse_i32(" -0x10"), Some(-16));
    }
}
