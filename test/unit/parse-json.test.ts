import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/transport/parse-json.js';

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact, as strings', () => {
    expect(parseJson('{"a":18446744073709551615,"b":[9007199254740993,-9007199254740993],"c":9007199254740991}')).toEqual({
      a: '18446744073709551615',
      b: ['9007199254740993', '-9007199254740993'],
      c: 9007199254740991,
    });
  });

  it('leaves strings, floats and exponents alone', () => {
    const text = '{"id":"12345678901234567890","esc":"q\\"12345678901234567890","f":1.12345678901234567,"e":12345678901234567e2,"n":-0.5,"x":1e400}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it('parses ordinary answers exactly like JSON.parse', () => {
    const text = JSON.stringify({ ErrorCode: 0, InfoItem: [{ To_Account: 'a', ResultCode: 0, SnsProfileItem: [{ Tag: 'Tag_SNS_IM_AddTime', Value: 1700000000 }] }] });
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it('throws on invalid JSON, long digits or not', () => {
    expect(() => parseJson('{"a":1')).toThrow(SyntaxError);
    expect(() => parseJson('{"a":12345678901234567890')).toThrow(SyntaxError);
  });
});
