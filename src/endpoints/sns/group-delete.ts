import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { envelopeEntries, integerSchema } from '../envelope.js';
import { userIdSchema } from '../user-id.js';
import { groupNamesSchema } from './friend-fields.js';

/**
 * The declaration of `v4/sns/group_delete`, which deletes friend groups of one account (their
 * friends stay friends, in no group): what `tim.groupDelete` calls. Deleting a deleted group
 * leaves the same state, so after an unknown outcome the SDK sends it again.
 *
 * @example
 * ```ts
 * const { CurrentSequence } = await tim.request(groupDelete, { From_Account: 'alice', GroupName: ['Old'] });
 * ```
 */
export const groupDelete = declareBuiltIn({
  name: 'groupDelete',
  path: 'v4/sns/group_delete',
  summary: 'Deletes friend groups of From_Account (their friends stay friends)',
  effect: 'write',
  idempotent: true,
  request: v.looseObject({ From_Account: userIdSchema, GroupName: groupNamesSchema }, objectMessage),
  response: v.looseObject({ ...envelopeEntries, CurrentSequence: v.optional(integerSchema) }, objectMessage),
});

/**
 * Request body of {@link groupDelete}: `From_Account` and the `GroupName` list (1 to 32 names).
 *
 * @example
 * ```ts
 * const body: GroupDeleteRequest = { From_Account: 'alice', GroupName: ['Old'] };
 * await tim.groupDelete(body);
 * ```
 *
 * @useDeclaredType
 */
export type GroupDeleteRequest = EndpointRequest<typeof groupDelete>;

/**
 * Answer of {@link groupDelete}: `CurrentSequence`, the account's group sequence after the change.
 *
 * @example
 * ```ts
 * const answer: GroupDeleteResponse = await tim.groupDelete({ From_Account: 'alice', GroupName: ['Old'] });
 * console.log(answer.CurrentSequence);
 * ```
 *
 * @useDeclaredType
 */
export type GroupDeleteResponse = v.InferOutput<typeof groupDelete.response>;
