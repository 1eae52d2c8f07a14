# gdb script (see bench/link-order.sh): one breakpoint at every function
# of the unstripped binary RIP_ORDER_BIN, run the command, and append the
# names of the functions it entered to RIP_ORDER_OUT (each breakpoint is
# disabled at its first hit, so the run stays fast).
import os
import subprocess

import gdb

binary = os.environ["RIP_ORDER_BIN"]
funcs = {}
nm = subprocess.run(["nm", "-n", binary], capture_output=True, text=True, check=True).stdout
for line in nm.splitlines():
    f = line.split()
    if len(f) == 3 and f[1] in "tTWi":
        funcs.setdefault(int(f[0], 16), f[2])
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set disable-randomization on")
gdb.execute("starti", to_string=True)
# a static-pie's load address: where the entry point ended up
entry = int(gdb.parse_and_eval("$pc"))
elf_entry = int(subprocess.run(["readelf", "-h", binary], capture_output=True, text=True, check=True)
                .stdout.split("Entry point address:")[1].split()[0], 16)
bias = entry - elf_entry
points = {}
for addr, name in funcs.items():
    b = gdb.Breakpoint("*0x%x" % (bias + addr), internal=True)
    b.silent = True
    points[b.number] = (b, name)
hit = []


def stopped(ev):
    if isinstance(ev, gdb.BreakpointEvent):
        for b in ev.breakpoints:
            if b.number in points:
                hit.append(points[b.number][1])
                b.enabled = False


gdb.events.stop.connect(stopped)
while gdb.selected_inferior().pid:
    try:
        gdb.execute("continue", to_string=True)
    except gdb.error:
        break
with open(os.environ["RIP_ORDER_OUT"], "a") as out:
    out.write("".join(n + "\n" for n in hit))
