import { JwtService } from '@nestjs/jwt';
import type { CoopFixture } from '@lib/testing';
import { closeAllSockets, connected, disconnected, openSocket, refused } from './support/sockets';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(30_000);

describe('tracking gateway handshake', () => {
  let harness: TestSystem;
  let coop: CoopFixture;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 1 });
    coop = await harness.api.newCooperative();
  });
  afterEach(() => closeAllSockets());
  afterAll(() => harness.close());

  const sign = (claims: object, options: { expiresIn?: number } = {}, secret = harness.apiApp.config.jwtSecret) =>
    new JwtService({ secret }).sign(claims, { expiresIn: options.expiresIn ?? 600 });

  it('accepts a courier on /courier and a dispatcher or coop admin on /dispatch', async () => {
    await connected(openSocket(harness.gatewayUrl(), '/courier', { token: coop.courier.token }));
    await connected(openSocket(harness.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token }));
    await connected(openSocket(harness.gatewayUrl(), '/dispatch', { token: coop.admin.token }));
  });

  it.each([
    ['no token', () => ({})],
    ['a malformed token', () => ({ token: 'not.a.token' })],
    ['a token signed with another secret', () => ({ token: sign({ sub: coop.courier.user.id, role: 'courier', coop: coop.cooperative.id, name: 'x', cid: coop.courier.courierId }, {}, 'another-secret-another-secret') })],
    ['an expired token', () => ({ token: sign({ sub: coop.courier.user.id, role: 'courier', coop: coop.cooperative.id, name: 'x', cid: coop.courier.courierId }, { expiresIn: -10 }) })],
  ])('refuses %s on /courier as unauthorized', async (_name, auth) => {
    const error = await refused(openSocket(harness.gatewayUrl(), '/courier', auth()));
    expect(error.data?.code).toBe('unauthorized');
  });

  it.each([
    ['a dispatcher on /courier', '/courier', () => coop.dispatcher.token],
    ['a merchant on /courier', '/courier', () => coop.merchantUser.token],
    ['a courier on /dispatch', '/dispatch', () => coop.courier.token],
    ['a merchant on /dispatch', '/dispatch', () => coop.merchantUser.token],
  ])('refuses %s as forbidden', async (_name, namespace, token) => {
    const error = await refused(openSocket(harness.gatewayUrl(), namespace, { token: token() }));
    expect(error.data?.code).toBe('forbidden');
  });

  it('closes a socket when its token expires', async () => {
    const shortLived = sign({ sub: coop.dispatcher.user.id, role: 'dispatcher', coop: coop.cooperative.id, name: 'x' }, { expiresIn: 2 });
    const socket = openSocket(harness.gatewayUrl(), '/dispatch', { token: shortLived });
    await connected(socket);
    expect(await disconnected(socket)).toBe('io server disconnect');
  });

  it('refuses a platform admin on /dispatch: it belongs to no cooperative', async () => {
    const platform = await harness.api.platformAdmin();
    expect((await refused(openSocket(harness.gatewayUrl(), '/dispatch', { token: platform.token }))).data?.code).toBe('forbidden');
  });

  it('refuses an unknown tracking token and a person\'s token on /track', async () => {
    expect((await refused(openSocket(harness.gatewayUrl(), '/track', { token: 'no-such-tracking-token' }))).data?.code).toBe('unauthorized');
    expect((await refused(openSocket(harness.gatewayUrl(), '/track', { token: coop.dispatcher.token }))).data?.code).toBe('unauthorized');
  });

  it('refuses browsers from origins not in the allow-list, and accepts the gateway\'s own origin', async () => {
    await expect(connected(openSocket(harness.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token }, { Origin: 'https://evil.example.com' }))).rejects.toThrow();
    await connected(openSocket(harness.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token }, { Origin: harness.gatewayUrl() }));
  });

  it('refuses the main namespace, where nothing is served', async () => {
    expect((await refused(openSocket(harness.gatewayUrl(), '/', { token: coop.dispatcher.token }))).data?.code).toBe('forbidden');
  });
});

describe('tracking gateway connection flood', () => {
  let harness: TestSystem;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 1, trackingOverrides: { HANDSHAKES_PER_MINUTE: '8' } });
  });
  afterEach(() => closeAllSockets());
  afterAll(() => harness.close());

  it('refuses an address that opens connections faster than allowed, before checking any token', async () => {
    const attempts = Array.from({ length: 4 }, () => openSocket(harness.gatewayUrl(), '/courier', { token: 'not-even-a-token' }));
    const outcomes = await Promise.all(attempts.map((socket) => refused(socket).then((error) => error.message)));
    // Two get as far as the token check; the other two are turned away at the transport.
    expect(outcomes.filter((message) => message === 'Missing, invalid or expired token')).toHaveLength(2);
    expect(outcomes.filter((message) => message === 'websocket error')).toHaveLength(2);
  });
});
