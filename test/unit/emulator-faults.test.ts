// `timfetch emulator`'s fault flags to FaultOptions: each flag to the option it is named after.
import { describe, expect, it } from 'vitest';
import { describeFaults, faultFlags, faultOptions } from '../../src/cli/emulator-faults.js';

describe('fault flags', () => {
  it('maps every flag to the FaultOptions field it is named after', () => {
    const values = {
      'request-error': '0.1',
      'item-error': '0.2',
      'http-error': '0.3',
      drop: '0.4',
      stall: '0.5',
      'stall-ms': '250',
      malformed: '0.6',
      throttle: '0.7',
      latency: '5-40',
    };
    expect(Object.keys(faultFlags).sort()).toEqual(Object.keys(values).sort());
    const faults = faultOptions(values);
    expect(faults).toEqual({ requestError: 0.1, itemError: 0.2, httpError: 0.3, drop: 0.4, stall: 0.5, stallMs: 250, malformed: 0.6, throttle: 0.7, latency: [5, 40] });
    expect(describeFaults(faults ?? {})).toBe('requestError 0.1, itemError 0.2, httpError 0.3, drop 0.4, stall 0.5, malformed 0.6, throttle 0.7, stalls of 250 ms, latency 5-40 ms');
  });

  it('takes probabilities 0 and 1, .5, and a single latency as MIN = MAX', () => {
    expect(faultOptions({ drop: '0', stall: '1', malformed: '.5', latency: '20' })).toEqual({ drop: 0, stall: 1, malformed: 0.5, latency: [20, 20] });
  });

  it('gives no faults without a flag, so the emulator draws nothing', () => {
    expect(faultOptions({})).toBeUndefined();
  });
});
