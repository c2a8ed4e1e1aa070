// `npm start`: runs both endpoints through the default client against a small local IM server
// that checks every request's signature like the service does. (A full emulator replaces it.)
import { createServer } from 'node:http';
import { createClient, verifyUserSig } from 'timfetch';

const app = { sdkAppId: 1400000000, identifier: 'administrator', secretKey: 'demo-secret-key-not-a-real-one' };

// alice's friend list: friend → remark and groups.
const friendsOfAlice = new Map([
  ['bob', { remark: 'Bobby', groups: ['work'] }],
  ['carol', { remark: 'Carol C.', groups: ['family', 'climbing'] }],
]);
const friendsOf = (owner) => (owner === 'alice' ? friendsOfAlice : owner === 'bob' ? new Map([['alice', {}]]) : new Map());

const relation = (from, to, type) => {
  const aWithB = friendsOf(from).has(to);
  const bWithA = friendsOf(to).has(from);
  if (type === 'CheckResult_Type_Single') return aWithB ? 'CheckResult_Type_AWithB' : 'CheckResult_Type_NoRelation';
  if (aWithB && bWithA) return 'CheckResult_Type_BothWay';
  return aWithB ? 'CheckResult_Type_AWithB' : bWithA ? 'CheckResult_Type_BWithA' : 'CheckResult_Type_NoRelation';
};

const answers = {
  '/v4/sns/friend_check': ({ From_Account, To_Account, CheckType }) =>
    To_Account.map((To_Account) => ({ To_Account, Relation: relation(From_Account, To_Account, CheckType), ResultCode: 0, ResultInfo: '' })),
  '/v4/sns/friend_get_list': ({ From_Account, To_Account }) =>
    To_Account.map((To_Account) => {
      const friend = friendsOf(From_Account).get(To_Account);
      if (friend === undefined) return { To_Account, ResultCode: 30001, ResultInfo: 'Err_SNS_FriendGetList_Friend_Not_Exist' };
      const SnsProfileItem = [
        { Tag: 'Tag_SNS_IM_Remark', Value: friend.remark },
        { Tag: 'Tag_SNS_IM_Group', Value: friend.groups },
      ];
      return { To_Account, SnsProfileItem, ResultCode: 0, ResultInfo: '' };
    }),
};

let requests = 0;
const server = createServer(async (req, res) => {
  requests++;
  const url = new URL(req.url, 'http://127.0.0.1');
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString());
  const { valid } = await verifyUserSig({ ...app, identifier: url.searchParams.get('identifier'), userSig: url.searchParams.get('usersig') });
  const items = valid ? answers[url.pathname]?.(body) : undefined;
  const answer = items
    ? { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', InfoItem: items }
    : { ActionStatus: 'FAIL', ErrorCode: valid ? 30001 : 70003, ErrorInfo: valid ? 'unknown command' : 'usersig invalid' };
  const failed = items?.filter((item) => item.ResultCode !== 0).map((item) => item.To_Account) ?? [];
  if (failed.length > 0) answer.Fail_Account = failed;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

const tim = createClient({ ...app, baseUrl });
console.log(`timfetch demo against a local IM server at ${baseUrl}`);
console.log(`pipeline: ${tim.describePipeline().map(({ phase, name }) => `${phase}:${name}`).join(' → ')} → transport\n`);

const check = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'], CheckType: 'CheckResult_Type_Both' });
console.log('friend_check alice →');
for (const item of check.InfoItem) console.log(`  ${item.To_Account.padEnd(6)} ${item.Relation}`);

const list = await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'], TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group'] });
console.log('friend_get_list alice →');
for (const item of list.InfoItem) {
  const fields = item.SnsProfileItem?.map(({ Tag, Value }) => `${Tag.replace('Tag_SNS_IM_', '')}=${JSON.stringify(Value)}`).join(' ');
  console.log(`  ${item.To_Account.padEnd(6)} ${item.ResultCode === 0 ? fields : `failed ${item.ResultCode} ${item.ResultInfo}`}`);
}
console.log(`\n${requests} signed requests, Fail_Account: ${JSON.stringify(list.Fail_Account ?? [])}`);
server.close();
