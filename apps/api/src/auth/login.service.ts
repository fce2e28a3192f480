import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { decoyPasswordHash, Tokens, verifyPassword } from '@lib/auth';
import { CredentialsRepository } from '@lib/database';
import { ProblemError } from '@lib/http';

@Injectable()
export class LoginService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly tokens: Tokens,
    private readonly config: AppConfig,
  ) {}

  async signIn(email: string, password: string) {
    const login = await this.credentials.findLogin(email);
    // Always compare a hash, so an unknown e-mail takes as long as a wrong password.
    const matches = await verifyPassword(password, login?.passwordHash ?? decoyPasswordHash);
    if (!login || !matches) throw new ProblemError(HttpStatus.UNAUTHORIZED, 'E-mail or password is wrong', 'bad_credentials');
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
