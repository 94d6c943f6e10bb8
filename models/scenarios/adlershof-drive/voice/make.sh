#!/usr/bin/env bash
# Makes the Adlershof drive's cabin recordings (scenario.json "voice"): espeak-ng speaks each request, sox writes it as
# 16 kHz mono 16-bit WAV. Debian's espeak-ng 1.51 and sox 14.4 wrote the committed files; other versions differ slightly.
set -euo pipefail
cd "$(dirname "$0")"
say() { # FILE VOICE TEXT
  espeak-ng -v "$2" -s 150 -w "/tmp/edgeai-voice-$$.wav" "$3"
  sox "/tmp/edgeai-voice-$$.wav" -r 16000 -c 1 -b 16 "$1"
  rm -f "/tmp/edgeai-voice-$$.wav"
}
say range.wav en-us "hey edge. ... how far can I drive"
say parking.wav en-us+f3 "hey edge. ... where can I park"
