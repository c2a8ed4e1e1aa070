import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { userIdListSchema, userIdSchema } from '../user-id.js';
import { blackListCheck } from './black-list-check.js';
import { readBackReconciliation, writeAnswerSchema } from './write-result.js';

/**
 * The declaration of `v4/sns/black_list_delete`, which removes accounts from one account's block
 * list, up to 1,000 per request: what `tim.blackListDelete` calls. The friendship the block
 * ended does not come back. After an unknown outcome the SDK reads each account back with
 * `blackListCheck` and reports what the unblock did, sending again only those it shows still
 * blocked.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.request(blackListDelete, { From_Account: 'alice', To_Account: ['mallory'] });
 * ```
 */
export const blackListDelete = declareBuiltIn({
  name: 'blackListDelete',
  path: 'v4/sns/black_list_delete',
  summary: "Removes accounts from From_Account's block list",
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
  // Unblocked: B is no longer in A's block list, whatever B's list holds.
  reconcile: readBackReconciliation(blackListCheck, 'BlackCheckResult_Type_Both', (relation) => relation === 'BlackCheckResult_Type_NO' || relation === 'BlackCheckResult_Type_BWithA'),
});

/**
 * Request body of {@link blackListDelete}: `From_Account` and the non-empty `To_Account` list.
 *
 * @example
 * ```ts
 * const body: BlackListDeleteRequest = { From_Account: 'alice', To_Account: ['mallory'] };
 * const { ResultItem } = await tim.blackListDelete(body);
 * ```
 *
 * @useDeclaredType
 */
export type BlackListDeleteRequest = EndpointRequest<typeof blackListDelete>;

/**
 * Answer of {@link blackListDelete}: one `ResultItem` per account ({@link WriteResultItem}),
 * `Fail_Account` listing those not unblocked (30001: was not blocked).
 *
 * @example
 * ```ts
 * const answer: BlackListDeleteResponse = await tim.blackListDelete({ From_Account: 'alice', To_Account: ['mallory'] });
 * const wasNotBlocked = answer.ResultItem.filter((item) => item.ResultCode === 30001).map((item) => item.To_Account);
 * ```
 *
 * @useDeclaredType
 */
export type BlackListDeleteResponse = v.InferOutput<typeof blackListDelete.response>;
