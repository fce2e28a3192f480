import { environmentSchema, Environment } from './config.schema';

/** The typed, validated configuration. Nothing else in the code reads `process.env`. */
export class AppConfig {
  private constructor(readonly env: Environment) {}

  /** `required` names the optional variables this particular process cannot run without. */
  static fromEnvironment(source: NodeJS.ProcessEnv = process.env, required: (keyof Environment)[] = []): AppConfig {
    const parsed = environmentSchema.safeParse(source);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const name = first.path.join('.');
      const message = first.code === 'invalid_type' && source[name] === undefined
        ? `${name} is missing`
        : `${name}: ${first.message}`;
      throw new ConfigError(message);
    }
    const missing = required.find((name) => parsed.data[name] === undefined);
    if (missing) throw new ConfigError(`${missing} is missing`);
    return new AppConfig(parsed.data);
  }

  get jwtSecret(): string {
    if (!this.env.JWT_SECRET) throw new ConfigError('JWT_SECRET is missing');
    return this.env.JWT_SECRET;
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get apiBaseUrl(): string {
    return this.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${this.env.API_PORT}`;
  }

  get trackingBaseUrl(): string {
    return this.env.TRACKING_PUBLIC_URL ?? `http://127.0.0.1:${this.env.TRACKING_PORT}`;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
