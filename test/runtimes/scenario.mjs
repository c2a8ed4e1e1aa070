// The runtime matrix's scenario: what every runtime (Node 22, Node 24, the machine's Node, Bun,
// Deno) must do with the built package. Plain JavaScript, web platform APIs and `process.env`
// (all three runtimes have it), so that each runtime runs it as is. Two entries load it:
// esm.mjs (the ESM build imported, the CJS build required beside it) and cjs.cjs (the other way
// round). It throws at the first broken promise, naming the runtime, and returns facts for
// runtimes.test.ts to check against the emulator server it started (TIMFETCH_SCENARIO says where
// it is and what to ask).

const publicNames = ['createClient', 'friendCheck', 'friendGetList', 'genUserSig', 'verifyUserSig', 'TimError', 'TimValidationError', 'isTimError', 'isTimApiError', 'isTimValidationError'];
const relationLetters = {
  CheckResult_Type_AWithB: 'A',
  CheckResult_Type_BWithA: 'B',
  CheckResult_Type_BothWay: 'W',
  CheckResult_Type_NoRelation: 'N',
};

/** The runtime running this script: Bun and Deno also set `process.versions.node`, so ask them first. */
function currentRuntime() {
  if (globalThis.Deno !== undefined) return { name: 'deno', version: globalThis.Deno.version.deno };
  if (globalThis.Bun !== undefined) return { name: 'bun', version: globalThis.Bun.version };
  return { name: 'node', version: process.versions.node };
}

/** Calls `body`, returning what it threw (undefined if nothing). */
async function thrown(body) {
  try {
    await body();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** One log record per call: console-style loggers get (message, record). */
function recordingLogger() {
  const records = [];
  const collect = (...args) => {
    for (const arg of args) if (typeof arg === 'object' && arg !== null) records.push(arg);
  };
  return { records, logger: { debug: collect, info: collect, warn: collect, error: collect } };
}

/**
 * @param {{
 *   format: 'esm' | 'cjs',
 *   main: typeof import('../../dist/index.js'),
 *   other: typeof import('../../dist/index.js'),
 *   emulator: typeof import('../../dist/emulator.js'),
 *   limits: typeof import('../../dist/plugins/rate-limit.js'),
 * }} builds main: the build of `format`; other: the other format's build; emulator: `timfetch/emulator` of `format`;
 *   limits: `timfetch/plugins/rate-limit` of `format`.
 */
export async function runScenario({ format, main, other, emulator, limits }) {
  const runtime = currentRuntime();
  const check = (ok, promise) => {
    if (!ok) throw new Error(`${runtime.name} ${runtime.version} (${format}): ${promise}`);
  };
  const config = JSON.parse(process.env.TIMFETCH_SCENARIO ?? 'null');
  check(config !== null, 'TIMFETCH_SCENARIO is set');
  const { url, sdkAppId, secretKey, from, accounts: count, chunkSize, rateLimit, signedAt } = config;
  const app = { sdkAppId, secretKey, identifier: 'administrator' };
  const accounts = Array.from({ length: count }, (_, i) => `peer_${i}`);

  // Both builds load side by side, as two copies with their own classes.
  for (const name of publicNames) check(main[name] !== undefined && other[name] !== undefined, `both builds export ${name}`);
  check(main.TimError !== other.TimError, 'the ESM and CJS builds are separate copies');

  // A signed, chunked call with retries through the rate limiter, against the emulator server.
  const { records, logger } = recordingLogger();
  // One budget for both clients below: they call friend_check alike (the writer to reconcile).
  const store = limits.memoryStore();
  const tim = main.createClient({
    ...app,
    baseUrl: url,
    chunking: { chunkSize },
    retry: { retries: 10, minDelay: 1, maxDelay: 20 },
    rateLimit: { ...rateLimit, store },
    logger,
    logLevel: 'debug',
  });
  const answer = await tim.friendCheck({ From_Account: from, To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
  check(answer.InfoItem.length === accounts.length, `one InfoItem per account (${answer.InfoItem.length} of ${accounts.length})`);
  check(answer.InfoItem.every((item, i) => item.To_Account === accounts[i]), 'InfoItem in request order');
  check(answer.InfoItem.every((item) => item.ResultCode === 0) && (answer.Fail_Account ?? []).length === 0, 'no account failed after retries');
  const events = (name) => records.filter((record) => record.event === name).length;

  // Writes through the same faults: an add and a delete of 150 accounts, in chunks of 5 so that
  // dropped connections hit some. Lost answers are reconciled, never sent again blindly, and no
  // runtime may re-send one by itself.
  const written = accounts.slice(0, 150);
  const writer = main.createClient({ ...app, baseUrl: url, chunking: { chunkSize: 5 }, retry: { retries: 10, minDelay: 1, maxDelay: 20 }, rateLimit: { ...rateLimit, store }, logger, logLevel: 'debug' });
  const added = await writer.friendAdd({ From_Account: from, AddFriendItem: written.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Matrix' })), ForceAddFlags: 1 });
  check(added.ResultItem.length === written.length && added.ResultItem.every((item, i) => item.To_Account === written[i]), 'friend_add: one ResultItem per account, in order');
  const deleted = await writer.friendDelete({ From_Account: from, To_Account: written, DeleteType: 'Delete_Type_Both' });
  check(deleted.ResultItem.length === written.length, 'friend_delete: one ResultItem per account');
  check(!JSON.stringify(records).includes(secretKey), 'logs never carry the secret key');

  // UserSig: made by one build, checked by the other; a UserSig is bound to its identifier. At a
  // fixed time, so that the test can check it too.
  const userSig = await main.genUserSig({ ...app, expire: 86_400, now: signedAt });
  const verified = await other.verifyUserSig({ ...app, userSig, now: signedAt + 1000 });
  const otherIdentifier = await other.verifyUserSig({ ...app, identifier: 'someone-else', userSig, now: signedAt + 1000 });
  check(verified.valid === true, `a UserSig from this build verifies in the other (${verified.reason})`);
  check(otherIdentifier.valid === false, 'a UserSig does not verify for another identifier');

  // Errors are recognised by brand across builds; instanceof is not.
  const badInput = { From_Account: from, To_Account: [], CheckType: 'CheckResult_Type_Both' };
  const offline = { ...app, fetch: () => Promise.reject(new Error('no I/O expected')) };
  const mainError = await thrown(() => main.createClient(offline).friendCheck(badInput));
  const otherError = await thrown(() => other.createClient(offline).friendCheck(badInput));
  check(mainError instanceof main.TimValidationError && !(mainError instanceof other.TimError), 'a validation error is its own build\'s class');
  check(other.isTimError(mainError) && other.isTimValidationError(mainError), 'the other build recognises this build\'s error');
  check(main.isTimError(otherError) && main.isTimValidationError(otherError), 'this build recognises the other build\'s error');

  // The emulator of this build, in process (no sockets), serving the other build's client: the
  // emulator module runs in every runtime, and a wrong key is an API error both builds recognise.
  const emu = emulator.createEmulator({ sdkAppId, secretKey, seed: 3, faults: { requestError: 0.2, itemError: 0.02 } });
  const few = accounts.slice(0, 300);
  for (const account of few.filter((_, i) => i % 3 === 0)) emu.store.addFriend('hub', account);
  const embedded = other.createClient({ ...app, fetch: emu.fetch, chunking: { chunkSize: 100 }, retry: { retries: 10, minDelay: 1, maxDelay: 5 } });
  const small = await embedded.friendCheck({ From_Account: 'hub', To_Account: few, CheckType: 'CheckResult_Type_Single' });
  check(small.InfoItem.length === few.length && small.InfoItem.every((item, i) => item.To_Account === few[i]), 'in-process emulator: one item per account, in order');
  check((small.Fail_Account ?? []).length === 0, 'in-process emulator: no account failed after retries');
  const embeddedRequests = emu.stats.requests;
  const wrongKey = other.createClient({ ...app, secretKey: `${secretKey}-wrong`, fetch: emu.fetch, retry: false });
  const apiError = await thrown(() => wrongKey.friendCheck({ From_Account: 'hub', To_Account: few.slice(0, 1), CheckType: 'CheckResult_Type_Single' }));
  check(main.isTimApiError(apiError) && !(apiError instanceof main.TimError), `a UserSig signed with the wrong key is a TimApiError (${apiError})`);

  return {
    runtime,
    format,
    writes: {
      added: added.ResultItem.filter((item) => item.ResultCode === 0).map((item) => item.To_Account),
      deleted: deleted.ResultItem.filter((item) => item.ResultCode === 0).map((item) => item.To_Account),
    },
    http: {
      relations: answer.InfoItem.map((item) => relationLetters[item.Relation] ?? '?').join(''),
      // By endpoint: friend_check's own and the reconciliations', and the writes'.
      attempts: Object.fromEntries(['friendCheck', 'friendAdd', 'friendDelete'].map((name) => [name, records.filter((record) => record.event === 'attempt.start' && record.endpoint === name).length])),
      retries: events('retry'),
      rateLimitWaits: events('rate-limit.wait'),
    },
    userSig,
    embedded: {
      requests: embeddedRequests,
      friends: small.InfoItem.filter((item) => item.Relation === 'CheckResult_Type_AWithB').length,
      apiErrorCode: apiError.code,
    },
  };
}
