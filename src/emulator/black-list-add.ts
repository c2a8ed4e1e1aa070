/** The emulated `v4/sns/black_list_add`. */
import { blackListAdd } from '../endpoints/sns/black-list-add.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import { appliedEntry, failedWrite, refusedEntry } from './friendship-write.js';

/**
 * black_list_add, account by account in list order, at most 1,000 per request. For each
 * `To_Account`: itself → 30001; an account that does not exist → 30003; already in
 * `From_Account`'s block list → 30001 (`Err_SNS_BlackListAdd_Already_Exist`, the docs' sample);
 * the block list full (`blockListLimit`) → 30013. Otherwise the account enters the block list
 * with the emulator's clock as `AddBlackTimeStamp`, any friendship between the two ends both
 * ways, and any friend request between them is forgotten.
 */
export const emulatedBlackListAdd: EmulatedBatch<typeof blackListAdd, 'v4/sns/black_list_add', string> = {
  kind: 'batch',
  declaration: blackListAdd,
  path: 'v4/sns/black_list_add',
  entry(account, { From_Account: from }, { store, config }) {
    if (account === from) return refusedEntry(account, 30001, 'Err_SNS_BlackListAdd_Add_Self');
    if (!store.hasAccount(account)) return refusedEntry(account, 30003, 'Err_SNS_BlackListAdd_Account_Not_Exist');
    if (store.isBlocked(from, account)) return refusedEntry(account, 30001, 'Err_SNS_BlackListAdd_Already_Exist');
    if (store.blockCount(from) >= config.blockListLimit) return refusedEntry(account, 30013, 'Err_SNS_BlackListAdd_Black_Num_Exceed_Threshold');
    store.addBlock(from, account);
    return appliedEntry(account);
  },
  failedEntry: failedWrite,
};
