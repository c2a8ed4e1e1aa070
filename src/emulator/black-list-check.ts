/** The emulated `v4/sns/black_list_check`. */
import { blackListCheck } from '../endpoints/sns/black-list-check.js';
import { accountResult } from './answers.js';
import type { EmulatedBatch } from './emulated-endpoint.js';

/**
 * black_list_check: one item per `To_Account` entry (duplicates answered each time) with the
 * relation {@link EmulatorStore.blockRelation} gives, at most 1,000 accounts per request. A
 * failed item carries `Relation: 'BlackCheckResult_Type_NO'`, as friend_check's does: callers
 * must not trust it.
 */
export const emulatedBlackListCheck: EmulatedBatch<typeof blackListCheck, 'v4/sns/black_list_check', string> = {
  kind: 'batch',
  declaration: blackListCheck,
  path: 'v4/sns/black_list_check',
  entry(account, { From_Account: from, CheckType: checkType }, { store }) {
    const result = { To_Account: account, Relation: store.blockRelation(from, account, checkType), ResultCode: 0, ResultInfo: '' };
    return { result, applied: false };
  },
  failedEntry(account, code) {
    return { ...accountResult(account, code, 'Err_SNS_BlackListCheck_Check_Relation_Exec_Task_Fail'), Relation: 'BlackCheckResult_Type_NO' };
  },
};
