import { expectedJobs } from './work-outlook';

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
