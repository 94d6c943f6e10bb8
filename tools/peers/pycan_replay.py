"""Replays a log with python-can's own pacing (can.MessageSync, the loop can.player runs) onto its virtual bus,
with a second virtual bus on the same channel listening.

  pycan_replay.py LOG max          timestamps ignored, gap 0 (can.player --ignore-timestamps -g 0):
                                   prints {"frames", "received", "seconds"}
  pycan_replay.py LOG SECONDS      real time (1x) over the first SECONDS of the log: prints the send-time error
                                   (time bus.send returned - due time) as {"frames", "p50_us", "p99_us", "max_us"}
"""
import json
import sys
import time

import can


def frames_of(path, seconds):
    first = None
    for message in can.LogReader(path):
        if message.is_error_frame:
            continue
        if first is None:
            first = message.timestamp
        if seconds is not None and message.timestamp - first > seconds:
            break
        yield message


def main():
    path, mode = sys.argv[1], sys.argv[2]
    bus = can.Bus(interface="virtual", channel="bench")
    listener = can.Bus(interface="virtual", channel="bench")
    try:
        if mode == "max":
            start = time.perf_counter()
            frames = 0
            for message in can.MessageSync(frames_of(path, None), timestamps=False, gap=0):
                bus.send(message)
                frames += 1
            elapsed = time.perf_counter() - start
            received = 0
            while listener.recv(timeout=0) is not None:
                received += 1
            print(json.dumps({"frames": frames, "received": received, "seconds": elapsed, "version": can.__version__}))
            return
        messages = list(frames_of(path, float(mode)))
        errors = []
        t0 = messages[0].timestamp
        start = time.perf_counter()  # MessageSync anchors its schedule when iteration starts
        for message in can.MessageSync(messages, timestamps=True):
            bus.send(message)
            errors.append(time.perf_counter() - (start + message.timestamp - t0))
        errors.sort()
        pick = lambda q: errors[min(len(errors) - 1, max(0, int(len(errors) * q + 0.999999) - 1))] * 1e6
        print(json.dumps({"frames": len(errors), "p50_us": pick(0.5), "p99_us": pick(0.99), "max_us": errors[-1] * 1e6, "version": can.__version__}))
    finally:
        bus.shutdown()
        listener.shutdown()


if __name__ == "__main__":
    main()
