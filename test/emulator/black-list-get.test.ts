// black_list_get on the wire and through tim.paginate: pages of MaxLimited in the order blocked,
// every blocked account once, StartIndex of the next page (0 when done), the sequence in both
// spellings, and LastSequence.
import { describe, expect, it } from 'vitest';
import { blackListGet } from '../../src/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { post, setup } from './helpers.js';

const path = 'v4/sns/black_list_get';
const now = 1_700_000_000_000;

function withBlocks(count: number) {
  const { emu, tim } = setup({ now: () => now });
  emu.store.addAccount('alice');
  const blocked = Array.from({ length: count }, (_, i) => `b${String(i).padStart(2, '0')}`);
  for (const account of blocked) emu.store.block('alice', account);
  return { emu, tim, blocked };
}

async function page(emu: Emulator, body: Record<string, unknown>) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', LastSequence: 0, ...body });
  return json;
}

const accountsOf = (json: Record<string, unknown>) => (json.BlackListItem as { To_Account: string }[]).map((item) => item.To_Account);

describe('black_list_get pages', () => {
  it('answers in the wire shape, with the sequence in both spellings', async () => {
    const { emu } = withBlocks(1);
    const json = await page(emu, { StartIndex: 0, MaxLimited: 10 });
    expect(json).toEqual({
      BlackListItem: [{ To_Account: 'b00', AddBlackTimeStamp: now / 1000 }],
      StartIndex: 0,
      CurruentSequence: 1,
      CurrentSequence: 1,
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
  });

  it('walks every blocked account once, MaxLimited a page, StartIndex the next page and 0 after the last', async () => {
    const { emu, blocked } = withBlocks(7);
    const pages: Record<string, unknown>[] = [];
    let start = 0;
    do {
      pages.push(await page(emu, { StartIndex: start, MaxLimited: 3 }));
      start = pages.at(-1)?.StartIndex as number;
    } while (start !== 0);
    expect(pages.map(accountsOf)).toEqual([blocked.slice(0, 3), blocked.slice(3, 6), blocked.slice(6)]);
    expect(pages.map((answer) => answer.StartIndex)).toEqual([3, 6, 0]);
  });

  it('answers 0 on a page that ends the list exactly, and an empty last page past the end or for no blocks', async () => {
    const { emu } = withBlocks(6);
    expect((await page(emu, { StartIndex: 3, MaxLimited: 3 })).StartIndex).toBe(0);
    expect(await page(emu, { StartIndex: 6, MaxLimited: 3 })).toMatchObject({ BlackListItem: [], StartIndex: 0 });
    expect(await page(withBlocks(0).emu, { StartIndex: 0, MaxLimited: 3 })).toMatchObject({ BlackListItem: [], StartIndex: 0, CurrentSequence: 0 });
  });

  it('tim.paginate walks them all with a small MaxLimited', async () => {
    const { tim, blocked } = withBlocks(10);
    const seen: string[] = [];
    for await (const answer of tim.paginate(blackListGet, { From_Account: 'alice', MaxLimited: 4 })) seen.push(...answer.BlackListItem.map((item) => item.To_Account));
    expect(seen).toEqual(blocked);
  });

  it('advances the sequence on every block and unblock; the current LastSequence gets no items', async () => {
    const { emu } = withBlocks(2);
    await post(emu.fetch, 'v4/sns/black_list_delete', { From_Account: 'alice', To_Account: ['b00'] });
    const json = await page(emu, { StartIndex: 0, MaxLimited: 10 });
    expect(json).toMatchObject({ CurrentSequence: 3, CurruentSequence: 3 });
    expect(await page(emu, { StartIndex: 0, MaxLimited: 10, LastSequence: 3 })).toMatchObject({ BlackListItem: [], StartIndex: 0, CurrentSequence: 3 });
    expect(accountsOf(await page(emu, { StartIndex: 0, MaxLimited: 10, LastSequence: 2 }))).toEqual(['b01']);
  });

  it.each([
    ['a MaxLimited over 1000', { StartIndex: 0, MaxLimited: 1001, LastSequence: 0 }, 'MaxLimited: must be at most 1000'],
    ['no StartIndex', { MaxLimited: 10, LastSequence: 0 }, 'StartIndex: is required'],
  ])('answers 30001 for %s', async (_, body, reason) => {
    const { emu } = withBlocks(1);
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', ...body });
    expect(json).toMatchObject({ ErrorCode: 30001, ErrorInfo: `invalid request: ${reason}` });
  });
});
