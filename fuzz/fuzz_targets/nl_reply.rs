//! Decoding netlink replies: arbitrary bytes as one message through the
//! answer reader (errors, acks, extended acks), the name escaping, the typed
//! decoder, and, for link, address and route messages, the printers (text
//! and JSON, into memory; routes and link events also from the raw bytes,
//! as dumps and the monitor read them). The printers may ask the kernel for a peer's name
//! (a read-only RTM_GETLINK); nothing is changed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use netlink_packet_route::RouteNetlinkMessage;
use rip_fuzz::{ip, nl, print::Printer};

fuzz_target!(|data: &[u8]| {
    let _ = nl::parse_answer(data, false);
    let _ = nl::parse_answer(data, true);
    let escaped = nl::escape_names(data);
    let msg = escaped.as_deref().unwrap_or(data);
    for (_, v) in nl::attrs(msg.get(16..).unwrap_or(&[])) {
        let _ = nl::cstr(v);
        let _ = nl::u32_ne(v);
    }
    if let Some(a) = ip::addr::info::IfAddr::parse(msg) {
        let mut p = Printer::capture(false, false, false);
        ip::addr::info::print_full(&mut p, Default::default(), &a, ip::addr::info::Lead::None);
    }
    let Some(m) = nl::decode(msg) else { return };
    for json in [false, true] {
        let mut o = ip::Opts::default();
        o.json = json;
        o.details = 1;
        let mut rip = ip::Ip::new(o);
        rip.p = Printer::capture(json, false, false);
        match &m {
            RouteNetlinkMessage::NewLink(l) => {
                let _ = ip::link_show::print_link(&mut rip, l, &Default::default());
                let _ = ip::link_show::print_event(&mut rip, msg);
            }
            RouteNetlinkMessage::NewRoute(_) | RouteNetlinkMessage::DelRoute(_) => {
                if let Some(r) = ip::route::print::Route::from_nl(msg) {
                    ip::route::print::print_route(&mut rip, &r, &Default::default());
                }
            }
            _ => {}
        }
    }
});
