import { performance } from 'node:perf_hooks';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('verifies the password a hash was made from, and only that one', async () => {
    const hash = await hashPassword('correct horse', 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    await expect(verifyPassword('correct horse', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horsf', hash)).resolves.toBe(false);
  });

  it('hashes off the event loop: the loop stays idle while twenty logins are checked', async () => {
    const hash = await hashPassword('rider password', 10);
    const before = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 20 }, () => verifyPassword('rider password', hash)));
    const during = performance.eventLoopUtilization(before);
    // On the event loop (bcryptjs) this is close to 1: the loop did nothing but hash.
    expect(during.utilization).toBeLessThan(0.5);
  });

  it('makes its decoy at the configured cost, so an unknown e-mail costs a wrong password’s time', async () => {
    const decoy = await decoyPasswordHash(5);
    expect(decoy).toMatch(/^\$2[aby]\$05\$/);
    await expect(verifyPassword('anything', decoy)).resolves.toBe(false);
  });
});
