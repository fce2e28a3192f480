import { privateDestinationProblem } from './webhook-destination';

describe('privateDestinationProblem', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', /loopback/],
    ['http://[::1]/hook', /loopback/],
    ['http://10.0.0.7/hook', /private/],
    ['http://192.168.1.20/hook', /private/],
    ['http://169.254.169.254/latest/meta-data', /linkLocal/],
    ['http://localhost:3000/hook', /loopback/],
  ])('refuses %s', async (url, reason) => {
    expect(await privateDestinationProblem(url)).toMatch(reason);
  });

  it('accepts a public address', async () => {
    expect(await privateDestinationProblem('https://93.184.216.34/hook')).toBeNull();
  });
});
