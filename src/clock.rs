//! Local time as the reference prints it (localtime_r, then C's formats).

/// The broken-down local time of `secs`.
pub fn local(secs: i64) -> libc::tm {
    // SAFETY: an all-zero tm is valid; localtime_r writes into the tm we
    // own from a time_t we own.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        let t = secs as libc::time_t;
        libc::localtime_r(&t, &mut tm);
        tm
    }
}

/// asctime(3) without its newline: `Tue Nov 14 22:13:20 2023`.
pub fn asctime(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let tm = local(secs);
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday.rem_euclid(7) as usize],
        MONTHS[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

/// `%Y-%m-%d`, then `sep`, then `%H:%M:%S`.
fn date_time(secs: i64, sep: char) -> String {
    let tm = local(secs);
    format!(
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}:{:02}",
        tm.tm_year as i64 + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    )
}

/// strftime's `%Y-%m-%d %H:%M:%S`.
pub fn ymd_hms(secs: i64) -> String {
    date_time(secs, ' ')
}

/// `ip -ts`: `2023-11-14T22:13:20.000007`.
pub fn short_time(secs: i64, usec: u32) -> String {
    format!("{}.{usec:06}", date_time(secs, 'T'))
}
