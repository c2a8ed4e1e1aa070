// Calls a plugin directly with a fake `next`, as smithy-style middleware tests do.
import { friendCheck } from '../../src/endpoints/sns/friend-check.js';
import type { ApiResponse, Next, Plugin, RequestContext } from '../../src/pipeline/plugin.js';

export function context(overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    endpoint: friendCheck,
    client: { name: undefined, baseUrl: 'https://console.tim.qq.com' },
    callId: 'c1',
    body: { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' },
    query: { sdkappid: '1400000000', identifier: 'administrator', contenttype: 'json' },
    attempt: 1,
    timeout: 1000,
    signal: undefined,
    context: {},
    emit: () => {},
    request: () => Promise.reject(new Error('this test makes no other request')),
    ...overrides,
  };
}

/** Runs `plugin` once; `next` records the contexts it receives and answers with `answer`. */
export async function runPlugin(
  plugin: Plugin,
  answer: (ctx: RequestContext, call: number) => Promise<ApiResponse> = async () => ({ ErrorCode: 0 }),
  ctx: RequestContext = context(),
): Promise<{ result: ApiResponse; seen: RequestContext[] }> {
  const seen: RequestContext[] = [];
  const next: Next = (nextCtx = ctx) => {
    seen.push(nextCtx);
    return answer(nextCtx, seen.length - 1);
  };
  const result = await plugin.run(ctx, next);
  return { result, seen };
}
