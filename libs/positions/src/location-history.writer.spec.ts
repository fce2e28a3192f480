import type { CourierLocationRow, CourierLocationsRepository, Transactions } from '@lib/database';
import { LocationHistoryWriter } from './location-history.writer';

const fix = (second: number) => ({ lat: 44.9, lng: 4.9, at: new Date(Date.UTC(2026, 10, 22, 12, 0, second)), accuracy: 5, heading: null, speed: null });

/** A fake database: records which tenant each insert ran in, and can be made to fail. */
function fakeDatabase() {
  const written: { cooperativeId: string; rows: CourierLocationRow[] }[] = [];
  let current = '';
  let failing = false;
  const transactions = {
    inTenant: async <T>(cooperativeId: string, work: () => Promise<T>) => {
      current = cooperativeId;
      return work();
    },
  } as unknown as Transactions;
  const locations = {
    insertMany: async (rows: CourierLocationRow[]) => {
      if (failing) throw new Error('database unavailable');
      written.push({ cooperativeId: current, rows });
      return rows.length;
    },
  } as unknown as CourierLocationsRepository;
  return { written, transactions, locations, fail: (value: boolean) => (failing = value) };
}

describe('LocationHistoryWriter', () => {
  it('sets aside a point the database refuses for its data, and writes the rest of the batch', async () => {
    const db = fakeDatabase();
    const refusing = {
      insertMany: async (rows: CourierLocationRow[]) => {
        if (rows.some((row) => row.courierId === 'gone')) throw Object.assign(new Error('insert or update violates foreign key constraint'), { code: '23503' });
        return db.locations.insertMany(rows);
      },
    } as unknown as CourierLocationsRepository;
    const writer = new LocationHistoryWriter(db.transactions, refusing);
    writer.add('coop-a', 'courier-1', fix(1));
    writer.add('coop-a', 'gone', fix(1));
    writer.add('coop-a', 'courier-2', fix(2));
    await writer.flush();
    expect(db.written.flatMap((batch) => batch.rows.map((row) => row.courierId))).toEqual(['courier-1', 'courier-2']);
    // Nothing is left to retry: the next flush writes nothing more.
    await writer.flush();
    expect(db.written.flatMap((batch) => batch.rows)).toHaveLength(2);
  });

  it('writes one batch per cooperative, each inside that cooperative\'s tenant scope', async () => {
    const db = fakeDatabase();
    const writer = new LocationHistoryWriter(db.transactions, db.locations);
    writer.add('coop-a', 'courier-1', fix(1));
    writer.add('coop-b', 'courier-2', fix(1));
    writer.add('coop-a', 'courier-1', fix(2));
    await writer.flush();
    expect(db.written.map((batch) => [batch.cooperativeId, batch.rows.length])).toEqual([['coop-a', 2], ['coop-b', 1]]);
    expect(db.written[0].rows[1]).toMatchObject({ courierId: 'courier-1', recordedAt: fix(2).at, accuracy: 5 });
  });

  it('keeps the points when the database fails and writes them with the next flush', async () => {
    const db = fakeDatabase();
    const writer = new LocationHistoryWriter(db.transactions, db.locations);
    writer.add('coop-a', 'courier-1', fix(1));
    db.fail(true);
    await writer.flush();
    expect(db.written).toEqual([]);
    writer.add('coop-a', 'courier-1', fix(2));
    db.fail(false);
    await writer.flush();
    expect(db.written).toHaveLength(1);
    expect(db.written[0].rows.map((row) => row.recordedAt)).toEqual([fix(1).at, fix(2).at]);
  });

  it('has nothing to do when nothing was added', async () => {
    const db = fakeDatabase();
    await new LocationHistoryWriter(db.transactions, db.locations).flush();
    expect(db.written).toEqual([]);
  });
});
