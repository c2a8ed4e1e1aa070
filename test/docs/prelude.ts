// The names documentation snippets may use without defining them: the context a reader already has
// ("you have a client", "your secret key", "inside a plugin's run"). test/docs/snippets.test.ts
// imports into each snippet the ones it uses and does not declare itself. Keep this short: a
// snippet that needs more should define it, so that a reader can run it.
import type { FriendCheckRequest, FriendGetListRequest, RequestContext, TimClient } from 'timfetch';
import type { Emulator, EmulatorStore } from 'timfetch/emulator';

/** A client made by `createClient`. */
export declare const tim: TimClient;
/** The app's SDKAppID. */
export declare const sdkAppId: number;
/** The app admin account the client acts as. */
export declare const identifier: string;
/** The app's secret key (server side only). */
export declare const secretKey: string;
/** A UserSig. */
export declare const userSig: string;
/** A request body: `tim.friendCheck(body)` on friendCheck's pages, `tim.friendGetList(body)` on friendGetList's. */
export declare const body: FriendCheckRequest & FriendGetListRequest;
/** The request context a plugin's `run` receives. */
export declare const ctx: RequestContext;
/** An emulator made by `createEmulator`. */
export declare const emu: Emulator;
/** An emulator's account store (`emu.store`). */
export declare const store: EmulatorStore;
