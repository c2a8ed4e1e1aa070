/**
 * What an emulated endpoint is: its declaration from the catalogue (path, effect, request schema,
 * batch list) and how it answers a request its schema accepted, from the store.
 */
import type * as v from 'valibot';
import type { CatalogueEndpoint } from '../endpoints/catalogue.js';
import type { ValidationIssue } from '../errors/tim-validation-error.js';
import type { AccountResult } from './answers.js';
import type { EmulatorConfig } from './options.js';
import type { MemoryStore } from './store.js';

/** A request-level failure an endpoint answers with (30001 bad parameter, 30003 unknown account). */
export interface EndpointFailure {
  readonly code: number;
  readonly info: string;
}

/** What a behaviour answers from: the store and the emulator's options. */
export interface EmulationContext {
  readonly store: MemoryStore;
  readonly config: EmulatorConfig;
}

/** A request body its endpoint's request schema accepted. */
export type EmulatedRequest<E extends CatalogueEndpoint> = v.InferOutput<E['request']>;

/** What every emulated endpoint has. */
interface EmulatedBase<E extends CatalogueEndpoint, TPath extends string> {
  /** The endpoint's declaration, from the catalogue: its request schema, batch list and effect. */
  readonly declaration: E;
  /**
   * The declaration's path, spelled out (declarations type it `string`) so that the stats type
   * can name it; the route test checks that both agree.
   */
  readonly path: TPath;
  /**
   * Rules of the service the declaration's schema does not have (the SDK checks less than the
   * service refuses): the first field that breaks one, answered 30001.
   */
  check?(request: EmulatedRequest<E>): ValidationIssue | undefined;
}

/** What one entry of a batch did: its result, and whether it changed the store. */
export interface EntryAnswer {
  readonly result: AccountResult;
  /** True when the store changed for this entry (a friend added or removed, a request recorded). */
  readonly applied: boolean;
}

/**
 * A batch endpoint (its declaration has `batch`): answered entry by entry, in list order, so that
 * an injected `itemError` fails an entry before it is applied. A body without its list (the list
 * of group_add is optional) is answered without the results field.
 */
export interface EmulatedBatch<E extends CatalogueEndpoint, TPath extends string, TEntry = unknown> extends EmulatedBase<E, TPath> {
  readonly kind: 'batch';
  /**
   * What the request does once, before its entries (group_add creates its groups), or the
   * request-level failure that answers it instead, nothing applied.
   */
  before?(request: EmulatedRequest<E>, context: EmulationContext): EndpointFailure | undefined;
  /** Fields the answer carries after the results (group_add's `CurrentSequence`). */
  after?(request: EmulatedRequest<E>, context: EmulationContext): Readonly<Record<string, unknown>>;
  /** Answers one entry of the request's list (an account id, or an object holding one). */
  entry(entry: TEntry, request: EmulatedRequest<E>, context: EmulationContext): EntryAnswer;
  /** The result of an account that an injected `itemError` failed. */
  failedEntry(account: string, code: 30006 | 30007): AccountResult;
}

/** What a whole answer holds: its fields (the envelope is added), and the accounts it changed. */
export interface WholeAnswer {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly applied?: readonly string[];
}

/** An endpoint answered as a whole (a page of a paged endpoint, a single one). */
export interface EmulatedWhole<E extends CatalogueEndpoint, TPath extends string> extends EmulatedBase<E, TPath> {
  readonly kind: 'whole';
  answer(request: EmulatedRequest<E>, context: EmulationContext): EndpointFailure | WholeAnswer;
}

/**
 * An endpoint the emulator implements: the behaviour of one catalogue entry. The map in
 * `routes.ts` holds one per catalogue name and does not compile without it.
 */
export type EmulatedEndpoint<E extends CatalogueEndpoint = CatalogueEndpoint, TPath extends string = string> =
  | EmulatedBatch<E, TPath>
  | EmulatedWhole<E, TPath>;
