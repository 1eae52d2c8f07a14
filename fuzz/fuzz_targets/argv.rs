//! argv parsing: arbitrary words (NUL-separated bytes) through the lossless
//! name mapping, the batch-line splitter, the global options and the
//! parsers of addresses, prefixes, link-layer addresses and numbers. Nothing
//! here talks to the kernel or changes the system (`-n`, `-b` and `-V`
//! words are left out of the global options).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rip_fuzz::{cli, ip};

fuzz_target!(|data: &[u8]| {
    let words: Vec<String> = data.split(|&b| b == 0).map(cli::string_of_bytes).collect();
    for (w, raw) in words.iter().zip(data.split(|&b| b == 0)) {
        // the mapping is lossless
        assert_eq!(&*cli::bytes_of(w), raw);
        let _ = cli::parse_u64(w);
        let _ = cli::parse_u32(w);
        let _ = cli::parse_i32(w);
        let _ = cli::parse_u64_base(w, 16);
        for family in [ip::AF_UNSPEC, ip::AF_INET, ip::AF_INET6, ip::AF_BRIDGE, ip::AF_MPLS, ip::AF_PACKET] {
            let _ = ip::common::get_prefix(w, family);
            let _ = ip::common::get_addr(w, family);
        }
        let _ = ip::common::parse_lladdr(w);
        let _ = ip::read_family(w);
        let _ = cli::lookup(w, &["address", "addrlabel", "link", "route", "neighbor", "netns"]);
    }
    if let Some(line) = words.first() {
        let _ = ip::split_line(line);
    }
    // global options, without the ones that act (namespace switch, batch
    // file, version print)
    let safe = words.iter().all(|w| {
        let o = w.trim_start_matches('-');
        !(w.starts_with('-') && (o.starts_with('n') || o.starts_with('b') || o.starts_with('V') || o.starts_with('h')))
    });
    if safe {
        let _ = ip::parse_global(words);
    }
});
