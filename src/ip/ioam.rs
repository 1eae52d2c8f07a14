//! `ip ioam`: IOAM namespaces and schemas over the `IOAM6` generic
//! netlink family. Kernel errors exit 1 here, as in the reference.

use super::Ip;
use crate::cli::{parse_u64, Args};
use crate::error::{Error, Result};
use crate::genl::{exit1, Genl};
use crate::nl::{attrs, put_attr};
use crate::print::Ctx;

pub const USAGE: &str = r#"Usage:	ip ioam { COMMAND | help }
	ip ioam namespace show
	ip ioam namespace add ID [ data DATA32 ] [ wide DATA64 ]
	ip ioam namespace del ID
	ip ioam schema show
	ip ioam schema add ID DATA
	ip ioam schema del ID
	ip ioam namespace set ID schema { ID | none }"#;


const CMD_ADD_NAMESPACE: u8 = 1;
const CMD_DEL_NAMESPACE: u8 = 2;
const CMD_DUMP_NAMESPACES: u8 = 3;
const CMD_ADD_SCHEMA: u8 = 4;
const CMD_DEL_SCHEMA: u8 = 5;
const CMD_DUMP_SCHEMAS: u8 = 6;
const CMD_NS_SET_SCHEMA: u8 = 7;
const A_NS_ID: u16 = 1;
const A_NS_DATA: u16 = 2;
const A_NS_DATA_WIDE: u16 = 3;
const A_SC_ID: u16 = 4;
const A_SC_DATA: u16 = 5;
const A_SC_NONE: u16 = 6;
/// "no data" (IOAM6_U32_UNAVAILABLE, IOAM6_U64_UNAVAILABLE)
const U32_NONE: u32 = u32::MAX;
const U64_NONE: u64 = u64::MAX;

/// A parsed `ip ioam` command: the genl command and its attributes.
#[derive(Debug, PartialEq)]
pub enum Cmd {
    ShowNamespaces,
    ShowSchemas,
    Request(u8, Vec<u8>),
}

fn ns_id(v: &str) -> Result<u16> {
    parse_u64(v).and_then(|x| u16::try_from(x).ok()).ok_or_else(|| Error::invarg("Invalid namespace ID", v))
}

fn sc_id(v: &str) -> Result<u32> {
    parse_u64(v).and_then(|x| u32::try_from(x).ok()).ok_or_else(|| Error::invarg("Invalid schema ID", v))
}

pub fn parse(args: &mut Args) -> Result<Cmd> {
    let Some(obj) = args.next() else { return Err(Error::arg(USAGE)) };
    if crate::cli::matches(&obj, "help") {
        return Err(Error::arg(USAGE));
    }
    let unknown = |w: &str| Error::invarg("Unknown", w);
    let mut a = Vec::new();
    match obj.as_str() {
        "namespace" => {
            let cmd = args.value()?;
            match cmd.as_str() {
                "show" => Ok(Cmd::ShowNamespaces),
                "add" => {
                    let id = ns_id(&args.value()?)?;
                    put_attr(&mut a, A_NS_ID, &id.to_ne_bytes());
                    let wide = |args: &mut Args, a: &mut Vec<u8>| -> Result<()> {
                        let v = args.value()?;
                        let w = parse_u64(&v).ok_or_else(|| Error::invarg("Invalid wide data", &v))?;
                        put_attr(a, A_NS_DATA_WIDE, &w.to_ne_bytes());
                        Ok(())
                    };
                    match args.next() {
                        None => {}
                        Some(w) if w == "data" => {
                            let v = args.value()?;
                            let d = parse_u64(&v)
                                .and_then(|x| u32::try_from(x).ok())
                                .ok_or_else(|| Error::invarg("Invalid data", &v))?;
                            put_attr(&mut a, A_NS_DATA, &d.to_ne_bytes());
                            match args.next() {
                                None => {}
                                Some(w) if w == "wide" => wide(args, &mut a)?,
                                Some(w) => return Err(Error::invarg("Unexpected argument", &w)),
                            }
                        }
                        Some(w) if w == "wide" => {
                            wide(args, &mut a)?;
                            if let Some(w) = args.next() {
                                return Err(Error::invarg("Unexpected argument", &w));
                            }
                        }
                        Some(w) => return Err(Error::invarg("Invalid argument", &w)),
                    }
                    Ok(Cmd::Request(CMD_ADD_NAMESPACE, a))
                }
                "del" => {
                    let id = ns_id(&args.value()?)?;
                    put_attr(&mut a, A_NS_ID, &id.to_ne_bytes());
                    Ok(Cmd::Request(CMD_DEL_NAMESPACE, a))
                }
                "set" => {
                    let id = ns_id(&args.value()?)?;
                    put_attr(&mut a, A_NS_ID, &id.to_ne_bytes());
                    let kw = args.value()?;
                    if kw != "schema" {
                        return Err(unknown(&kw));
                    }
                    let v = args.value()?;
                    if v == "none" {
                        put_attr(&mut a, A_SC_NONE, &[]);
                    } else {
                        put_attr(&mut a, A_SC_ID, &sc_id(&v)?.to_ne_bytes());
                    }
                    Ok(Cmd::Request(CMD_NS_SET_SCHEMA, a))
                }
                _ => Err(unknown(&cmd)),
            }
        }
        "schema" => {
            let cmd = args.value()?;
            match cmd.as_str() {
                "show" => Ok(Cmd::ShowSchemas),
                "add" => {
                    let id = sc_id(&args.value()?)?;
                    let data = args.value()?;
                    put_attr(&mut a, A_SC_ID, &id.to_ne_bytes());
                    put_attr(&mut a, A_SC_DATA, data.as_bytes());
                    Ok(Cmd::Request(CMD_ADD_SCHEMA, a))
                }
                "del" => {
                    let id = sc_id(&args.value()?)?;
                    put_attr(&mut a, A_SC_ID, &id.to_ne_bytes());
                    Ok(Cmd::Request(CMD_DEL_SCHEMA, a))
                }
                _ => Err(unknown(&cmd)),
            }
        }
        _ => Err(unknown(&obj)),
    }
}

pub fn run(ip: &mut Ip, mut args: Args) -> Result<()> {
    let cmd = parse(&mut args)?;
    let mut g = Genl::open("IOAM6", 1)?;
    let (dump, namespaces) = match cmd {
        Cmd::Request(c, a) => return g.request(c, 0, &a).map_err(exit1),
        Cmd::ShowNamespaces => (CMD_DUMP_NAMESPACES, true),
        Cmd::ShowSchemas => (CMD_DUMP_SCHEMAS, false),
    };
    ip.p.start_doc();
    let r = g.dump(dump, &[], &mut |_, b| {
        if namespaces {
            print_namespace(ip, b);
        } else {
            print_schema(ip, b);
        }
        Ok(())
    });
    ip.p.end_doc();
    r.map_err(exit1)
}

fn u16_of(v: &[u8]) -> Option<u16> {
    Some(u16::from_ne_bytes(v.get(..2)?.try_into().ok()?))
}

fn u64_of(v: &[u8]) -> Option<u64> {
    Some(u64::from_ne_bytes(v.get(..8)?.try_into().ok()?))
}

/// C's `%#x`-style hex: `0` alone, else `0x` and the digits.
fn alt_hex(v: u64) -> String {
    if v == 0 { "0".into() } else { format!("{v:#x}") }
}

/// One namespace (a IOAM6_CMD_DUMP_NAMESPACES reply).
pub fn print_namespace(ip: &mut Ip, b: &[u8]) {
    let (mut id, mut sc, mut data, mut wide) = (0u16, None, None, None);
    for (k, v) in attrs(b) {
        match k {
            A_NS_ID => id = u16_of(v).unwrap_or(0),
            A_SC_ID => sc = crate::nl::u32_ne(v),
            A_NS_DATA => data = crate::nl::u32_ne(v).filter(|&d| d != U32_NONE),
            A_NS_DATA_WIDE => wide = u64_of(v).filter(|&d| d != U64_NONE),
            _ => {}
        }
    }
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    p.uint(Ctx::Any, "namespace", "namespace {}", id as u64);
    if let Some(s) = sc {
        p.uint(Ctx::Any, "schema", " [schema {}]", s as u64);
    }
    if let Some(d) = data {
        // text %#010x (zero: ten zeros), JSON %x
        p.str(Ctx::Json, "data", "", &format!("{d:x}"));
        p.text(&if d == 0 { ", data 0000000000".into() } else { format!(", data {d:#010x}") });
    }
    if let Some(w) = wide {
        p.str(Ctx::Json, "wide", "", &alt_hex(w));
        p.text(&if w == 0 { ", wide 000000000000000000".into() } else { format!(", wide {w:#018x}") });
    }
    p.close_obj(Ctx::Json);
    p.text("\n");
}

/// One schema (a IOAM6_CMD_DUMP_SCHEMAS reply). The reference's JSON here
/// is not valid (a run of empty keys); rip writes the bytes as an array.
pub fn print_schema(ip: &mut Ip, b: &[u8]) {
    let (mut id, mut ns, mut data) = (0u32, None, &[][..]);
    for (k, v) in attrs(b) {
        match k {
            A_SC_ID => id = crate::nl::u32_ne(v).unwrap_or(0),
            A_NS_ID => ns = u16_of(v),
            A_SC_DATA => data = v,
            _ => {}
        }
    }
    let p = &mut ip.p;
    p.open_obj(Ctx::Json, "");
    p.uint(Ctx::Any, "schema", "schema {}", id as u64);
    if let Some(n) = ns {
        p.uint(Ctx::Any, "namespace", " [namespace {}]", n as u64);
    }
    p.open_arr(Ctx::Any, "data", ", data:");
    for x in data {
        p.uint(Ctx::Json, "", "", *x as u64);
        p.text(&format!(" {x:02x}"));
    }
    p.close_arr(Ctx::Any, "");
    p.close_obj(Ctx::Json);
    p.text("\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Printer;

    fn p(w: &[&str]) -> Result<Cmd> {
        parse(&mut Args::new(w.iter().copied()))
    }

    #[test]
    fn parser() {
        let Cmd::Request(c, a) = p(&["namespace", "add", "1", "data", "0x11223344"]).unwrap() else { panic!() };
        assert_eq!(c, CMD_ADD_NAMESPACE);
        let mut want = Vec::new();
        put_attr(&mut want, A_NS_ID, &1u16.to_ne_bytes()); // IOAM6_ATTR_NS_ID u16
        put_attr(&mut want, A_NS_DATA, &0x11223344u32.to_ne_bytes()); // IOAM6_ATTR_NS_DATA u32
        assert_eq!(a, want);
        assert_eq!(
            p(&["namespace", "add", "70000"]).unwrap_err().to_string(),
            "Error: argument \"70000\" is wrong: Invalid namespace ID"
        );
        assert_eq!(p(&["namespace", "add", "5", "wide", "1", "frob"]).unwrap_err().to_string(), "Error: argument \"frob\" is wrong: Unexpected argument");
        assert!(p(&["namespace", "add", "5", "data", "1", "wide", "2", "x"]).is_ok());
        assert_eq!(p(&["schema", "add", "9"]).unwrap_err().to_string(), crate::cli::INCOMPLETE);
        assert_eq!(p(&["n", "show"]).unwrap_err().to_string(), "Error: argument \"n\" is wrong: Unknown");
        let Cmd::Request(c, a) = p(&["namespace", "set", "1", "schema", "none"]).unwrap() else { panic!() };
        assert_eq!(c, CMD_NS_SET_SCHEMA);
        assert_eq!(&a[8..12], &[4, 0, 6, 0][..]); // IOAM6_ATTR_SC_NONE flag (little-endian host)
    }

    #[test]
    fn printers() {
        let mut ns = Vec::new();
        put_attr(&mut ns, A_NS_ID, &1u16.to_ne_bytes());
        put_attr(&mut ns, A_SC_ID, &7u32.to_ne_bytes());
        put_attr(&mut ns, A_NS_DATA, &0xdeadbeefu32.to_ne_bytes());
        put_attr(&mut ns, A_NS_DATA_WIDE, &0x1122334455667788u64.to_ne_bytes());
        let mut sc = Vec::new();
        put_attr(&mut sc, A_SC_ID, &7u32.to_ne_bytes());
        put_attr(&mut sc, A_NS_ID, &1u16.to_ne_bytes());
        put_attr(&mut sc, A_SC_DATA, b"abcd");
        let mut ip = Ip::new(Default::default());
        ip.p = Printer::capture(false, false, false);
        print_namespace(&mut ip, &ns);
        print_schema(&mut ip, &sc);
        assert_eq!(
            ip.p.captured(),
            "namespace 1 [schema 7], data 0xdeadbeef, wide 0x1122334455667788\nschema 7 [namespace 1], data: 61 62 63 64\n"
        );
        ip.p = Printer::capture(true, false, false);
        ip.p.start_doc();
        print_namespace(&mut ip, &ns);
        print_schema(&mut ip, &sc);
        ip.p.end_doc();
        assert_eq!(
            ip.p.captured(),
            "[{\"namespace\":1,\"schema\":7,\"data\":\"deadbeef\",\"wide\":\"0x1122334455667788\"},{\"schema\":7,\"namespace\":1,\"data\":[97,98,99,100]}]\n"
        );
    }
}
