//! net-tools' applets: `ifconfig`, `route`, `netstat` (routing and
//! interface tables) and `arp`, each a module with its own `main`.
//! Shared: the socket ioctls (`ioctl`), the /proc/net readers (`procnet`),
//! the interface list and its printers (`iface`, also for `netstat -i`),
//! address/host parsing (`resolve`) and the fixed texts (`texts`).

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
