import { courierReportCsv, csvField } from './courier-report.csv';

const money = (amount: number) => ({ amount, currency: 'EUR' });

describe('courierReportCsv', () => {
  it('writes a header and one row per courier', () => {
    const csv = courierReportCsv([
      { courierId: 'c1', name: 'Ana', jobs: 3, distanceMeters: 4200, shiftSeconds: 7200, earnings: money(1500), orderEarnings: money(1500), offersDeclined: 1, offersExpired: 0 },
    ]);
    expect(csv).toBe('courierId,name,jobs,distanceMeters,shiftSeconds,earnings,orderEarnings,currency,offersDeclined,offersExpired\r\nc1,Ana,3,4200,7200,1500,1500,EUR,1,0\r\n');
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('Dupont, Marie')).toBe('"Dupont, Marie"');
    expect(csvField('Jo "le vélo"')).toBe('"Jo ""le vélo"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
  });
});
