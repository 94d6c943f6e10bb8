// Reads JSON lines {"rule": "...", "at": ["2026-04-03T10:00", ...]} from stdin and writes one JSON line per input:
// {"states": ["open"|"closed"|"unknown", ...]} or {"error": "..."} when opening_hours cannot parse the rule.
// The date-times are local wall-clock times, taken literally: run with TZ=UTC so no DST gap or fold shifts them.
'use strict';
const readline = require('readline');
const OpeningHours = require('opening_hours');

// Berlin-Adlershof: the country and state select the DE-BE public holidays.
const place = { lat: 52.43, lon: 13.54, address: { country_code: 'de', state: 'Berlin' } };

function localDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw new Error('not an ISO local date-time: ' + text);
  return new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
input.on('line', (line) => {
  if (line.trim() === '') return;
  const request = JSON.parse(line);
  let oh;
  try {
    oh = new OpeningHours(request.rule, place, { mode: 0, tag_key: 'opening_hours', warnings_severity: 0 });
  } catch (e) {
    out.push(JSON.stringify({ error: String(e).split('\n')[0] }));
    return;
  }
  const states = request.at.map((at) => {
    const d = localDate(at);
    if (oh.getUnknown(d)) return 'unknown';
    return oh.getState(d) ? 'open' : 'closed';
  });
  out.push(JSON.stringify({ states }));
});
input.on('close', () => {
  process.stdout.write(out.length ? out.join('\n') + '\n' : '');
});
