//! GNU getopt_long as net-tools' applets see it: options anywhere among
//! the words (argument permutation) until `--`, short clusters (`-nee`),
//! `-Aarg` / `-A arg`, long options by unique prefix (`--ext`), `--name=arg`,
//! and glibc's complaints, named by argv[0] as it was given.

/// One long option: its name, whether it takes an argument, and the short
/// option it stands for (or a private code above 0x100 as a char).
pub struct Long {
    pub name: &'static str,
    pub arg: bool,
    pub val: char,
}

/// What the command line holds, in order.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    /// an option with its argument, if it takes one
    Opt(char, Option<String>),
    /// getopt's complaint (already worded, without the newline); getopt
    /// returns '?' there and the applets stop at it
    Bad(String),
}

/// The options in order and the non-option words.
pub struct Parsed {
    pub items: Vec<Item>,
    pub words: Vec<String>,
}

/// The program name getopt prints: argv[0] as given.
pub fn prog(default: &str) -> String {
    std::env::args_os()
        .next()
        .map(|a| crate::cli::string_of_os(&a))
        .unwrap_or_else(|| default.to_string())
}

/// Parse `argv` (without argv[0]) against `short` (getopt syntax: a
/// letter, `:` after it when it takes an argument) and `long`. The
/// `words` given (route's `-net`, `-host`) are words, not options.
pub fn getopt(prog: &str, argv: &[String], short: &str, long: &[Long], keep: &[&str]) -> Parsed {
    let posixly_correct = std::env::var_os("POSIXLY_CORRECT").is_some();
    let mut items = Vec::new();
    let mut words = Vec::new();
    let mut i = 0;
    let takes_arg = |c: char| -> Option<bool> {
        let pos = short.find(c)?;
        if c == ':' {
            return None;
        }
        Some(short[pos + c.len_utf8()..].starts_with(':'))
    };
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            words.extend(argv[i..].iter().cloned());
            break;
        }
        if keep.contains(&a.as_str()) {
            words.push(a.clone());
            continue;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, val) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let exact = long.iter().find(|o| o.name == name);
            let cands: Vec<&Long> = long.iter().filter(|o| o.name.starts_with(name)).collect();
            let found = match exact {
                Some(o) => Some(o),
                None if cands.is_empty() => {
                    items.push(Item::Bad(format!("{prog}: unrecognized option '{a}'")));
                    continue;
                }
                None if cands.iter().all(|o| o.val == cands[0].val && o.arg == cands[0].arg) => {
                    Some(cands[0])
                }
                None => {
                    let list: Vec<String> = cands.iter().map(|o| format!("'--{}'", o.name)).collect();
                    items.push(Item::Bad(format!(
                        "{prog}: option '{}' is ambiguous; possibilities: {}",
                        a.split('=').next().unwrap_or(a),
                        list.join(" ")
                    )));
                    continue;
                }
            };
            let o = found.expect("found");
            match (o.arg, val) {
                (false, Some(_)) => items.push(Item::Bad(format!(
                    "{prog}: option '--{}' doesn't allow an argument",
                    o.name
                ))),
                (false, None) => items.push(Item::Opt(o.val, None)),
                (true, Some(v)) => items.push(Item::Opt(o.val, Some(v))),
                (true, None) => match argv.get(i) {
                    Some(v) => {
                        i += 1;
                        items.push(Item::Opt(o.val, Some(v.clone())));
                    }
                    None => items.push(Item::Bad(format!(
                        "{prog}: option '--{}' requires an argument",
                        o.name
                    ))),
                },
            }
            continue;
        }
        match a.strip_prefix('-').filter(|s| !s.is_empty()) {
            Some(cluster) => {
                for (off, c) in cluster.char_indices() {
                    match takes_arg(c) {
                        None => items.push(Item::Bad(format!("{prog}: invalid option -- '{c}'"))),
                        Some(false) => items.push(Item::Opt(c, None)),
                        Some(true) => {
                            let rest = &cluster[off + c.len_utf8()..];
                            if !rest.is_empty() {
                                items.push(Item::Opt(c, Some(rest.to_string())));
                            } else if let Some(v) = argv.get(i) {
                                i += 1;
                                items.push(Item::Opt(c, Some(v.clone())));
                            } else {
                                items.push(Item::Bad(format!(
                                    "{prog}: option requires an argument -- '{c}'"
                                )));
                            }
                            break;
                        }
                    }
                }
            }
            None => {
                words.push(a.clone());
                if posixly_correct {
                    words.extend(argv[i..].iter().cloned());
                    break;
                }
            }
        }
    }
    Parsed { items, words }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &[Long] = &[
        Long { name: "numeric", arg: false, val: 'n' },
        Long { name: "extend", arg: false, val: 'e' },
        Long { name: "protocol", arg: true, val: 'A' },
        Long { name: "inet", arg: false, val: '\u{101}' },
        Long { name: "inet6", arg: false, val: '\u{102}' },
    ];

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn permutes_and_clusters() {
        let p = getopt("route", &v(&["add", "-nee", "x", "-Ainet6", "--ext", "-A", "inet"]), "A:neh", LONG, &[]);
        assert_eq!(p.words, v(&["add", "x"]));
        assert_eq!(
            p.items,
            vec![
                Item::Opt('n', None),
                Item::Opt('e', None),
                Item::Opt('e', None),
                Item::Opt('A', Some("inet6".into())),
                Item::Opt('e', None),
                Item::Opt('A', Some("inet".into())),
            ]
        );
    }

    #[test]
    fn complaints() {
        let p = getopt("route", &v(&["-x", "--foo", "--numeric=1", "--inet6", "--in", "-A"]), "A:n", LONG, &[]);
        assert_eq!(
            p.items,
            vec![
                Item::Bad("route: invalid option -- 'x'".into()),
                Item::Bad("route: unrecognized option '--foo'".into()),
                Item::Bad("route: option '--numeric' doesn't allow an argument".into()),
                Item::Opt('\u{102}', None),
                Item::Bad("route: option '--in' is ambiguous; possibilities: '--inet' '--inet6'".into()),
                Item::Bad("route: option requires an argument -- 'A'".into()),
            ]
        );
        let p = getopt("route", &v(&["-", "-net", "--", "-n"]), "n", LONG, &["-net"]);
        assert_eq!(p.words, v(&["-", "-net", "-n"]));
        assert!(p.items.is_empty());
    }
}
