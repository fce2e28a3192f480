import { LYON, squareArea, VALENCE } from '@lib/testing';
import { bootSystem, TestSystem } from '../support/system';
import { PARTNER_CENTRE, propose } from './support';

/** Partnerships by consent: who may propose, answer and revoke, what each side sees, and what is refused. */
describe('partnerships (API)', () => {
  let system: TestSystem;
  const http = () => system.api.http;

  beforeAll(async () => {
    system = await bootSystem({ dispatchers: 0 });
  });
  afterAll(() => system.close());

  const coops = async () => ({
    a: await system.api.newCooperative(VALENCE),
    b: await system.api.newCooperative(PARTNER_CENTRE),
    c: await system.api.newCooperative(PARTNER_CENTRE),
  });

  it("lets a co-op admin find partners by id, name and slug only, and keeps the platform admin's full list", async () => {
    const { a, b } = await coops();
    const listed = (await http().get('/api/v1/cooperatives?limit=200').set(a.admin.auth).expect(200)).body;
    const entry = listed.items.find((item: { id: string }) => item.id === b.cooperative.id);
    expect(entry).toEqual({ id: b.cooperative.id, name: b.cooperative.name, slug: b.cooperative.slug });
    await http().get('/api/v1/cooperatives').set(a.dispatcher.auth).expect(403);
    const platform = await system.api.platformAdmin();
    const full = (await http().get('/api/v1/cooperatives?limit=200').set(platform.auth).expect(200)).body;
    expect(full.items.find((item: { id: string }) => item.id === b.cooperative.id)).toMatchObject({ serviceArea: expect.any(Object), settings: expect.any(Object) });
  });

  it('proposes with the overlap of both service areas by default, visible to both admins (and their dispatchers) with its log', async () => {
    const { a, b, c } = await coops();
    const proposed = await propose(system, a, b, { shareOfPrice: 0.75, maxOrdersPerDay: 12 });
    expect(proposed).toMatchObject({ status: 'proposed', proposerCooperativeId: a.cooperative.id, partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.75, maxOrdersPerDay: 12 } });
    const [area] = await system.sql<{ expected: boolean }>(
      `SELECT ST_Equals(p.area::geometry, ST_Intersection(a.service_area::geometry, b.service_area::geometry)) AS expected
       FROM partnerships p JOIN cooperatives a ON a.id = p.proposer_cooperative_id JOIN cooperatives b ON b.id = p.partner_cooperative_id WHERE p.id = $1`,
      [(proposed as { id: string }).id],
    );
    expect(area.expected).toBe(true);
    for (const session of [a.admin, b.admin, a.dispatcher, b.dispatcher]) {
      const list = (await http().get('/api/v1/partnerships').set(session.auth).expect(200)).body;
      expect(list.items.map((item: { id: string }) => item.id)).toContain(proposed.id);
      const one = (await http().get(`/api/v1/partnerships/${proposed.id}`).set(session.auth).expect(200)).body;
      expect(one.events).toEqual([expect.objectContaining({ action: 'proposed', cooperativeId: a.cooperative.id, by: `user:${a.admin.user.id}` })]);
    }
    // A third co-op: exactly as if it did not exist.
    const absent = '00000000-0000-4000-8000-000000000000';
    expect((await http().get('/api/v1/partnerships').set(c.admin.auth).expect(200)).body.items).toEqual([]);
    for (const path of [`/api/v1/partnerships/${proposed.id}`, `/api/v1/partnerships/${absent}`]) {
      const response = await http().get(path).set(c.admin.auth).expect(404);
      expect(response.body).toMatchObject({ status: 404, code: 'not_found' });
    }
    for (const action of ['accept', 'decline', 'revoke']) {
      const ours = await http().post(`/api/v1/partnerships/${proposed.id}/${action}`).set(c.admin.auth).expect(404);
      const none = await http().post(`/api/v1/partnerships/${absent}/${action}`).set(c.admin.auth).expect(404);
      expect({ ...ours.body, correlationId: null, instance: null }).toEqual({ ...none.body, correlationId: null, instance: null });
    }
    await http().get(`/api/v1/partnerships/${proposed.id}/statement?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`).set(c.admin.auth).expect(404);
  });

  it('only the partner co-op admin accepts or declines; either side revokes; every change is logged', async () => {
    const { a, b } = await coops();
    const proposed = await propose(system, a, b);
    await http().post(`/api/v1/partnerships/${proposed.id}/accept`).set(b.dispatcher.auth).expect(403);
    await http().post(`/api/v1/partnerships/${proposed.id}/accept`).set(a.dispatcher.auth).expect(403);
    const byProposer = await http().post(`/api/v1/partnerships/${proposed.id}/accept`).set(a.admin.auth).expect(403);
    expect(byProposer.body.code).toBe('not_the_partner');
    await http().post(`/api/v1/partnerships/${proposed.id}/decline`).set(a.admin.auth).expect(403);
    await http().post(`/api/v1/partnerships/${proposed.id}/accept`).set(b.courier.auth).expect(403);
    expect((await http().get(`/api/v1/partnerships/${proposed.id}`).set(a.admin.auth).expect(200)).body.status).toBe('proposed');

    const accepted = (await http().post(`/api/v1/partnerships/${proposed.id}/accept`).set(b.admin.auth).expect(200)).body;
    expect(accepted.status).toBe('active');
    await http().post(`/api/v1/partnerships/${proposed.id}/accept`).set(b.admin.auth).expect(409);
    await http().post(`/api/v1/partnerships/${proposed.id}/decline`).set(b.admin.auth).expect(409);
    await http().post(`/api/v1/partnerships/${proposed.id}/revoke`).set(b.dispatcher.auth).expect(403);
    const revoked = (await http().post(`/api/v1/partnerships/${proposed.id}/revoke`).set(a.admin.auth).expect(200)).body;
    expect(revoked.status).toBe('revoked');
    await http().post(`/api/v1/partnerships/${proposed.id}/revoke`).set(b.admin.auth).expect(409);
    expect(revoked.events.map((event: { action: string; cooperativeId: string }) => `${event.action} by ${event.cooperativeId === a.cooperative.id ? 'A' : 'B'}`)).toEqual([
      'proposed by A',
      'accepted by B',
      'revoked by A',
    ]);

    // Declined is final too, and a new proposal may follow either.
    const again = await propose(system, b, a);
    const declined = (await http().post(`/api/v1/partnerships/${again.id}/decline`).set(a.admin.auth).expect(200)).body;
    expect(declined.status).toBe('declined');
    await http().post(`/api/v1/partnerships/${again.id}/accept`).set(a.admin.auth).expect(409);
    await propose(system, a, b);
  });

  it('refuses bad input with problem+json and stores nothing', async () => {
    const { a, b } = await coops();
    const far = await system.api.newCooperative(LYON);
    const before = (await system.sql<{ n: number }>(`SELECT count(*)::int AS n FROM partnerships`))[0].n;
    const bad: [string, unknown][] = [
      ['no body', {}],
      ['unknown field', { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 }, extra: 1 }],
      ['unknown term', { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3, bonus: 1 } }],
      ['share above 1', { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 1.5, maxOrdersPerDay: 3 } }],
      ['negative share', { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: -0.1, maxOrdersPerDay: 3 } }],
      ['share as text', { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: '0.5', maxOrdersPerDay: 3 } }],
      ['fractional cap', { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 2.5 } }],
      ['no terms', { partnerCooperativeId: b.cooperative.id }],
      ['not a uuid', { partnerCooperativeId: 'coop-b', terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 } }],
      ['no such co-op', { partnerCooperativeId: '00000000-0000-4000-8000-000000000000', terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 } }],
      ['itself', { partnerCooperativeId: a.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 } }],
      ['a point for an area', { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3, area: { type: 'Point', coordinates: [4.9, 44.9] } } }],
      [
        'a self-intersecting area',
        { partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3, area: { type: 'Polygon', coordinates: [[[4.8, 44.9], [4.9, 45.0], [4.9, 44.9], [4.8, 45.0], [4.8, 44.9]]] } } },
      ],
    ];
    for (const [label, body] of bad) {
      const response = await http().post('/api/v1/partnerships').set(a.admin.auth).send(body as object);
      expect({ label, status: response.status, type: response.headers['content-type'] }).toEqual({ label, status: 400, type: expect.stringContaining('application/problem+json') });
    }
    // Valid but not possible: no overlap to default to (422), a live partnership already (409).
    expect((await http().post('/api/v1/partnerships').set(a.admin.auth).send({ partnerCooperativeId: far.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 } }).expect(422)).body.code).toBe('no_overlap');
    expect((await system.sql<{ n: number }>(`SELECT count(*)::int AS n FROM partnerships`))[0].n).toBe(before);
    await propose(system, far, a, { area: squareArea(VALENCE, 0.01) });
    await propose(system, a, b);
    expect((await http().post('/api/v1/partnerships').set(b.admin.auth).send({ partnerCooperativeId: a.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 } }).expect(409)).body.code).toBe('partnership_exists');
    // Only co-op admins propose.
    await http().post('/api/v1/partnerships').set(a.dispatcher.auth).send({ partnerCooperativeId: b.cooperative.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 } }).expect(403);
    // A statement's period: ISO 8601, in order (by default from the proposal until now).
    const id = (await http().get('/api/v1/partnerships').set(a.admin.auth).expect(200)).body.items[0].id;
    for (const query of ['?from=yesterday&to=today', '?to=2026-13-01T00:00:00Z', '?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', '?from=2026-01-01T00:00:00Z&extra=1']) {
      await http().get(`/api/v1/partnerships/${id}/statement${query}`).set(a.admin.auth).expect(400);
    }
    const empty = (await http().get(`/api/v1/partnerships/${id}/statement`).set(a.admin.auth).expect(200)).body;
    expect(empty).toMatchObject({ currency: 'EUR', orders: [], totals: { orders: 0, price: { amount: 0, currency: 'EUR' }, partnerShare: { amount: 0, currency: 'EUR' } } });
  });

  it('refuses a partner that prices in another currency', async () => {
    const a = await system.api.newCooperative(VALENCE);
    const platform = await system.api.platformAdmin();
    const chf = (
      await http()
        .post('/api/v1/cooperatives')
        .set(platform.auth)
        .send({ name: 'Velo Genève', slug: `geneve-${Date.now()}`, timezone: 'Europe/Zurich', currency: 'CHF', serviceArea: squareArea(PARTNER_CENTRE) })
        .expect(201)
    ).body;
    const response = await http().post('/api/v1/partnerships').set(a.admin.auth).send({ partnerCooperativeId: chf.id, terms: { shareOfPrice: 0.5, maxOrdersPerDay: 3 } }).expect(422);
    expect(response.body.code).toBe('currency_mismatch');
  });
});
