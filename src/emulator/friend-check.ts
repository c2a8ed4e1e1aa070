/** The emulated `v4/sns/friend_check`. */
import { friendCheck } from '../endpoints/sns/friend-check.js';
import { accountResult } from './answers.js';
import type { EmulatedBatch } from './emulated-endpoint.js';

// The docs' own sample: a failed item still carries a Relation, which callers must not trust,
// and this ResultInfo, the only one the docs give for friend_check.
const failureInfo = 'Err_SNS_FriendCheck_Check_Relation_Exec_Task_Fail';

/**
 * friend_check: one item per `To_Account` entry (duplicates answered each time) with the
 * relation {@link EmulatorStore.relation} gives, at most 1,000 accounts per request.
 */
export const emulatedFriendCheck: EmulatedBatch<typeof friendCheck, 'v4/sns/friend_check', string> = {
  kind: 'batch',
  declaration: friendCheck,
  path: 'v4/sns/friend_check',
  entry(account, { From_Account: from, CheckType: checkType }, { store }) {
    const result = { To_Account: account, Relation: store.relation(from, account, checkType), ResultCode: 0, ResultInfo: '' };
    return { result, applied: false };
  },
  failedEntry(account, code) {
    return { ...accountResult(account, code, failureInfo), Relation: 'CheckResult_Type_NoRelation' };
  },
};
