//! `ip sr`: segment routing's tunnel source address and HMAC keys over
//! the `SEG6` generic netlink family.

use std::net::{IpAddr, Ipv6Addr};

use super::common::{get_addr, IpText};
use super::{Ip, AF_INET6};
use crate::cli::{matches, parse_u32, Args};
use crate::error::{Error, Result};
use crate::genl::{exit1, Genl};
use crate::nl::{attrs, put_attr};
use crate::print::Ctx;

pub const USAGE: &str = r#"Usage: ip sr { COMMAND | help }
          ip sr hmac show
          ip sr hmac set KEYID ALGO
          ip sr tunsrc show
          ip sr tunsrc set ADDRESS
where  ALGO := { sha1 | sha256 }"#;


const CMD_SETHMAC: u8 = 1;
const CMD_DUMPHMAC: u8 = 2;
const CMD_SET_TUNSRC: u8 = 3;
const CMD_GET_TUNSRC: u8 = 4;
const A_DST: u16 = 1;
const A_HMACKEYID: u16 = 3;
const A_SECRET: u16 = 4;
const A_SECRETLEN: u16 = 5;
const A_ALGID: u16 = 6;

const ALGOS: &[(u8, &str)] = &[(1, "sha1"), (2, "sha256")];

fn open() -> Result<Genl> {
    Genl::open("SEG6", 1)
}

/// The SEG6_CMD_SETHMAC attributes: key id, secret length, algorithm,
/// and the secret unless it is empty (which deletes the key).
pub fn hmac_attrs(keyid: u32, algo: u8, secret: &[u8]) -> Vec<u8> {
    let mut a = Vec::new();
    put_attr(&mut a, A_HMACKEYID, &keyid.to_ne_bytes());
    put_attr(&mut a, A_SECRETLEN, &[secret.len() as u8]);
    put_attr(&mut a, A_ALGID, &[algo]);
    if !secret.is_empty() {
        put_attr(&mut a, A_SECRET, secret);
    }
    a
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let Some(obj) = args.next() else { return Err(Error::arg(USAGE)) };
    if matches(&obj, "help") {
        return Err(Error::arg(USAGE));
    }
    if matches(&obj, "tunsrc") {
        let cmd = args.value()?;
        if matches(&cmd, "show") {
            return tunsrc_show(ip);
        }
        if matches(&cmd, "set") {
            let v = args.value()?;
            let a = get_addr(&v, AF_INET6)?;
            let mut attrs = Vec::new();
            put_attr(&mut attrs, A_DST, &a.octets());
            return open()?.request(CMD_SET_TUNSRC, 0, &attrs).map_err(exit1);
        }
        return Err(Error::invarg("unknown", &cmd));
    }
    if matches(&obj, "hmac") {
        let cmd = args.value()?;
        if matches(&cmd, "show") {
            return hmac_show(ip);
        }
        if matches(&cmd, "set") {
            let id = args.value()?;
            let algo = args.value()?;
            let Some(keyid) = parse_u32(&id) else {
                return Err(Error::invarg("hmac KEYID value is invalid", &id));
            };
            let Some(&(alg, _)) = ALGOS.iter().find(|(_, n)| *n == algo) else {
                return Err(Error::invarg("hmac ALGO value is invalid", &algo));
            };
            crate::print::prompt("Enter secret for HMAC key ID (blank to delete): ");
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            let secret = line.trim_end_matches('\n').as_bytes().to_vec();
            return open()?.request(CMD_SETHMAC, 0, &hmac_attrs(keyid, alg, &secret)).map_err(exit1);
        }
        return Err(Error::invarg("unknown", &cmd));
    }
    Err(Error::invarg("unknown", &obj))
}

fn tunsrc_show(ip: &mut Ip) -> Result<()> {
    let mut addr = Ipv6Addr::UNSPECIFIED;
    open()?
        .get(CMD_GET_TUNSRC, &[], &mut |b| {
            for (k, v) in attrs(b) {
                if k == A_DST {
                    if let Ok(o) = <[u8; 16]>::try_from(v) {
                        addr = Ipv6Addr::from(o);
                    }
                }
            }
            Ok(())
        })
        .map_err(exit1)?;
    print_tunsrc(ip, &addr);
    Ok(())
}

fn print_tunsrc(ip: &mut Ip, a: &Ipv6Addr) {
    let p = &mut ip.p;
    p.start_doc();
    p.open_obj(Ctx::Json, "");
    p.str(Ctx::Any, "tunsrc", "tunsrc addr {}\n", IpText::new(&IpAddr::V6(*a)).as_str());
    p.close_obj(Ctx::Json);
    p.end_doc();
}

/// One HMAC key (the attributes of a SEG6_CMD_DUMPHMAC reply).
pub fn print_hmac(ip: &mut Ip, b: &[u8]) {
    let (mut id, mut alg, mut secret) = (0u32, 0u8, Vec::new());
    let mut len = None;
    for (k, v) in attrs(b) {
        match k {
            A_HMACKEYID => id = crate::nl::u32_ne(v).unwrap_or(0),
            A_ALGID => alg = v.first().copied().unwrap_or(0),
            A_SECRET => secret = v.to_vec(),
            A_SECRETLEN => len = v.first().map(|&l| l as usize),
            _ => {}
        }
    }
    if let Some(l) = len {
        secret.truncate(l);
    }
    let algo = ALGOS.iter().find(|(a, _)| *a == alg).map(|(_, n)| n.to_string()).unwrap_or_else(|| alg.to_string());
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    p.uint(Ctx::Any, "hmac", "hmac {} ", id as u64);
    p.str(Ctx::Any, "algo", "algo {} ", &algo);
    p.str(Ctx::Any, "secret", "secret \"{}\"\n", &String::from_utf8_lossy(&secret));
    p.close_obj(Ctx::Json);
}

fn hmac_show(ip: &mut Ip) -> Result<()> {
    let mut g = open()?;
    ip.p.start_doc();
    let r = g.dump(CMD_DUMPHMAC, &[], &mut |_, b| {
        print_hmac(ip, b);
        Ok(())
    });
    ip.p.end_doc();
    r.map_err(exit1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Printer;

    #[test]
    fn sethmac_request() {
        #[rustfmt::skip]
        let want: Vec<u8> = [
            &[8, 0, 3, 0][..], &100u32.to_ne_bytes(), // SEG6_ATTR_HMACKEYID 100
            &[5, 0, 5, 0, 6, 0, 0, 0],                // SEG6_ATTR_SECRETLEN 6, padding
            &[5, 0, 6, 0, 1, 0, 0, 0],                // SEG6_ATTR_ALGID sha1, padding
            &[10, 0, 4, 0], b"secret", &[0, 0],       // SEG6_ATTR_SECRET, padding
        ]
        .concat();
        let mut got = hmac_attrs(100, 1, b"secret");
        // attribute lengths and types are native-endian u16s
        for chunk in [0usize, 8, 16, 24] {
            let l = u16::from_ne_bytes([got[chunk], got[chunk + 1]]);
            let t = u16::from_ne_bytes([got[chunk + 2], got[chunk + 3]]);
            got[chunk..chunk + 4].copy_from_slice(&[l as u8, 0, t as u8, 0]);
        }
        assert_eq!(got, want);
        // blank secret: no SEG6_ATTR_SECRET (deletes the key)
        assert_eq!(hmac_attrs(100, 1, b"").len(), 24);
    }

    #[test]
    fn printers() {
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_tunsrc(&mut ip, &"2001:db8::1".parse().unwrap());
        let mut b = Vec::new();
        put_attr(&mut b, A_HMACKEYID, &100u32.to_ne_bytes());
        put_attr(&mut b, A_SECRET, b"secret");
        put_attr(&mut b, A_SECRETLEN, &[6]);
        put_attr(&mut b, A_ALGID, &[1]);
        print_hmac(&mut ip, &b);
        assert_eq!(ip.p.captured(), "tunsrc addr 2001:db8::1\nhmac 100 algo sha1 secret \"secret\"\n");
        ip.p = Printer::capture(true, false, false);
        print_tunsrc(&mut ip, &Ipv6Addr::UNSPECIFIED);
        ip.p.start_doc();
        print_hmac(&mut ip, &b);
        ip.p.end_doc();
        assert_eq!(
            ip.p.captured(),
            "[{\"tunsrc\":\"::\"}]\n[{\"hmac\":100,\"algo\":\"sha1\",\"secret\":\"secret\"}]\n"
        );
    }
}
