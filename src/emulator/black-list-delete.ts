/** The emulated `v4/sns/black_list_delete`. */
import { blackListDelete } from '../endpoints/sns/black-list-delete.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import { appliedEntry, failedWrite, refusedEntry } from './friendship-write.js';

/**
 * black_list_delete, account by account in list order, at most 1,000 per request: each account
 * leaves `From_Account`'s block list, 30001 when it is not there. The friendship the block
 * ended does not come back.
 */
export const emulatedBlackListDelete: EmulatedBatch<typeof blackListDelete, 'v4/sns/black_list_delete', string> = {
  kind: 'batch',
  declaration: blackListDelete,
  path: 'v4/sns/black_list_delete',
  entry(account, { From_Account: from }, { store }) {
    if (!store.removeBlock(from, account)) return refusedEntry(account, 30001, 'Err_SNS_BlackListDelete_Not_Exist');
    return appliedEntry(account);
  },
  failedEntry: failedWrite,
};
