//! The manual pages render cleanly, and the bash completion offers the
//! right candidates (keywords, and live link, bridge port and namespace
//! names inside a sandbox).
mod common;
use common::*;

use std::path::{Path, PathBuf};
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
    assert_eq!(complete_here(&["ip", "ne"]), strings(&["neighbour", "netns"]));
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
fn completion_file_registers_all_three_names() {
    let text = std::fs::read_to_string(repo().join("completions/rip.bash")).unwrap();
    assert!(text.contains("complete -F _rip rip ip brctl"));
    assert!(Path::new(&repo().join("completions/_rip")).exists());
    assert!(Path::new(&repo().join("completions/rip.fish")).exists());
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
