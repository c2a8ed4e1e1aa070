// The hot path DESIGN.md names: parse and validate a 1,000-account friend_check answer (~95 KiB).
// Issue 11 row 3 compares decodeResponse with the JSON.parse floor of the same string,
// interleaved in one bench; friend_get_list is kept as a plain figure for RESULTS.md.
import { bench, describe } from 'vitest';
import type * as Decoding from '../src/transport/decode-response.js';
import type * as Endpoints from '../src/index.js';
import { bundled } from './support/bundled.js';
import { answerBody } from './support/friend-check-fixture.js';
import { interleaved } from './support/interleaved.js';

// decodeResponse is internal (not in dist/): measured bundled from src/ as dist/ would hold it.
const { decodeResponse, friendCheck, friendGetList } = await bundled<typeof Decoding & typeof Endpoints>(
  "export { decodeResponse } from './src/transport/decode-response.ts'; export { friendCheck, friendGetList } from './src/index.ts';",
);

const checkAnswer = answerBody(1000);

const getListAnswer = JSON.stringify({
  ActionStatus: 'OK',
  ErrorCode: 0,
  InfoItem: Array.from({ length: 100 }, (_, i) => ({
    To_Account: `user_${i}`,
    SnsProfileItem: [
      { Tag: 'Tag_SNS_IM_Remark', Value: `remark ${i}` },
      { Tag: 'Tag_SNS_IM_Group', Value: ['work', 'family'] },
      { Tag: 'Tag_SNS_IM_AddTime', Value: 1700000000 + i },
      { Tag: 'Tag_Profile_IM_Nick', Value: `nick ${i}` },
    ],
    ResultCode: 0,
    ResultInfo: '',
  })),
});

describe(`3. decode one 1,000-item friend_check answer (${Math.round(checkAnswer.length / 1024)} KiB)`, () => {
  interleaved({
    row: '3 decode 1,000 items',
    ours: { label: 'decodeResponse(friendCheck)', run: () => decodeResponse(friendCheck, checkAnswer) },
    theirs: { label: 'JSON.parse', run: () => JSON.parse(checkAnswer) as unknown },
    measure: 'wall',
    target: 1.3,
    options: { time: 4000, warmupTime: 500 },
  });
});

describe('decodeResponse, friend_get_list', () => {
  bench(`friend_get_list, 100 items x 4 tags (${Math.round(getListAnswer.length / 1024)} KiB)`, () => {
    decodeResponse(friendGetList, getListAnswer);
  });
});
