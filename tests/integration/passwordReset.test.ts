import type { ServerProcess } from '../helpers/serverProcess'
import type { SmtpTestServer } from '../helpers/smtpServer'
import type { TestDatabase } from '../helpers/testDatabase'

import { api, graphql } from '../helpers/http'
import { spawnServer } from '../helpers/serverProcess'
import { startSmtpServer } from '../helpers/smtpServer'
import { waitFor } from '../helpers/waitFor'
import { createTestDatabase } from '../helpers/testDatabase'

/**
 * Password reset end to end: a CMS process (the real server) sends its mail to a real SMTP server
 * on 127.0.0.1; the test reads the link from the mail and completes the reset over REST and
 * GraphQL. Also: same answer and no mail for unknown addresses, one-use tokens, no stall of other
 * writers while resets run, no token in the info log, and production's mail settings.
 */
const SERVER_URL = 'http://cms.newsroom.test'
const PASSWORD = 'correct horse battery staple'
const SMTP_USER = 'newsroom-mailer'
const SMTP_PASS = 'smtp-secret-not-for-logs'

let smtp: SmtpTestServer
let database: TestDatabase
let server: ServerProcess
let adminToken: string
let counter = 0

beforeAll(async () => {
  smtp = await startSmtpServer({ user: SMTP_USER, pass: SMTP_PASS })
  database = await createTestDatabase()
  server = await spawnServer({
    DATABASE_URL: database.url,
    PAYLOAD_SECRET: 'password-reset-test-secret',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    SERVER_URL,
    SMTP_URL: smtp.url,
    EMAIL_FROM: 'Newsroom Desk <desk@newsroom.test>',
    // Every request here comes from 127.0.0.1; the per-address limit is security.test.ts's subject.
    LOGIN_ATTEMPTS_PER_ADDRESS: '1000',
  })
  const first = await api(server.url, '/api/users/first-register', { method: 'POST', body: { email: 'admin@newsroom.test', password: PASSWORD } })
  expect(first.status).toBe(200)
  adminToken = first.body.token
}, 120_000)

afterAll(async () => {
  server?.child.kill('SIGTERM')
  await server?.exited
  await database?.drop()
  await smtp?.close()
})

/** A new staff account (created by the admin over REST). */
async function newUser(role = 'author'): Promise<{ id: number; email: string }> {
  const email = `${role}-${++counter}-${Date.now()}@newsroom.test`
  const created = await api(server.url, '/api/users', { method: 'POST', token: adminToken, body: { email, password: PASSWORD, role, name: `${role} ${counter}` } })
  expect(created.status).toBe(201)
  return { id: created.body.doc.id, email }
}

const login = (email: string, password: string) => api(server.url, '/api/users/login', { method: 'POST', body: { email, password } })
const forgotOverRest = (email: string) => api(server.url, '/api/users/forgot-password', { method: 'POST', body: { email } })
const forgotOverGraphql = (email: string) =>
  graphql(server.url, 'mutation ($email: String!) { forgotPasswordUser(email: $email) }', { variables: { email } })

/** The token from the reset link in a mail; the link must lead to SERVER_URL's admin reset page. */
function tokenFrom(mail: { html: string; text: string }): string {
  const link = mail.html.match(/href="([^"]+)"/)?.[1]
  expect(link).toMatch(new RegExp(`^${SERVER_URL.replace(/\./g, '\\.')}/admin/reset/[0-9a-f]{40}$`))
  return link!.split('/').pop()!
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now()
  const result = await work
  return { result, ms: performance.now() - started }
}

describe('over REST', () => {
  test('a reset mail goes out over SMTP with a link to the admin; the new password works, the old one and the used token do not', async () => {
    const user = await newUser()
    const { result: requested, ms } = await timed(forgotOverRest(user.email))
    expect(requested.status).toBe(200)
    expect(ms).toBeLessThan(1000)

    const mail = await smtp.waitForMail(user.email)
    expect(mail.from).toBe('"Newsroom Desk" <desk@newsroom.test>')
    expect(mail.authUser).toBe(SMTP_USER)
    expect(mail.subject).toMatch(/reset/i)
    const token = tokenFrom(mail)

    const reset = await api(server.url, '/api/users/reset-password', { method: 'POST', body: { token, password: 'a brand new passphrase' } })
    expect(reset.status).toBe(200)
    expect((await login(user.email, 'a brand new passphrase')).status).toBe(200)
    expect((await login(user.email, PASSWORD)).status).toBe(401)

    const reused = await api(server.url, '/api/users/reset-password', { method: 'POST', body: { token, password: 'someone elses passphrase' } })
    expect(reused.status).toBeGreaterThanOrEqual(400)
    expect(reused.status).toBeLessThan(500)
    expect((await login(user.email, 'someone elses passphrase')).status).toBe(401)
    expect((await login(user.email, 'a brand new passphrase')).status).toBe(200)

    // Following the link (the server answers it without the admin here) logs the request, not the token.
    await fetch(`${server.url}/admin/reset/${token}`)
    await waitFor(() => server.output().includes('/admin/reset/'), 5000, 'the request log line of the reset link')
    // The info log carries neither the token nor the SMTP password.
    expect(server.output()).toMatch(/\/admin\/reset\/\[redacted\]/)
    expect(server.output()).not.toContain(token)
    expect(server.output()).not.toContain(SMTP_PASS)
  })

  test('an unknown address gets the same answer, as fast, and no mail', async () => {
    const known = await newUser()
    const unknown = `nobody-${Date.now()}@newsroom.test`
    const [forKnown, forUnknown] = [await timed(forgotOverRest(known.email)), await timed(forgotOverRest(unknown))]
    expect(forUnknown.result.status).toBe(forKnown.result.status)
    expect(forUnknown.result.body).toEqual(forKnown.result.body)
    expect(forUnknown.ms).toBeLessThan(1000)
    expect(forKnown.ms).toBeLessThan(1000)
    await smtp.waitForMail(known.email)
    expect(smtp.mailsTo(unknown)).toHaveLength(0)
  })

  test('asking again at once sends no second mail and keeps the first link valid', async () => {
    const user = await newUser()
    expect((await forgotOverRest(user.email)).status).toBe(200)
    const token = tokenFrom(await smtp.waitForMail(user.email))
    expect((await forgotOverRest(user.email)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(smtp.mailsTo(user.email)).toHaveLength(1)
    const reset = await api(server.url, '/api/users/reset-password', { method: 'POST', body: { token, password: 'still the first link' } })
    expect(reset.status).toBe(200)
  })
})

describe('over GraphQL', () => {
  test('forgotPasswordUser and resetPasswordUser complete a reset; unknown addresses get the same answer', async () => {
    const user = await newUser('editor')
    const requested = await forgotOverGraphql(user.email)
    expect(requested.body).toEqual({ data: { forgotPasswordUser: true } })
    const unknown = await forgotOverGraphql(`nobody-gql-${Date.now()}@newsroom.test`)
    expect(unknown.status).toBe(requested.status)
    expect(unknown.body).toEqual(requested.body)

    const token = tokenFrom(await smtp.waitForMail(user.email))
    const reset = await graphql(server.url, 'mutation ($token: String!, $password: String!) { resetPasswordUser(token: $token, password: $password) { token user { email } } }', {
      variables: { token, password: 'reset over graphql' },
    })
    expect(reset.body.errors).toBeUndefined()
    expect(reset.body.data.resetPasswordUser.user.email).toBe(user.email)
    expect((await login(user.email, 'reset over graphql')).status).toBe(200)
    expect((await login(user.email, PASSWORD)).status).toBe(401)

    const reused = await graphql(server.url, 'mutation ($token: String!) { resetPasswordUser(token: $token, password: "again and again") { token } }', { variables: { token } })
    expect(reused.body.errors?.length).toBeGreaterThan(0)
    expect((await login(user.email, 'again and again')).status).toBe(401)
  })

  test('four parallel forgotPasswordUser mutations all succeed and an editor saving meanwhile is not held up', async () => {
    const users = await Promise.all([newUser(), newUser(), newUser(), newUser()])
    const editor = await newUser('editor')
    const editorToken = (await login(editor.email, PASSWORD)).body.token as string

    const resets = Promise.all(users.map((user) => timed(forgotOverGraphql(user.email))))
    const save = timed(api(server.url, '/api/tags', { method: 'POST', token: editorToken, body: { name: `Parallel ${Date.now()}` } }))
    const [answers, saved] = await Promise.all([resets, save])

    for (const { result, ms } of answers) {
      expect(result.body).toEqual({ data: { forgotPasswordUser: true } })
      expect(ms).toBeLessThan(2000)
    }
    expect(saved.result.status).toBe(201)
    expect(saved.ms).toBeLessThan(2000)
    await Promise.all(users.map((user) => smtp.waitForMail(user.email)))

    // And four at once for the same account: all answered alike, one mail.
    const same = await newUser()
    const burst = await Promise.all(Array.from({ length: 4 }, () => forgotOverGraphql(same.email)))
    for (const answer of burst) expect(answer.body).toEqual({ data: { forgotPasswordUser: true } })
    await smtp.waitForMail(same.email)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(smtp.mailsTo(same.email)).toHaveLength(1)
  })
})

describe('production mail settings', () => {
  test('without SMTP_URL, production refuses to start and says how to fix it', async () => {
    const failure = await spawnServer({ DATABASE_URL: database.url, NODE_ENV: 'production', PAYLOAD_SECRET: 'production-secret', SMTP_URL: '' }).then(
      () => {
        throw new Error('the server started')
      },
      (error: { code: number; output: string }) => error,
    )
    expect(failure.code).toBe(1)
    expect(failure.output).toMatch(/SMTP_URL is not set/)
    expect(failure.output).toMatch(/SMTP_URL=off/)
  }, 120_000)

  test('with SMTP_URL=off it starts, says reset mail is off, and forgot-password answers 503 for every address', async () => {
    const offDatabase = await createTestDatabase()
    const off = await spawnServer({ DATABASE_URL: offDatabase.url, NODE_ENV: 'production', PAYLOAD_SECRET: 'production-secret', SMTP_URL: 'off', SEED_DEMO: 'false', RUN_JOBS: 'false' })
    try {
      expect(off.output()).toMatch(/password-reset mail is off/i)
      const first = await api(off.url, '/api/users/first-register', { method: 'POST', body: { email: 'owner@newsroom.test', password: PASSWORD } })
      expect(first.status).toBe(200)
      for (const email of ['owner@newsroom.test', 'nobody@newsroom.test']) {
        const refused = await forgotOn(off.url, email)
        expect(refused.status).toBe(503)
        expect(refused.body.errors[0].message).toMatch(/reset mail is not configured/i)
      }
      const overGraphql = await graphql(off.url, 'mutation { forgotPasswordUser(email: "owner@newsroom.test") }')
      expect(overGraphql.body.errors?.[0]?.message).toMatch(/reset mail is not configured/i)
      // Nothing was changed: the owner still signs in.
      expect((await api(off.url, '/api/users/login', { method: 'POST', body: { email: 'owner@newsroom.test', password: PASSWORD } })).status).toBe(200)
    } finally {
      off.child.kill('SIGTERM')
      await off.exited
      await offDatabase.drop()
    }
  }, 120_000)
})

const forgotOn = (baseUrl: string, email: string) => api(baseUrl, '/api/users/forgot-password', { method: 'POST', body: { email } })
