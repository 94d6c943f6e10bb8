"""Times canmatrix decoding the frames of a candump log (the first LIMIT): prints {"frames", "decoded", "seconds"}.

Frames are parsed first (not timed); only canmatrix's decode is timed, as EdgeAI's decode is.
"""
import json
import sys
import time

import canmatrix.formats


def load_frames(path):
    frames = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3 or "#" not in parts[2]:
                continue
            ident, data = parts[2].split("#", 1)
            if data.startswith("#"):
                data = data[2:]
            if data.startswith("R"):
                continue
            frames.append((int(ident, 16), len(ident) == 8, bytes.fromhex(data)))
    return frames


def main():
    dbc, log = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    matrix = next(iter(canmatrix.formats.loadp(dbc).values()))
    by_id = {}
    for frame in matrix.frames:
        by_id[(frame.arbitration_id.id, frame.arbitration_id.extended)] = frame
    frames = load_frames(log)[:limit]
    decoded = 0
    start = time.perf_counter()
    for ident, extended, data in frames:
        frame = by_id.get((ident, extended))
        if frame is None:
            continue
        frame.decode(data)
        decoded += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({"frames": len(frames), "decoded": decoded, "seconds": elapsed}))


if __name__ == "__main__":
    main()
