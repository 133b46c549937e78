/** jest: TypeScript tests under tests/, compiled by ts-jest. Heavy suites
 * (fuzzing, long conformance runs) have their own npm scripts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/tests/heavy/'],
  globalSetup: '<rootDir>/tests/global-setup.js',
  testTimeout: 60000,
};
