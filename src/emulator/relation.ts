/**
 * The relation vocabulary of friend_check, declared here rather than imported from the core so
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
