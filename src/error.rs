//! The one error type. `Display` is the exact line(s) the reference prints on
//! stderr; `exit_code()` is the reference's exit status. Only `main` prints
//! an error and exits.

use std::ffi::CStr;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Argument errors (iproute2 `exit(-1)`): "Error: ..." lines, unknown
    /// keywords, "Command line is not complete", usage texts on stderr.
    #[error("{0}")]
    Arg(String),

    /// `Cannot find device "X"` (exit 1).
    #[error("Cannot find device \"{0}\"")]
    NoDevice(String),

    /// A kernel error answered to a request. With an extended-ack message
    /// the reference prints `Error: <msg>.`, else `RTNETLINK answers: <errno>`.
    #[error("{}", netlink_text(*errno, msg.as_deref(), *dump))]
    Netlink {
        errno: i32,
        msg: Option<String>,
        /// the error ended a dump: the reference adds "Dump terminated".
        dump: bool,
    },

    /// Any other message with its own exit code (e.g. 1 for
    /// "Cannot create namespace file").
    #[error("{msg}")]
    Msg { msg: String, code: i32 },

    /// A command's own failure (iproute2 prints and returns non-zero
    /// rather than exiting): exit 1; in a batch, `Command failed FILE:LINE`
    /// follows and `-force` goes on with the next line. (`Msg` and `Arg`
    /// are iproute2's exit(): they end a batch at once.)
    #[error("{0}")]
    Failed(String),

    /// A command's own failure, as [`Error::Failed`], whose status outside
    /// a batch is `code` rather than 1 (e.g. 22 for `ip link set DEV
    /// carrier x`). In a batch: `Command failed`, and the batch exits 1.
    #[error("{msg}")]
    FailedCode { msg: String, code: i32 },

    /// A message after which iproute2 exit()s with `code`: ends a batch at
    /// once whatever the code (e.g. `bridge_slave guard x`, exit 1).
    #[error("{msg}")]
    Fatal { msg: String, code: i32 },

    /// Nothing (more) to print; exit with this code. Used when the output
    /// was already written (help on stdout, a command's own status).
    #[error("")]
    Exit(i32),

    /// An I/O error on a socket or file, printed as the reference would
    /// print perror(): "<what>: <strerror>".
    #[error("{what}: {}", strerror(*errno))]
    Os { what: String, errno: i32, code: i32 },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Arg(_) => 255,
            Error::NoDevice(_) => 1,
            Error::Netlink { .. } => 2,
            Error::Msg { code, .. } => *code,
            Error::Exit(c) => *c,
            Error::Failed(_) => 1,
            Error::FailedCode { code, .. } | Error::Fatal { code, .. } => *code,
            Error::Os { code, .. } => *code,
        }
    }

    /// An argument error with the given text (exit 255).
    pub fn arg(s: impl Into<String>) -> Error {
        Error::Arg(s.into())
    }

    pub fn msg(s: impl Into<String>, code: i32) -> Error {
        Error::Msg { msg: s.into(), code }
    }

    /// See [`Error::FailedCode`].
    pub fn failed_code(s: impl Into<String>, code: i32) -> Error {
        Error::FailedCode { msg: s.into(), code }
    }

    /// See [`Error::Fatal`].
    pub fn fatal(s: impl Into<String>, code: i32) -> Error {
        Error::Fatal { msg: s.into(), code }
    }

    /// `Error: argument "ARG" is wrong: WHAT` (iproute2's invarg()).
    pub fn invarg(what: &str, arg: &str) -> Error {
        Error::Arg(format!("Error: argument \"{arg}\" is wrong: {what}"))
    }

    /// `Error: either "local" is duplicate, or "X" is a garbage.`
    pub fn duparg(key: &str, arg: &str) -> Error {
        Error::Arg(format!(
            "Error: duplicate \"{key}\": \"{arg}\" is the second value."
        ))
    }

    /// `Error: either "KEY" is duplicate, or "ARG" is a garbage.`
    pub fn duparg2(key: &str, arg: &str) -> Error {
        Error::Arg(format!(
            "Error: either \"{key}\" is duplicate, or \"{arg}\" is a garbage."
        ))
    }

    pub fn os(what: impl Into<String>, errno: i32, code: i32) -> Error {
        Error::Os { what: what.into(), errno, code }
    }

    /// Does this error end a batch at once (iproute2 exit()s), or does the
    /// batch report `Command failed` and (with `-force`) go on?
    /// `Exit(c)` (already reported) goes on unless c is 255; `Exit(0)` is
    /// success. A `Msg` with exit status 1 is most often a command's own
    /// failure ("Cannot create namespace file", "Device does not exist")
    /// and goes on too, except the messages iproute2 exit(1)s after: bad
    /// addresses/prefixes, ended dumps and flushes, batch syntax.
    pub fn ends_batch(&self) -> bool {
        match self {
            Error::NoDevice(_) | Error::Netlink { .. } | Error::Failed(_) | Error::FailedCode { .. } => {
                false
            }
            Error::Exit(c) => *c == 255,
            Error::Msg { code: 1, msg } => {
                msg.contains(" is expected rather than \"")
                    || msg.ends_with("\nDump terminated")
                    || msg.ends_with("\nFlush terminated")
                    || msg.starts_with("Failed to send flush request")
                    || msg == "Unterminated quoted string"
            }
            _ => true,
        }
    }

    /// The errno of a kernel answer, if this is one.
    pub fn errno(&self) -> Option<i32> {
        match self {
            Error::Netlink { errno, .. } => Some(*errno),
            _ => None,
        }
    }

    /// True when there is nothing to print.
    pub fn is_silent(&self) -> bool {
        matches!(self, Error::Exit(_))
    }
}

/// The C library's message for an errno, as perror() prints it.
pub fn strerror(errno: i32) -> String {
    // SAFETY: strerror returns a pointer to a static (or thread-local)
    // NUL-terminated string; we copy it out at once.
    unsafe {
        let p = libc::strerror(errno);
        if p.is_null() {
            return format!("Unknown error {errno}");
        }
        crate::cli::string_of_bytes(CStr::from_ptr(p).to_bytes())
    }
}

fn netlink_text(errno: i32, msg: Option<&str>, dump: bool) -> String {
    let mut s = match msg {
        // iproute2 adds the period only when the kernel's text has none
        Some(m) if m.ends_with('.') => format!("Error: {m}"),
        Some(m) => format!("Error: {m}."),
        None => format!("RTNETLINK answers: {}", strerror(errno)),
    };
    if dump {
        s.push_str("\nDump terminated");
    }
    s
}

impl From<lexopt::Error> for Error {
    fn from(e: lexopt::Error) -> Self {
        Error::Arg(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netlink_messages() {
        let e = Error::Netlink { errno: libc::EEXIST, msg: None, dump: false };
        assert_eq!(e.to_string(), "RTNETLINK answers: File exists");
        assert_eq!(e.exit_code(), 2);
        let e = Error::Netlink {
            errno: libc::ENOENT,
            msg: Some("ipv4: FIB table does not exist".into()),
            dump: true,
        };
        assert_eq!(e.to_string(), "Error: ipv4: FIB table does not exist.\nDump terminated");
        let e = Error::Netlink { errno: 95, msg: Some("not supported.".into()), dump: false };
        assert_eq!(e.to_string(), "Error: not supported.");
    }

    #[test]
    fn batch_classes() {
        assert!(!Error::NoDevice("x".into()).ends_batch());
        assert!(!Error::Failed("Flush requires arguments.".into()).ends_batch());
        assert_eq!(Error::Failed("x".into()).exit_code(), 1);
        assert!(!Error::Netlink { errno: 2, msg: None, dump: false }.ends_batch());
        assert!(!Error::Exit(1).ends_batch());
        assert!(Error::Exit(255).ends_batch());
        assert!(Error::arg("usage").ends_batch());
        assert!(Error::msg("Error: any valid prefix is expected rather than \"x\".", 1).ends_batch());
        assert!(Error::msg("Error: x.\nDump terminated", 1).ends_batch());
        assert!(!Error::msg("Cannot create namespace file \"/run/netns/n1\": File exists", 1).ends_batch());
        assert!(Error::msg("RTNETLINK answers: File exists", 2).ends_batch());
        let e = Error::failed_code("Error: argument of \"carrier\" ...", 22);
        assert!(!e.ends_batch());
        assert_eq!(e.exit_code(), 22);
        let e = Error::fatal("Error: argument of \"guard\" ...", 1);
        assert!(e.ends_batch());
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn codes() {
        assert_eq!(Error::NoDevice("x".into()).to_string(), "Cannot find device \"x\"");
        assert_eq!(Error::NoDevice("x".into()).exit_code(), 1);
        assert_eq!(Error::arg("bad").exit_code(), 255);
        assert_eq!(
            Error::invarg("invalid mtu", "abc").to_string(),
            "Error: argument \"abc\" is wrong: invalid mtu"
        );
    }
}
