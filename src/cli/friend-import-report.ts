import type { RelationResult } from './friend-import-send.js';
import { codeText, type ImportSummary } from './friend-import-summary.js';

/**
 * How a run tells its results: a line per relation that failed for good, then the summary. Relations
 * left open are only counted: the next run settles them, and a stop would list thousands.
 */
export interface Report {
  readonly result: (result: RelationResult) => void;
  readonly summary: (summary: ImportSummary) => void;
}

const number = (n: number) => n.toLocaleString('en-US');

/** `30001 already in the list: 2 · 30010 friend list full: 1`. */
const byCode = (counts: Readonly<Record<string, number>>) =>
  Object.entries(counts)
    .map(([code, n]) => `${codeText(Number(code))}: ${number(n)}`)
    .join(' · ');

/** The summary as a person reads it: a headline, then a row per count that is not 0 (imported always). */
function summaryText(summary: ImportSummary): string[] {
  const { foundDone, failedBefore } = summary;
  const rows: [string, number, string][] = [
    ['imported', summary.imported, ''],
    ['already done before', summary.alreadyDone, foundDone > 0 ? `${number(foundDone)} of them in flight when a run stopped: sent again, found in the list` : ''],
    ['failed', summary.failed, `${byCode(summary.failedByCode)}${failedBefore > 0 ? `; ${number(failedBefore)} of them in an earlier run` : ''}`],
    ['unsettled', summary.unsettled, `${byCode(summary.unsettledByCode)}: run the same command again to settle them`],
    ['not sent', summary.notSent, 'the run stopped before them: run the same command again'],
  ];
  const shown = rows.filter(([label, count]) => count > 0 || label === 'imported');
  const width = Math.max(...shown.map(([, count]) => number(count).length));
  return [
    `${summary.file}: ${number(summary.relations)} relation${summary.relations === 1 ? '' : 's'}, ${number(summary.requests)} request${summary.requests === 1 ? '' : 's'} in ${summary.seconds.toFixed(1)} s`,
    ...shown.map(([label, count, note]) => `  ${label.padEnd(20)}${number(count).padStart(width)}${note === '' ? '' : `  (${note})`}`),
  ];
}

/** `relations.ndjson:17: alice → bob: failed, 30010 friend list full: Err_SNS_…`. */
function resultText(name: string, { relation, code, info }: RelationResult): string {
  return `${name}:${relation.line}: ${relation.from} → ${relation.entry.To_Account}: failed, ${codeText(code)}${info === '' ? '' : `: ${info}`}`;
}

/** Tells a person: failed relations as lines on stdout, then the summary. */
export function textReport(name: string, print: (text: string) => void): Report {
  return {
    result: (result) => {
      if (result.outcome === 'failed') print(resultText(name, result));
    },
    summary: (summary) => print(summaryText(summary).join('\n')),
  };
}

/**
 * `--json`: a JSON document per line, `{"failed":{…}}` per relation that failed (`line`,
 * `From_Account`, `To_Account`, `ResultCode`, `ResultInfo`) as they come, then `{"summary":{…}}`
 * ({@link ImportSummary}) last: streamed, so a million failures need no memory.
 */
export function jsonReport(print: (text: string) => void): Report {
  return {
    result: ({ relation, outcome, code, info }) => {
      if (outcome !== 'failed') return;
      print(JSON.stringify({ failed: { line: relation.line, From_Account: relation.from, To_Account: relation.entry.To_Account, ResultCode: code, ResultInfo: info } }));
    },
    summary: (summary) => print(JSON.stringify({ summary })),
  };
}
