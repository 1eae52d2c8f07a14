//! Usage texts: `ip link help` and the per-kind `ip link help TYPE`.
//! help.txt holds them all, each section introduced by a line `@@ NAME`.

const ALL: &str = include_str!("help.txt");

/// The usage text of `name` (a link kind, or `link` for `ip link help`),
/// with its final newline.
pub fn text(name: &str) -> Option<&'static str> {
    let mut rest = ALL;
    while let Some(pos) = rest.find("@@ ") {
        let after = &rest[pos + 3..];
        let nl = after.find('\n')?;
        let (title, body) = (&after[..nl], &after[nl + 1..]);
        let end = body.find("\n@@ ").map(|e| e + 1).unwrap_or(body.len());
        if title == name {
            return Some(&body[..end]);
        }
        rest = &body[end..];
    }
    None
}

/// The text without its last newline (for an error message, which gets
/// one newline when printed).
pub fn chomp(s: &str) -> &str {
    s.strip_suffix('\n').unwrap_or(s)
}

/// `ip link help` (and `help` inside a command): the usage on stderr,
/// exit 255.
pub fn usage() -> crate::error::Error {
    crate::error::Error::arg(chomp(text("link").unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections() {
        let b = text("bridge").unwrap();
        assert!(b.starts_with("Usage: ... bridge [ fdb_flush ]\n"));
        assert!(b.ends_with("802.1ad }\n"));
        assert!(text("veth")
            .unwrap()
            .starts_with("Usage: ip link <options> type veth"));
        let l = text("link").unwrap();
        assert!(l.starts_with("Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"));
        assert!(l.ends_with("xfrm | virt_wifi }\n"));
        assert!(text("frob").is_none());
        // a section never swallows the next one
        assert!(!text("amt").unwrap().contains("@@"));
        assert_eq!(text("dummy"), Some("Usage: ... dummy\n"));
    }
}
