import { databaseKind } from '../../src/db/adapter'
import { ConfigError, readEnv } from '../../src/env'

describe('databaseKind', () => {
  test.each([
    ['file:./data/newsroom.db', 'sqlite'],
    ['postgres://u:p@localhost:5432/db', 'postgres'],
    ['postgresql://localhost/db', 'postgres'],
    ['mongodb://localhost:27017/db', 'mongodb'],
    ['mongodb+srv://cluster.example/db', 'mongodb'],
  ])('%s -> %s', (url, kind) => {
    expect(databaseKind(url)).toBe(kind)
  })

  test('an unknown scheme is a configuration error that lists the supported ones', () => {
    expect(() => databaseKind('mysql://localhost/db')).toThrow(ConfigError)
    expect(() => databaseKind('mysql://localhost/db')).toThrow(/unsupported scheme "mysql:".*file:.*postgres:.*mongodb:/)
  })
})

describe('readEnv', () => {
  test('defaults to SQLite under data/ and a development secret outside production', () => {
    const env = readEnv({})
    expect(env.DATABASE_URL).toBe('file:./data/newsroom.db')
    expect(env.PAYLOAD_SECRET.length).toBeGreaterThan(16)
    expect(env.SEED_DEMO).toBe(true)
  })

  test('production without PAYLOAD_SECRET refuses to start and says how to fix it', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(ConfigError)
    expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(/PAYLOAD_SECRET is not set.*openssl rand/)
  })

  test('bad values name the variable', () => {
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => readEnv({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/)
  })

  test('SEED_DEMO=false disables the demo content', () => {
    expect(readEnv({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false)
  })
})
