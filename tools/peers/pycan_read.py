"""Times python-can reading a log: prints {"frames": N, "seconds": best of REPEAT}."""
import json
import sys
import time

import can


def read_once(path):
    frames = 0
    for _ in can.LogReader(path):
        frames += 1
    return frames


def main():
    path = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best = None
    frames = 0
    for _ in range(repeat):
        start = time.perf_counter()
        frames = read_once(path)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(json.dumps({"frames": frames, "seconds": best, "version": can.__version__}))


if __name__ == "__main__":
    main()
