/** Friend requests that wait for the other side's approval (friend_add answered 30539). */
import { copyTags, type FriendTags } from './tags.js';

/**
 * A friend request waiting for approval: friend_add answered 30539 because `to` needs to
 * confirm requests (`AllowType_Type_NeedConfirm`). The emulator has no approval endpoint: a
 * request stays pending until a forced add (`ForceAddFlags: 1`) of the same pair succeeds.
 *
 * @example
 * ```ts
 * emu.store.setAllowType('bob', 'AllowType_Type_NeedConfirm');
 * await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Search', AddWording: 'hi' }] });
 * const [request]: PendingFriendRequest[] = emu.store.pendingRequests();
 * // request: { from: 'alice', to: 'bob', addType: 'Add_Type_Both', tags: { Tag_SNS_IM_AddSource: 'AddSource_Type_Search', Tag_SNS_IM_AddWording: 'hi', Tag_SNS_IM_AddTime: … } }
 * ```
 */
export interface PendingFriendRequest {
  /** Who asked: the request's `From_Account`. */
  readonly from: string;
  /** Who must approve: the entry's `To_Account`. */
  readonly to: string;
  /** The `AddType` asked for. */
  readonly addType: 'Add_Type_Single' | 'Add_Type_Both';
  /** The entry `from` asked to keep for `to` (remark, group, source, wording), and the time it asked. */
  readonly tags: FriendTags;
}

/** The pending requests of one store, one per ordered pair, in the order they were made. */
export class PendingRequests {
  readonly #requests = new Map<string, PendingFriendRequest>();

  // JSON of the pair: ids may hold any character, and no two different pairs share it.
  static #key(from: string, to: string): string {
    return JSON.stringify([from, to]);
  }

  /** Whether `from` already waits for `to`'s approval. */
  has(from: string, to: string): boolean {
    return this.#requests.has(PendingRequests.#key(from, to));
  }

  /** Records a request; a pair that already waits is left as it was (asking again records nothing new). */
  add(request: PendingFriendRequest): boolean {
    const key = PendingRequests.#key(request.from, request.to);
    if (this.#requests.has(key)) return false;
    this.#requests.set(key, request);
    return true;
  }

  /** Forgets the request of a pair, when the friendship it asked for was made. */
  delete(from: string, to: string): void {
    this.#requests.delete(PendingRequests.#key(from, to));
  }

  /** Copies of every pending request, in the order they were made. */
  list(): PendingFriendRequest[] {
    return [...this.#requests.values()].map((request) => ({ ...request, tags: copyTags(request.tags) }));
  }
}
