import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { envelopeEntries, integerSchema } from '../envelope.js';
import { userIdSchema } from '../user-id.js';

/**
 * One blocked account of a {@link blackListGet} page, and when it was blocked (Unix seconds).
 *
 * @example
 * ```ts
 * for await (const page of tim.paginate(blackListGet, { From_Account: 'alice', MaxLimited: 1000 })) {
 *   for (const item of page.BlackListItem) console.log(item.To_Account, new Date(item.AddBlackTimeStamp * 1000));
 * }
 * ```
 */
export interface BlackListItem {
  /** The blocked account. */
  To_Account: string;
  /** When it was blocked, in Unix seconds. */
  AddBlackTimeStamp: number;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

const blackListItemSchema = v.looseObject({ To_Account: v.string('must be a string'), AddBlackTimeStamp: integerSchema }, objectMessage) as v.GenericSchema<unknown, BlackListItem>;

const nonNegative = v.pipe(integerSchema, v.minValue(0, 'must not be negative'));

/**
 * The declaration of `v4/sns/black_list_get`, which lists one account's block list, `MaxLimited`
 * (at most 1,000) per page: what `tim.blackListGet` calls for one page, and `tim.paginate` walks
 * from the first page to the last. The walk owns `StartIndex` (each answer's `StartIndex` is the
 * next page's; 0 after the last) and sends `LastSequence` 0 on every page, so that no page is
 * left out as unchanged; the caller's `MaxLimited` is kept. The answer's sequence is read from
 * either spelling the service's samples show (`CurruentSequence`, `CurrentSequence`).
 *
 * @example
 * ```ts
 * const blocked: string[] = [];
 * for await (const page of tim.paginate(blackListGet, { From_Account: 'alice', MaxLimited: 1000 })) {
 *   blocked.push(...page.BlackListItem.map((item) => item.To_Account));
 * }
 * ```
 */
export const blackListGet = declareBuiltIn({
  name: 'blackListGet',
  path: 'v4/sns/black_list_get',
  summary: "Lists From_Account's block list, page by page",
  effect: 'read',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      StartIndex: nonNegative,
      // The command's page size when --max-limited is not given: the most the service allows.
      MaxLimited: v.pipe(integerSchema, v.minValue(1, 'must be at least 1'), v.maxValue(1000, 'must be at most 1000'), v.metadata({ flagDefault: 1000 })),
      LastSequence: nonNegative,
    },
    objectMessage,
  ),
  response: v.looseObject(
    {
      ...envelopeEntries,
      BlackListItem: v.optional(v.array(blackListItemSchema, 'must be an array'), []),
      StartIndex: integerSchema,
      CurruentSequence: v.optional(integerSchema),
      CurrentSequence: v.optional(integerSchema),
    },
    objectMessage,
  ),
  paged: { cursor: 'StartIndex', next: 'StartIndex', items: 'BlackListItem', set: { LastSequence: 0 } },
});

/**
 * Request body of {@link blackListGet} for one page: `From_Account`, `StartIndex` (0 for the
 * first page, then each answer's `StartIndex`), `MaxLimited` (1 to 1,000 per page) and
 * `LastSequence` (0). `tim.paginate` takes it without `StartIndex` and `LastSequence`.
 *
 * @example
 * ```ts
 * const first: BlackListGetRequest = { From_Account: 'alice', StartIndex: 0, MaxLimited: 100, LastSequence: 0 };
 * const page = await tim.blackListGet(first);
 * ```
 *
 * @useDeclaredType
 */
export type BlackListGetRequest = EndpointRequest<typeof blackListGet>;

/**
 * One page of {@link blackListGet}: `BlackListItem` (the blocked accounts), `StartIndex` (the
 * next page's, 0 after the last page) and the block list's sequence (`CurruentSequence` or
 * `CurrentSequence`, as the service spells it).
 *
 * @example
 * ```ts
 * const page: BlackListGetResponse = await tim.blackListGet({ From_Account: 'alice', StartIndex: 0, MaxLimited: 100, LastSequence: 0 });
 * console.log(page.BlackListItem.length, page.StartIndex === 0 ? 'last page' : `next: ${page.StartIndex}`);
 * ```
 *
 * @useDeclaredType
 */
export type BlackListGetResponse = v.InferOutput<typeof blackListGet.response>;
