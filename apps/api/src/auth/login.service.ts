import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { decoyPasswordHash, LoginThrottle, Tokens, verifyPassword } from '@lib/auth';
import { CredentialsRepository } from '@lib/database';
import { ProblemError } from '@lib/http';

@Injectable()
export class LoginService {
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly tokens: Tokens,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
  ) {
    this.decoyHash = decoyPasswordHash(config.env.BCRYPT_COST);
  }

  /** `address` is the caller's IP: failed attempts are limited per account and per address. */
  async signIn(email: string, password: string, address: string) {
    await this.throttle.attempt(email, address);
    const login = await this.credentials.findLogin(email);
    // Always compare a hash, so an unknown e-mail takes as long as a wrong password.
    const matches = await verifyPassword(password, login?.passwordHash ?? (await this.decoyHash));
    if (!login || !matches) throw new ProblemError(HttpStatus.UNAUTHORIZED, 'E-mail or password is wrong', 'bad_credentials');
    await this.throttle.succeeded(email, address);
    const principal = {
      userId: login.id,
      role: login.role,
      cooperativeId: login.cooperativeId,
      name: login.name,
      merchantId: login.merchantId ?? undefined,
      courierId: login.courierId ?? undefined,
    };
    return {
      accessToken: this.tokens.issue(principal),
      expiresIn: this.config.env.JWT_TTL_SECONDS,
      user: { id: login.id, role: login.role, cooperativeId: login.cooperativeId, name: login.name, merchantId: login.merchantId, courierId: login.courierId },
    };
  }
}
