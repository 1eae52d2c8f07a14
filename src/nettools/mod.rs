//! net-tools' applets: `ifconfig`, `route`, `netstat` (routing and
//! interface tables) and `arp`, each a module with its own `main`.
//! Shared: the socket ioctls (`ioctl`), the /proc/net readers (`procnet`),
//! the interface list and its printers (`iface`, also for `netstat -i`),
//! address/host parsing (`resolve`), the fixed texts (`texts`), getopt_long
//! (`getopt`) and the command line's names as bytes ([`name_bytes`]).

pub mod arp;
pub mod getopt;
pub mod iface;
pub mod ifconfig;
pub mod ioctl;
pub mod netstat;
pub mod procnet;
pub mod resolve;
pub mod route;
pub mod texts;

/// argv without argv[0] as the OS gave it: names (devices, labels) are
/// bytes and need not be UTF-8, while main.rs hands the applets lossy
/// `String`s. Those `String`s when the two disagree in length.
pub fn raw_argv(argv: &[String]) -> Vec<Vec<u8>> {
    use std::os::unix::ffi::OsStringExt;
    let raw: Vec<Vec<u8>> = std::env::args_os().skip(1).map(|a| a.into_vec()).collect();
    if raw.len() == argv.len() {
        raw
    } else {
        argv.iter().map(|a| a.clone().into_bytes()).collect()
    }
}

/// The bytes of a name taken from the command line: `word` is one of
/// main's lossy argv words, or the end of one (`-iNAME`).
pub fn name_bytes(word: &str) -> Vec<u8> {
    if !word.contains(char::REPLACEMENT_CHARACTER) {
        return word.as_bytes().to_vec();
    }
    use std::os::unix::ffi::OsStringExt;
    find_name(word, std::env::args_os().skip(1).map(|a| a.into_vec()))
}

/// [`name_bytes`] over the given raw words: the first word whose lossy
/// text is `word`, else the longest end of a word that is.
fn find_name(word: &str, raw: impl Iterator<Item = Vec<u8>>) -> Vec<u8> {
    for a in raw {
        if let Some(k) = (0..a.len()).find(|&k| String::from_utf8_lossy(&a[k..]) == word) {
            return a[k..].to_vec();
        }
    }
    word.as_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_from_raw_argv() {
        let raw = || vec![b"-n".to_vec(), b"-iv\xff0".to_vec(), b"dev".to_vec(), b"w\xfe".to_vec()].into_iter();
        assert_eq!(super::find_name("v\u{fffd}0", raw()), b"v\xff0");
        assert_eq!(super::find_name("w\u{fffd}", raw()), b"w\xfe");
        assert_eq!(super::find_name("x\u{fffd}", raw()), "x\u{fffd}".as_bytes());
        assert_eq!(super::name_bytes("v0"), b"v0");
    }
}
