import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@lib/config';
import type { LatLng } from '@lib/geo';
import { squareArea, VALENCE } from './geography';

export interface Session {
  token: string;
  user: { id: string; role: string; cooperativeId: string | null; name: string; merchantId?: string | null; courierId?: string | null };
  auth: { Authorization: string };
}

export interface CoopFixture {
  cooperative: { id: string; slug: string; name: string };
  center: LatLng;
  admin: Session;
  dispatcher: Session;
  merchant: { id: string; name: string; location: LatLng };
  merchantUser: Session;
  courier: Session & { id: string; courierId: string };
}

export interface Account {
  email: string;
  password: string;
  id: string;
  name: string;
  courierId?: string;
}

const unique = () => randomBytes(4).toString('hex');

/**
 * Factories that build what a test needs through the public API, as a client would:
 * `await api.newCooperative()` gives a co-op with an admin, a dispatcher, a merchant and a courier.
 * The API is an in-process Nest app (driven through its HTTP server) or a base URL (a built
 * process listening on a port).
 */
export class TestApi {
  constructor(
    readonly target: INestApplication | string,
    readonly config: AppConfig,
  ) {}

  get http() {
    return request(typeof this.target === 'string' ? this.target : (this.target.getHttpServer() as App));
  }

  async login(email: string, password: string): Promise<Session> {
    const response = await this.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
    const token = response.body.accessToken as string;
    return { token, user: response.body.user, auth: { Authorization: `Bearer ${token}` } };
  }

  platformAdmin(): Promise<Session> {
    return this.login(this.config.env.ADMIN_EMAIL!, this.config.env.ADMIN_PASSWORD!);
  }

  async newUser(admin: Session, role: string, extra: Record<string, unknown> = {}): Promise<Session & { id: string }> {
    const account = await this.newAccount(admin, role, extra);
    return { id: account.id, ...(await this.login(account.email, account.password)) };
  }

  /**
   * A user whose e-mail and password the test knows and who has not signed in yet (a browser
   * test signs in with them; logins are rate limited, so a test making many skips them).
   */
  async newAccount(admin: Session, role: string, extra: Record<string, unknown> = {}): Promise<Account> {
    const email = `${role}-${unique()}@test.example`;
    const password = 'password-1234';
    const created = await this.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email, password, name: `${role} ${unique()}`, role, ...extra })
      .expect(201);
    return { email, password, id: created.body.id, name: created.body.name, courierId: created.body.courierId ?? created.body.courier?.id };
  }

  async newCooperative(center: LatLng = VALENCE, settings: Record<string, unknown> = {}): Promise<CoopFixture> {
    const platform = await this.platformAdmin();
    const slug = `coop-${unique()}`;
    const created = await this.http
      .post('/api/v1/cooperatives')
      .set(platform.auth)
      .send({ name: `Coop ${slug}`, slug, timezone: 'Europe/Paris', currency: 'EUR', serviceArea: squareArea(center), settings })
      .expect(201);
    const cooperative = created.body;
    const admin = await this.newUser(platform, 'coop_admin', { cooperativeId: cooperative.id });
    const dispatcher = await this.newUser(admin, 'dispatcher');
    const merchant = (
      await this.http
        .post('/api/v1/merchants')
        .set(admin.auth)
        .send({ name: `Bistro ${unique()}`, address: '1 place du Marché', location: center })
        .expect(201)
    ).body;
    const merchantUser = await this.newUser(admin, 'merchant', { merchantId: merchant.id });
    const courier = await this.newCourier(admin);
    return { cooperative, center, admin, dispatcher, merchant, merchantUser, courier };
  }

  async newCourier(admin: Session, profile = { vehicle: 'bike', capacity: 2 }): Promise<Session & { id: string; courierId: string }> {
    const session = await this.newUser(admin, 'courier', { courier: profile });
    return { ...session, courierId: session.user.courierId! };
  }
}
