import { AppConfig, ConfigError } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'a-secret-of-enough-length',
};

describe('AppConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = AppConfig.fromEnvironment({ ...valid, API_PORT: '4000' });
    expect(config.env.API_PORT).toBe(4000);
    expect(config.env.TRACKING_PORT).toBe(3001);
    expect(config.env.DATABASE_APP_ROLE).toBe('dispatch_app');
  });

  it('names a missing DATABASE_URL in one line', () => {
    const { DATABASE_URL, ...rest } = valid;
    expect(() => AppConfig.fromEnvironment(rest)).toThrow(new ConfigError('DATABASE_URL is missing'));
  });

  it('names a missing REDIS_URL in one line', () => {
    const { REDIS_URL, ...rest } = valid;
    expect(() => AppConfig.fromEnvironment(rest)).toThrow(new ConfigError('REDIS_URL is missing'));
  });

  it('requires what the process asks for', () => {
    const { JWT_SECRET, ...rest } = valid;
    expect(() => AppConfig.fromEnvironment(rest)).not.toThrow();
    expect(() => AppConfig.fromEnvironment(rest, ['JWT_SECRET'])).toThrow(new ConfigError('JWT_SECRET is missing'));
  });

  it('rejects a malformed value with the variable name', () => {
    expect(() => AppConfig.fromEnvironment({ ...valid, API_PORT: 'eighty' })).toThrow(/^API_PORT: /);
  });
});
