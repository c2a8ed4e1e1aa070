// The emulator's routes are exactly the catalogue's: every catalogue path answers (its body checked
// with its own declaration), has its stats and its behaviour, and nothing else is routed.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { catalogue, type CatalogueEndpoint } from '../../src/index.js';
import type { EmulatorEndpointPath, EmulatorStats } from '../../src/emulator/index.js';
import { emulatedEndpoints } from '../../src/emulator/routes.js';
import { post, setup } from './helpers.js';

const endpoints: CatalogueEndpoint[] = Object.values(catalogue);
const paths = endpoints.map((endpoint) => endpoint.path);

describe('routes from the catalogue', () => {
  it('has one behaviour per catalogue name, for that name\'s declaration and path', () => {
    expect(Object.keys(emulatedEndpoints)).toEqual(Object.keys(catalogue));
    for (const [name, behaviour] of Object.entries(emulatedEndpoints)) {
      const declaration = catalogue[name as keyof typeof catalogue];
      expect(behaviour.declaration, name).toBe(declaration);
      expect(behaviour.path, name).toBe(declaration.path);
      // A batch declaration is answered entry by entry (item faults, Fail_Account); the others whole.
      expect(behaviour.kind, name).toBe(declaration.batch === undefined ? 'whole' : 'batch');
    }
  });

  it.each(paths)('answers %s, checking its body with the declaration\'s request schema', async (path) => {
    const { emu } = setup();
    const { status, json } = await post(emu.fetch, path, { From_Account: 7 });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: From_Account: must be a string' });
    expect(emu.stats.endpoints[path as EmulatorEndpointPath].requests).toBe(1);
  });

  it('keeps stats for exactly the catalogue\'s paths, in its order', () => {
    const { emu } = setup();
    expect(Object.keys(emu.stats.endpoints)).toEqual(paths);
  });

  it.each(['v4/profile/portrait_get', 'v4/im_open_login_svc/account_import', 'v4/openim/sendmsg', 'v4/sns/friend_check/x', 'v4/sns'])('routes nothing else: %s is 404', async (path) => {
    const { emu } = setup();
    const response = await emu.fetch(`https://x.test/${path}`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(emu.stats.errors).toEqual({ 60002: 1 });
    expect(Object.values(emu.stats.endpoints).every((counters) => counters.requests === 0)).toBe(true);
  });

  it('types the stats by the implemented paths', () => {
    expectTypeOf<keyof EmulatorStats['endpoints']>().toEqualTypeOf<EmulatorEndpointPath>();
    expectTypeOf<'v4/sns/friend_add'>().toExtend<EmulatorEndpointPath>();
    expectTypeOf<'v4/sns/friend_get'>().toExtend<EmulatorEndpointPath>();
    expectTypeOf<'v4/sns/friend_import'>().toExtend<EmulatorEndpointPath>();
    expectTypeOf<'v4/profile/portrait_get'>().not.toExtend<EmulatorEndpointPath>();
  });
});
