import { parseArgs } from 'node:util';
import { createClient } from '../client.js';
import type { BatchItem } from '../batch.js';
import type { CommandIo } from './command-io.js';
import { readAccounts } from './accounts.js';
import type { Command } from './command.js';
import { connectionFlags, connectionOptions } from './connection.js';
import { friendCheckHelp, friendGetListHelp } from './help.js';
import { formatTable } from './table.js';
import { UsageError } from './usage-error.js';

const checkTypes = { both: 'CheckResult_Type_Both', single: 'CheckResult_Type_Single' } as const;

const listFlags = { ...connectionFlags, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } } as const;
const checkFlags = { ...listFlags, type: { type: 'string' } } as const;
const getListFlags = { ...listFlags, tags: { type: 'string' } } as const;

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${flag}`);
  return value;
}

function resultCell(item: BatchItem): string {
  return item.ResultCode === 0 ? 'ok' : `${item.ResultCode} ${item.ResultInfo ?? ''}`.trim();
}

function summary(items: readonly BatchItem[]): string {
  const failed = items.filter((item) => item.ResultCode !== 0).length;
  return `${items.length} account${items.length === 1 ? '' : 's'}, ${failed} failed`;
}

/** `timfetch friend-check --from A --to B,C [--type both|single] [--json]` */
export const friendCheckCommand: Command = { flags: checkFlags, help: friendCheckHelp, run: friendCheck };

async function friendCheck(args: readonly string[], io: CommandIo): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: checkFlags, strict: true });
  const type = values.type ?? 'both';
  if (type !== 'both' && type !== 'single') throw new UsageError('--type must be both or single');
  const tim = createClient(connectionOptions(values, io.env));
  const answer = await tim.friendCheck(
    { From_Account: required(values.from, 'from'), To_Account: await readAccounts(required(values.to, 'to')), CheckType: checkTypes[type] },
    { signal: io.signal },
  );
  if (values.json === true) {
    io.print(JSON.stringify(answer, null, 2));
    return;
  }
  const rows = answer.InfoItem.map((item) => [
    item.To_Account,
    item.ResultCode === 0 ? String(item.Relation ?? '').replace('CheckResult_Type_', '') : '-',
    resultCell(item),
  ]);
  io.print(`${formatTable(['To_Account', 'Relation', 'Result'], rows)}\n${summary(answer.InfoItem)}`);
}

/** `timfetch friend-get-list --from A --to B,C --tags T1,T2 [--json]` */
export const friendGetListCommand: Command = { flags: getListFlags, help: friendGetListHelp, run: friendGetList };

async function friendGetList(args: readonly string[], io: CommandIo): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: getListFlags, strict: true });
  const tags = required(values.tags, 'tags').split(',').filter((tag) => tag !== '');
  const tim = createClient(connectionOptions(values, io.env));
  const answer = await tim.friendGetList(
    { From_Account: required(values.from, 'from'), To_Account: await readAccounts(required(values.to, 'to')), TagList: tags },
    { signal: io.signal },
  );
  if (values.json === true) {
    io.print(JSON.stringify(answer, null, 2));
    return;
  }
  const rows = answer.InfoItem.map((item) => {
    const values = new Map((item.SnsProfileItem ?? []).map(({ Tag, Value }) => [Tag, Array.isArray(Value) ? Value.join(', ') : String(Value)]));
    return [item.To_Account, ...tags.map((tag) => values.get(tag) ?? ''), resultCell(item)];
  });
  const header = ['To_Account', ...tags.map((tag) => tag.replace(/^Tag_(Profile|SNS)_(IM_)?/, '')), 'Result'];
  io.print(`${formatTable(header, rows)}\n${summary(answer.InfoItem)}`);
}
