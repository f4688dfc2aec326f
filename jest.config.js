// Two lanes (`npm test` runs both; `npm run test:fast` the first):
// - fast: unit tests and the CLI called in-process through `main`, no pytest and no CLI process;
// - system: real processes and real pytest (files named *.system.test.ts).
// ESM + @swc/jest: the transformer strips types only; `npm run typecheck` type-checks.
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  projects: [
    { ...common, displayName: 'fast', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['\\.system\\.test\\.ts$'] },
    // Most system tests wait on child processes (the CLI, pytest): two workers keep both cores busy.
    { ...common, displayName: 'system', testMatch: ['<rootDir>/test/**/*.system.test.ts'], globalSetup: '<rootDir>/test/global-setup.js' },
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
