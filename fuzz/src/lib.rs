//! rip's modules compiled as a library for the fuzz targets (rip itself is
//! a binary crate). `crate::cli` and friends resolve here as they do in
//! rip, so the sources are used unchanged.
#![allow(dead_code, unused_imports, unused_variables, unused_mut, unused_macros)]

#[path = "../../src/brctl/mod.rs"]
pub mod brctl;
#[path = "../../src/cli.rs"]
pub mod cli;
#[path = "../../src/clock.rs"]
pub mod clock;
#[path = "../../src/error.rs"]
pub mod error;
#[path = "../../src/genl.rs"]
pub mod genl;
#[path = "../../src/ip/mod.rs"]
pub mod ip;
#[path = "../../src/netns.rs"]
pub mod netns;
#[path = "../../src/nettools/mod.rs"]
pub mod nettools;
#[path = "../../src/nl.rs"]
pub mod nl;
#[path = "../../src/print.rs"]
pub mod print;
