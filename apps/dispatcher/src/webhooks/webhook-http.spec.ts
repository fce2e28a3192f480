import { PrivateDestinationError } from '@lib/outbound-http';
import { postWebhook } from './webhook-http';

const post = (url: string) => postWebhook({ url, headers: {}, body: '{}', timeoutMs: 2000, allowPrivateNetworks: false });

describe('webhook destinations', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', /loopback/],
    ['http://[::1]/hook', /loopback/],
    ['http://10.0.0.7/hook', /private/],
    ['http://192.168.1.20/hook', /private/],
    ['http://169.254.169.254/latest/meta-data', /linkLocal/],
    ['http://localhost:3000/hook', /loopback/],
    ['http://2130706433/hook', /127\.0\.0\.1 .*loopback/],
    ['http://[::ffff:169.254.169.254]/hook', /linkLocal/],
    ['http://0.0.0.0:8080/hook', /unspecified/],
  ])('refuses %s before connecting', async (url, reason) => {
    const refusal = await post(url).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PrivateDestinationError);
    expect((refusal as Error).message).toMatch(reason);
  });
});
