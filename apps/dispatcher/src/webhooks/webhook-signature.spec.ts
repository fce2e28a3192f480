import { createHmac } from 'node:crypto';
import { signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 so a receiver can verify it', () => {
    const header = signWebhook('whsec_test', '{"a":1}', 1_700_000_000);
    const [t, v1] = header.split(',').map((part) => part.split('=')[1]);
    expect(t).toBe('1700000000');
    expect(v1).toBe(createHmac('sha256', 'whsec_test').update('1700000000.{"a":1}').digest('hex'));
    expect(signWebhook('another', '{"a":1}', 1_700_000_000)).not.toBe(header);
  });
});
