//! `netstat` as net-tools 2.10 behaves, for the routing table (`-r`, as
//! route(8) prints it, `-e` layout by default) and the interface table
//! (`-i`). Socket listings, `-s`, `-g`, `-M` and `-c` are not part of rip:
//! they end with a message and net-tools' usage status (3).

use crate::error::{Error, Result};
use crate::nettools::getopt::{getopt, prog, Item, Long};
use crate::nettools::iface;
use crate::nettools::ioctl::Sock;
use crate::nettools::route::table::Layout;
use crate::nettools::route::{self, parse_af_list, Af, Tables, AF_LIST};
use crate::print::{warn, Printer};

const USAGE: &str = "usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
";

const VERSION: &str = "net-tools 2.10
Fred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, Brian Micek and others
+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX
AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH
HW:  +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 
";

const OUT_OF_SCOPE: &str = "netstat: rip shows only the routing table (-r) and the interface table (-i); \
socket listings, -s, -g and -M are not implemented";

// private codes for long options without a short form
const NUM_HOSTS: char = '\u{201}';
const NUM_PORTS: char = '\u{202}';
const NUM_USERS: char = '\u{203}';

const LONG: &[Long] = &[
    Long { name: "protocol", arg: true, val: 'A' },
    Long { name: "route", arg: false, val: 'r' },
    Long { name: "interfaces", arg: false, val: 'i' },
    Long { name: "groups", arg: false, val: 'g' },
    Long { name: "statistics", arg: false, val: 's' },
    Long { name: "masquerade", arg: false, val: 'M' },
    Long { name: "verbose", arg: false, val: 'v' },
    Long { name: "wide", arg: false, val: 'W' },
    Long { name: "numeric", arg: false, val: 'n' },
    Long { name: "numeric-hosts", arg: false, val: NUM_HOSTS },
    Long { name: "numeric-ports", arg: false, val: NUM_PORTS },
    Long { name: "numeric-users", arg: false, val: NUM_USERS },
    Long { name: "symbolic", arg: false, val: 'N' },
    Long { name: "extend", arg: false, val: 'e' },
    Long { name: "programs", arg: false, val: 'p' },
    Long { name: "timers", arg: false, val: 'o' },
    Long { name: "continuous", arg: false, val: 'c' },
    Long { name: "listening", arg: false, val: 'l' },
    Long { name: "all", arg: false, val: 'a' },
    Long { name: "fib", arg: false, val: 'F' },
    Long { name: "cache", arg: false, val: 'C' },
    Long { name: "context", arg: false, val: 'Z' },
    Long { name: "tcp", arg: false, val: 't' },
    Long { name: "udp", arg: false, val: 'u' },
    Long { name: "udplite", arg: false, val: 'U' },
    Long { name: "sctp", arg: false, val: 'S' },
    Long { name: "raw", arg: false, val: 'w' },
    Long { name: "unix", arg: false, val: 'x' },
    Long { name: "inet", arg: false, val: '\u{141}' },
    Long { name: "inet6", arg: false, val: '\u{142}' },
    Long { name: "ax25", arg: false, val: '\u{144}' },
    Long { name: "netrom", arg: false, val: '\u{145}' },
    Long { name: "rose", arg: false, val: '\u{146}' },
    Long { name: "ipx", arg: false, val: '\u{147}' },
    Long { name: "ddp", arg: false, val: '\u{148}' },
    Long { name: "x25", arg: false, val: '\u{149}' },
    Long { name: "version", arg: false, val: 'V' },
    Long { name: "help", arg: false, val: 'h' },
];

/// The mode netstat's options select.
#[derive(Debug, Default, PartialEq, Eq)]
struct Opts {
    route: bool,
    interfaces: bool,
    /// -s, -g, -M: other tables rip does not show
    other_table: u32,
    continuous: bool,
    afs: Vec<Af>,
    numeric: bool,
    extend: u32,
    all: bool,
    tables: Tables,
    help: bool,
}

fn usage_error() -> Error {
    Error::msg(format!("{USAGE}{AF_LIST}"), 3)
}

fn push_af(afs: &mut Vec<Af>, af: Af) {
    if !afs.contains(&af) {
        afs.push(af);
    }
}

/// The options, as netstat reads them; `Ok(None)`: already answered
/// (`-V`).
fn parse(p: &mut Printer, argv: &[String]) -> Result<Option<Opts>> {
    let prog = prog("netstat");
    let parsed = getopt(&prog, argv, "A:CFMacdeghilnNoprsStuUvVWwx64Z", LONG, &[]);
    let mut o = Opts::default();
    for item in parsed.items {
        match item {
            Item::Bad(msg) => {
                warn(msg);
                return Err(usage_error());
            }
            Item::Opt('A', Some(list)) => parse_af_list(&list, &mut o.afs)?,
            Item::Opt('4', _) => push_af(&mut o.afs, Af::Inet),
            Item::Opt('6', _) => push_af(&mut o.afs, Af::Inet6),
            Item::Opt('x', _) => push_af(&mut o.afs, Af::NoRouting("unix")),
            Item::Opt('r', _) => o.route = true,
            Item::Opt('i', _) => o.interfaces = true,
            Item::Opt('s' | 'g' | 'M', _) => o.other_table += 1,
            Item::Opt('c', _) => o.continuous = true,
            // -N and --numeric-hosts turn address names off as -n does
            Item::Opt('n' | 'N' | NUM_HOSTS, _) => o.numeric = true,
            Item::Opt('e', _) => o.extend += 1,
            Item::Opt('a', _) => o.all = true,
            Item::Opt('F', _) => o.tables.fib = true,
            Item::Opt('C', _) => o.tables.cache = true,
            Item::Opt('h', _) => o.help = true,
            Item::Opt('Z', _) => return Err(Error::msg("SELinux is not enabled on this machine.", 1)),
            Item::Opt('V', _) => {
                p.raw(VERSION);
                return Ok(None);
            }
            Item::Opt(c, _) => {
                if let Some(af) = route::af_of_code(c) {
                    push_af(&mut o.afs, af);
                }
            }
        }
    }
    Ok(Some(o))
}

/// The `netstat` applet's entry point: `argv` without argv[0].
pub fn main(argv: Vec<String>) -> Result<()> {
    let mut p = Printer::new(false, false, false, false);
    let Some(mut o) = parse(&mut p, &argv)? else { return Ok(()) };
    if o.help {
        warn(AF_LIST);
        p.raw(USAGE);
        return Ok(());
    }
    let modes = o.route as u32 + o.interfaces as u32 + o.other_table;
    if modes > 1 {
        return Err(usage_error());
    }
    if !(o.route || o.interfaces) {
        return Err(Error::msg(OUT_OF_SCOPE, 3));
    }
    if o.afs.is_empty() {
        o.afs.push(Af::Inet);
    }
    // netstat -r is route -e; -re is route's plain layout, then as route
    let layout = match o.extend {
        0 => Layout::Extend,
        1 => Layout::Plain,
        e => Layout::from_count(e),
    };
    if o.interfaces {
        // -c repeats all but the title
        p.raw("Kernel Interface table\n");
    }
    loop {
        if o.route {
            route::show(&mut p, &o.afs, o.numeric, layout, o.tables)?;
        } else {
            // -ie: ifconfig's long form; -i: its short table
            let sock = Sock::inet().map_err(|e| Error::os("socket", e, 1))?;
            let mut out = Vec::new();
            iface::print_table(&sock, &mut out, o.all, o.extend == 0, true);
            p.raw_bytes(&out);
        }
        if !o.continuous {
            return Ok(());
        }
        p.flush();
        if let Some(e) = p.take_error() {
            return Err(Error::os("write", e.raw_os_error().unwrap_or(libc::EIO), 1));
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(s: &str) -> Result<Option<Opts>> {
        let mut p = Printer::capture(false, false, false);
        parse(&mut p, &s.split_whitespace().map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn options() {
        let o = opts("-rn -A inet6,inet").unwrap().unwrap();
        assert!(o.route && o.numeric && !o.interfaces);
        assert_eq!(o.afs, vec![Af::Inet6, Af::Inet]);
        let o = opts("--route --numeric -ee").unwrap().unwrap();
        assert_eq!(o.extend, 2);
        assert!(opts("-V").unwrap().is_none());
        let e = opts("-rn -A foo").unwrap_err();
        assert_eq!(e.exit_code(), 1);
        let e = opts("--frob").unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().starts_with("usage: netstat [-vWeenNcCF]"));
        assert!(e.to_string().ends_with("x25 (CCITT X.25) "));
    }

    #[test]
    fn modes() {
        assert_eq!(main(vec!["-r".into(), "-i".into()]).unwrap_err().exit_code(), 3);
        assert_eq!(main(vec!["-i".into(), "-s".into()]).unwrap_err().exit_code(), 3);
        let e = main(vec!["-t".into()]).unwrap_err();
        assert_eq!((e.to_string().as_str(), e.exit_code()), (OUT_OF_SCOPE, 3));
        assert_eq!(main(vec![]).unwrap_err().exit_code(), 3);
    }
}
