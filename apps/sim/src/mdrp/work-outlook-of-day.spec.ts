import { expectedJobs } from '@lib/dispatch-policy';
import { MdrpInstance } from './instance';
import { workOutlookOfDay } from './work-outlook-of-day';

describe('workOutlookOfDay', () => {
  const courier = (id: string, onAt: number, offAt: number) => ({ id, start: { x: 0, y: 0 }, onAt, offAt });
  const order = (id: string, readyAt: number) => ({ id, dropoff: { x: 0, y: 0 }, placedAt: readyAt - 10, restaurantId: 'r', readyAt });
  const day: MdrpInstance = {
    name: 'tiny',
    restaurants: new Map([['r', { x: 0, y: 0 }]]),
    // 80 couriers in the first half hour (40 courier-hours), 40 in the second (20).
    couriers: Array.from({ length: 80 }, (_, i) => courier(`c${i}`, 0, i < 40 ? 60 : 30)),
    // 40 orders ready in the first half hour, 60 in the second.
    orders: Array.from({ length: 100 }, (_, i) => order(`o${i}`, i < 40 ? 5 + (i % 20) : 35 + (i % 20))),
    parameters: { metresPerMinute: 100, pickupServiceMinutes: 4, dropoffServiceMinutes: 4, targetClickToDoor: 40, maxClickToDoor: 90, payPerOrder: 10, guaranteedPayPerHour: 15 },
  };

  it('divides the jobs ready in each slot by the courier-hours on shift in it', () => {
    const outlook = workOutlookOfDay(day, 30)!;
    // First slot: 40 jobs / 40 courier-hours; second: 60 / 20.
    expect(outlook.jobsPerCourierHour[0]).toBeCloseTo(1);
    expect(outlook.jobsPerCourierHour[1]).toBeCloseTo(3);
    expect(expectedJobs(outlook, 0, 60)).toBeCloseTo(0.5 + 1.5);
  });

  it('learns nothing from a day with too few courier-hours', () => {
    expect(workOutlookOfDay({ ...day, couriers: day.couriers.slice(0, 2) }, 30)).toBeUndefined();
  });
});
