import { randomBytes } from 'node:crypto';
import type { Session, TestApi } from '@lib/testing';

export interface Account {
  email: string;
  password: string;
  id: string;
  courierId?: string;
}

/**
 * A user whose e-mail and password the test knows, so the browser can sign in with them
 * (TestApi's factories keep those to themselves).
 */
export async function newAccount(api: TestApi, admin: Session, role: string, extra: Record<string, unknown> = {}): Promise<Account> {
  const email = `web-${role}-${randomBytes(4).toString('hex')}@test.example`;
  const password = 'password-1234';
  const created = await api.http
    .post('/api/v1/users')
    .set(admin.auth)
    .send({ email, password, name: `${role} ${randomBytes(2).toString('hex')}`, role, ...extra })
    .expect(201);
  return { email, password, id: created.body.id, courierId: created.body.courierId ?? created.body.courier?.id };
}
