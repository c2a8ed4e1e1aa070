import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { envelopeEntries, failAccountEntry, integerSchema } from '../envelope.js';
import { userIdSchema } from '../user-id.js';
import { groupNamesSchema } from './friend-fields.js';
import { writeAnswerSchema } from './write-result.js';

// A group_add answer carries ResultItem only when the request named friends.
const { ResultItem } = writeAnswerSchema.entries;

/**
 * The declaration of `v4/sns/group_add`, which creates friend groups for one account (at most 32
 * per account, names at most 30 bytes) and, with `To_Account`, puts up to 1,000 of its friends in
 * all of them: what `tim.groupAdd` calls. The answer's `CurrentSequence` is the account's group
 * sequence after the change. A list of friends is sent whole (`batch.whole`): in one request,
 * never split, streamed or retried account by account, since a second request would create the
 * groups again; a friend that is not one answers 32216. Neither
 * idempotent nor reconcilable by the service's documentation: after an unknown outcome the SDK
 * reports -6 and sends nothing again (`groupGet` shows what was created).
 *
 * @example
 * ```ts
 * const { CurrentSequence, ResultItem } = await tim.request(groupAdd, { From_Account: 'alice', GroupName: ['Work'], To_Account: ['bob'] });
 * ```
 */
export const groupAdd = declareBuiltIn({
  name: 'groupAdd',
  path: 'v4/sns/group_add',
  summary: 'Creates friend groups for From_Account, and puts friends (To_Account) in them',
  effect: 'write',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      GroupName: groupNamesSchema,
      To_Account: v.optional(
        v.pipe(
          v.array(userIdSchema, 'must be an array of UserIDs'),
          v.nonEmpty('must not be empty (leave it out to create empty groups)'),
          v.maxLength(1000, 'must hold at most 1000 accounts (group_add is one request: it is not split)'),
        ),
      ),
    },
    objectMessage,
  ),
  response: v.looseObject({ ...envelopeEntries, ...failAccountEntry, CurrentSequence: v.optional(integerSchema), ResultItem: v.optional(ResultItem) }, objectMessage),
  // A body without To_Account is one plain request; with it, one result per friend, in one request.
  batch: { list: 'To_Account', max: 1000, results: 'ResultItem', whole: true },
});

/**
 * Request body of {@link groupAdd}: `From_Account`, the `GroupName` list (1 to 32 names) and,
 * optionally, the friends to put in every new group (`To_Account`, at most 1,000).
 *
 * @example
 * ```ts
 * const body: GroupAddRequest = { From_Account: 'alice', GroupName: ['Work', 'Family'] };
 * const { CurrentSequence } = await tim.groupAdd(body);
 * ```
 *
 * @useDeclaredType
 */
export type GroupAddRequest = EndpointRequest<typeof groupAdd>;

/**
 * Answer of {@link groupAdd}: `CurrentSequence` (the account's group sequence after the change)
 * and, when the request named friends, one `ResultItem` per friend ({@link WriteResultItem};
 * 32216: not a friend) with `Fail_Account`.
 *
 * @example
 * ```ts
 * const answer: GroupAddResponse = await tim.groupAdd({ From_Account: 'alice', GroupName: ['Work'], To_Account: ['bob'] });
 * const notFriends = (answer.ResultItem ?? []).filter((item) => item.ResultCode === 32216).map((item) => item.To_Account);
 * ```
 *
 * @useDeclaredType
 */
export type GroupAddResponse = v.InferOutput<typeof groupAdd.response>;
