/** The emulated `v4/sns/black_list_get`. */
import { blackListGet } from '../endpoints/sns/black-list-get.js';
import type { EmulatedWhole } from './emulated-endpoint.js';

/**
 * black_list_get: one page of `From_Account`'s block list, `MaxLimited` accounts from
 * `StartIndex`, in the order they were blocked, each with `AddBlackTimeStamp`. The answer's
 * `StartIndex` is the next page's, 0 after the last page (a `StartIndex` past the end answers an
 * empty last page). The block list's sequence, which advances on every block and unblock, is
 * answered in both spellings the docs show (`CurruentSequence` in the English sample,
 * `CurrentSequence` in the Chinese one). A request whose `LastSequence` is the current one (not
 * 0) gets no items: the caller has the list.
 */
export const emulatedBlackListGet: EmulatedWhole<typeof blackListGet, 'v4/sns/black_list_get'> = {
  kind: 'whole',
  declaration: blackListGet,
  path: 'v4/sns/black_list_get',
  answer({ From_Account: owner, StartIndex: start, MaxLimited: max, LastSequence: last }, { store }) {
    const sequence = store.record(owner)?.blockSequence ?? 0;
    const blocked = last !== 0 && last === sequence ? [] : store.blockEntries(owner);
    const page = blocked.slice(start, start + max);
    const next = start + page.length;
    return {
      fields: {
        BlackListItem: page.map(([To_Account, AddBlackTimeStamp]) => ({ To_Account, AddBlackTimeStamp })),
        StartIndex: page.length > 0 && next < blocked.length ? next : 0,
        CurruentSequence: sequence,
        CurrentSequence: sequence,
      },
    };
  },
};
