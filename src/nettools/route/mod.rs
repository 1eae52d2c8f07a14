//! `route` as net-tools 2.10 behaves: the tables from /proc/net/route and
//! /proc/net/ipv6_route (`-n`, `-e`, `-ee`, `-C`, `-A inet6`/`-6`), and
//! `add`/`del` through the SIOCADDRT/SIOCDELRT ioctls, with its usage
//! texts, messages and exit codes (usage 3, lookup failure 6, ioctl 7).

pub mod modify;
pub mod table;

use crate::error::{Error, Result};
use crate::nettools::getopt::{getopt, prog, Item, Long};
use crate::print::{warn, Printer};
use table::Layout;

/// The address families net-tools knows, as far as routing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Af {
    Inet,
    Inet6,
    Ax25,
    Netrom,
    Rose,
    Ipx,
    Ddp,
    X25,
    /// a family without routing tables (`unix`, `ec`, `ash`)
    NoRouting(&'static str),
    /// compiled out of net-tools (`bluetooth`)
    Unsupported(&'static str),
}

const AF_NAMES: &[(&str, Af)] = &[
    ("unix", Af::NoRouting("unix")),
    ("inet", Af::Inet),
    ("inet6", Af::Inet6),
    ("ax25", Af::Ax25),
    ("netrom", Af::Netrom),
    ("rose", Af::Rose),
    ("ipx", Af::Ipx),
    ("ddp", Af::Ddp),
    ("appletalk", Af::Ddp),
    ("econet", Af::NoRouting("ec")),
    ("ec", Af::NoRouting("ec")),
    ("x25", Af::X25),
    ("ash", Af::NoRouting("ash")),
    ("bluetooth", Af::Unsupported("bluetooth")),
];

/// `-A a,b,...`: the families in the order given.
pub fn parse_af_list(list: &str, out: &mut Vec<Af>) -> Result<()> {
    for name in list.split(',') {
        match AF_NAMES.iter().find(|(n, _)| *n == name) {
            Some((_, af)) => {
                if !out.contains(af) {
                    out.push(*af);
                }
            }
            None => return Err(Error::msg(format!("Unknown address family `{name}'."), 1)),
        }
    }
    Ok(())
}

fn af_name(af: Af) -> &'static str {
    match af {
        Af::Inet => "inet",
        Af::Inet6 => "inet6",
        Af::Ax25 => "ax25",
        Af::Netrom => "netrom",
        Af::Rose => "rose",
        Af::Ipx => "ipx",
        Af::Ddp => "ddp",
        Af::X25 => "x25",
        Af::NoRouting(n) | Af::Unsupported(n) => n,
    }
}

fn no_routing(af: Af) -> Error {
    match af {
        Af::Unsupported(n) => Error::msg(format!("Address family `{n}' not supported."), 3),
        _ => Error::msg(format!("No routing for address family `{}'.", af_name(af)), 3),
    }
}

/// The list of routing families net-tools prints after its usage (on
/// stderr, each line ending in a blank).
pub const AF_LIST: &str = "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) ";

const USAGE: &str = "Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables
       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.

       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.
       route {-V|--version}                  Display version/author and exit.

        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -e, --extend             display other/more information
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
";

const VERSION: &str = "net-tools 2.10
+NEW_ADDRT +RTF_IRTT +RTF_REJECT +I18N +SELINUX
AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH
HW:  +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 
";

const X25_USAGE: &str = "Usage: x25_route [-v] del Target[/mask] [dev] If
       x25_route [-v] add Target[/mask] [dev] If";

/// Long options standing for an address family: private option codes.
pub const LONG_AF: &[(&str, char, Af)] = &[
    ("inet", '\u{141}', Af::Inet),
    ("inet6", '\u{142}', Af::Inet6),
    ("unix", '\u{143}', Af::NoRouting("unix")),
    ("ax25", '\u{144}', Af::Ax25),
    ("netrom", '\u{145}', Af::Netrom),
    ("rose", '\u{146}', Af::Rose),
    ("ipx", '\u{147}', Af::Ipx),
    ("ddp", '\u{148}', Af::Ddp),
    ("x25", '\u{149}', Af::X25),
];

pub fn af_of_code(c: char) -> Option<Af> {
    LONG_AF.iter().find(|(_, v, _)| *v == c).map(|(_, _, af)| *af)
}

const LONG: &[Long] = &[
    Long { name: "verbose", arg: false, val: 'v' },
    Long { name: "version", arg: false, val: 'V' },
    Long { name: "help", arg: false, val: 'h' },
    Long { name: "numeric", arg: false, val: 'n' },
    Long { name: "extend", arg: false, val: 'e' },
    Long { name: "fib", arg: false, val: 'F' },
    Long { name: "cache", arg: false, val: 'C' },
    Long { name: "protocol", arg: true, val: 'A' },
    Long { name: "inet", arg: false, val: '\u{141}' },
    Long { name: "inet6", arg: false, val: '\u{142}' },
    Long { name: "unix", arg: false, val: '\u{143}' },
    Long { name: "ax25", arg: false, val: '\u{144}' },
    Long { name: "netrom", arg: false, val: '\u{145}' },
    Long { name: "rose", arg: false, val: '\u{146}' },
    Long { name: "ipx", arg: false, val: '\u{147}' },
    Long { name: "ddp", arg: false, val: '\u{148}' },
    Long { name: "x25", arg: false, val: '\u{149}' },
];

/// What route's options ask for.
#[derive(Debug, Default, PartialEq, Eq)]
struct Opts {
    afs: Vec<Af>,
    numeric: bool,
    extend: u32,
    tables: Tables,
    help: bool,
}

/// Usage on stdout, the family list on stderr, status 0 (`-h`, and
/// what route does after getopt complained).
/// (stdio writes stderr at once and stdout at exit: the list comes first
/// when both go to one pipe.)
fn usage_stdout(p: &mut Printer) -> Result<()> {
    warn(AF_LIST);
    p.raw(USAGE);
    Ok(())
}

/// What a family without a routing table of its own prints (the kernel
/// here has none of them: net-tools finds no /proc file).
fn show_other(af: Af) -> Result<()> {
    let msg = match af {
        Af::Ax25 => "/proc/net/ax25_route: No such file or directory\nAX.25 not configured in this system.",
        Af::Netrom => {
            "/proc/net/nr_nodes: No such file or directory\n/proc/net/nr_neigh: Invalid argument\nNET/ROM not configured in this system."
        }
        Af::Rose => "/proc/net/rose_nodes: No such file or directory\nROSE not configured in this system.",
        Af::Ipx => "No such file or directory\nIPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.",
        Af::Ddp => {
            "Error opening /proc/net/atalk_route: No such file or directory\nDDP (AppleTalk) not configured on this system."
        }
        Af::X25 => "X.25 not configured in this system.",
        _ => return Err(no_routing(af)),
    };
    Err(Error::msg(msg, 1))
}

/// Which tables `-F` and `-C` ask for (both may be given; neither is
/// `-F`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tables {
    pub fib: bool,
    pub cache: bool,
}

impl Tables {
    fn fib(self) -> bool {
        self.fib || !self.cache
    }
}

/// The tables of `afs`, one after the other (route and netstat -r).
pub fn show(p: &mut Printer, afs: &[Af], numeric: bool, layout: Layout, t: Tables) -> Result<()> {
    for af in afs {
        match af {
            Af::Inet => {
                if t.fib() {
                    table::show4(p, numeric, layout)?;
                }
                if t.cache {
                    table::header4_cache(p, layout);
                }
            }
            Af::Inet6 => {
                if t.fib() {
                    table::show6(p, numeric, false)?;
                }
                if t.cache {
                    table::show6(p, numeric, true)?;
                }
            }
            other => {
                p.flush();
                show_other(*other)?
            }
        }
    }
    Ok(())
}

fn modify(p: &mut Printer, af: Af, verb: &str, rest: &[String], cache: bool) -> Result<()> {
    use modify::{INET6_USAGE, INET_USAGE};
    match af {
        Af::Inet => {
            if verb == "flush" {
                return Err(Error::msg(format!("Flushing `inet' routing table not supported\n{INET_USAGE}"), 3));
            }
            if cache {
                return Err(Error::msg(format!("Modifying `inet' routing cache not supported\n{INET_USAGE}"), 3));
            }
            if rest.is_empty() {
                p.raw(INET_USAGE);
                p.raw("\n");
                return Ok(());
            }
            let r = modify::parse4(rest)?;
            modify::apply4(verb == "add", &r)
        }
        Af::Inet6 => {
            if verb == "flush" {
                return Err(Error::msg(format!("Flushing `inet6' routing table not supported\n{INET6_USAGE}"), 3));
            }
            let r = modify::parse6(rest)?;
            modify::apply6(verb == "add", &r)
        }
        Af::Netrom => Err(Error::msg("NET/ROM: this needs to be written", 1)),
        Af::Ipx => Err(Error::msg("IPX: this needs to be written", 1)),
        Af::X25 => Err(Error::msg(X25_USAGE, 3)),
        other => Err(no_routing(other)),
    }
}

/// The `route` applet's entry point: `argv` without argv[0].
pub fn main(argv: Vec<String>) -> Result<()> {
    let prog = prog("route");
    // net-tools hides -net and -host from getopt as #net and #host
    let argv: Vec<String> = argv
        .into_iter()
        .map(|a| match a.as_str() {
            "-net" => "#net".to_string(),
            "-host" => "#host".to_string(),
            _ => a,
        })
        .collect();
    let parsed = getopt(&prog, &argv, "A:CFhnNveV64", LONG, &[]);
    let mut p = Printer::new(false, false, false, false);
    let mut o = Opts::default();
    // getopt's complaints: route goes on with the other options and
    // prints its help at the end
    let mut bad = false;
    for item in parsed.items {
        match item {
            Item::Bad(msg) => {
                warn(msg);
                bad = true;
            }
            Item::Opt('A', Some(list)) => parse_af_list(&list, &mut o.afs)?,
            Item::Opt('4', _) => push_af(&mut o.afs, Af::Inet),
            Item::Opt('6', _) => push_af(&mut o.afs, Af::Inet6),
            // -N ("resolve hardware names") turns name lookups off too
            Item::Opt('n' | 'N', _) => o.numeric = true,
            Item::Opt('e', _) => o.extend += 1,
            Item::Opt('F', _) => o.tables.fib = true,
            Item::Opt('C', _) => o.tables.cache = true,
            Item::Opt('h', _) => o.help = true,
            Item::Opt('V', _) => {
                p.raw(VERSION);
                return Ok(());
            }
            Item::Opt(c, _) => {
                if let Some(af) = af_of_code(c) {
                    push_af(&mut o.afs, af);
                }
            }
        }
    }
    if bad {
        return usage_stdout(&mut p);
    }
    if o.help {
        return match o.afs.first() {
            None => usage_stdout(&mut p),
            Some(Af::Inet) => {
                p.raw(modify::INET_USAGE);
                p.raw("\n");
                Ok(())
            }
            Some(Af::Inet6) => {
                p.raw(modify::INET6_USAGE);
                p.raw("\n");
                Ok(())
            }
            Some(Af::X25) => {
                p.raw(X25_USAGE);
                p.raw("\n");
                Ok(())
            }
            Some(other) => Err(no_routing(*other)),
        };
    }
    if o.afs.is_empty() {
        o.afs.push(Af::Inet);
    }
    let Some(verb) = parsed.words.first() else {
        return show(&mut p, &o.afs, o.numeric, Layout::from_count(o.extend), o.tables);
    };
    match verb.as_str() {
        "add" | "del" | "delete" | "flush" => {
            let verb = if verb == "delete" { "del" } else { verb.as_str() };
            modify(&mut p, o.afs[0], verb, &parsed.words[1..], o.tables.cache)
        }
        _ => Err(Error::msg(format!("{USAGE}{AF_LIST}"), 3)),
    }
}

fn push_af(afs: &mut Vec<Af>, af: Af) {
    if !afs.contains(&af) {
        afs.push(af);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        let mut v = Vec::new();
        parse_af_list("inet6,inet,inet6", &mut v).unwrap();
        assert_eq!(v, vec![Af::Inet6, Af::Inet]);
        let e = parse_af_list("inet,foo", &mut v).unwrap_err();
        assert_eq!((e.to_string().as_str(), e.exit_code()), ("Unknown address family `foo'.", 1));
        assert_eq!(no_routing(Af::NoRouting("unix")).to_string(), "No routing for address family `unix'.");
        assert_eq!(no_routing(Af::NoRouting("unix")).exit_code(), 3);
    }

    #[test]
    fn usage_text_ends_in_family_list() {
        assert!(USAGE.ends_with("(which support routing):\n"));
        assert!(AF_LIST.ends_with("x25 (CCITT X.25) "));
    }
}
