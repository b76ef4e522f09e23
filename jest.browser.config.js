import base from './jest.config.js'

/** Browser tests: real Chromium against the built, started server (`npm run build` first). */
export default {
  ...base,
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180_000,
}
