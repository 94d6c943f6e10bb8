#!/usr/bin/env python3
"""Test helper: opens a pseudo-terminal pair, prints the slave's path, waits for a line on stdin, then writes the
file named by argv[1] into the master side (as a GPS receiver on a serial line would) and waits for stdin to close."""
import os, pty, sys, time, tty

master, slave = pty.openpty()
tty.setraw(slave)
print(os.ttyname(slave), flush=True)
sys.stdin.readline()
with open(sys.argv[1], "rb") as f:
    data = f.read()
for i in range(0, len(data), 256):
    os.write(master, data[i:i + 256])
    time.sleep(0.001)
sys.stdin.readline()
