import { checkDestination, DestinationPolicy } from './destination-check';

/** A resolver with fixed answers; a name it does not know is ENOTFOUND, as getaddrinfo says. */
function resolver(answers: Record<string, string[]>): { lookup: DestinationPolicy['lookup']; asked: string[] } {
  const asked: string[] = [];
  const lookup = async (hostname: string) => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address }));
  };
  return { lookup, asked };
}

const dns = resolver({
  'shop.example': ['93.184.215.14', '2606:4700:4700::1111'],
  localhost: ['127.0.0.1', '::1'],
  'metadata.example': ['169.254.169.254'],
  'half-private.example': ['93.184.215.14', '10.0.0.8'],
  'empty.example': [],
});
const guarded: DestinationPolicy = { allowPrivateNetworks: false, lookupTimeoutMs: 500, lookup: dns.lookup };

describe('checking a destination when it is given', () => {
  it.each([
    ['http://127.0.0.1:8080/hooks', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://[::1]/hooks', /::1 is not a public address \(loopback\)/],
    ['http://[::]/', /unspecified/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://0/', /0\.0\.0\.0 is not a public address \(unspecified\)/],
    ['http://10.0.0.7/hooks', /private/],
    ['http://172.16.4.2/hooks', /private/],
    ['http://192.168.1.20/hooks', /private/],
    ['http://100.64.0.9/hooks', /carrierGradeNat/],
    ['http://169.254.169.254/latest/meta-data', /linkLocal/],
    ['http://[fd00::1]/hooks', /uniqueLocal/],
    ['http://[fe80::1]/hooks', /linkLocal/],
    ['http://[::ffff:127.0.0.1]/hooks', /loopback/],
    ['http://[::ffff:a9fe:a9fe]/hooks', /linkLocal/],
    // Spellings the WHATWG parser (and so the HTTP client) turns into 127.0.0.1.
    ['http://2130706433/hooks', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://0x7f.1/hooks', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://017700000001/hooks', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://127.1/hooks', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://localhost:3000/hooks', /localhost resolves to 127\.0\.0\.1, not a public address \(loopback\)/],
    ['https://metadata.example/', /metadata\.example resolves to 169\.254\.169\.254, not a public address \(linkLocal\)/],
    ['https://half-private.example/', /resolves to 10\.0\.0\.8, not a public address \(private\)/],
    ['https://nowhere.example/', /nowhere\.example does not resolve \(ENOTFOUND\)/],
    ['https://empty.example/', /empty\.example resolves to no address/],
    ['ftp://shop.example/', /http\(s\)/],
    ['not a url', /http\(s\)/],
  ])('refuses %s with its reason', async (url, reason) => {
    const verdict = await checkDestination(url, guarded);
    expect(verdict).toEqual({ allowed: false, reason: expect.stringMatching(reason) });
  });

  it.each(['https://shop.example/hooks', 'http://93.184.215.14/hooks', 'https://[2606:4700:4700::1111]/'])('accepts %s, public by every address', async (url) => {
    await expect(checkDestination(url, guarded)).resolves.toEqual({ allowed: true });
  });

  it('refuses a name whose resolver does not answer in time', async () => {
    const hanging = () => new Promise<{ address: string }[]>(() => undefined);
    const startedAt = Date.now();
    const verdict = await checkDestination('https://slow.example/', { allowPrivateNetworks: false, lookupTimeoutMs: 50, lookup: hanging });
    expect(verdict).toEqual({ allowed: false, reason: 'slow.example does not resolve (no answer within 50 ms)' });
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('accepts private destinations, without resolving anything, when the deployment allows them', async () => {
    const quiet = resolver({});
    const allowing: DestinationPolicy = { allowPrivateNetworks: true, lookupTimeoutMs: 500, lookup: quiet.lookup };
    for (const url of ['http://127.0.0.1:8080/hooks', 'http://[::1]/', 'http://localhost/', 'http://169.254.169.254/']) {
      await expect(checkDestination(url, allowing)).resolves.toEqual({ allowed: true });
    }
    expect(quiet.asked).toEqual([]);
    await expect(checkDestination('ftp://127.0.0.1/', allowing)).resolves.toMatchObject({ allowed: false });
  });

  it('resolves with the system resolver by default (localhost is loopback)', async () => {
    const verdict = await checkDestination('http://localhost/hooks', { allowPrivateNetworks: false, lookupTimeoutMs: 2000 });
    expect(verdict).toEqual({ allowed: false, reason: expect.stringMatching(/localhost (resolves to .*\(loopback\)|does not resolve)/) });
  });
});
