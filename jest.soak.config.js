import base from './jest.config.js'

/** The soak test: minutes of mixed load against a spawned server (`npm run test:soak`). */
export default {
  ...base,
  testMatch: ['<rootDir>/tests/soak/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 900_000,
}
