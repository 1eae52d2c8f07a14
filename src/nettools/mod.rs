//! net-tools 2.10's applets: `ifconfig`, `route`, `netstat` (routing and
//! interface tables) and `arp`, each a module with its own `main`.

pub mod arp;
pub mod getopt;
pub mod ifconfig;
/// `netstat -i`'s reader and printers (route/netstat helper's own; see
/// the module doc).
pub mod iftable;
pub mod netstat;
pub mod route;
