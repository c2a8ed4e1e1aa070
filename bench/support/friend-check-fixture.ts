// friend_check inputs and answers for the benchmarks, cheap to build at any scale: account i of
// chunk c is `c${cccc}i${iii}`, so chunk c's 1,000-item answer is one template with c filled in,
// and a fake fetch finds the chunk from the first account of the request body without parsing it.
const relations = ['CheckResult_Type_BothWay', 'CheckResult_Type_AWithB', 'CheckResult_Type_BWithA', 'CheckResult_Type_NoRelation'];
const chunkSize = 1000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `count` distinct accounts (up to 10,000 chunks of 1,000), in chunk order. */
export function accounts(count: number): string[] {
  return Array.from({ length: count }, (_, n) => `c${pad(Math.floor(n / chunkSize), 4)}i${pad(n % chunkSize, 3)}`);
}

/** The success answer for the first `items` accounts of chunk `chunk`, as the service writes it. */
export function answerBody(items: number, chunk = 0): string {
  const InfoItem = Array.from({ length: items }, (_, i) => ({ To_Account: `c${pad(chunk, 4)}i${pad(i, 3)}`, Relation: relations[i % 4], ResultCode: 0, ResultInfo: '' }));
  return JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', InfoItem });
}

/** Full 1,000-item answers for chunks 0 … chunks − 1 (about 95 KiB each). */
export function chunkAnswers(chunks: number): string[] {
  const template = answerBody(chunkSize).replaceAll('"c0000i', '"c@@@@i');
  return Array.from({ length: chunks }, (_, c) => template.replaceAll('@@@@', pad(c, 4)));
}

const firstAccount = '"To_Account":["c';

/**
 * A fetch that answers at once with the prepared answer of the request's chunk. It reads the
 * request body as a real fetch would (to send it); finding the chunk is a string search.
 */
export function chunkFetch(answers: readonly string[], onRequest?: () => void): typeof fetch {
  return async (input, init) => {
    onRequest?.();
    const text = input instanceof Request ? await input.text() : String(init?.body);
    const at = text.indexOf(firstAccount) + firstAccount.length;
    const answer = answers[Number(text.slice(at, at + 4))];
    if (answer === undefined) throw new Error(`no prepared answer for ${text.slice(0, 80)}`);
    return new Response(answer, { headers: { 'content-type': 'application/json' } });
  };
}
