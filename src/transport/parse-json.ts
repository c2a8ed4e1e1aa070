// Matches any run of 16+ digits: integers that long may be past 2^53 (IM profile values can be
// uint64). Most answers have none and take the plain JSON.parse path.
const longDigits = /\d{16,}/;

const isDigit = (code: number) => code >= 48 && code <= 57;
// Characters that may continue a JSON number after its integer part: . e E + - and digits.
const isNumberPart = (code: number) => isDigit(code) || code === 46 || code === 101 || code === 69 || code === 43 || code === 45;

/** `text` with every integer literal beyond Number.MAX_SAFE_INTEGER wrapped in quotes. */
function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++; // skip the escaped character
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) {
      inString = true;
      continue;
    }
    if (code !== 45 && !isDigit(code)) continue;
    let end = code === 45 ? i + 1 : i;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    const fractionOrExponent = end < text.length && isNumberPart(text.charCodeAt(end));
    if (fractionOrExponent) {
      while (end < text.length && isNumberPart(text.charCodeAt(end))) end++;
    } else if (!Number.isSafeInteger(Number(text.slice(i, end)))) {
      out += `${text.slice(copied, i)}"${text.slice(i, end)}"`;
      copied = end;
    }
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * JSON.parse that keeps integers beyond 2^53 exact, as decimal strings, instead of rounding them
 * (`18446744073709551615` stays `'18446744073709551615'`, not `18446744073709552000`).
 * Throws like JSON.parse on invalid JSON.
 */
export function parseJson(text: string): unknown {
  return JSON.parse(longDigits.test(text) ? quoteUnsafeIntegers(text) : text);
}
