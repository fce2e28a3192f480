import type { CouriersRepository, Transactions } from '@lib/database';
import type { CourierPositions } from '@lib/positions';
import { CourierShifts } from './courier-shifts';

const COOP = 'coop-1';
const startedAt = new Date('2026-11-24T08:00:00Z');

/** A roster read that returns `onShift` couriers (started at 08:00) and counts the reads. */
function shiftsWith(onShift: string[]) {
  const forgotten: string[] = [];
  let reads = 0;
  const transactions = { inTenant: async <T>(_id: string, work: () => Promise<T>) => work() } as unknown as Transactions;
  const couriers = {
    working: async () => {
      reads += 1;
      return onShift.map((id) => ({ id, onShift: true, shiftStartedAt: startedAt }));
    },
  } as unknown as CouriersRepository;
  const positions = { forget: async (_coop: string, id: string) => void forgotten.push(id) } as unknown as CourierPositions;
  return { shifts: new CourierShifts(transactions, couriers, positions), forgotten, reads: () => reads };
}

describe('CourierShifts', () => {
  it('knows when a shift on the roster started', async () => {
    const { shifts } = shiftsWith(['ana']);
    expect(await shifts.shiftStartedAt(COOP, 'ana')).toBe(startedAt.getTime());
    expect(await shifts.shiftStartedAt(COOP, 'bea')).toBeNull();
  });

  it('takes a new shift to start when its notice is heard, and a shift that goes on to keep its start', async () => {
    const { shifts } = shiftsWith(['ana']);
    await shifts.shiftStartedAt(COOP, 'ana'); // the roster is loaded
    const before = Date.now();
    await shifts.apply({ cooperativeId: COOP, courierId: 'bea', onShift: true });
    expect(await shifts.shiftStartedAt(COOP, 'bea')).toBeGreaterThanOrEqual(before);
    await shifts.apply({ cooperativeId: COOP, courierId: 'ana', onShift: true }); // a changed planned end
    expect(await shifts.shiftStartedAt(COOP, 'ana')).toBe(startedAt.getTime());
  });

  it('ends a shift at once on its notice and takes the courier off the live map', async () => {
    const { shifts, forgotten } = shiftsWith(['ana']);
    await shifts.shiftStartedAt(COOP, 'ana');
    await shifts.apply({ cooperativeId: COOP, courierId: 'ana', onShift: false });
    expect(await shifts.isOnShift(COOP, 'ana')).toBe(false);
    expect(forgotten).toEqual(['ana']);
  });

  it('a shift that ended and began again starts when the new notice is heard, not at the old start', async () => {
    const { shifts } = shiftsWith(['ana']);
    await shifts.shiftStartedAt(COOP, 'ana');
    await shifts.apply({ cooperativeId: COOP, courierId: 'ana', onShift: false });
    const before = Date.now();
    await shifts.apply({ cooperativeId: COOP, courierId: 'ana', onShift: true });
    expect(await shifts.shiftStartedAt(COOP, 'ana')).toBeGreaterThanOrEqual(before);
  });

  it('reads the co-op when a notice comes before any roster, and then believes the database', async () => {
    const { shifts, reads } = shiftsWith(['ana']);
    await shifts.apply({ cooperativeId: COOP, courierId: 'ana', onShift: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads()).toBe(1);
    expect(await shifts.shiftStartedAt(COOP, 'ana')).toBe(startedAt.getTime());
  });
});
