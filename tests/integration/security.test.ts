import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { api } from '../helpers/http'
import { createStaff } from '../helpers/staff'
import { SIGN_IN_THROTTLE } from '../../src/auth/signInThrottle'

/**
 * Authentication under attack, over real HTTP: per-address limits on password attempts and on
 * writes sent without signing in, throttled (never locked) accounts, also under a parallel burst, the same answer for unknown accounts, tokens dead
 * after logout, CORS and CSRF by origin.
 */
const FRONTEND = 'https://frontend.example'
const EVIL = 'https://evil.example'
let cms: TestCms
let addressCounter = 0
const newAddress = () => `198.51.100.${++addressCounter}`

beforeAll(async () => {
  Object.assign(process.env, { TRUST_PROXY: '1', ALLOWED_ORIGINS: FRONTEND, LOGIN_ATTEMPTS_PER_ADDRESS: '8', ANONYMOUS_WRITES_PER_ADDRESS: '12' })
  cms = await startCms()
}, 60_000)
afterAll(async () => {
  await cms?.close()
  for (const key of ['TRUST_PROXY', 'ALLOWED_ORIGINS', 'LOGIN_ATTEMPTS_PER_ADDRESS', 'ANONYMOUS_WRITES_PER_ADDRESS']) delete process.env[key]
})

const login = (email: string, password: string, address = newAddress()) =>
  api(cms.baseUrl, '/api/users/login', { method: 'POST', headers: { 'x-forwarded-for': address }, body: { email, password } })

describe('password attempts', () => {
  test('one address gets 429 with Retry-After after its attempts, across accounts; others still sign in', async () => {
    const address = newAddress()
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await login(`nobody-${i}@newsroom.test`, 'wrong password', address)).status)
    expect(statuses.every((status) => status === 401)).toBe(true)
    const refused = await login('nobody@newsroom.test', 'wrong password', address)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.body.errors[0].message).toMatch(/Too many sign-in attempts/)
    const staff = await createStaff(cms.payload, cms.baseUrl, 'author')
    expect((await login(staff.email, 'correct horse battery staple')).status).toBe(200)
  })

  test('wrong passwords earn growing delays for that address, not a lock: the owner signs in from elsewhere', async () => {
    const staff = await createStaff(cms.payload, cms.baseUrl, 'author')
    const attacker = newAddress()
    for (let i = 0; i < SIGN_IN_THROTTLE.perAddress.freeFailures; i++) expect((await login(staff.email, `wrong ${i}`, attacker)).status).toBe(401)
    const throttled = await login(staff.email, 'wrong again', attacker)
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(throttled.body.errors[0].message).toMatch(/Too many failed sign-ins for this account/)
    // Even the right password waits at the throttled address (it is not checked)…
    expect((await login(staff.email, 'correct horse battery staple', attacker)).status).toBe(429)
    // …but nothing is locked: the owner, elsewhere, signs straight in, and nothing says "locked".
    const owner = await login(staff.email, 'correct horse battery staple')
    expect(owner.status).toBe(200)
    expect(JSON.stringify(throttled.body)).not.toMatch(/locked/i)
  })

  test('a parallel burst of wrong passwords is throttled without a single 5xx, and locks nobody out', async () => {
    const staff = await createStaff(cms.payload, cms.baseUrl, 'editor')
    const attacker = newAddress()
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(staff.email, `burst ${i}`, attacker)))
    expect(burst.every((response) => response.status === 401 || response.status === 429)).toBe(true)
    expect(burst.filter((response) => response.status === 401).length).toBeLessThanOrEqual(SIGN_IN_THROTTLE.perAddress.freeFailures)
    expect((await login(staff.email, 'correct horse battery staple')).status).toBe(200)
  })

  test('unknown and known accounts get the same answers, at the same cost', async () => {
    const staff = await createStaff(cms.payload, cms.baseUrl, 'author')
    const timed = async (email: string) => {
      const started = performance.now()
      const response = await login(email, 'not the password')
      return { status: response.status, body: JSON.stringify(response.body), ms: performance.now() - started }
    }
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 4; i++) {
      const a = await timed(staff.email)
      const b = await timed(`nobody-${i}-${Date.now()}@newsroom.test`)
      expect(b.status).toBe(a.status)
      expect(b.body).toBe(a.body)
      known.push(a.ms)
      unknown.push(b.ms)
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!
    // Both pay for the password hash (about 100 ms here); before, unknown emails answered in 8 ms.
    expect(median(unknown)).toBeGreaterThan(median(known) / 3)
  })
})

describe('writes without signing in', () => {
  test('one address gets 429 with Retry-After after its anonymous REST writes; its reads, GraphQL, other addresses and signed-in users are not held back', async () => {
    const address = newAddress()
    const attempt = () =>
      api(cms.baseUrl, '/api/tags', { method: 'POST', headers: { 'x-forwarded-for': address }, body: { name: 'Spam' } })
    for (let i = 0; i < 12; i++) expect((await attempt()).status).toBe(403)
    const refused = await attempt()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.body.errors[0].message).toMatch(/Too many changes sent from this address without signing in/)

    const read = await api(cms.baseUrl, '/api/tags', { headers: { 'x-forwarded-for': address } })
    expect(read.status).toBe(200)
    const query = await api(cms.baseUrl, '/api/graphql', { method: 'POST', headers: { 'x-forwarded-for': address }, body: { query: '{ Tags { totalDocs } }' } })
    expect(query.status).toBe(200)
    expect(query.body.data.Tags.totalDocs).toBeGreaterThanOrEqual(0)
    expect((await api(cms.baseUrl, '/api/tags', { method: 'POST', headers: { 'x-forwarded-for': newAddress() }, body: { name: 'Spam' } })).status).toBe(403)

    const editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
    const signedIn = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: editor.token, headers: { 'x-forwarded-for': address }, body: { name: 'Elections' } })
    expect(signedIn.status).toBe(201)
    expect((await cms.payload.find({ collection: 'tags', where: { name: { equals: 'Spam' } } })).totalDocs).toBe(0)
  })

  test('GraphQL mutations sent without signing in count too; GraphQL queries do not', async () => {
    const address = newAddress()
    const send = (query: string) => api(cms.baseUrl, '/api/graphql', { method: 'POST', headers: { 'x-forwarded-for': address }, body: { query } })
    for (let i = 0; i < 20; i++) expect((await send('{ Tags { totalDocs } }')).status).toBe(200)
    for (let i = 0; i < 12; i++) {
      const refused = await send('mutation { createTag(data: { name: "Spam by GraphQL" }) { id } }')
      expect(refused.status).not.toBe(429)
      expect(refused.body.errors[0].message).toMatch(/not allowed/i)
    }
    const limited = await send('mutation { createTag(data: { name: "Spam by GraphQL" }) { id } }')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    const query = await send('{ Tags { totalDocs } }')
    expect(query.status).toBe(200)
    expect(query.body.data.Tags.totalDocs).toBeGreaterThanOrEqual(0)
    expect((await cms.payload.find({ collection: 'tags', where: { name: { equals: 'Spam by GraphQL' } } })).totalDocs).toBe(0)
  })
})

describe('sessions', () => {
  test('a token stops working after logout', async () => {
    const staff: StaffMember = await createStaff(cms.payload, cms.baseUrl, 'author')
    expect((await api(cms.baseUrl, '/api/users/me', { token: staff.token })).body.user.email).toBe(staff.email)
    expect((await api(cms.baseUrl, '/api/users/logout', { method: 'POST', token: staff.token })).status).toBe(200)
    expect((await api(cms.baseUrl, '/api/users/me', { token: staff.token })).body.user).toBeNull()
  })
})

describe('origins', () => {
  test('CORS: the listed frontend may call the API from a browser; another origin is not allowed', async () => {
    const preflight = (origin: string) =>
      fetch(`${cms.baseUrl}/api/articles`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' },
      })
    expect((await preflight(FRONTEND)).headers.get('access-control-allow-origin')).toBe(FRONTEND)
    const evil = (await preflight(EVIL)).headers.get('access-control-allow-origin')
    expect(evil === null || evil === FRONTEND).toBe(true)
  })

  test('CSRF: a session cookie sent from a foreign origin is ignored; from the frontend it is honoured', async () => {
    const staff = await createStaff(cms.payload, cms.baseUrl, 'author')
    const signedIn = await login(staff.email, 'correct horse battery staple')
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!
    expect(cookie).toMatch(/^payload-token=/)
    const me = (origin: string) => api(cms.baseUrl, '/api/users/me', { headers: { cookie, origin } })
    expect((await me(FRONTEND)).body.user?.email).toBe(staff.email)
    expect((await me(EVIL)).body.user).toBeNull()
    const forged = await api(cms.baseUrl, '/api/tags', { method: 'POST', headers: { cookie, origin: EVIL }, body: { name: 'Forged' } })
    expect(forged.status).toBe(403)
  })
})
