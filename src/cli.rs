//! The argument cursor and iproute2's keyword matching.
//!
//! lexopt reads the process arguments (`main`); from there on iproute2's
//! grammar (single-dash long options, keyword prefixes, positional words)
//! is walked with this cursor.

use crate::error::{Error, Result};

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

/// strtoul-style parse with a fixed base (0 = auto).
pub fn parse_u64_base(s: &str, base: u32) -> Option<u64> {
    let s = s.trim_start();
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
    if digits.is_empty() {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
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
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let v = parse_u64(rest)? as i64;
    let v = if neg { -v } else { v };
    i32::try_from(v).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn numbers() {
        assert_eq!(parse_u32("1500"), Some(1500));
        assert_eq!(parse_u32("0x10"), Some(16));
        assert_eq!(parse_u32("010"), Some(8));
        assert_eq!(parse_u32("0"), Some(0));
        assert_eq!(parse_u32("12a"), None);
        assert_eq!(parse_u32(""), None);
        assert_eq!(parse_u32("4294967296"), None);
        assert_eq!(parse_i32("-1"), Some(-1));
    }
}
