//! net-tools 2.10's applets: `ifconfig`, `route`, `netstat` (routing and
//! interface tables) and `arp`, each a module with its own `main`.

pub mod arp;
pub mod ifconfig;
pub mod netstat;
pub mod route;
