#!/usr/bin/env bash
# Times rip against the installed iproute2 `ip`, side by side, inside a
# throw-away network namespace (the host's links, routes and /run/netns
# are never touched).
#
#   sudo bench/compare.sh [RIP_BINARY] [--quick]
#
# RIP_BINARY defaults to target/release/rip (build it first with
# `cargo build --release`).  REF=/path/to/ip picks another reference.
# --quick runs fewer repetitions (a smoke test of the script).
#
# Rows:
#   start-up        `-V` (no netlink at all) and `link show lo`, once per
#                   run, 200 runs each (mean per call)
#   link dump       `link show` and `-j link show` of 2000 veth links
#   route dump      `route show` and `-j route show` of 50000 routes
#   batch           `-b FILE` with 500 `link add ... type veth peer ...`
#                   lines (1000 new veth devices), each run in its own
#                   fresh namespace
#   monitor         `ip -rc 64M monitor link` of both tools side by side
#                   while the reference runs a `-b` of 10000 link lines
#                   (100 bridges added, 9800 MTU changes, 100 deleted:
#                   10000 events): whether both printed the same, how many
#                   events each saw (none may be missed), CPU time and peak
#                   RSS (VmHWM) of each
#   scale           (skipped with --quick unless SCALE=1) peak RSS
#                   (GNU time) beside median wall and user (to the ms)
#                   time, ratios rip/ip (below 1: rip is cheaper):
#                   `route show` / `-j route show` of 200000 routes
#                   (SCALE_ROUTES=1000000 for a full-table size),
#                   `route flush root 10.250.0.0/16` of 65536 routes (the
#                   routes re-added before each run), `link show` and
#                   `addr show` of 10000 links
# The `same` column says whether rip printed exactly what ip printed.
# Times are hyperfine's medians (or the loop's means) per call.
# Uses hyperfine when installed (apt-get install hyperfine), else (or
# with NO_HYPERFINE=1) a bash timing loop.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

if [[ ${RIP_BENCH_INNER:-} != 1 ]]; then
    rip=$root/target/release/rip
    quick=0
    for a in "$@"; do
        case $a in
            --quick) quick=1 ;;
            -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
            *) rip=$a ;;
        esac
    done
    ref=${REF:-$(command -v ip || echo /usr/sbin/ip)}
    if [[ $(id -u) != 0 ]]; then
        echo "compare.sh: needs root (it creates a throw-away network namespace)" >&2
        exit 1
    fi
    [[ -x $rip ]] || { echo "compare.sh: no rip binary at $rip (cargo build --release?)" >&2; exit 1; }
    [[ -x $ref ]] || { echo "compare.sh: no reference ip at $ref" >&2; exit 1; }
    command -v unshare >/dev/null || { echo "compare.sh: needs unshare(1)" >&2; exit 1; }
    rip=$(realpath "$rip")
    ref=$(realpath "$ref")
    # Everything below runs in new net, mount and pid namespaces.
    exec env RIP_BENCH_INNER=1 NO_HYPERFINE="${NO_HYPERFINE:-}" RIP_BENCH_RIP="$rip" RIP_BENCH_REF="$ref" \
        RIP_BENCH_QUICK="$quick" RIP_BENCH_HOSTNS="$(stat -L -c %i /proc/self/ns/net)" \
        unshare --net --mount --pid --fork --mount-proc --propagation private \
        bash "$0"
fi

# ---- inside the throw-away namespace -----------------------------------------

rip=$RIP_BENCH_RIP
ref=$RIP_BENCH_REF
quick=$RIP_BENCH_QUICK
if [[ $(stat -L -c %i /proc/self/ns/net) == "$RIP_BENCH_HOSTNS" ]]; then
    echo "compare.sh: not in a new network namespace; refusing to go on" >&2
    exit 1
fi
mount -t tmpfs bench-run /run
mkdir -p /run/netns
mount -t sysfs bench-sys /sys
work=$(mktemp -d /run/bench.XXXXXX)

# Both tools are called `ip` in their own directories, so that any
# argv[0]-dependent message is the same.
mkdir -p "$work/ref" "$work/rip"
ln -s "$ref" "$work/ref/ip"
ln -s "$rip" "$work/rip/ip"
REFIP=$work/ref/ip
RIPIP=$work/rip/ip

if ((quick)); then
    n_start=20 n_dump=3 n_route=2 n_batch=1 warm=1
else
    n_start=200 n_dump=20 n_route=10 n_batch=3 warm=3
fi

echo "rip:        $rip"
echo "reference:  $ref ($("$REFIP" -V 2>&1 | head -1))"
echo "kernel:     $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the namespace's contents (made with the reference) -------------------------
"$REFIP" link set lo up
links=2000
for ((i = 0; i < links / 2; i++)); do
    echo "link add b$i type veth peer name b${i}p"
done >"$work/links.batch"
t0=$(date +%s%N)
"$REFIP" -b "$work/links.batch"
echo "setup:      $links veth links in $((($(date +%s%N) - t0) / 1000000)) ms"

routes=50000
"$REFIP" link set b0 up
"$REFIP" link set b0p up
{
    for ((i = 0; i < routes; i++)); do
        echo "route add 10.$((i / 256)).$((i % 256)).0/24 dev b0"
    done
} >"$work/routes.batch"
t0=$(date +%s%N)
"$REFIP" -b "$work/routes.batch"
echo "setup:      $routes routes in $((($(date +%s%N) - t0) / 1000000)) ms"

batch_pairs=500
for ((i = 0; i < batch_pairs; i++)); do
    echo "link add n$i type veth peer name n${i}p"
done >"$work/veth.batch"

# ---- timing --------------------------------------------------------------------

have_hf=0
[[ -z ${NO_HYPERFINE:-} ]] && command -v hyperfine >/dev/null && have_hf=1
echo "timer:      $( ((have_hf)) && hyperfine --version || echo 'bash loop (no hyperfine)')"
echo

# mean seconds of running "$@" $2 times ($1 = runs); prints it.
time_loop() {
    local runs=$1 i t0 t1
    shift
    for ((i = 0; i < warm; i++)); do "$@" >/dev/null 2>&1 || true; done
    t0=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done
    t1=$(date +%s%N)
    awk -v d=$((t1 - t0)) -v n="$runs" 'BEGIN { printf "%.6f", d / n / 1e9 }'
}

# time_pair RUNS CMD-WITH-@IP@ -> "ref_mean rip_mean" (seconds)
time_pair() {
    local runs=$1 cmd=$2
    local rcmd=${cmd//@IP@/$REFIP} pcmd=${cmd//@IP@/$RIPIP}
    if ((have_hf)); then
        hyperfine -N --style none --warmup "$warm" --runs "$runs" \
            --export-csv "$work/hf.csv" "$rcmd" "$pcmd" >/dev/null 2>&1 || return 1
        # command,mean,stddev,median,user,system,min,max: the median is
        # the least disturbed by other load on the machine
        awk -F, 'NR > 1 { printf "%s ", $4 }' "$work/hf.csv"
    else
        # shellcheck disable=SC2086
        printf '%s %s' "$(time_loop "$runs" $rcmd)" "$(time_loop "$runs" $pcmd)"
    fi
}

printf '%-34s %12s %12s %9s  %s\n' "benchmark" "ip" "rip" "ip/rip" "same output"
printf '%-34s %12s %12s %9s  %s\n' "---------" "--" "---" "------" "-----------"

fmt_ms() { awk -v s="$1" 'BEGIN { if (s * 1000 < 10) printf "%.3f ms", s * 1000; else printf "%.1f ms", s * 1000 }'; }

# row LABEL RUNS CMD: checks that rip runs the command, compares outputs,
# then times both.
row() {
    local label=$1 runs=$2 cmd=$3 same rc
    local rcmd=${cmd//@IP@/$REFIP} pcmd=${cmd//@IP@/$RIPIP}
    # shellcheck disable=SC2086
    $rcmd >"$work/ref.out" 2>"$work/ref.err" || true
    rc=0
    # shellcheck disable=SC2086
    $pcmd >"$work/rip.out" 2>"$work/rip.err" || rc=$?
    if ((rc != 0)); then
        printf '%-34s %12s %12s %9s  %s\n' "$label" - - - \
            "rip FAILS (exit $rc: $(head -c 60 "$work/rip.err" | head -1))"
        return
    fi
    if [[ $cmd == "@IP@ -V" ]]; then
        # rip names itself after the part scripts parse
        cut -d, -f1,2 "$work/ref.out" >"$work/ref.v"
        cut -d, -f1,2 "$work/rip.out" >"$work/rip.v"
        cmp -s "$work/ref.v" "$work/rip.v" && same="yes (to the 2nd comma)" || same=NO
    elif cmp -s "$work/ref.out" "$work/rip.out" && cmp -s "$work/ref.err" "$work/rip.err"; then
        same=yes
    else
        same="NO ($(wc -l <"$work/rip.out") vs $(wc -l <"$work/ref.out") lines)"
    fi
    local t
    if ! t=$(time_pair "$runs" "$cmd"); then
        printf '%-34s %12s %12s %9s  %s\n' "$label" - - - "timing failed"
        return
    fi
    read -r tref trip <<<"$t"
    printf '%-34s %12s %12s %9s  %s\n' "$label" "$(fmt_ms "$tref")" "$(fmt_ms "$trip")" \
        "$(awk -v a="$tref" -v b="$trip" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')" \
        "$same"
}

row "start-up: -V (x$n_start)" "$n_start" "@IP@ -V"
row "start-up: link show lo (x$n_start)" "$n_start" "@IP@ link show lo"
row "link show, $((links + 1)) links" "$n_dump" "@IP@ link show"
row "-j link show, $((links + 1)) links" "$n_dump" "@IP@ -j link show"
row "route show, $routes routes" "$n_route" "@IP@ route show"
row "-j route show, $routes routes" "$n_route" "@IP@ -j route show"

# batch: every run in a fresh namespace of its own (unshare -n runs the
# tool in a new netns that vanishes with it)
label="-b: $batch_pairs veth pair adds"
# the links each tool leaves behind (names and kinds; MACs are random),
# listed by the reference
batch_state() {
    unshare -n bash -c '"$1" -b "$2" && "$3" -o -d link show |
        awk "{ print \$2, \$0 ~ /veth/ }"' _ "$1" "$work/veth.batch" "$REFIP"
}
rc=0
batch_state "$RIPIP" >"$work/rip.out" 2>"$work/rip.err" || rc=$?
batch_state "$REFIP" >"$work/ref.out" 2>"$work/ref.err" || true
same_links=NO
cmp -s "$work/ref.out" "$work/rip.out" && same_links="yes (same links)"
if ((rc != 0)); then
    printf '%-34s %12s %12s %9s  %s\n' "$label" - - - \
        "rip FAILS (exit $rc: $(head -c 60 "$work/rip.err" | head -1))"
else
    t=$(time_pair "$n_batch" "unshare -n @IP@ -b $work/veth.batch") || t="0 0"
    read -r tref trip <<<"$t"
    printf '%-34s %12s %12s %9s  %s\n' "$label" "$(fmt_ms "$tref")" "$(fmt_ms "$trip")" \
        "$(awk -v a="$tref" -v b="$trip" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')" \
        "$same_links"
fi

# monitor: both tools listen at once to the same events, made by the
# reference in a namespace of their own: 100 bridges added, 9800 MTU
# changes among them, the bridges deleted (one event each; bridge
# deletions are slow in the kernel, MTU changes are not)
mon_br=100 mon_set=9800
((quick)) && mon_set=900
{
    for ((i = 0; i < mon_br; i++)); do echo "link add m$i type bridge"; done
    for ((i = 0; i < mon_set; i++)); do echo "link set m$((i % mon_br)) mtu $((1400 + (i / mon_br) % 2 * 100))"; done
    for ((i = 0; i < mon_br; i++)); do echo "link del m$i"; done
} >"$work/mon.batch"
mon_events=$((2 * mon_br + mon_set))
monitor_row() {
    unshare -n bash -c '
        ref=$1 rip=$2 work=$3 last=$4
        "$ref" -rc 67108864 monitor link >"$work/mon.ref" 2>&1 & r=$!
        "$rip" -rc 67108864 monitor link >"$work/mon.rip" 2>&1 & p=$!
        # both subscribed (a socket with groups in /proc/net/netlink each)
        for i in $(seq 100); do
            [ "$(awk "NR > 1 && \$2 == 0 && \$4 != \"00000000\"" /proc/net/netlink | wc -l)" -ge 2 ] && break
            sleep 0.05
        done
        sleep 0.3
        "$ref" -b "$work/mon.batch"
        for i in $(seq 600); do
            [ "$(grep -c "^Deleted [0-9]*: m$last:" "$work/mon.ref" "$work/mon.rip" | grep -c ":1$")" = 2 ] && break
            sleep 0.05
        done
        sleep 0.2
        for pid in $r $p; do
            # utime + stime (clock ticks), peak RSS
            cpu=$(awk "{ print \$14 + \$15 }" /proc/$pid/stat)
            hwm=$(awk "/^VmHWM/ { print \$2 }" /proc/$pid/status)
            echo "$cpu $hwm"
        done
        kill $r $p; wait $r $p 2>/dev/null
        true' _ "$REFIP" "$RIPIP" "$work" "$((mon_br - 1))"
}
label="monitor: $mon_events link events"
mapfile -t mon <<<"$(monitor_row)"
read -r cref href <<<"${mon[0]:-0 0}"
read -r crip hrip <<<"${mon[1]:-0 0}"
# events seen: the first line of each starts with "N:" or "Deleted N:"
dref=$(grep -cE '^(Deleted )?[0-9]+:' "$work/mon.ref" || true)
drip=$(grep -cE '^(Deleted )?[0-9]+:' "$work/mon.rip" || true)
same=NO
cmp -s "$work/mon.ref" "$work/mon.rip" && same=yes
hz=$(getconf CLK_TCK)
printf '%-34s %12s %12s %9s  %s
' "$label (CPU)" \
    "$(fmt_ms "$(awk -v c="$cref" -v h="$hz" 'BEGIN { print c / h }')")" \
    "$(fmt_ms "$(awk -v c="$crip" -v h="$hz" 'BEGIN { print c / h }')")" \
    "$(awk -v a="$cref" -v b="$crip" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')" \
    "$same ($dref vs $drip events of $mon_events)"
printf '%-34s %12s %12s\n' "monitor: peak RSS" "${href} kB" "${hrip} kB"
# ---- scale: cost growth, peak memory -------------------------------------------
# scale_row LABEL RUNS CMD [PREPARE]: runs ip and rip alternately RUNS
# times each (PREPARE, run with the reference, before every run); prints
# median wall and user seconds and the largest peak RSS of each, and the
# ratios rip/ip.
# measured CMD...: one run of CMD (output thrown away), printed as "wall
# user rss": wall and user seconds to the millisecond from python's clock
# and rusage (GNU time prints user time in 10 ms steps, too coarse for a
# 20 ms dump), the peak RSS in KB from GNU time (a child forked from
# python would start with python's own 10 MB).
measured() {
    python3 - "$@" <<'PY'
import os, resource, subprocess, sys, tempfile, time
fd, path = tempfile.mkstemp()
os.close(fd)
# (children's time from before: what ran before an exec into python)
user0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
t = time.monotonic()
subprocess.run(["/usr/bin/time", "-o", path, "-f", "%M"] + sys.argv[1:],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.monotonic() - t
user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - user0
with open(path) as f:
    rss = f.read().split()[-1]
os.unlink(path)
print(f"{wall:.3f} {user:.3f} {rss}")
PY
}

scale_row() {
    local label=$1 runs=$2 cmd=$3 prep=${4:-} i t
    local rcmd=${cmd//@IP@/$REFIP} pcmd=${cmd//@IP@/$RIPIP}
    : >"$work/scale.ref"
    : >"$work/scale.rip"
    for ((i = 0; i < runs; i++)); do
        for t in ref rip; do
            [[ -n $prep ]] && bash -c "$prep" >/dev/null 2>&1
            local c=$rcmd
            [[ $t == rip ]] && c=$pcmd
            # shellcheck disable=SC2086
            measured $c >>"$work/scale.$t" 2>"$work/scale.err" || true
        done
    done
    med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
    local rw ru rm pw pu pm
    rw=$(cut -d' ' -f1 "$work/scale.ref" | med); ru=$(cut -d' ' -f2 "$work/scale.ref" | med)
    rm=$(cut -d' ' -f3 "$work/scale.ref" | sort -n | tail -1)
    pw=$(cut -d' ' -f1 "$work/scale.rip" | med); pu=$(cut -d' ' -f2 "$work/scale.rip" | med)
    pm=$(cut -d' ' -f3 "$work/scale.rip" | sort -n | tail -1)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "-" }'; }
    printf '%-34s %9ss %9ss %6s %7ss %7ss %6s %8sK %8sK %6s\n' "$label" "$rw" "$pw" "$(ratio "$rw" "$pw")" \
        "$ru" "$pu" "$(ratio "$ru" "$pu")" "$rm" "$pm" "$(ratio "$rm" "$pm")"
}

if ((!quick)) || [[ ${SCALE:-} == 1 ]]; then
    command -v /usr/bin/time >/dev/null || { echo "scale rows need /usr/bin/time (apt-get install time)"; exit 0; }
    command -v python3 >/dev/null || { echo "scale rows need python3"; exit 0; }
    ((quick)) && sruns=1 || sruns=5
    echo
    echo "scale (ratios rip/ip: below 1 means rip is cheaper)"
    printf '%-34s %10s %10s %6s %8s %8s %6s %9s %9s %6s\n' "benchmark" "ip wall" "rip wall" "ratio" \
        "ip user" "rip user" "ratio" "ip RSS" "rip RSS" "ratio"
    # 200k routes (1M with SCALE_ROUTES=1000000) on a fresh link
    big=${SCALE_ROUTES:-200000}
    "$REFIP" link add s0 type veth peer name s0p
    "$REFIP" link set s0 up
    "$REFIP" link set s0p up
    awk -v n="$big" 'BEGIN { for (i = 0; i < n; i++)
        printf "route add 10.%d.%d.%d/32 dev s0 table 200\n", 100 + int(i / 65536), int(i / 256) % 256, i % 256 }' \
        >"$work/big.batch"
    "$REFIP" -b "$work/big.batch"
    scale_row "route show, $big routes" "$sruns" "@IP@ route show table 200"
    scale_row "-j route show, $big routes" "$sruns" "@IP@ -j route show table 200"
    "$REFIP" route flush table 200
    awk 'BEGIN { for (i = 0; i < 65536; i++) printf "route add 10.250.%d.%d/32 dev s0\n", int(i / 256), i % 256 }' \
        >"$work/flush.batch"
    scale_row "route flush, 65536 routes" "$sruns" "@IP@ route flush root 10.250.0.0/16" \
        "$REFIP -b $work/flush.batch"
    # 10000 links (the 2000 above and 4000 more pairs), an address each on 2000
    for ((i = 0; i < 4000; i++)); do echo "link add c$i type veth peer name c${i}p"; done >"$work/more.batch"
    "$REFIP" -b "$work/more.batch"
    for ((i = 0; i < 2000; i++)); do
        echo "addr add 172.16.$((i / 250)).$((i % 250 + 1))/32 dev c$i"
    done >"$work/addrs.batch"
    "$REFIP" -b "$work/addrs.batch"
    n_links=$("$REFIP" -o link show | wc -l)
    scale_row "link show, $n_links links" "$sruns" "@IP@ link show"
    scale_row "addr show, $n_links links" "$sruns" "@IP@ addr show"
    scale_row "-j addr show, $n_links links" "$sruns" "@IP@ -j addr show"
fi
echo
if ((have_hf)); then
    echo "Times are medians per call (hyperfine); ip/rip > 1 means rip is faster."
else
    echo "Times are means per call (bash loop); ip/rip > 1 means rip is faster."
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
