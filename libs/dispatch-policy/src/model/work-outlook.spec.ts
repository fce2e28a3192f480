import { expectedJobs, learnWorkOutlook, MIN_COURIER_HOURS_TO_LEARN } from './work-outlook';

describe('expectedJobs', () => {
  const outlook = { startsAt: 600, slotMinutes: 30, jobsPerCourierHour: [2, 4] };

  it('adds each slot in proportion to the minutes spent in it', () => {
    expect(expectedJobs(outlook, 600, 660)).toBeCloseTo(1 + 2);
    expect(expectedJobs(outlook, 615, 645)).toBeCloseTo(0.5 + 1);
  });

  it('expects nothing outside the slots or over an empty window', () => {
    expect(expectedJobs(outlook, 500, 600)).toBe(0);
    expect(expectedJobs(outlook, 660, 720)).toBe(0);
    expect(expectedJobs(outlook, 640, 620)).toBe(0);
  });
});

describe('learnWorkOutlook', () => {
  const busyDinner = [
    { jobs: 10, courierHours: 20 },
    { jobs: 60, courierHours: 30 },
    { jobs: 1, courierHours: 0.5 },
  ];

  it('divides each slot’s jobs by its courier-hours', () => {
    const outlook = learnWorkOutlook(600, 30, busyDinner)!;
    expect(outlook.startsAt).toBe(600);
    expect(outlook.slotMinutes).toBe(30);
    expect(outlook.jobsPerCourierHour[0]).toBeCloseTo(0.5);
    expect(outlook.jobsPerCourierHour[1]).toBeCloseTo(2);
  });

  it('gives a slot with too few courier-hours the whole history’s rate', () => {
    expect(learnWorkOutlook(600, 30, busyDinner)!.jobsPerCourierHour[2]).toBeCloseTo(71 / 50.5);
  });

  it('learns nothing from too short a history', () => {
    expect(learnWorkOutlook(0, 30, [{ jobs: 5, courierHours: MIN_COURIER_HOURS_TO_LEARN - 1 }])).toBeUndefined();
  });
});
