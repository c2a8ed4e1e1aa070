// One counter for the whole process (every client of this build of timfetch), so that the calls
// of several clients writing to one logger never share an id.
let calls = 0;

/** The next call id: `c1`, `c2` …, short enough for every log line. */
export function nextCallId(): string {
  return `c${++calls}`;
}
