import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { userIdListSchema, userIdSchema } from '../user-id.js';
import { blackListCheck } from './black-list-check.js';
import { readBackReconciliation, writeAnswerSchema } from './write-result.js';

/**
 * The declaration of `v4/sns/black_list_add`, which adds accounts to one account's block list,
 * up to 1,000 per request: what `tim.blackListAdd` calls. Blocking someone ends the friendship
 * both ways; someone blocked cannot add the blocker (30515). After an unknown outcome the SDK
 * reads each account back with `blackListCheck` and reports what the block did, sending again
 * only those it shows not blocked.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.request(blackListAdd, { From_Account: 'alice', To_Account: ['mallory'] });
 * ```
 */
export const blackListAdd = declareBuiltIn({
  name: 'blackListAdd',
  path: 'v4/sns/black_list_add',
  summary: "Adds accounts to From_Account's block list (ending any friendship both ways)",
  effect: 'write',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      To_Account: userIdListSchema,
    },
    objectMessage,
  ),
  response: writeAnswerSchema,
  batch: { list: 'To_Account', max: 1000, results: 'ResultItem' },
  // Blocked: B is in A's block list, whatever B's list holds.
  reconcile: readBackReconciliation(blackListCheck, 'BlackCheckResult_Type_Both', (relation) => relation === 'BlackCheckResult_Type_AWithB' || relation === 'BlackCheckResult_Type_BothWay'),
});

/**
 * Request body of {@link blackListAdd}: `From_Account` and the non-empty `To_Account` list.
 *
 * @example
 * ```ts
 * const body: BlackListAddRequest = { From_Account: 'alice', To_Account: ['mallory'] };
 * const { ResultItem } = await tim.blackListAdd(body);
 * ```
 *
 * @useDeclaredType
 */
export type BlackListAddRequest = EndpointRequest<typeof blackListAdd>;

/**
 * Answer of {@link blackListAdd}: one `ResultItem` per account ({@link WriteResultItem}),
 * `Fail_Account` listing those not blocked (30001: already blocked; 30013: the block list is full).
 *
 * @example
 * ```ts
 * const answer: BlackListAddResponse = await tim.blackListAdd({ From_Account: 'alice', To_Account: ['mallory'] });
 * const full = answer.ResultItem.some((item) => item.ResultCode === 30013);
 * ```
 *
 * @useDeclaredType
 */
export type BlackListAddResponse = v.InferOutput<typeof blackListAdd.response>;
