//! The `brctl` applet against bridge-utils' brctl, each in a sandbox.
mod common;
use common::*;

/// Two veth pairs with fixed addresses (made with the reference tools).
const PORTS: &str = "\
ip link add p1 address 02:00:00:00:01:01 type veth peer name p1b address 02:00:00:00:01:02
ip link add p2 address 02:00:00:00:02:01 type veth peer name p2b address 02:00:00:00:02:02";

fn brctl_as(args: &[&str]) -> std::process::Output {
    run_as("brctl", args)
}

#[test]
fn version_and_usage_without_privileges() {
    let out = brctl_as(&["show", "-V"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "bridge-utils, 1.7\n");
    assert_eq!(out.status.code(), Some(0));
    let out = brctl_as(&["frob"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Usage: brctl [commands]\ncommands:\n"));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "never heard of command [frob]\n");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn addbr_addif_show() {
    if !can_sandbox("addbr_addif_show") {
        return;
    }
    let out = same_as_reference(
        PORTS,
        "brctl addbr br0; brctl addbr br1; brctl addbr abcdefghijklmnopqrs
         brctl addif br0 p2 p1; echo rc=$?
         brctl show; brctl show br1 nosuch br0; echo rc=$?
         brctl delif br0 p2; brctl show br0
         brctl setageing br1 100.5; cat /sys/class/net/br1/bridge/ageing_time
         brctl setfd abcdefghijklmnopqrs 3; brctl showstp abcdefghijklmnopqrs
         brctl show abcdefghijklmnopqrs; brctl addif abcdefghijklmnopqrs p2; brctl showmacs abcdefghijklmnopqrs
         brctl delif abcdefghijklmnopqrs p2
         brctl delbr br1; brctl delbr abcdefghijklmnopqrs; brctl show",
    );
    assert!(out.stdout.contains("br0\t\t8000.020000000101\tno\t\tp1\n\t\t\t\t\t\t\tp2\n"));
}

#[test]
fn showstp_and_showmacs_after_tuning() {
    if !can_sandbox("showstp_and_showmacs_after_tuning") {
        return;
    }
    same_as_reference(
        &format!("{PORTS}\nbrctl addbr br0\nbrctl addif br0 p1 p2"),
        "brctl stp br0 on; brctl setfd br0 4; brctl sethello br0 1; brctl setmaxage br0 10
         brctl setbridgeprio br0 4096
         brctl setpathcost br0 p1 50; brctl setportprio br0 p2 16; brctl hairpin br0 p2 yes
         brctl showstp br0; brctl showmacs br0; brctl show",
    );
}

#[test]
fn errors_and_exit_codes() {
    if !can_sandbox("errors_and_exit_codes") {
        return;
    }
    same_as_reference(
        &format!("{PORTS}\nbrctl addbr br0\nbrctl addif br0 p1\nip link set p1b up"),
        "brctl addbr br0; echo rc=$?
         brctl addif br0 p1; echo rc=$?
         brctl addif br0 br0; echo rc=$?
         brctl addif br0 nosuch; echo rc=$?
         brctl addif p1b p2; echo rc=$?
         brctl delif br0 p2; echo rc=$?
         brctl delbr p1b; echo rc=$?
         brctl delbr nosuch; echo rc=$?
         brctl setfd br0 abc; echo rc=$?
         brctl setfd nosuch 2; echo rc=$?
         brctl setpathcost br0 p2 3; echo rc=$?
         brctl setportprio br0 p1 99; echo rc=$?
         brctl stp br0 maybe; echo rc=$?
         brctl hairpin nosuch p1 on; echo rc=$?
         brctl showmacs p1b; echo rc=$?
         brctl showstp p1b; echo rc=$?
         brctl addif br0; echo rc=$?
         brctl -x; echo rc=$?
         brctl; echo rc=$?
         brctl show",
    );
}

/// bridge-utils writes the error before the usage, also when both streams
/// go to one pipe (or a terminal).
#[test]
fn error_comes_before_usage_on_one_stream() {
    let dir = std::env::temp_dir().join(format!("rip-brctl-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("brctl");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(rip_bin(), &link).unwrap();
    for (arg, first) in [("frob", "never heard of command [frob]"), ("-x", "invalid option -- 'x'")] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("\"$0\" {arg} 2>&1"))
            .arg(&link)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.lines().next().unwrap_or("").contains(first), "{text}");
        assert!(text.contains("Usage: brctl [commands]"), "{text}");
        assert_eq!(out.status.code(), Some(1));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// hairpin, setpathcost and setportprio on ports of another bridge, on
/// devices that are no bridge or no port, with numbers as strtoul reads
/// them: bridge-utils' checks, their order and its errno texts.
#[test]
fn port_settings_errors() {
    if !can_sandbox("port_settings_errors") {
        return;
    }
    let out = same_as_reference(
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02\n\
         ip link add v2 address 02:00:00:00:00:03 type veth peer name v3 address 02:00:00:00:00:04\n\
         brctl addbr br0; brctl addbr br1\n\
         brctl addif br0 v0; brctl addif br1 v2",
        "for c in \"hairpin br0 v2 on\" \"hairpin br1 v0 off\" \"hairpin v1 v0 on\" \"hairpin v1 v3 on\" \"hairpin br0 br1 on\" \"hairpin br0 v0 yes\" \"hairpin br0 v0 1\" \"hairpin nob v1 on\" \"hairpin br0\" \\\n\
           \"setpathcost br0 v2 5\" \"setpathcost br1 v0 5\" \"setpathcost v1 v0 5\" \"setpathcost v1 v3 5\" \"setpathcost br0 br1 5\" \"setpathcost nob v0 5\" \"setpathcost nob nop 5\" \"setpathcost br0 nop 5\" \"setpathcost br0 v0 0x10\" \"setpathcost br0 v0 ' 5'\" \"setpathcost br0 v0 5x\" \"setpathcost br0 v0 70000\" \"setpathcost br0 v0 4294967296\" \\\n\
           \"setportprio br0 v2 5\" \"setportprio nob nop 5\" \"setportprio br0 v0 300\" \"setportprio br0 nop x\"; do\n\
           echo \"-- $c\"; eval brctl $c; echo rc=$?; done\n\
         cat /sys/class/net/v0/brport/path_cost /sys/class/net/v2/brport/path_cost /sys/class/net/v0/brport/hairpin_mode /sys/class/net/v2/brport/hairpin_mode",
    );
    assert!(out.stdout.contains("-- hairpin v1 v3 on"), "{out:?}");
}

/// Alias names (`lo:1`, `br0:1`, `v0:3`): where bridge-utils falls back to
/// a device ioctl, the kernel cuts the name at the colon, so the alias
/// stands for its device (a bridge is set, a port is reached, a device
/// that is no bridge answers EOPNOTSUPP); the deviceless delbr does not.
#[test]
fn alias_names_reach_their_device() {
    if !can_sandbox("alias_names_reach_their_device") {
        return;
    }
    let out = same_as_reference(
        "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02\n\
         brctl addbr br0; ip link set br0 address 02:00:00:00:00:10; brctl addbr br1",
        "for c in \"setmaxage lo:1 5\" \"setmaxage nosuch:1 5\" \"setmaxage br0:1 5\" \"setageing br0:1 77\" \"setbridgeprio br0:1 4096\" \\\n\
           \"setportprio lo:1 lo 5\" \"setportprio br0 lo:1 5\" \"setportprio br0:1 v0 5\" \"showmacs lo:1\" \"showmacs nosuch:1\" \\\n\
           \"delif NOBRIDGE lo:1\" \"delif br0 lo:1\" \"delif lo:1 v0\" \"addif br0 lo:1\" \"addif lo:1 v0\" \"addif br0:1 v0\" \"addif br0 v0:1\" \\\n\
           \"hairpin br0 lo:1 on\" \"hairpin lo:1 v0 on\" \"hairpin br0:1 v0 on\" \"hairpin br0 v0:1 off\" \"hairpin br1 v0:1 on\" \\\n\
           \"setportprio br0:1 v0:3 3\" \"setpathcost br0:1 v0:3 7\" \"setpathcost br1 v0:3 7\" \"show br0:1\" \"showstp lo:1\" \"delbr br0:1\"; do\n\
           echo \"-- $c\"; eval brctl $c; echo rc=$?; done\n\
         brctl showstp br0 | grep -v timer",
    );
    assert!(out.stdout.contains("path cost\t\t   7"), "{out:?}");
}
