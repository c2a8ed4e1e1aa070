import * as v from 'valibot';
import { TimValidationError, type ValidationIssue } from '../errors/tim-validation-error.js';
import { functionSchema, objectMessage, parseOrThrow } from '../util/validate.js';
import { arrayItem, objectEntries } from './schema-shape.js';

/**
 * Tells the SDK how to split, repeat and merge a batch endpoint's calls (chunking, item retries,
 * `Fail_Account`): the request field holding the list, how many entries the service accepts in
 * one request, and where the per-account results are. Entries are account ids, or objects whose
 * `account` field is the id (friend_add's `AddFriendItem`); object entries are sent unchanged,
 * every field, each in exactly one request. A request over `max` is refused with
 * {@link TimValidationError} before it is sent.
 *
 * @example
 * ```ts
 * const ids: BatchDeclaration = { list: 'To_Account', max: 1000, results: 'ResultItem' };
 * const objects: BatchDeclaration = { list: 'AddFriendItem', account: 'To_Account', max: 100, results: 'ResultItem' };
 * ```
 */
export interface BatchDeclaration {
  /** The request field holding the list, for example `To_Account` or `AddFriendItem`. */
  readonly list: string;
  /**
   * For a list of objects: the field of each entry holding its account. Required exactly when
   * the list holds objects.
   * @defaultValue none: the list holds account ids
   */
  readonly account?: string | undefined;
  /** The most entries the service accepts in one request: an integer, at least 1. */
  readonly max: number;
  /** The answer field holding one result per account, for example `InfoItem` or `ResultItem`. */
  readonly results: string;
  /**
   * The field of each result naming its account. A string, not a function, because the SDK
   * also writes results: an account whose request failed for good gets one with this field.
   * @defaultValue 'To_Account'
   */
  readonly key?: string | undefined;
  /**
   * The list is sent whole, in one request: never split into chunks, never streamed, and an
   * account that failed is not sent again on its own, because each request also does something
   * for the whole call (group_add creates its groups). Its schema should bound the list to `max`.
   * @defaultValue false
   */
  readonly whole?: boolean | undefined;
}

/**
 * Tells the SDK how to walk a paged endpoint ({@link TimClient.paginate}): the request field that
 * carries the cursor, where the answer gives the next one and its items, and how the last page
 * says so. The walk owns the cursor: the caller's value is replaced on every page.
 *
 * @example
 * ```ts
 * // friend_get: StartIndex in, NextStartIndex out, CompleteFlag non-zero on the last page.
 * const paged: PagedDeclaration = { cursor: 'StartIndex', next: 'NextStartIndex', items: 'UserDataItem', complete: 'CompleteFlag' };
 * ```
 */
export interface PagedDeclaration<TCursor extends string = string> {
  /** The request field of the cursor, for example `StartIndex`. */
  readonly cursor: TCursor;
  /**
   * The cursor of the first page.
   * @defaultValue 0
   */
  readonly start?: number | undefined;
  /** The answer field holding the next page's cursor. */
  readonly next: string;
  /** The answer field holding the page's items. */
  readonly items: string;
  /**
   * The answer field that is non-zero on the last page (friend_get's `CompleteFlag`).
   * @defaultValue none: the last page is the one whose next cursor is `start` (or missing)
   */
  readonly complete?: string | undefined;
  /**
   * Request fields the walk sets on every page, whatever the caller gave (black_list_get's
   * `LastSequence: 0`, so that no page is left out as unchanged).
   * @defaultValue none
   */
  readonly set?: Readonly<Record<string, string | number>> | undefined;
}

/**
 * How the SDK finds out what a batch write did when its outcome is unknown (the request may have
 * reached the service: a timeout or a reset after sending, a 502/504): a read of the same
 * accounts, and what in its result shows the write applied. Accounts it shows done are reported
 * done; the others are sent again, since the read shows they were not.
 *
 * @example
 * ```ts
 * // friend_delete (both ways): done when the read finds no relation left.
 * const reconcile: Reconciliation = {
 *   read: friendCheck,
 *   body: (write, accounts) => ({ From_Account: write.From_Account, To_Account: accounts, CheckType: 'CheckResult_Type_Both' }),
 *   applied: (item) => item.Relation === 'CheckResult_Type_NoRelation',
 * };
 * ```
 */
export interface Reconciliation {
  /** A batch read whose results tell the write's effect per account (`friendCheck` for friendships). */
  readonly read: AnyEndpoint;
  /** The read's request body for `accounts` of the write whose body is `write`. */
  readonly body: (write: Readonly<Record<string, unknown>>, accounts: readonly string[]) => Record<string, unknown>;
  /** Whether one account's successful read result shows the write applied. */
  readonly applied: (item: { readonly ResultCode: number; readonly [field: string]: unknown }, write: Readonly<Record<string, unknown>>) => boolean;
}

/**
 * Optional fast paths that spare large, valid bodies and answers a full schema parse:
 * hand-written checks that give the same verdict as an endpoint's `request` / `response`
 * schema, for endpoints called often with large lists. When one returns true the value is used as it is
 * (no copy, no issues built); when it returns false or throws, the schema decides and explains
 * the failure. So a quick check may refuse more than its schema (that only costs time) but must
 * never accept what the schema refuses, and its schema must not transform (output equals input).
 * An answer's check sees the body parsed by plain `JSON.parse`: it must return false where an
 * integer past 2^53 may have been rounded, and the exact path parses the body again.
 *
 * @example
 * ```ts
 * const quickCheck: EndpointQuickCheck = {
 *   request: (body) => typeof body === 'object' && body !== null && typeof (body as { From_Account?: unknown }).From_Account === 'string',
 * };
 * ```
 */
export interface EndpointQuickCheck {
  /** Accepts a request body its endpoint's `request` schema accepts. */
  readonly request?: ((body: unknown) => boolean) | undefined;
  /** Accepts an answer (parsed by `JSON.parse`) its endpoint's `response` schema accepts. */
  readonly response?: ((answer: unknown) => boolean) | undefined;
}

/**
 * A declared IM REST endpoint: its name, path, whether it reads or writes, its request and
 * response schemas (valibot) and its kind: `batch` (a list of accounts), `paged` (a cursor walk)
 * or neither (a single request). Made by {@link defineEndpoint}; the built-in ones are in the
 * catalogue (`friendCheck`, `friendAdd` …).
 *
 * @typeParam TRequest - the valibot schema of the request body.
 * @typeParam TResponse - the valibot schema of a successful answer.
 * @typeParam TName - its name, as the client's method is called.
 * @typeParam TPaged - for a paged endpoint, its paging declaration (the walk owns its `cursor` and `set` fields).
 *
 * @example
 * ```ts
 * const endpoint: Endpoint = friendCheck;
 * console.log(endpoint.path, endpoint.effect, endpoint.batch?.max); // v4/sns/friend_check read 1000
 * ```
 */
export interface Endpoint<
  TRequest extends v.GenericSchema = v.GenericSchema,
  TResponse extends v.GenericSchema = v.GenericSchema,
  TName extends string = string,
  TPaged extends PagedDeclaration = PagedDeclaration,
> {
  /** Name used in errors and logs, and the client's method name, for example `friendCheck`. */
  readonly name: TName;
  /** Path below the base URL, for example `v4/sns/friend_check`. */
  readonly path: string;
  /**
   * What the endpoint does, in one line: the command's help shows it beside the subcommand
   * (`timfetch --help`, `timfetch friend-check --help`). A request field's schema may carry
   * `v.metadata({ flag: 'type' })` to name its flag there, and `flagDefault` (one of a
   * picklist's values) for the value the command sends when the flag is not given.
   * @defaultValue none: the help shows the path alone
   */
  readonly summary?: string | undefined;
  /**
   * `read` or `write`. A write whose outcome is unknown is never sent again blindly: only when
   * `idempotent`, or after `reconcile` found out what it did; writes for one `From_Account` never
   * run at once (the service answers 30008).
   */
  readonly effect: 'read' | 'write';
  /** Validates (and types) the request body before anything is sent. */
  readonly request: TRequest;
  /** Validates (and types) a successful answer. */
  readonly response: TResponse;
  /**
   * Present for endpoints that take a list of accounts.
   * @defaultValue none: calls are sent whole, never chunked
   */
  readonly batch?: BatchDeclaration | undefined;
  /**
   * Present for endpoints whose answer comes in pages.
   * @defaultValue none: one request answers all
   */
  readonly paged?: TPaged | undefined;
  /**
   * For a write: sending it again cannot apply it twice (it sets values, or deletes what may be
   * gone already), so an unknown outcome is retried like a read's.
   * @defaultValue false
   */
  readonly idempotent?: boolean | undefined;
  /**
   * For a batch write that is not idempotent: how to find out what it did after an unknown
   * outcome. Without one, its accounts are reported failed with -6 (outcome unknown).
   * @defaultValue none
   */
  readonly reconcile?: Reconciliation | undefined;
  /**
   * Optional fast paths for the schemas; see {@link EndpointQuickCheck}.
   * @defaultValue none: the schemas always decide
   */
  readonly quickCheck?: EndpointQuickCheck | undefined;
}

/**
 * Any endpoint, whatever its schemas: the type to accept in helpers that work with every endpoint.
 *
 * @example
 * ```ts
 * function logCall<E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E>) {
 *   console.log(endpoint.name, JSON.stringify(body));
 *   return tim.request(endpoint, body);
 * }
 * ```
 */
export type AnyEndpoint = Endpoint<v.GenericSchema, v.GenericSchema>;

/**
 * `T` with every array and object readonly, so that bodies built `as const` or from readonly
 * arrays are accepted: the SDK never modifies a request body.
 *
 * @typeParam T - the type to make deeply readonly.
 *
 * @example
 * ```ts
 * const accounts = ['bob', 'carol'] as const;
 * const body: Immutable<{ To_Account: string[] }> = { To_Account: accounts }; // accepted
 * ```
 */
export type Immutable<T> = T extends readonly (infer Item)[]
  ? readonly Immutable<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;

/**
 * The request body an endpoint accepts (deeply readonly, see {@link Immutable}).
 *
 * @typeParam E - the endpoint, usually `typeof someEndpoint`.
 *
 * @example
 * ```ts
 * const body: EndpointRequest<typeof friendCheck> = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
 * ```
 */
export type EndpointRequest<E extends AnyEndpoint> = Immutable<v.InferInput<E['request']>>;

/**
 * The answer an endpoint resolves to, validated by its response schema.
 *
 * @typeParam E - the endpoint, usually `typeof someEndpoint`.
 *
 * @example
 * ```ts
 * const answer: EndpointResponse<typeof friendCheck> = await tim.request(friendCheck, body);
 * ```
 */
export type EndpointResponse<E extends AnyEndpoint> = v.InferOutput<E['response']>;

/**
 * The body of a walk over a paged endpoint: its request without the cursor and the `set` fields,
 * which the walk owns (a value given for them is replaced on every page).
 *
 * @typeParam E - the endpoint, usually `typeof someEndpoint`.
 *
 * @example
 * ```ts
 * const body: PageRequest<typeof friendGet> = { From_Account: 'alice' }; // no StartIndex
 * for await (const page of tim.paginate(friendGet, body)) console.log(page.UserDataItem.length);
 * ```
 */
export type PageRequest<E extends AnyEndpoint> = Omit<EndpointRequest<E>, NonNullable<E['paged']>['cursor'] | keyof NonNullable<NonNullable<E['paged']>['set']>> &
  Partial<EndpointRequest<E>>;

// Made when first needed: a bundle that only uses shipped endpoints never builds (or carries) it.
let declarationSchema: v.GenericSchema | undefined;
function declarationShape(): v.GenericSchema {
  if (declarationSchema !== undefined) return declarationSchema;
  const nameSchema = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));
  const optionalName = v.optional(nameSchema);
  const schemaSchema = v.custom<v.GenericSchema>((s) => typeof s === 'object' && s !== null && 'kind' in s, 'must be a valibot schema');

  declarationSchema = v.object({
    name: nameSchema,
    path: v.pipe(
      v.string('must be a string'),
      v.regex(/^v4\/\w+\/\w+$/, 'must look like v4/<service>/<command>, for example v4/sns/friend_check'),
    ),
    summary: v.optional(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'), v.regex(/^[^\n\r]*$/, 'must be one line'))),
    effect: v.picklist(['read', 'write'], "must be 'read' or 'write'"),
    request: schemaSchema,
    response: schemaSchema,
    batch: v.optional(
      v.object({
        list: nameSchema,
        account: optionalName,
        max: v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be at least 1')),
        results: nameSchema,
        key: optionalName,
        whole: v.optional(v.boolean('must be true or false')),
      }, objectMessage),
    ),
    paged: v.optional(
      v.object({
        cursor: nameSchema,
        start: v.optional(v.pipe(v.number('must be a number'), v.integer('must be an integer'))),
        next: nameSchema,
        items: nameSchema,
        complete: optionalName,
        set: v.optional(v.record(v.string(), v.union([v.string(), v.number()], 'must be a string or a number'), 'must be an object')),
      }, objectMessage),
    ),
    idempotent: v.optional(v.boolean('must be true or false')),
    reconcile: v.optional(
      v.object({
        read: v.custom<AnyEndpoint>((e) => typeof e === 'object' && e !== null && (e as AnyEndpoint).batch !== undefined && (e as AnyEndpoint).effect === 'read', 'must be a batch read endpoint'),
        body: functionSchema<Reconciliation['body']>(),
        applied: functionSchema<Reconciliation['applied']>(),
      }, objectMessage),
    ),
    quickCheck: v.optional(
      v.object({
        request: v.optional(functionSchema<(body: unknown) => boolean>()),
        response: v.optional(functionSchema<(answer: unknown) => boolean>()),
      }, objectMessage),
    ),
  }, objectMessage);
  return declarationSchema;
}

/** What the declaration says that its schemas do not have, as validation issues. */
function mismatches(endpoint: AnyEndpoint): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const request = objectEntries(endpoint.request);
  const response = objectEntries(endpoint.response);
  const need = (entries: typeof request, field: string, path: string, where: string) => {
    if (entries !== undefined && !(field in entries)) issues.push({ path, reason: `${where} has no field ${field}` });
  };
  const { batch, paged } = endpoint;
  if (batch !== undefined) {
    need(request, batch.list, 'batch.list', 'the request schema');
    need(response, batch.results, 'batch.results', 'the response schema');
    const entry = objectEntries(arrayItem(request?.[batch.list]));
    if (entry !== undefined && batch.account === undefined) issues.push({ path: 'batch.account', reason: `must name the account field of ${batch.list}'s objects` });
    if (entry === undefined && batch.account !== undefined) issues.push({ path: 'batch.account', reason: `${batch.list} does not hold objects` });
    if (entry !== undefined && batch.account !== undefined) need(entry, batch.account, 'batch.account', `an entry of ${batch.list}`);
    need(objectEntries(arrayItem(response?.[batch.results])), batch.key ?? 'To_Account', 'batch.key', `a result of ${batch.results}`);
  }
  if (paged !== undefined) {
    need(request, paged.cursor, 'paged.cursor', 'the request schema');
    for (const field of ['next', 'items', 'complete'] as const) {
      const name = paged[field];
      if (name !== undefined) need(response, name, `paged.${field}`, 'the response schema');
    }
  }
  if (batch !== undefined && paged !== undefined) issues.push({ path: 'paged', reason: 'an endpoint is batch or paged, not both' });
  if (endpoint.effect === 'read' && (endpoint.idempotent !== undefined || endpoint.reconcile !== undefined)) {
    issues.push({ path: endpoint.reconcile === undefined ? 'idempotent' : 'reconcile', reason: 'only a write has one' });
  }
  if (endpoint.reconcile !== undefined && batch === undefined) issues.push({ path: 'reconcile', reason: 'only a batch write can be reconciled' });
  return issues;
}

/**
 * Adds an IM REST endpoint the SDK does not ship, typed and validated like the built-in ones.
 * The core reads everything it needs from the declaration: validation, typing, whether it may be
 * sent again, and through `batch` or `paged` how to split, merge or walk it. A new endpoint is one
 * call; {@link TimClient.request} (and `paginate` for a paged one) calls it.
 *
 * @param declaration - name, path, effect, request and response schemas, and optionally a
 *   one-line `summary`, `batch` or `paged`, `idempotent` or `reconcile` for a write, and `quickCheck`.
 * @returns a frozen copy of the declaration, checked once.
 * @throws {@link TimValidationError} naming the field, when the declaration is malformed (an empty
 *   name, a path not shaped `v4/<service>/<command>`, an effect other than `read` or `write`, a
 *   schema that is not a valibot schema), or says what its schemas do not have: a `batch.list`
 *   or `batch.results` field they lack, a list of objects without `batch.account` (or an
 *   `account` for a list of ids), a `paged` field they lack, `idempotent` or `reconcile` on a read.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * // v4/profile/portrait_set, which timfetch does not ship: one request, no list.
 * const portraitSet = defineEndpoint({
 *   name: 'portraitSet',
 *   path: 'v4/profile/portrait_set',
 *   effect: 'write',
 *   idempotent: true, // it sets values: sending it twice leaves the same state
 *   request: v.object({
 *     From_Account: v.string(),
 *     ProfileItem: v.array(v.object({ Tag: v.string(), Value: v.union([v.string(), v.number()]) })),
 *   }),
 *   response: v.looseObject({ ErrorCode: v.number() }),
 * });
 * await tim.request(portraitSet, { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' }] });
 * ```
 */
export function defineEndpoint<TRequest extends v.GenericSchema, TResponse extends v.GenericSchema, const TName extends string, const TPaged extends PagedDeclaration = PagedDeclaration>(
  declaration: Endpoint<TRequest, TResponse, TName, TPaged>,
): Endpoint<TRequest, TResponse, TName, TPaged> {
  checkDeclaration(declaration);
  return declareBuiltIn(declaration);
}

/** Throws {@link TimValidationError} unless `value` is a well-formed endpoint declaration. */
export function checkDeclaration(value: unknown): asserts value is AnyEndpoint {
  const endpoint = parseOrThrow(declarationShape(), value, 'endpoint declaration') as AnyEndpoint;
  const issues = mismatches(endpoint);
  if (issues.length > 0) throw new TimValidationError(`endpoint declaration ${endpoint.name}`, issues);
}

// Marks a declaration as made by defineEndpoint (or shipped): a registered symbol, so that one
// made with another build of timfetch (ESM beside CJS) is recognised too.
const declared = Symbol.for('timfetch.endpoint');

/**
 * A shipped endpoint's declaration, frozen and marked as declared without the check: the
 * catalogue's contract test checks every one of them (test/endpoints/catalogue.test.ts), so that
 * a bundle that uses only shipped endpoints does not carry the checker.
 */
export function declareBuiltIn<TRequest extends v.GenericSchema, TResponse extends v.GenericSchema, const TName extends string, const TPaged extends PagedDeclaration = PagedDeclaration>(
  declaration: Endpoint<TRequest, TResponse, TName, TPaged>,
): Endpoint<TRequest, TResponse, TName, TPaged> {
  return Object.freeze(Object.defineProperty({ ...declaration }, declared, { value: true }));
}

/** Throws {@link TimValidationError} unless `value` was made by {@link defineEndpoint} (or is a shipped endpoint). */
export function checkEndpoint(value: unknown): asserts value is AnyEndpoint {
  if (typeof value === 'object' && value !== null && declared in value) return;
  throw new TimValidationError('endpoint declaration', [{ path: '', reason: 'must be an endpoint made by defineEndpoint' }]);
}
