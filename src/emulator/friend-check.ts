/** The emulated `v4/sns/friend_check`. */
import * as v from 'valibot';
import { objectMessage } from '../util/validate.js';
import type { InfoItem } from './answers.js';
import { accountListSchema, checkBody, fromAccountSchema, type EmulatedEndpoint } from './emulated-endpoint.js';
import type { CheckType } from './relation.js';

const checkTypes = ['CheckResult_Type_Single', 'CheckResult_Type_Both'] as const satisfies readonly CheckType[];

const bodySchema = v.looseObject(
  {
    From_Account: fromAccountSchema,
    To_Account: accountListSchema(1000),
    CheckType: v.picklist(checkTypes, 'must be CheckResult_Type_Single or CheckResult_Type_Both'),
  },
  objectMessage,
);

// The docs' own sample: a failed item still carries a Relation, which callers must not trust,
// and this ResultInfo, the only one the docs give for friend_check.
const failureInfo = {
  30006: 'Err_SNS_FriendCheck_Check_Relation_Exec_Task_Fail',
  30007: 'Err_SNS_FriendCheck_Check_Relation_Exec_Task_Fail',
} as const;

/**
 * friend_check: one item per `To_Account` entry (duplicates answered each time) with the
 * relation {@link EmulatorStore.relation} gives, at most 1,000 accounts per request.
 */
export const friendCheckEndpoint: EmulatedEndpoint = {
  path: 'v4/sns/friend_check',
  answer(store, body) {
    const checked = checkBody(bodySchema, body, store);
    if (!('request' in checked)) return checked;
    const { From_Account: from, To_Account: accounts, CheckType: checkType } = checked.request;
    const items: InfoItem[] = accounts.map((account) => ({
      To_Account: account,
      Relation: store.relation(from, account, checkType),
      ResultCode: 0,
      ResultInfo: '',
    }));
    return { items };
  },
  failedItem(account, code) {
    return { To_Account: account, Relation: 'CheckResult_Type_NoRelation', ResultCode: code, ResultInfo: failureInfo[code] };
  },
};
