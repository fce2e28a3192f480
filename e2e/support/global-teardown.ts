import { withServerClient } from '@lib/testing';

/** Each test file drops its own database; the run's template goes last. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.BD_TEST_TEMPLATE;
  if (template) await withServerClient((client) => client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
}
