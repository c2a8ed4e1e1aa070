/**
 * The relation vocabulary of friend_check and black_list_check, declared here rather than imported from the core so
 * that the emulator's bundled type declarations stand alone (importing the core's types pulls
 * its private declarations into a shared chunk). A test checks that both stay identical.
 */

/**
 * The `CheckType` values friend_check accepts: the same union as timfetch's `FriendCheckType`.
 *
 * @example
 * ```ts
 * const checkType: CheckType = 'CheckResult_Type_Both';
 * emu.store.relation('alice', 'bob', checkType);
 * ```
 */
export type CheckType = 'CheckResult_Type_Single' | 'CheckResult_Type_Both';

/**
 * A `Relation` friend_check answers: the same union as timfetch's `FriendRelation`.
 *
 * @example
 * ```ts
 * const relation: Relation = emu.store.relation('alice', 'bob', 'CheckResult_Type_Single'); // 'CheckResult_Type_AWithB' or 'CheckResult_Type_NoRelation'
 * ```
 */
export type Relation = 'CheckResult_Type_BothWay' | 'CheckResult_Type_AWithB' | 'CheckResult_Type_BWithA' | 'CheckResult_Type_NoRelation';

/**
 * The `CheckType` values black_list_check accepts: the same union as timfetch's
 * `BlackListCheckRequest['CheckType']`.
 *
 * @example
 * ```ts
 * const checkType: BlockCheckType = 'BlackCheckResult_Type_Both';
 * emu.store.blockRelation('alice', 'bob', checkType);
 * ```
 */
export type BlockCheckType = 'BlackCheckResult_Type_Both' | 'BlackCheckResult_Type_Single';

/**
 * A `Relation` black_list_check answers: the same union as timfetch's `BlackListRelation`.
 *
 * @example
 * ```ts
 * const relation: BlockRelation = emu.store.blockRelation('alice', 'bob', 'BlackCheckResult_Type_Single'); // 'BlackCheckResult_Type_AWithB' or 'BlackCheckResult_Type_NO'
 * ```
 */
export type BlockRelation = 'BlackCheckResult_Type_BothWay' | 'BlackCheckResult_Type_AWithB' | 'BlackCheckResult_Type_BWithA' | 'BlackCheckResult_Type_NO';
