import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../src/endpoints/user-id.js';

describe('utf8Length', () => {
  it.each(['', 'alice', 'é', '用户', 'a😀b', '\u{10FFFF}', 'x\uD800y', '\uDC00', 'end\uD83D', 'mixé用😀'])(
    'matches TextEncoder for %j',
    (text) => {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    },
  );
});
