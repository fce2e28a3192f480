import { isOriginAllowed } from './origin-policy';

const request = (origin: string | undefined, host = 'track.example.org') => ({ headers: { origin, host } });

describe('isOriginAllowed', () => {
  const allowed = ['https://app.example.org'];

  it('lets clients without an Origin through (native apps, servers)', () => {
    expect(isOriginAllowed(request(undefined), allowed)).toBe(true);
  });

  it('accepts listed origins and the gateway\'s own', () => {
    expect(isOriginAllowed(request('https://app.example.org'), allowed)).toBe(true);
    expect(isOriginAllowed(request('https://track.example.org'), allowed)).toBe(true);
  });

  it('refuses other sites, look-alikes and garbage', () => {
    expect(isOriginAllowed(request('https://evil.example.com'), allowed)).toBe(false);
    expect(isOriginAllowed(request('https://app.example.org.evil.com'), allowed)).toBe(false);
    expect(isOriginAllowed(request('null'), allowed)).toBe(false);
  });
});
