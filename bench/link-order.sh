#!/usr/bin/env bash
# Regenerates src/link-order.txt, the order build.rs hands the linker
# (--symbol-ordering-file) for the functions of the release binary.
#
#   sudo bench/link-order.sh        (needs gdb, nm, readelf, unshare)
#
# Why: the kernel maps a binary's pages in 64 KiB blocks around each page
# a process touches, so the peak RSS of a dump is the number of blocks its
# code touches. The linker scatters the functions a command runs over the
# whole 2.9 MB text; listed first, in this order, they share few blocks.
# How: an unstripped release build runs the commands below in a
# throw-away namespace under gdb with a breakpoint at every function
# (bench/link-order.py); the file lists the functions entered: first
# those at least half the commands run, then each command's others, the
# commands in the order below (the dumps first). Only names: a function the list lacks (a changed
# rustc, new code) is placed as the linker places it; nothing breaks.
# Rerun it after large changes and compare with bench/compare.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ ${RIP_ORDER_INNER:-} != 1 ]]; then
    [[ $(id -u) == 0 ]] || { echo "link-order.sh: needs root (a throw-away namespace)" >&2; exit 1; }
    for t in gdb nm readelf unshare; do
        command -v $t >/dev/null || { echo "link-order.sh: needs $t" >&2; exit 1; }
    done
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    (cd "$root" && CARGO_PROFILE_RELEASE_STRIP=false CARGO_TARGET_DIR=$work/target cargo build --release -q)
    bin=$(ls "$work"/target/*/release/rip | head -1)
    RIP_ORDER_INNER=1 RIP_ORDER_BIN=$bin RIP_ORDER_WORK=$work \
        unshare --net --mount --fork --propagation private bash "$0"
    python3 - "$work"/hits "$root"/src/link-order.txt <<'PY'
import os, sys
hits, out = sys.argv[1], sys.argv[2]
runs = [open(os.path.join(hits, f)).read().split() for f in sorted(os.listdir(hits), key=int)]
count = {}
for r in runs:
    for name in set(r):
        count[name] = count.get(name, 0) + 1
# gdb stops at the entry point before it sets its breakpoints
order = ["_start"]
placed = set(order)
# first what most commands run (start-up, the netlink core, the printer),
# then each command's own functions, in the order of the list above
for core in (True, False):
    for r in runs:
        for name in r:
            if name not in placed and (not core or 2 * count[name] >= len(runs)):
                placed.add(name)
                order.append(name)
with open(out, "w") as o:
    o.write("".join(n + "\n" for n in order))
print(f"link-order.sh: {len(order)} functions from {len(runs)} commands -> {out}")
PY
    exit 0
fi

# inside the namespace: a small world, then each command under gdb
mount -t tmpfs none /run && mkdir -p /run/netns /run/o
mount -t sysfs none /sys
cd /run/o
for n in ip brctl ifconfig route netstat arp; do ln -s "$RIP_ORDER_BIN" $n; done
ip=/usr/sbin/ip
$ip link set lo up
$ip link add v0 type veth peer name v1
$ip link add br0 type bridge
$ip link set v1 master br0
for d in v0 v1 br0; do $ip link set $d up; done
$ip addr add 10.0.0.1/24 dev v0
$ip addr add 2001:db8::1/64 dev v0 nodad
for i in $(seq 1 20); do
    $ip route add 10.9.$i.0/24 via 10.0.0.2
    $ip neigh add 10.0.0.$((i + 10)) lladdr 02:00:00:00:00:$(printf %02x $i) dev v0
done
$ip -6 route add 2001:db8:5::/64 via 2001:db8::2
$ip route add 10.7.0.0/16 via 10.0.0.3 mtu 1400
$ip route add 10.200.1.0/24 via 10.0.0.2
$ip route add 10.200.2.0/24 via 10.0.0.2
$ip rule add fwmark 1 table 100
$ip nexthop add id 1 via 10.0.0.2 dev v0
$ip route add 10.8.0.0/16 nhid 1
$ip netns add t
$ip -n t link set lo up
$ip -n t route add 10.1.0.0/16 dev lo
mkdir "$RIP_ORDER_WORK"/hits
i=0
while read -r line; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    RIP_ORDER_OUT=$RIP_ORDER_WORK/hits/$i gdb -q -batch -x "$root"/bench/link-order.py --args ./$line \
        >/dev/null 2>&1 </dev/null || true
done <<'CMDS'
ip route show
ip -j route show
ip route flush 10.200.0.0/16
ip link show
ip -j link show
ip addr show
ip -j addr show
ip neigh show
ip -j neigh show
ip link show lo
ip -6 route show
ip route show table all
ip -br link show
ip -br addr show
ip -d link show
ip -s link show
ip -o addr show
ip rule show
ip -j rule show
ip nexthop show
ip route get 10.9.1.1
ip route add 10.6.0.0/16 via 10.0.0.2
ip route del 10.6.0.0/16
ip addr add 10.0.5.1/24 dev v0
ip addr del 10.0.5.1/24 dev v0
ip link set v0 mtu 1400
ip netns list
ip -V
ip -n t route show
ip -n t link show
ip -n t addr show
brctl show
ifconfig
ifconfig -a
route -n
netstat -rn
netstat -i
arp -n
CMDS
