import { expectedJobs } from '@lib/dispatch-policy';
import { MdrpInstance } from './instance';
import { workOutlookOfDay } from './work-outlook-of-day';

describe('workOutlookOfDay', () => {
  const courier = (id: string, onAt: number, offAt: number) => ({ id, start: { x: 0, y: 0 }, onAt, offAt });
  const order = (id: string, readyAt: number) => ({ id, dropoff: { x: 0, y: 0 }, placedAt: readyAt - 10, restaurantId: 'r', readyAt });
  const day: MdrpInstance = {
    name: 'tiny',
    restaurants: new Map([['r', { x: 0, y: 0 }]]),
    // Two couriers in the first half hour, one in the second.
    couriers: [courier('a', 0, 59), courier('b', 0, 29)],
    orders: [order('o1', 5), order('o2', 20), order('o3', 40), order('o4', 50), order('o5', 55)],
    parameters: { metresPerMinute: 100, pickupServiceMinutes: 4, dropoffServiceMinutes: 4, targetClickToDoor: 40, maxClickToDoor: 90, payPerOrder: 10, guaranteedPayPerHour: 15 },
  };

  it('shares each order among the couriers on shift when it is ready, per courier-hour and slot', () => {
    const outlook = workOutlookOfDay(day, 30);
    // First slot: 2 orders / 2 couriers in half an hour = 2 per hour; second: 3 orders, 1 courier = 6 per hour.
    expect(outlook.jobsPerCourierHour).toEqual([2, 6]);
    expect(expectedJobs(outlook, 0, 60)).toBeCloseTo(4);
  });
});
