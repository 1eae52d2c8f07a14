//! The `ip` applet: global options, object dispatch, batch mode, and the
//! context every object's command runs in.

pub mod addr;
pub mod addrlabel;
pub mod common;
pub mod fou;
pub mod ila;
pub mod ioam;
pub mod l2tp;
pub mod link;
pub mod link_mod;
pub mod link_show;
pub mod macsec;
pub mod maddress;
pub mod monitor;
pub mod mptcp;
pub mod mroute;
pub mod neigh;
pub mod netconf;
pub mod netns;
pub mod nexthop;
pub mod ntable;
pub mod route;
pub mod rule;
pub mod sr;
pub mod stats;
pub mod tcpmetrics;
pub mod token;
pub mod tunnel;
pub mod tuntap;
pub mod vrf;
pub mod xfrm;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use crate::cli::{matches, Args};
use crate::error::{Error, Result};
use crate::nl::Nl;
use crate::print::Printer;

pub const AF_UNSPEC: u8 = 0;
pub const AF_INET: u8 = libc::AF_INET as u8;
pub const AF_INET6: u8 = libc::AF_INET6 as u8;
pub const AF_PACKET: u8 = libc::AF_PACKET as u8;
pub const AF_BRIDGE: u8 = libc::AF_BRIDGE as u8;
pub const AF_MPLS: u8 = libc::AF_MPLS as u8;

/// `ip -V`: the part scripts parse (`ip utility, iproute2-6.1.0`), then
/// rip's own name and version instead of a libbpf rip does not link.
pub const VERSION_LINE: &str = concat!("ip utility, iproute2-6.1.0, rip ", env!("CARGO_PKG_VERSION"));

pub const USAGE: &str = "\
Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}";

/// `-color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorOpt {
    #[default]
    Never,
    Auto,
    Always,
}

impl ColorOpt {
    /// Is text to be coloured? (`auto`: when stdout is a terminal.)
    pub fn enabled(self) -> bool {
        match self {
            ColorOpt::Always => true,
            // SAFETY: isatty on fd 1 has no memory effects.
            ColorOpt::Auto => unsafe { libc::isatty(1) == 1 },
            ColorOpt::Never => false,
        }
    }
}

/// ip's global options.
#[derive(Debug, Clone, Default)]
pub struct Opts {
    pub family: u8,
    pub stats: u32,
    pub details: u32,
    pub resolve: bool,
    pub oneline: bool,
    pub timestamp: u32,
    pub tshort: bool,
    pub force: bool,
    pub batch: Option<String>,
    pub brief: bool,
    pub json: bool,
    pub pretty: bool,
    pub rcvbuf: Option<u32>,
    pub color: ColorOpt,
    pub netns: Option<String>,
    pub numeric: bool,
    pub all: bool,
    pub human: u32,
    pub iec: bool,
    pub loops: Option<i32>,
    /// `-echo`: change requests ask for NLM_F_ECHO and print the answer
    pub echo: bool,
}

/// The context a command runs in: options, printer, netlink socket.
pub struct Ip {
    pub o: Opts,
    pub p: Printer,
    nl: Option<Nl>,
    /// a second socket for lookups and requests made while `nl` runs a
    /// dump (see `dump_each`)
    aux: Option<Nl>,
    /// ifindex → name, filled from dumps and lookups
    names: NameCache,
    /// set while running a batch file
    pub in_batch: bool,
    /// a link list ran earlier in this batch: iproute2 6.1 then shows
    /// links in "link mode" (`mode`, alias, `-s` counters) in later
    /// `addr show`s, and `addr show DEV` prints the link lines only
    /// (general/batch-addr-after-link-quirk)
    pub do_link: bool,
}

impl Ip {
    pub fn new(o: Opts) -> Ip {
        let p = Printer::new(o.json, o.pretty, o.color.enabled() && !o.json, o.oneline);
        Ip { o, p, nl: None, aux: None, names: Default::default(), in_batch: false, do_link: false }
    }

    /// The process's netlink socket, opened on first use (after `-n`).
    pub fn nl(&mut self) -> Result<&mut Nl> {
        if self.nl.is_none() {
            let mut nl = Nl::open()?;
            // iproute2 6.1 does not ask for strict dump checking in a
            // batch: e.g. `netns list-id target-nsid N` lists them all
            if self.in_batch {
                nl.set_strict(false);
            }
            self.nl = Some(nl);
        }
        Ok(self.nl.as_mut().expect("opened above"))
    }

    /// Dump, handing each reply to `f` together with the context, as it
    /// arrives (nothing is kept): the dump runs on the process's socket,
    /// and what `f` asks of `ip.nl()` meanwhile (name lookups, the deletes
    /// of a flush) goes through a second socket, opened once.
    pub fn dump_each(
        &mut self,
        msg: netlink_packet_route::RouteNetlinkMessage,
        f: &mut dyn FnMut(&mut Ip, netlink_packet_route::RouteNetlinkMessage) -> Result<()>,
    ) -> Result<()> {
        self.nl()?;
        let mut dumper = self.nl.take().expect("opened above");
        self.nl = self.aux.take();
        let r = dumper.dump(msg, &mut |m| f(self, m));
        self.aux = self.nl.take();
        self.nl = Some(dumper);
        r
    }

    /// [`Ip::dump_each`] for a hand-built request: `f` gets each reply's
    /// bytes (header included).
    pub fn dump_raw_each(
        &mut self,
        msg_type: u16,
        payload: &[u8],
        f: &mut dyn FnMut(&mut Ip, &[u8]) -> Result<()>,
    ) -> Result<()> {
        self.nl()?;
        let mut dumper = self.nl.take().expect("opened above");
        self.nl = self.aux.take();
        let r = dumper.dump_raw(msg_type, payload, &mut |m| f(self, m));
        self.aux = self.nl.take();
        self.nl = Some(dumper);
        r
    }

    /// Send what is queued on either socket (requests queued inside
    /// `dump_each` sit on the second one); see `Nl::send_queued`.
    pub fn send_queued(&mut self, on_error: &mut dyn FnMut(Error) -> Result<()>) -> Result<()> {
        for nl in [self.nl.as_mut(), self.aux.as_mut()].into_iter().flatten() {
            nl.send_queued(on_error)?;
        }
        Ok(())
    }

    /// Send a change request and wait for the ack. With `-echo` the
    /// request carries NLM_F_ECHO and the message the kernel echoes is
    /// handed to `print` once the ack is in (inside one JSON document
    /// under `-j`); without it `print` is never called.
    pub fn change(
        &mut self,
        msg: netlink_packet_route::RouteNetlinkMessage,
        flags: u16,
        print: &mut dyn FnMut(&mut Ip, &[u8]),
    ) -> Result<()> {
        if !self.o.echo {
            return self.nl()?.request(msg, flags);
        }
        self.echo_round(|nl, f| nl.request_echo(msg, flags, f), print)
    }

    /// `change` for a hand-built message (see `Nl::request_raw`).
    pub fn change_raw(
        &mut self,
        msg_type: u16,
        flags: u16,
        payload: &[u8],
        print: &mut dyn FnMut(&mut Ip, &[u8]),
    ) -> Result<()> {
        if !self.o.echo {
            return self.nl()?.request_raw(msg_type, flags, payload);
        }
        self.echo_round(|nl, f| nl.request_raw_echo(msg_type, flags, payload, f), print)
    }

    /// One echoed request: `send` sends it and reads to the ack. The
    /// reference prints the first echoed message only (deleting one end
    /// of a veth pair echoes both ends: one is printed).
    fn echo_round(
        &mut self,
        send: impl FnOnce(&mut Nl, &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()>,
        print: &mut dyn FnMut(&mut Ip, &[u8]),
    ) -> Result<()> {
        let mut first: Option<Vec<u8>> = None;
        send(self.nl()?, &mut |m| {
            if first.is_none() {
                first = Some(m.to_vec());
            }
            Ok(())
        })?;
        if let Some(m) = first {
            self.p.start_doc();
            print(self, &m);
            self.p.end_doc();
        }
        Ok(())
    }

    /// Remember a name seen in a dump.
    pub fn cache_name(&mut self, index: u32, name: impl Into<Rc<str>>) {
        self.names.insert(index, name.into());
    }

    /// Forget a cached name (the link is gone: `ip monitor`).
    pub fn forget_name(&mut self, index: u32) {
        self.names.remove(&index);
    }

    /// Name → ifindex with one RTM_GETLINK by name; `Cannot find device`.
    pub fn ifindex(&mut self, name: &str) -> Result<u32> {
        match common::link_index(self, name)? {
            Some(i) => Ok(i),
            None => Err(Error::NoDevice(name.to_string())),
        }
    }

    /// ifindex → name with one RTM_GETLINK by index (cached); `if%d`
    /// when there is no such link, as the reference prints it.
    pub fn ifname(&mut self, index: u32) -> Rc<str> {
        if let Some(n) = self.names.get(&index) {
            return n.clone();
        }
        match common::link_name(self, index) {
            Ok(Some(n)) => {
                let n: Rc<str> = n.into();
                self.names.insert(index, n.clone());
                n
            }
            _ => format!("if{index}").into(),
        }
    }
}

/// ifindex → name, as looked up or seen in dumps. A name is shared, not
/// copied: a 200k-route dump asks for one name 200k times.
type NameCache = IndexMap<Rc<str>>;

/// A map keyed by ifindex (see `IndexHasher`).
pub type IndexMap<V> = HashMap<u32, V, BuildHasherDefault<IndexHasher>>;

/// Hashes an ifindex with one multiplication (the default SipHash was 2%
/// of a 200k-route dump's time). The keys come from the kernel, not from
/// someone who could pick them to collide.
#[derive(Default)]
pub struct IndexHasher(u64);

impl Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Parse `-color`, `-c=always` and friends. None when `opt` is no colour
/// option.
fn color_opt(opt: &str) -> Option<Result<ColorOpt>> {
    let (name, val) = match opt.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (opt, None),
    };
    if !matches(name, "-color") || name == "-" {
        return None;
    }
    Some(match val {
        None | Some("") | Some("always") => Ok(ColorOpt::Always),
        Some("auto") => Ok(ColorOpt::Auto),
        Some("never") => Ok(ColorOpt::Never),
        Some(_) => Err(Error::arg(format!("Option \"{opt}\" is unknown, try \"ip -help\"."))),
    })
}

/// Read the global options; returns the options and the words after them.
pub fn parse_global(argv: Vec<String>) -> Result<(Opts, Vec<String>)> {
    let mut o = Opts::default();
    let mut a = Args::new(argv);
    while let Some(w) = a.peek() {
        if !w.starts_with('-') {
            break;
        }
        let w = a.next().expect("peeked");
        if w == "--" {
            break;
        }
        let opt: &str = if w.starts_with("--") { &w[1..] } else { &w };
        if matches(opt, "-loops") {
            let v = a.next().ok_or_else(|| Error::arg(USAGE))?;
            o.loops = Some(v.parse().unwrap_or(0));
        } else if matches(opt, "-family") {
            let v = a.next().ok_or_else(|| Error::arg(USAGE))?;
            if v == "help" {
                return Err(Error::arg(USAGE));
            }
            o.family = read_family(&v).ok_or_else(|| Error::invarg("invalid protocol family", &v))?;
        } else if opt == "-4" {
            o.family = AF_INET;
        } else if opt == "-6" {
            o.family = AF_INET6;
        } else if opt == "-0" {
            o.family = AF_PACKET;
        } else if opt == "-M" {
            o.family = AF_MPLS;
        } else if opt == "-B" {
            o.family = AF_BRIDGE;
        } else if matches(opt, "-human") || matches(opt, "-human-readable") {
            o.human += 1;
        } else if matches(opt, "-iec") {
            o.iec = true;
        } else if matches(opt, "-stats") || matches(opt, "-statistics") {
            o.stats += 1;
        } else if matches(opt, "-details") {
            o.details += 1;
        } else if matches(opt, "-resolve") {
            o.resolve = true;
        } else if matches(opt, "-oneline") {
            o.oneline = true;
        } else if matches(opt, "-timestamp") {
            o.timestamp += 1;
        } else if matches(opt, "-tshort") {
            o.timestamp += 1;
            o.tshort = true;
        } else if matches(opt, "-Version") {
            crate::print::stdout(&format!("{VERSION_LINE}\n"));
            return Err(Error::Exit(0));
        } else if matches(opt, "-force") {
            o.force = true;
        } else if matches(opt, "-batch") {
            let v = a.next().ok_or_else(|| Error::arg(USAGE))?;
            o.batch = Some(v);
        } else if matches(opt, "-brief") {
            o.brief = true;
        } else if matches(opt, "-json") {
            o.json = true;
        } else if matches(opt, "-pretty") {
            o.pretty = true;
        } else if matches(opt, "-rcvbuf") {
            let v = a.next().ok_or_else(|| Error::arg(USAGE))?;
            let n = crate::cli::parse_u32(&v)
                .ok_or_else(|| Error::arg(format!("Invalid rcvbuf size '{v}'")))?;
            o.rcvbuf = Some(n);
        } else if let Some(c) = color_opt(opt) {
            o.color = c?;
        } else if matches(opt, "-help") {
            return Err(Error::arg(USAGE));
        } else if matches(opt, "-netns") {
            match a.next() {
                Some(v) => o.netns = Some(v),
                None => {
                    return Err(Error::msg(
                        "Cannot open network namespace \"(null)\": No such file or directory",
                        255,
                    ))
                }
            }
            // iproute2 switches at once, so a later bad option still
            // fails after a bad namespace; do the same.
            let ns = o.netns.clone().expect("set above");
            crate::netns::switch(&ns)?;
        } else if opt == "-echo" {
            o.echo = true;
        } else if matches(opt, "-Numeric") {
            o.numeric = true;
        } else if matches(opt, "-all") {
            o.all = true;
        } else {
            return Err(Error::arg(format!(
                "Option \"{opt}\" is unknown, try \"ip -help\"."
            )));
        }
    }
    Ok((o, a.rest().to_vec()))
}

/// `-f` names.
pub fn read_family(s: &str) -> Option<u8> {
    Some(match s {
        "inet" => AF_INET,
        "inet6" => AF_INET6,
        "link" => AF_PACKET,
        "bridge" => AF_BRIDGE,
        "mpls" => AF_MPLS,
        "ipx" | "dnet" => return None,
        "help" => return None,
        _ => return None,
    })
}

/// ip's objects in iproute2's table order (prefixes match the first).
const OBJECTS: &[&str] = &[
    "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable",
    "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl", "tuntap", "tap", "token",
    "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf",
    "sr", "nexthop", "mptcp", "ioam", "help", "stats",
];

/// Run one command (`OBJECT ARGS…`).
pub fn do_cmd(ip: &mut Ip, words: &[String]) -> Result<()> {
    let obj = &words[0];
    let args = Args::new(words[1..].iter().cloned());
    let unknown = || Error::Failed(format!("Object \"{obj}\" is unknown, try \"ip help\"."));
    let Some(name) = crate::cli::lookup(obj, OBJECTS) else {
        return Err(unknown());
    };
    // 6.1 keeps "link mode" across a batch once a link list ran
    let sub = words.get(1).map(String::as_str);
    let is_list =
        |s: Option<&str>| s.is_none_or(|c| matches(c, "show") || matches(c, "list") || matches(c, "lst"));
    match name {
        "address" => addr::run(ip, args),
        "route" => route::run(ip, args),
        "neighbor" | "neighbour" => neigh::run(ip, args),
        "link" => {
            let r = link::run(ip, args);
            if is_list(sub) {
                ip.do_link = true;
            }
            r
        }
        "tuntap" | "tap" => tuntap::run(ip, args),
        "netns" => netns::run(ip, args),
        "rule" | "mrule" => rule::run(ip, name, args),
        "nexthop" => nexthop::run(ip, args),
        "monitor" => monitor::run(ip, args),
        "maddress" => maddress::run(ip, args),
        "netconf" => netconf::run(ip, args),
        "addrlabel" => addrlabel::run(ip, args),
        "ntable" | "ntbl" => ntable::run(ip, args),
        "token" => token::run(ip, args),
        "mroute" => mroute::run(ip, args),
        "tcpmetrics" | "tcp_metrics" => tcpmetrics::run(ip, args),
        "stats" => stats::run(ip, args),
        "ioam" => ioam::run(ip, args),
        "mptcp" => mptcp::run(ip, args),
        "sr" => sr::run(ip, args),
        "xfrm" => xfrm::run(ip, args),
        "l2tp" => l2tp::run(ip, args),
        "fou" => fou::run(ip, args),
        "ila" => ila::run(ip, args),
        "macsec" => macsec::run(ip, args),
        "vrf" => vrf::run(ip, args),
        "tunnel" | "tunl" => tunnel::run(ip, args),
        "help" => Err(Error::arg(USAGE)),
        // every name of OBJECTS has its arm above
        _ => Err(unknown()),
    }
}

/// Split a batch line into words as the reference does: blanks separate,
/// a word starting with `"` or `'` runs to the next same quote (nothing
/// is escaped), `#` anywhere ends the line.
pub fn split_line(line: &str) -> Result<Vec<String>> {
    let line = match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    };
    let blank = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0b' | '\x0c');
    let mut words = Vec::new();
    let mut rest = line;
    loop {
        rest = rest.trim_start_matches(blank);
        let Some(c) = rest.chars().next() else { break };
        if c == '"' || c == '\'' {
            let body = &rest[1..];
            let Some(end) = body.find(c) else {
                return Err(Error::msg("Unterminated quoted string", 1));
            };
            words.push(body[..end].to_string());
            rest = &body[end + 1..];
        } else {
            let end = rest.find(blank).unwrap_or(rest.len());
            words.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    Ok(words)
}

/// `-batch FILE` / `-batch -`.
fn batch(ip: &mut Ip, file: &str) -> Result<()> {
    use std::io::BufRead;
    let mut reader: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        match std::fs::File::open(crate::cli::fs_path(file)) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                return Err(Error::msg(
                    format!(
                        "Cannot open file \"{file}\" for reading: {}",
                        crate::error::strerror(e.raw_os_error().unwrap_or(0))
                    ),
                    1,
                ))
            }
        }
    };
    ip.in_batch = true;
    let mut failed = false;
    let mut lineno = 0;
    // one physical line, newline kept, cut at a `#`
    let mut read_line = |lineno: &mut usize| -> Option<String> {
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        *lineno += 1;
        let mut l = crate::cli::string_of_bytes(&buf);
        if let Some(i) = l.find('#') {
            l.truncate(i);
        }
        Some(l)
    };
    'lines: while let Some(mut line) = read_line(&mut lineno) {
        // a backslash before the newline joins the next line
        while line.ends_with("\\\n") {
            line.truncate(line.len() - 2);
            match read_line(&mut lineno) {
                Some(next) => line.push_str(&next),
                None => {
                    crate::print::warn("Missing continuation line");
                    break 'lines;
                }
            }
        }
        let words = split_line(&line)?;
        if words.is_empty() {
            continue;
        }
        // an earlier line may have renamed links: names are looked up afresh
        ip.names.clear();
        match do_cmd(ip, &words) {
            Ok(()) | Err(Error::Exit(0)) => {}
            Err(e) if e.ends_batch() => return Err(e),
            Err(e) => {
                ip.p.flush();
                if !e.is_silent() {
                    crate::print::warn(&e);
                }
                crate::print::warn(format_args!("Command failed {file}:{lineno}"));
                failed = true;
                if !ip.o.force {
                    break;
                }
            }
        }
        ip.p.flush();
    }
    if failed {
        Err(Error::Exit(1))
    } else {
        Ok(())
    }
}

/// The `ip` applet's entry point: `argv` without argv[0].
pub fn main(argv: Vec<String>) -> Result<()> {
    let (opts, rest) = parse_global(argv)?;
    let batch_file = opts.batch.clone();
    let mut ip = Ip::new(opts);
    let r = if let Some(f) = batch_file {
        batch(&mut ip, &f)
    } else if rest.is_empty() {
        Err(Error::arg(USAGE))
    } else {
        do_cmd(&mut ip, &rest)
    };
    ip.p.flush();
    if let Some(e) = ip.p.take_error() {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(());
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn global_options() {
        let (o, rest) = parse_global(v(&["-s", "-s", "-d", "-j", "-p", "-br", "link", "show"])).unwrap();
        assert_eq!((o.stats, o.details, o.json, o.pretty, o.brief), (2, 1, true, true, true));
        assert_eq!(rest, v(&["link", "show"]));
        let (o, _) = parse_global(v(&["--json", "-4", "-o", "a"])).unwrap();
        assert!(o.json && o.oneline);
        assert_eq!(o.family, AF_INET);
        let (o, _) = parse_global(v(&["-c=never", "-N", "r"])).unwrap();
        assert_eq!(o.color, ColorOpt::Never);
        assert!(o.numeric);
        let (o, _) = parse_global(v(&["-b", "/tmp/x"])).unwrap();
        assert_eq!(o.batch.as_deref(), Some("/tmp/x"));
        let e = parse_global(v(&["-xyz"])).unwrap_err();
        assert_eq!(e.to_string(), "Option \"-xyz\" is unknown, try \"ip -help\".");
        assert_eq!(e.exit_code(), 255);
        // -echo is only ever spelled out (-e, -ec are unknown)
        let (o, _) = parse_global(v(&["-echo", "--echo", "nexthop"])).unwrap();
        assert!(o.echo);
        assert!(parse_global(v(&["-ec", "r"])).is_err());
        let e = parse_global(v(&["-f", "xx"])).unwrap_err();
        assert_eq!(e.to_string(), "Error: argument \"xx\" is wrong: invalid protocol family");
    }

    #[test]
    fn object_prefixes() {
        let l = |s| crate::cli::lookup(s, OBJECTS);
        assert_eq!(l("a"), Some("address"));
        assert_eq!(l("n"), Some("neighbor"));
        assert_eq!(l("net"), Some("netns"));
        assert_eq!(l("l"), Some("link"));
        assert_eq!(l("r"), Some("route"));
        assert_eq!(l("tunt"), Some("tuntap"));
    }

    #[test]
    fn batch_lines() {
        let sl = |s| split_line(s).unwrap();
        assert_eq!(sl("link set v0 alias \"a b  c\""), v(&["link", "set", "v0", "alias", "a b  c"]));
        assert_eq!(sl("# comment"), Vec::<String>::new());
        assert_eq!(sl("  addr show  # trailing"), v(&["addr", "show"]));
        assert_eq!(sl("netns add a9#x"), v(&["netns", "add", "a9"]));
        assert_eq!(sl("add a6\"q\"r 'a3' \"b1\"b2\tx\r"), v(&["add", "a6\"q\"r", "a3", "b1", "b2", "x"]));
        assert_eq!(sl("add a\\ 7 \"\""), v(&["add", "a\\", "7", ""]));
        assert_eq!(split_line("add \"open").unwrap_err().to_string(), "Unterminated quoted string");
    }
}
