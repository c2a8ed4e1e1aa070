import type { BatchItem } from './batch.js';

/**
 * The success shape of a batch item type: what {@link isOk} narrows an item to. For the built-in
 * endpoints it is the declared success item ({@link FriendCheckSuccessItem},
 * {@link FriendGetListSuccessItem}), where the fields a successful result always carries
 * (`Relation`, `SnsProfileItem`) are present. For any other item type it is the type with
 * `ResultCode: 0`.
 *
 * An endpoint made with {@link defineEndpoint} gets the same precision when its item type is a
 * union whose success member has `ResultCode: 0` (for example a valibot
 * `v.union([v.looseObject({ ResultCode: v.literal(0), … }), v.looseObject({ ResultCode: v.number(), … })])`).
 *
 * @typeParam Item - a per-account result type, such as {@link FriendCheckItem}.
 *
 * @example
 * ```ts
 * const relations = (items: readonly SuccessItem<FriendCheckItem>[]) => items.map((item) => item.Relation); // never undefined
 * const { InfoItem } = await tim.friendCheck(body);
 * console.log(relations(InfoItem.filter(isOk)));
 * ```
 */
export type SuccessItem<Item extends BatchItem> = [Extract<Item, { readonly ResultCode: 0 }>] extends [never]
  ? Item & { readonly ResultCode: 0 }
  : Extract<Item, { readonly ResultCode: 0 }>;

/**
 * The failure shape of a batch item type: what an item is known to be when {@link isOk} returned
 * false. It keeps `ResultCode` (not 0) and `ResultInfo`, the service's reason; the fields of a
 * successful result are optional and meaningless on it.
 *
 * @typeParam Item - a per-account result type, such as {@link FriendCheckItem}.
 *
 * @example
 * ```ts
 * const reasons = (items: readonly FailedItem<FriendCheckItem>[]) => items.map((item) => `${item.To_Account}: ${item.ResultCode} ${item.ResultInfo ?? ''}`);
 * ```
 */
export type FailedItem<Item extends BatchItem> = Exclude<Item, { readonly ResultCode: 0 }>;

/**
 * Whether a per-account result of a batch answer succeeded (`ResultCode` 0), as a type guard:
 * inside `if (isOk(item))` the item has its success shape ({@link SuccessItem}), so a
 * friend_check item's `Relation` and a friend_get_list item's `SnsProfileItem` are present
 * rather than optional; in the `else` branch it has its failure shape ({@link FailedItem}) with
 * its `ResultCode` and `ResultInfo`. Works on the items of any batch endpoint, and as the
 * callback of `filter`. Checking `item.ResultCode === 0` by hand gives the same verdict but
 * narrows nothing: TypeScript cannot tell "not 0" apart from `number`.
 *
 * @typeParam Item - the item type, inferred from the argument.
 * @param item - one result of the answer's `InfoItem` (or of a plugin's `answerItems`).
 * @returns true when `item.ResultCode` is 0.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob', 'carol'], CheckType: 'CheckResult_Type_Both' });
 * for (const item of InfoItem) {
 *   if (isOk(item)) console.log(item.To_Account, item.Relation); // Relation: FriendRelation | (string & {})
 *   else console.warn(item.To_Account, 'failed', item.ResultCode, item.ResultInfo);
 * }
 * const friends = InfoItem.filter(isOk).filter((item) => item.Relation === 'CheckResult_Type_BothWay');
 * ```
 */
export function isOk<Item extends BatchItem>(item: Item): item is SuccessItem<Item> {
  return item.ResultCode === 0;
}
