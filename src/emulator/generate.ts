/** The seeded generator of realistic account graphs behind `store.generate()`. */
import * as v from 'valibot';
import { TimValidationError } from '../errors/tim-validation-error.js';
import { maxUserIdBytes, utf8Length } from '../endpoints/user-id.js';
import { optionsObject, parseOrThrow } from '../util/validate.js';
import type { AccountRecord, GraphSink } from './account-record.js';
import { mulberry32, pick, randomInt, type RandomSource } from './mulberry32.js';
import type { FriendTags, ProfileTags } from './tags.js';
import { addSources, groupSets, locations, nicks, remarks, signatures, suffixes, tiers, wordings } from './vocabulary.js';

/**
 * The size and shape of the account graph {@link EmulatorStore.generate} adds: how many users,
 * how many friends each, how many friendships are mutual, the id prefix and the seed.
 *
 * @example
 * ```ts
 * const options: GenerateOptions = { users: 5000, friendsPerUser: 40, mutualShare: 0.8, prefix: 'load_', seed: 7 };
 * const ids = emu.store.generate(options);
 * ```
 */
export interface GenerateOptions {
  /** How many accounts to create (1 to 1,000,000). */
  users: number;
  /**
   * Mean length of a friend list. Lengths vary per account with a long tail (a few accounts
   * have several times the mean), capped at `users - 1`. A finite number, at least 0.
   * @defaultValue 20
   */
  friendsPerUser?: number;
  /**
   * Share of friendships that are mutual (each side in the other's list), from 0 to 1; the rest are one-way.
   * @defaultValue 0.6
   */
  mutualShare?: number;
  /**
   * Prefix of the generated ids, which are `prefix` + a zero-padded number from 1
   * (`user_00001` …). Every id must be new and at most 32 bytes.
   * @defaultValue 'user_'
   */
  prefix?: string;
  /**
   * Seed of the generator, a safe integer: the same seed and options give the same graph.
   * @defaultValue the emulator's `seed`
   */
  seed?: number;
}

const share = v.pipe(v.number('must be a number from 0 to 1'), v.minValue(0, 'must be a number from 0 to 1'), v.maxValue(1, 'must be a number from 0 to 1'));

const optionsSchema = optionsObject(
  {
    users: v.pipe(
      v.number('must be an integer from 1 to 1000000'),
      v.integer('must be an integer from 1 to 1000000'),
      v.minValue(1, 'must be an integer from 1 to 1000000'),
      v.maxValue(1_000_000, 'must be an integer from 1 to 1000000'),
    ),
    friendsPerUser: v.optional(v.pipe(v.number('must be a number >= 0'), v.finite('must be a number >= 0'), v.minValue(0, 'must be a number >= 0')), 20),
    mutualShare: v.optional(share, 0.6),
    prefix: v.optional(v.string('must be a string'), 'user_'),
    seed: v.optional(v.pipe(v.number('must be an integer'), v.safeInteger('must be an integer'))),
  },
  'a generate option',
);

// Friendships mostly form inside communities of about this size (colleagues, classmates),
// which gives the graph the clustering real ones have.
const communitySize = 200;
const communityShare = 0.7;
// Add times fall between 2016-01-01 and 2025-01-01: fixed, so a seed gives the same graph on any day.
const addTimeRange = [1_451_606_400, 1_735_689_600] as const;

function chance(random: RandomSource, p: number): boolean {
  return random() < p;
}

function generateProfile(random: RandomSource, id: string): ProfileTags {
  const profile: ProfileTags = {
    Tag_Profile_IM_Nick: pick(random, nicks) + pick(random, suffixes),
    Tag_Profile_IM_Gender: pick(random, ['Gender_Type_Female', 'Gender_Type_Male', 'Gender_Type_Female', 'Gender_Type_Male', 'Gender_Type_Unknown']),
    // Squaring skews levels low: most users are casual, a few are veterans.
    Tag_Profile_IM_Level: 1 + Math.floor(random() ** 2 * 100),
    Tag_Profile_IM_AllowType: pick(random, ['AllowType_Type_NeedConfirm', 'AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny']),
  };
  if (chance(random, 0.6)) profile.Tag_Profile_IM_Location = pick(random, locations);
  if (chance(random, 0.5)) profile.Tag_Profile_IM_Image = `https://avatars.example.com/${encodeURIComponent(id)}.png`;
  if (chance(random, 0.3)) profile.Tag_Profile_IM_SelfSignature = pick(random, signatures);
  if (chance(random, 0.4)) profile.Tag_Profile_IM_BirthDay = randomInt(random, 1960, 2008) * 10_000 + randomInt(random, 1, 12) * 100 + randomInt(random, 1, 28);
  if (chance(random, 0.5)) profile.Tag_Profile_Custom_Tier = pick(random, tiers);
  return profile;
}

/**
 * The tags of a generated friend entry, drawn from its own seed: the store keeps only the seed
 * and calls this on every read, always getting the same tags.
 */
export function generatedEntry(seed: number): FriendTags {
  const random = mulberry32(seed);
  const entry: FriendTags = {
    Tag_SNS_IM_AddSource: pick(random, addSources),
    Tag_SNS_IM_AddTime: randomInt(random, addTimeRange[0], addTimeRange[1]),
  };
  if (chance(random, 0.4)) entry.Tag_SNS_IM_Remark = pick(random, remarks);
  if (chance(random, 0.5)) entry.Tag_SNS_IM_Group = groupSets[Math.floor(random() * groupSets.length)] ?? [];
  if (chance(random, 0.2)) entry.Tag_SNS_IM_AddWording = pick(random, wordings);
  if (chance(random, 0.3)) entry.Tag_SNS_Custom_Score = randomInt(random, 0, 100);
  return entry;
}

/** A seed below 2^30, which V8 keeps unboxed inside a Map. */
function entrySeed(random: RandomSource): number {
  return Math.floor(random() * 0x4000_0000);
}

/** A friend for account `index`: usually from its community, sometimes anyone. */
function drawFriend(random: RandomSource, index: number, users: number): number {
  if (users > communitySize && chance(random, communityShare)) {
    const start = Math.min(index - (index % communitySize), users - communitySize);
    return start + Math.floor(random() * communitySize);
  }
  return Math.floor(random() * users);
}

/**
 * Creates `users` accounts with profiles and friend lists in `sink`, drawing everything from a
 * mulberry32 stream seeded with `options.seed ?? defaultSeed`. Returns the ids in order.
 * Throws {@link timfetch!TimValidationError} for bad options or when an id already exists.
 */
export function generateGraph(sink: GraphSink, options: GenerateOptions, defaultSeed: number): string[] {
  const { users, friendsPerUser, mutualShare, prefix, seed } = parseOrThrow(optionsSchema, options, 'generate options');
  const width = String(users).length;
  if (utf8Length(prefix) + width > maxUserIdBytes) {
    throw new TimValidationError('generate options', [
      { path: 'prefix', reason: `leaves no room for ${width} digits in a ${maxUserIdBytes}-byte UserID` },
    ]);
  }
  const ids = Array.from({ length: users }, (_, index) => prefix + String(index + 1).padStart(width, '0'));
  const taken = ids.find((id) => sink.hasAccount(id));
  if (taken !== undefined) {
    throw new TimValidationError('generate options', [{ path: 'prefix', reason: `makes ids that already exist (${taken}); choose another prefix` }]);
  }

  const random = mulberry32(seed ?? defaultSeed);
  const records: AccountRecord[] = ids.map((id) => sink.insertAccount(id, generateProfile(random, id)));
  // Each drawn friendship adds 1 + mutualShare entries on average; draw fewer to hit the mean.
  const meanDraws = friendsPerUser / (1 + mutualShare);
  for (let index = 0; index < users; index++) {
    // -ln(1 - u) has mean 1 and a long tail: most lists are near the mean, a few are long.
    const draws = Math.min(users - 1, Math.round(meanDraws * -Math.log(1 - random())));
    const owner = records[index];
    const ownerId = ids[index];
    if (owner === undefined || ownerId === undefined) continue;
    for (let draw = 0; draw < draws; draw++) {
      const other = drawFriend(random, index, users);
      const otherId = ids[other];
      const otherRecord = records[other];
      // A repeat or a self-draw is skipped: lists come out slightly shorter than drawn.
      if (other === index || otherId === undefined || otherRecord === undefined || owner.friends.has(otherId)) continue;
      owner.friends.set(otherId, entrySeed(random));
      owner.sequence++;
      if (chance(random, mutualShare) && !otherRecord.friends.has(ownerId)) {
        otherRecord.friends.set(ownerId, entrySeed(random));
        otherRecord.sequence++;
      }
    }
  }
  return ids;
}
