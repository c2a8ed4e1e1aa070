// The hot path DESIGN.md names: parse and validate a 1,000-account friend_check answer (~90 KB).
// At 200 requests/s the client must decode 200,000 items/s; one decode must stay well under 5 ms.
import { bench, describe } from 'vitest';
import { decodeResponse } from '../src/decode-response.js';
import { friendCheck } from '../src/endpoints/friend-check.js';
import { friendGetList } from '../src/endpoints/friend-get-list.js';

const relations = ['CheckResult_Type_BothWay', 'CheckResult_Type_AWithB', 'CheckResult_Type_BWithA', 'CheckResult_Type_NoRelation'];
const checkAnswer = JSON.stringify({
  ActionStatus: 'OK',
  ErrorCode: 0,
  ErrorInfo: '',
  ErrorDisplay: '',
  InfoItem: Array.from({ length: 1000 }, (_, i) => ({
    To_Account: `user_${String(i).padStart(6, '0')}`,
    Relation: relations[i % 4],
    ResultCode: 0,
    ResultInfo: '',
  })),
});

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

describe('decodeResponse', () => {
  bench(`friend_check, 1,000 items (${Math.round(checkAnswer.length / 1024)} KiB)`, () => {
    decodeResponse(friendCheck, checkAnswer);
  });
  bench('JSON.parse alone, same body (floor)', () => {
    JSON.parse(checkAnswer);
  });
  bench(`friend_get_list, 100 items x 4 tags (${Math.round(getListAnswer.length / 1024)} KiB)`, () => {
    decodeResponse(friendGetList, getListAnswer);
  });
});
