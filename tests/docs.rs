//! The manual pages render cleanly, and the bash completion offers the
//! right candidates (keywords, and live link, bridge port and namespace
//! names inside a sandbox).
mod common;
use common::*;

use std::path::PathBuf;
use std::process::Command;

const PAGES: [&str; 22] = [
    "rip.8",
    "rip-netns.8",
    "rip-link.8",
    "rip-address.8",
    "rip-route.8",
    "rip-rule.8",
    "rip-neighbour.8",
    "rip-tuntap.8",
    "rip-brctl.8",
    "rip-maddress.8",
    "rip-netconf.8",
    "rip-addrlabel.8",
    "rip-ntable.8",
    "rip-token.8",
    "rip-mroute.8",
    "rip-nexthop.8",
    "rip-monitor.8",
    "rip-ifconfig.8",
    "rip-arp.8",
    "rip-protocols.8",
    "rip-nettools-route.8",
    "rip-netstat.8",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool} >/dev/null")])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[test]
fn man_pages_render_without_warnings() {
    if !have("groff") {
        eprintln!("SKIPPED man_pages_render_without_warnings: groff is not installed");
        return;
    }
    for page in PAGES {
        let path = repo().join("man").join(page);
        assert!(path.exists(), "{} is missing", path.display());
        let out = Command::new("groff")
            .args(["-man", "-ww", "-z"])
            .arg(&path)
            .output()
            .expect("run groff");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success() && text.is_empty(), "groff -man -ww -z {page}:\n{text}");
    }
}

#[test]
fn man_pages_name_each_other() {
    // every page is reachable from rip(8), and each page's NAME matches
    // its file name (what man -l and mandb index)
    let main = std::fs::read_to_string(repo().join("man/rip.8")).unwrap();
    for page in PAGES.iter().skip(1) {
        let name = page.trim_end_matches(".8");
        let roff = name.replace('-', "\\-");
        assert!(main.contains(&format!(".BR {roff} (8)")), "rip(8) does not refer to {name}(8)");
        let text = std::fs::read_to_string(repo().join("man").join(page)).unwrap();
        assert!(text.contains(&format!(".SH NAME\n{roff} \\- ")), "{page}: NAME section");
    }
}

/// Single-quotes a word for bash.
fn quote(w: &str) -> String {
    format!("'{}'", w.replace('\'', "'\\''"))
}

/// Bash code that sets COMP_WORDS/COMP_CWORD for `line` (the last word
/// is the one being completed), calls the completion function and prints
/// the candidates, one a line.
fn complete_script(line: &[&str]) -> String {
    let words: Vec<String> = line.iter().map(|w| quote(w)).collect();
    format!(
        "source {file}\nCOMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_LINE={joined}\n\
         _rip\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file = quote(&repo().join("completions/rip.bash").display().to_string()),
        words = words.join(" "),
        cword = line.len() - 1,
        joined = quote(&line.join(" ")),
    )
}

fn sorted_lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.lines().filter(|l| !l.is_empty()).map(String::from).collect();
    v.sort();
    v.dedup();
    v
}

/// Completes `line` in plain bash (no sandbox needed: keywords only).
fn complete_here(line: &[&str]) -> Vec<String> {
    let out = Command::new("bash")
        .args(["--norc", "-c", &complete_script(line)])
        .output()
        .expect("run bash");
    assert!(out.status.success(), "bash failed: {}", String::from_utf8_lossy(&out.stderr));
    sorted_lines(&String::from_utf8_lossy(&out.stdout))
}

/// Completes `line` inside a fresh sandbox after `setup`; the sandbox's
/// links before the setup are printed first, after a `--` line the
/// candidates.
fn complete_in_sandbox(setup: &str, line: &[&str]) -> (Vec<String>, Vec<String>) {
    let script = format!("ls /sys/class/net\necho --\n{}", complete_script(line));
    // the base list must be taken before the setup runs
    let setup = format!("ls /sys/class/net > /run/base-links\n{setup}");
    let out = rip(&setup, &format!("cat /run/base-links\necho ==\n{script}"));
    assert_eq!(out.code, 0, "sandbox script failed: {}", out.stderr);
    let (base, rest) = out.stdout.split_once("==\n").expect("marker");
    let (_now, cands) = rest.split_once("--\n").expect("marker");
    (sorted_lines(base), sorted_lines(cands))
}

fn strings(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn completes_objects_commands_and_keywords() {
    if !have("bash") {
        eprintln!("SKIPPED completes_objects_commands_and_keywords: no bash");
        return;
    }
    assert_eq!(complete_here(&["rip", "li"]), strings(&["link"]));
    assert_eq!(complete_here(&["rip", "--i"]), strings(&["--install"]));
    assert!(complete_here(&["ip", "--i"]).is_empty());
    assert_eq!(complete_here(&["ip", "ne"]), strings(&["neighbour", "netconf", "netns", "nexthop"]));
    assert_eq!(complete_here(&["rip", "-j", "-p", "link", "s"]), strings(&["set", "show"]));
    assert_eq!(
        complete_here(&["ip", "route", "add", "default", "via", "10.0.0.1", "scope", ""]),
        strings(&["global", "host", "link"])
    );
    // `scope link` is a value: the keywords come back afterwards
    assert!(complete_here(&["ip", "r", "add", "10.1.0.0/16", "scope", "link", ""])
        .contains(&"via".to_string()));
    assert!(complete_here(&["ip", "link", "add", "v0", "type", "veth", ""]).contains(&"peer".to_string()));
    assert_eq!(
        complete_here(&["ip", "link", "add", "br0", "type", "bridge", "stp"]),
        strings(&["stp_state"])
    );
    assert_eq!(complete_here(&["ip", "tuntap", "add", "mode", ""]), strings(&["tap", "tun"]));
    assert_eq!(
        complete_here(&["ip", "neigh", "show", "nud", "st"]),
        strings(&["stale"])
    );
    assert_eq!(complete_here(&["brctl", "set"]).len(), 7);
    assert_eq!(complete_here(&["brctl", "stp", "br0", ""]), strings(&["off", "on"]));
}

#[test]
fn completes_live_links_namespaces_and_ports() {
    if !have("bash") || !can_sandbox("completes_live_links_namespaces_and_ports") {
        return;
    }
    let veth = "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02";

    // rip link set dev <TAB>: the sandbox's links
    let (base, cands) = complete_in_sandbox(veth, &["rip", "link", "set", "dev", ""]);
    let mut want = base.clone();
    want.extend(["v0".to_string(), "v1".to_string()]);
    want.sort();
    assert!(base.contains(&"lo".to_string()));
    assert_eq!(cands, want);
    let (_, cands) = complete_in_sandbox(veth, &["rip", "link", "set", "dev", "v"]);
    assert_eq!(cands, strings(&["v0", "v1"]));

    // ip netns exec <TAB>: the names in /run/netns
    let (_, cands) =
        complete_in_sandbox("touch /run/netns/blue /run/netns/red", &["ip", "netns", "exec", ""]);
    assert_eq!(cands, strings(&["blue", "red"]));
    let (_, cands) =
        complete_in_sandbox("touch /run/netns/blue /run/netns/red", &["rip", "netns", "exec", "bl"]);
    assert_eq!(cands, strings(&["blue"]));

    // brctl addif br0 <TAB>: links that are neither bridges nor ports
    // already (nor lo); delif offers the ports of that bridge
    let bridge = format!(
        "{veth}\nip link add br0 address 02:00:00:00:00:10 type bridge\n\
         ip link add p1 address 02:00:00:00:00:03 type veth peer name p2 address 02:00:00:00:00:04\n\
         ip link set p1 master br0"
    );
    let (base, cands) = complete_in_sandbox(&bridge, &["brctl", "addif", "br0", ""]);
    let mut want: Vec<String> = base.into_iter().filter(|l| l != "lo").collect();
    want.extend(["p2", "v0", "v1"].map(String::from));
    want.sort();
    assert_eq!(cands, want);
    let (_, cands) = complete_in_sandbox(&bridge, &["brctl", "delif", "br0", ""]);
    assert_eq!(cands, strings(&["p1"]));
    let (_, cands) = complete_in_sandbox(&bridge, &["brctl", "showmacs", ""]);
    assert_eq!(cands, strings(&["br0"]));
}

#[test]
fn completes_new_objects_and_applets() {
    if !have("bash") {
        eprintln!("SKIPPED completes_new_objects_and_applets: no bash");
        return;
    }
    // objects: every one of `ip help`'s list but the aliases and amt
    // (which 6.1 does not know)
    let objs = complete_here(&["ip", ""]);
    for o in ["rule", "nexthop", "monitor", "maddress", "netconf", "addrlabel", "ntable", "token",
        "mroute", "tcpmetrics", "stats", "ioam", "mptcp", "sr", "xfrm", "l2tp", "fou", "ila",
        "macsec", "vrf", "tunnel", "mrule"]
    {
        assert!(objs.contains(&o.to_string()), "ip <TAB> lacks {o}: {objs:?}");
    }
    assert!(!objs.contains(&"amt".to_string()));
    assert_eq!(complete_here(&["ip", "-ec"]), strings(&["-echo"]));
    assert_eq!(complete_here(&["ip", "ru", "add", "suppress_"]), strings(&["suppress_ifgroup", "suppress_prefixlength"]));
    // `fwmark` takes a value: the keywords come back after it
    assert!(complete_here(&["ip", "rule", "add", "fwmark", "0x1", ""]).contains(&"lookup".to_string()));
    assert_eq!(complete_here(&["ip", "nexthop", "add", "id", "1", "group", "1/2", "type", ""]), strings(&["mpath", "resilient"]));
    assert_eq!(complete_here(&["ip", "nexthop", "bucket", ""]), strings(&["get", "list", "show"]));
    // monitor's objects are words, `dev` takes a link
    let mon = complete_here(&["ip", "monitor", "link", ""]);
    assert!(mon.contains(&"nsid".to_string()) && mon.contains(&"all-nsid".to_string()), "{mon:?}");
    assert_eq!(complete_here(&["ip", "mptcp", "endpoint", "add", "10.0.0.1", "sub"]), strings(&["subflow"]));
    assert_eq!(complete_here(&["ip", "mptcp", "limits", ""]), strings(&["set", "show"]));
    assert_eq!(complete_here(&["ip", "sr", "hmac", "set", "1", ""]), strings(&["sha1", "sha256"]));
    assert_eq!(complete_here(&["ip", "l2tp", "add", "session", "seq", ""]), strings(&["both", "none", "recv", "send"]));
    assert_eq!(complete_here(&["ip", "stats", "set", "dev", "lo", "l3_stats", ""]), strings(&["off", "on"]));
    assert_eq!(complete_here(&["ip", "ntbl", "show", "name", ""]), strings(&["arp_cache", "ndisc_cache"]));
    assert_eq!(complete_here(&["ip", "xfrm", "policy", "add", "dir", ""]), strings(&["fwd", "in", "out"]));
    // protocol names from rt_protos
    let protos = complete_here(&["ip", "rule", "add", "protocol", ""]);
    assert!(protos.contains(&"static".to_string()) && protos.contains(&"kernel".to_string()), "{protos:?}");

    // net-tools applets
    assert_eq!(complete_here(&["route", ""]), strings(&["add", "del", "flush"]));
    assert_eq!(complete_here(&["route", "add", ""]), strings(&["-host", "-net", "default"]));
    assert_eq!(complete_here(&["route", "-n", "add", "-net", "10.0.0.0", "g"]), strings(&["gw"]));
    assert_eq!(complete_here(&["route", "-A", ""]), strings(&["inet", "inet6"]));
    assert_eq!(complete_here(&["ifconfig", "-"]), strings(&["--help", "-a", "-s", "-v"]));
    assert_eq!(complete_here(&["ifconfig", "lo", "-p"]), strings(&["-pointopoint", "-promisc"]));
    assert!(complete_here(&["ifconfig", "lo", "hw", ""]).contains(&"ether".to_string()));
    assert_eq!(complete_here(&["netstat", "-r"]), strings(&["-r"]));
    assert!(complete_here(&["netstat", "--"]).contains(&"--interfaces".to_string()));
    assert_eq!(complete_here(&["arp", "-s", "10.0.0.1", "02:00:00:00:00:01", ""]), strings(&["netmask", "pub", "temp"]));
    assert_eq!(complete_here(&["/usr/sbin/arp", "-A", ""]), strings(&["inet"]));
}

#[test]
fn completes_live_tables_nexthops_masters_and_interfaces() {
    if !have("bash") || !can_sandbox("completes_live_tables_nexthops_masters_and_interfaces") {
        return;
    }
    // table names from rt_tables and rt_tables.d (a private /etc/iproute2)
    let tables = "mkdir -p /run/ipr/rt_tables.d\n\
        printf '255\\tlocal\\n254\\tmain\\n253\\tdefault\\n0\\tunspec\\n# c\\n100 web\\n' > /run/ipr/rt_tables\n\
        printf '200\\tvpn\\n' > /run/ipr/rt_tables.d/vpn.conf\n\
        printf '300\\tnot-a-conf\\n' > /run/ipr/rt_tables.d/other\n\
        cp /etc/iproute2/rt_protos /run/ipr/ 2>/dev/null || true\n\
        mount --bind /run/ipr /etc/iproute2";
    let (_, cands) = complete_in_sandbox(tables, &["ip", "rule", "add", "table", ""]);
    assert_eq!(cands, strings(&["default", "local", "main", "vpn", "web"]));
    let (_, cands) = complete_in_sandbox(tables, &["ip", "rule", "show", "lookup", ""]);
    assert_eq!(cands, strings(&["all", "default", "local", "main", "vpn", "web"]));
    let (_, cands) = complete_in_sandbox(tables, &["ip", "route", "show", "table", "w"]);
    assert_eq!(cands, strings(&["web"]));

    // existing nexthop ids (asked from `ip nexthop show`, here rip's)
    let nh = "ip nexthop add id 7 blackhole\nip nexthop add id 12 dev lo\n\
              ip nexthop add id 13 dev lo\nip nexthop add id 30 group 12/13";
    let (_, cands) = complete_in_sandbox(nh, &["ip", "nexthop", "del", "id", ""]);
    assert_eq!(cands, strings(&["12", "13", "30", "7"]));
    let (_, cands) = complete_in_sandbox(nh, &["ip", "nexthop", "get", "id", "1"]);
    assert_eq!(cands, strings(&["12", "13"]));
    let (_, cands) = complete_in_sandbox(nh, &["ip", "route", "add", "10.1.0.0/16", "nhid", "3"]);
    assert_eq!(cands, strings(&["30"]));
    let (_, cands) = complete_in_sandbox(nh, &["ip", "nexthop", "add", "id", "40", "group", "7/1"]);
    assert_eq!(cands, strings(&["7/12", "7/13"]));
    // a new id is not one of the existing ones
    let (_, cands) = complete_in_sandbox(nh, &["ip", "nexthop", "add", "id", ""]);
    assert!(cands.is_empty(), "{cands:?}");

    // ifconfig <TAB>: the interfaces; route ... dev <TAB>, arp -i <TAB> too
    let veth = "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02";
    let (base, cands) = complete_in_sandbox(veth, &["ifconfig", ""]);
    let mut want = base.clone();
    want.extend(["v0".to_string(), "v1".to_string()]);
    want.sort();
    assert_eq!(cands, want);
    let (_, cands) = complete_in_sandbox(veth, &["ifconfig", "-a", "v"]);
    assert_eq!(cands, strings(&["v0", "v1"]));
    let (_, cands) = complete_in_sandbox(veth, &["route", "add", "-net", "10.0.0.0", "netmask", "255.0.0.0", "dev", "v"]);
    assert_eq!(cands, strings(&["v0", "v1"]));
    let (_, cands) = complete_in_sandbox(veth, &["arp", "-n", "-i", "v"]);
    assert_eq!(cands, strings(&["v0", "v1"]));

    // link set X master <TAB>: only devices that can be masters (here the
    // bridge), not every link
    let bridge = format!("{veth}\nip link add br0 address 02:00:00:00:00:10 type bridge");
    let (_, cands) = complete_in_sandbox(&bridge, &["ip", "link", "set", "v0", "master", ""]);
    assert_eq!(cands, strings(&["br0"]));
    // the same inside a namespace (asked from ip -n)
    let in_ns = "ip netns add blue\nip -n blue link add br1 type bridge\nip -n blue link add d1 type veth peer name d2";
    let (_, cands) = complete_in_sandbox(in_ns, &["ip", "-n", "blue", "link", "set", "d1", "master", ""]);
    assert_eq!(cands, strings(&["br1"]));
    let (_, cands) = complete_in_sandbox(in_ns, &["ip", "netns", "exec", "blue", "ifconfig", "d"]);
    assert_eq!(cands, strings(&["d1", "d2"]));
}

#[test]
fn zsh_offers_nothing_without_namespaces() {
    if !have("zsh") || !can_sandbox("zsh_offers_nothing_without_namespaces") {
        eprintln!("SKIPPED zsh_offers_nothing_without_namespaces: needs zsh (apt-get install zsh) and a sandbox");
        return;
    }
    // compadd and _files stubbed: a fallback to the files of the current
    // directory would print FILES
    let dir = repo().join("completions");
    let run = |words: &str| {
        format!(
            "zsh -f -c {}",
            quote(&format!(
                "fpath=({} $fpath); autoload -Uz _rip\n\
                 compadd() {{ shift; print -l -- \"$@\" }}; _files() {{ print FILES $@ }}\n\
                 words=({words}); CURRENT=${{#words}}; PREFIX=${{words[-1]}}; _rip; echo end",
                quote(&dir.display().to_string())
            ))
        )
    };
    let script = [
        run("ip -n ''"),
        run("ip netns exec ''"),
        run("ip link set lo master ''"),
        "echo --".to_string(),
        "touch /run/netns/blue".to_string(),
        run("ip -n ''"),
        run("ip -batch ''"),
    ]
    .join("\n");
    let out = rip("", &script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "end\nend\nend\n--\nblue\nend\nFILES\nend\n");
}

#[test]
fn completion_files_register_every_applet_name() {
    let names = "rip ip brctl ifconfig route netstat arp";
    let text = std::fs::read_to_string(repo().join("completions/rip.bash")).unwrap();
    assert!(text.contains(&format!("complete -F _rip {names}\n")));
    let zsh = std::fs::read_to_string(repo().join("completions/_rip")).unwrap();
    assert!(zsh.starts_with(&format!("#compdef {names}\n")));
    let fish = std::fs::read_to_string(repo().join("completions/rip.fish")).unwrap();
    assert!(fish.contains(&format!("for cmd in {names}\n")));
    // the install lines link the completions under the same names
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for name in names.split(' ').skip(1) {
        assert!(readme.contains(&format!("ln -sf rip /usr/local/share/bash-completion/completions/{name}\n")), "README: bash link {name}");
        assert!(readme.contains(&format!("ln -sf rip.fish /usr/local/share/fish/vendor_completions.d/{name}.fish\n")), "README: fish link {name}");
    }
    if have("bash") {
        // under any of the names (also a path), the file completes
        for name in names.split(' ') {
            let path = format!("/usr/sbin/{name}");
            assert!(!complete_here(&[&path, ""]).is_empty(), "{name}");
        }
    }
}

#[test]
fn zsh_and_fish_ask_the_bash_grammar() {
    let dir = repo().join("completions");
    if have("fish") {
        let script = format!(
            "source {}; complete -C 'rip li'; complete -C 'brctl stp br0 '",
            quote(&dir.join("rip.fish").display().to_string())
        );
        let out = Command::new("fish").args(["--no-config", "-c", &script]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "link\noff\non\n");
        // the applet names are registered too
        let script = format!(
            "source {}; complete -C 'route add '; complete -C 'arp -A '",
            quote(&dir.join("rip.fish").display().to_string())
        );
        let out = Command::new("fish").args(["--no-config", "-c", &script]).output().unwrap();
        let mut got = sorted_lines(&String::from_utf8_lossy(&out.stdout));
        got.sort();
        assert_eq!(got, strings(&["-host", "-net", "default", "inet"]));
    } else {
        eprintln!("SKIPPED fish part of zsh_and_fish_ask_the_bash_grammar: no fish");
    }
    if have("zsh") {
        // compadd and friends stubbed: _rip runs outside the completion system
        let script = format!(
            "fpath=({} $fpath); autoload -Uz _rip\n\
             compadd() {{ shift; print -l -- \"$@\" }}; _files() {{ print FILES }}\n\
             words=(ip route add default scope); CURRENT=6; PREFIX=''; _rip",
            quote(&dir.display().to_string())
        );
        let out = Command::new("zsh").args(["-f", "-c", &script]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "host\nlink\nglobal\n");
    } else {
        eprintln!("SKIPPED zsh part of zsh_and_fish_ask_the_bash_grammar: no zsh");
    }
}

#[test]
fn every_completed_keyword_is_documented() {
    if !have("bash") {
        eprintln!("SKIPPED every_completed_keyword_is_documented: no bash");
        return;
    }
    // page, then the completion's keyword lists for it
    let lists = [
        ("rip-link.8", "$_rip_link_addopts $_rip_link_setopts $_rip_kind_args_bridge $_rip_kind_args_bridge_slave $_rip_kind_args_vlan $_rip_kind_args_macvlan $_rip_kind_args_vxlan $_rip_kind_args_veth"),
        ("rip-address.8", "$_rip_addr_modopts $_rip_addr_showopts"),
        ("rip-route.8", "$_rip_route_types $_rip_route_modopts $_rip_route_showopts $_rip_route_getopts"),
        ("rip-neighbour.8", "$_rip_neigh_modopts $_rip_neigh_showopts $_rip_nud_states"),
        ("rip-tuntap.8", "$_rip_tuntap_opts"),
        ("rip-brctl.8", "$_rip_brctl_cmds"),
        ("rip.8", "$_rip_objects"),
        ("rip-rule.8", "$_rip_rule_selectors $_rip_rule_actions"),
        ("rip-nexthop.8", "$_rip_nh_addopts $_rip_nh_showopts"),
        ("rip-monitor.8", "$_rip_monitor_objs $_rip_monitor_opts"),
        ("rip-ntable.8", "$_rip_ntable_parms"),
    ];
    for (page, vars) in lists {
        let script = format!(
            "source {}; printf '%s\\n' {vars}",
            quote(&repo().join("completions/rip.bash").display().to_string())
        );
        let out = Command::new("bash").args(["--norc", "-c", &script]).output().unwrap();
        let words = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(words.lines().count() > 3, "{page}: no keywords from {vars}");
        let mut text = std::fs::read_to_string(repo().join("man").join(page)).unwrap().replace("\\-", "-");
        for font in ["\\fB", "\\fI", "\\fR", "\\fP"] {
            text = text.replace(font, " ");
        }
        let tokens: std::collections::HashSet<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || "_.-".contains(c)))
            .collect();
        for w in words.lines() {
            // `[no]learning` and `[-]tentative` document noX and -X
            let ok = tokens.contains(w)
                || w.strip_prefix('-').is_some_and(|b| tokens.contains(b))
                || w.strip_prefix("no").is_some_and(|b| tokens.contains(b));
            assert!(ok, "{page} does not mention `{w}`, which the completion offers");
        }
    }
}

#[test]
fn readme_and_rip8_say_what_rip_is_now() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for want in [
        "cargo test",
        "## Benchmark",
        "cargo install --path . --root /usr/local",
        "/usr/local/bin/rip --install /usr/local/bin",
        "target-feature=+crt-static",
        "rm-improved",
        "exits with status 127",
        "ip utility, iproute2-6.1.0, rip 0.1.0",
        "rip --version",
    ] {
        assert!(readme.contains(want), "README.md lacks {want:?}");
    }
    let page = std::fs::read_to_string(repo().join("man/rip.8")).unwrap();
    // no object is unsupported any more
    assert!(!page.contains("does not provide"), "rip(8) still says some objects are missing");
    for obj in ["rule", "nexthop", "monitor", "xfrm", "vrf", "tunnel", "mptcp", "tcpmetrics"] {
        assert!(page.contains(&format!(".B {obj}\n")) || page.contains(&format!(".BR {obj} ")), "rip(8): {obj}");
    }
    for applet in ["rip\\-ifconfig", "rip\\-nettools\\-route", "rip\\-netstat", "rip\\-arp", "rip\\-protocols"] {
        assert!(page.contains(&format!(".BR {applet} (8)")), "rip(8) does not refer to {applet}(8)");
    }
    assert!(page.contains("rip 0.1.0") && page.contains("127"));
    // examples: no line ends in an escaped backslash (it printed a stray `\` line)
    let mut in_ex = false;
    for line in page.lines() {
        match line {
            ".EX" => in_ex = true,
            ".EE" => in_ex = false,
            _ if in_ex => assert!(!line.ends_with("\\en\\e"), "rip(8) example line {line:?}"),
            _ => {}
        }
    }
}
