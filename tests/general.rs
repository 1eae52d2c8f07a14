//! The `ip` applet's general surface, run as the built binary.
mod common;
use common::*;

#[test]
fn version_without_privileges() {
    let out = std::process::Command::new(rip_bin()).arg("-V").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn unknown_object() {
    let out = std::process::Command::new(rip_bin()).arg("foo").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "Object \"foo\" is unknown, try \"ip help\".\n");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unknown_option_and_usage() {
    let out = std::process::Command::new(rip_bin()).arg("-xyz").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "Option \"-xyz\" is unknown, try \"ip -help\".\n");
    assert_eq!(out.status.code(), Some(255));
    let out = std::process::Command::new(rip_bin()).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("Usage: ip [ OPTIONS ] OBJECT"));
    assert_eq!(out.status.code(), Some(255));
}

#[test]
fn sandbox_version_matches_reference() {
    if !can_sandbox("sandbox_version_matches_reference") {
        return;
    }
    same_as_reference("", "ip -V; rip -Version; ip foo help; echo rc=$?");
}
