/** The Levenshtein distance of two strings: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(substitution, (previous[j] as number) + 1, (row[j - 1] as number) + 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `word` for a "did you mean" (case ignored), or undefined when none is
 * close: within a third of the word's length (at least 2 edits). A candidate may be compared by
 * several spellings (a tag by its full name and by its keyword alone).
 */
export function closestMatch(word: string, candidates: ReadonlyMap<string, readonly string[]>): string | undefined {
  const wanted = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const [name, spellings] of candidates) {
    for (const spelling of spellings) {
      // The distance is at least the difference in length: a far longer word (a megabyte of
      // input) is never compared letter by letter.
      if (Math.abs(spelling.length - word.length) > limit) continue;
      const distance = editDistance(wanted, spelling.toLowerCase());
      if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
    }
  }
  return best?.name;
}
