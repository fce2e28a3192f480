import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { hashPassword } from '@lib/auth';
import { CredentialsRepository } from '@lib/database';

/** Creates the first platform admin from ADMIN_EMAIL / ADMIN_PASSWORD when it does not exist yet. */
@Injectable()
export class PlatformAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('PlatformAdminBootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly credentials: CredentialsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config.env;
    if (!email || !password) return;
    if (await this.credentials.isEmailTaken(email)) return;
    const created = await this.credentials.ensurePlatformAdmin(email, await hashPassword(password, this.config.env.BCRYPT_COST), 'Platform admin');
    if (created) this.logger.log({ email }, 'platform admin created');
  }
}
