// Two projects: `unit` (specs beside the code, no services) and `e2e` (real
// PostgreSQL/PostGIS + Redis, booted Nest apps). Both compile with SWC: type
// checking happens once in `npm run typecheck`, not per test file.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];
// NestJS 12 ships ES modules only. Node runs them through require(esm), but Jest's module
// system cannot before Node 24.9, so Jest compiles those packages to CommonJS too.
const esmOnlyPackages = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', 'load-esm'];
const swcForEsm = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcForEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@lib/([^/]+)(.*)$': '<rootDir>/libs/$1/src$2' },
  testEnvironment: 'node',
};
module.exports = {
  // Per-project timeouts are ignored by Jest; e2e tests wait for real processes.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/apps/web/'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
    },
  ],
};
