/**
 * `unit` runs in-process specs beside the code; `e2e` starts the built apps as real processes
 * against the running Postgres, Redis and NATS (each file isolates itself with its own schema
 * and subject prefix).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(ts|js)$': swc },
  // jose ships only ES modules; swc turns them into CommonJS for jest's module system.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@apier/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@apier/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@apier/db$': '<rootDir>/libs/db/src/index.ts',
    '^@apier/access-catalogue$': '<rootDir>/libs/access-catalogue/src/index.ts',
    '^@apier/mva$': '<rootDir>/libs/mva/src/index.ts',
    '^@apier/testing$': '<rootDir>/libs/testing/src/index.ts',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,prisma}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/e2e/support/record-responses.ts'],
    },
    // The full fault suite takes many minutes, so only `npm run test:faults` (FAULT_SUITE=1) has it.
    ...(process.env['FAULT_SUITE']
      ? [
          {
            ...shared,
            displayName: 'faults',
            testMatch: ['<rootDir>/e2e/faults/**/*.faults-spec.ts'],
            setupFilesAfterEnv: ['<rootDir>/e2e/support/record-responses.ts'],
          },
        ]
      : []),
  ],
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};
