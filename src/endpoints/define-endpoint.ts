import * as v from 'valibot';
import { functionSchema, objectMessage, parseOrThrow } from '../util/validate.js';

/**
 * Tells the SDK how to split and merge a batch endpoint's calls (chunking, item retries,
 * `Fail_Account`): the request field holding the account list, how many accounts the service
 * accepts in one request, and where the per-account results are. A request over `max` is refused with
 * {@link TimValidationError} before it is sent.
 *
 * @example
 * ```ts
 * const batch: BatchDeclaration = { field: 'To_Account', max: 1000 };
 * ```
 */
export interface BatchDeclaration {
  /** The request field holding the list of accounts, for example `To_Account`. */
  readonly field: string;
  /** The most accounts the service accepts in one request: an integer, at least 1. */
  readonly max: number;
  /**
   * The answer field holding one result per account.
   * @defaultValue 'InfoItem'
   */
  readonly items?: string | undefined;
  /**
   * The field of each result naming its account. A string, not a function, because the SDK
   * also writes results: an account whose request failed for good gets one with this field.
   * @defaultValue 'To_Account'
   */
  readonly key?: string | undefined;
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
 * A declared IM REST endpoint: its name, path, request and response schemas (valibot) and,
 * for endpoints that take a list of accounts, its batch declaration. Made by
 * {@link defineEndpoint}; the built-in ones are {@link friendCheck} and {@link friendGetList}.
 *
 * @typeParam TRequest - the valibot schema of the request body.
 * @typeParam TResponse - the valibot schema of a successful answer.
 *
 * @example
 * ```ts
 * const endpoint: Endpoint = friendCheck;
 * console.log(endpoint.path, endpoint.batch?.max); // v4/sns/friend_check 1000
 * ```
 */
export interface Endpoint<
  TRequest extends v.GenericSchema = v.GenericSchema,
  TResponse extends v.GenericSchema = v.GenericSchema,
> {
  /** Name used in errors and logs, for example `friendCheck`. */
  readonly name: string;
  /** Path below the base URL, for example `v4/sns/friend_check`. */
  readonly path: string;
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

const declarationSchema = v.object({
  name: v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')),
  path: v.pipe(
    v.string('must be a string'),
    v.regex(/^v4\/\w+\/\w+$/, 'must look like v4/<service>/<command>, for example v4/sns/friend_check'),
  ),
  request: v.custom<v.GenericSchema>((s) => typeof s === 'object' && s !== null && 'kind' in s, 'must be a valibot schema'),
  response: v.custom<v.GenericSchema>((s) => typeof s === 'object' && s !== null && 'kind' in s, 'must be a valibot schema'),
  batch: v.optional(
    v.object({
      field: v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')),
      max: v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be at least 1')),
      items: v.optional(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'))),
      key: v.optional(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'))),
    }, objectMessage),
  ),
  quickCheck: v.optional(
    v.object({
      request: v.optional(functionSchema<(body: unknown) => boolean>()),
      response: v.optional(functionSchema<(answer: unknown) => boolean>()),
    }, objectMessage),
  ),
}, objectMessage);

/**
 * Adds an IM REST endpoint the SDK does not ship, typed and validated like the built-in ones.
 * The core reads everything it needs from the declaration: validation, typing and, through
 * `batch`, the per-request limit of its account list. A new endpoint is one call;
 * {@link TimClient.request} calls it.
 *
 * @param declaration - name, path, request and response schemas, and optionally `batch` and `quickCheck`.
 * @returns a frozen copy of the declaration, checked once.
 * @throws {@link TimValidationError} when the declaration is malformed (an empty name, a path not
 *   shaped `v4/<service>/<command>`, a schema that is not a valibot schema, a bad `batch` or `quickCheck`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * export const friendDelete = defineEndpoint({
 *   name: 'friendDelete',
 *   path: 'v4/sns/friend_delete',
 *   request: v.object({ From_Account: v.string(), To_Account: v.array(v.string()), DeleteType: v.string() }),
 *   response: v.looseObject({ ErrorCode: v.number() }),
 *   batch: { field: 'To_Account', max: 1000 },
 * });
 * const answer = await tim.request(friendDelete, { From_Account: 'a', To_Account: ['b'], DeleteType: 'Delete_Type_Both' });
 * ```
 */
export function defineEndpoint<TRequest extends v.GenericSchema, TResponse extends v.GenericSchema>(
  declaration: Endpoint<TRequest, TResponse>,
): Endpoint<TRequest, TResponse> {
  checkEndpoint(declaration);
  return Object.freeze({ ...declaration });
}

// Declarations made by defineEndpoint are frozen: checked once, they stay well-formed.
const checkedEndpoints = new WeakSet<object>();

/** Throws {@link TimValidationError} unless `value` is a well-formed endpoint declaration. */
export function checkEndpoint(value: unknown): asserts value is AnyEndpoint {
  if (typeof value === 'object' && value !== null && checkedEndpoints.has(value)) return;
  parseOrThrow(declarationSchema, value, 'endpoint declaration');
  if (Object.isFrozen(value)) checkedEndpoints.add(value as object);
}
