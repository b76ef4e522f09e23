import type { Payload } from 'payload'

import { ConfigError, readEnv } from '../../src/env'
import { parseSender, senderFrom } from '../../src/email/from'
import { logAdapter } from '../../src/email/logAdapter'
import { mailServerName } from '../../src/email/smtpAdapter'

const production = { NODE_ENV: 'production', PAYLOAD_SECRET: 'a-production-secret', SERVER_URL: 'https://cms.example.com' }

describe('SMTP_URL and EMAIL_FROM', () => {
  test('production without SMTP_URL refuses to start and says how to fix it', () => {
    expect(() => readEnv(production)).toThrow(ConfigError)
    expect(() => readEnv(production)).toThrow(/SMTP_URL is not set.*smtps:\/\/.*EMAIL_FROM.*SMTP_URL=off/)
    expect(() => readEnv({ ...production, SMTP_URL: '  ' })).toThrow(/SMTP_URL is not set/)
  })

  test('production starts with an SMTP server or with mail off; `next build` needs neither', () => {
    expect(readEnv({ ...production, SMTP_URL: 'smtps://user:pass@smtp.example.com:465' }).SMTP_URL).toBe('smtps://user:pass@smtp.example.com:465')
    expect(readEnv({ ...production, SMTP_URL: 'off' }).SMTP_URL).toBe('off')
    expect(() => readEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x', NEXT_PHASE: 'phase-production-build' })).not.toThrow()
  })

  test('production mail needs SERVER_URL for the link in it', () => {
    const { SERVER_URL: _, ...withoutServerUrl } = production
    expect(() => readEnv({ ...withoutServerUrl, SMTP_URL: 'smtp://smtp.example.com:587' })).toThrow(/SERVER_URL is not set.*reset/)
    expect(() => readEnv({ ...withoutServerUrl, SMTP_URL: 'off' })).not.toThrow()
  })

  test('development and tests without SMTP_URL keep the log transport', () => {
    expect(readEnv({}).SMTP_URL).toBeUndefined()
  })

  test('a malformed SMTP_URL or EMAIL_FROM names the variable and never echoes a password', () => {
    expect(() => readEnv({ SMTP_URL: 'https://user:hunter2@mail.example.com' })).toThrow(/SMTP_URL: use smtp:\/\//)
    expect(() => readEnv({ SMTP_URL: 'https://user:hunter2@mail.example.com' })).not.toThrow(/hunter2/)
    expect(() => readEnv({ EMAIL_FROM: 'Newsroom <not an address>' })).toThrow(/EMAIL_FROM/)
  })

  test('EMAIL_FROM takes "Name <address>" or an address; the default is no-reply at SERVER_URL\'s host', () => {
    expect(parseSender('Newsroom Desk <desk@example.com>')).toEqual({ name: 'Newsroom Desk', address: 'desk@example.com' })
    expect(parseSender('"Newsroom" <desk@example.com>')).toEqual({ name: 'Newsroom', address: 'desk@example.com' })
    expect(parseSender('desk@example.com')).toEqual({ address: 'desk@example.com' })
    expect(parseSender('Evil\r\nBcc: x@example.com <desk@example.com>')).toBeUndefined()
    expect(senderFrom('desk@example.com', undefined)).toEqual({ name: 'Newsroom CMS', address: 'desk@example.com' })
    expect(senderFrom(undefined, 'https://cms.example.com')).toEqual({ name: 'Newsroom CMS', address: 'no-reply@cms.example.com' })
    expect(senderFrom(undefined, undefined).address).toBe('no-reply@localhost')
  })

  test('log messages name the SMTP server without its credentials', () => {
    expect(mailServerName('smtps://user:hunter2@smtp.example.com')).toBe('smtp.example.com:465')
    expect(mailServerName('smtp://user:hunter2@smtp.example.com:2525')).toBe('smtp.example.com:2525')
  })
})

describe('the log transport (no SMTP_URL)', () => {
  test('logs recipient and subject at info, the body (a reset link) only at debug', async () => {
    const lines: Array<{ level: string; entry: Record<string, unknown> }> = []
    const logger = Object.fromEntries(['info', 'debug', 'warn', 'error'].map((level) => [level, (entry: Record<string, unknown>) => lines.push({ level, entry })]))
    const adapter = logAdapter({ name: 'Newsroom CMS', address: 'no-reply@localhost' })({ payload: { logger } as unknown as Payload })
    await adapter.sendEmail({ to: 'editor@example.com', subject: 'Reset Your Password', html: '<a href="http://cms/admin/reset/secret-token">reset</a>' })
    const info = lines.filter((line) => line.level === 'info')
    expect(info).toHaveLength(1)
    expect(JSON.stringify(info)).toContain('editor@example.com')
    expect(JSON.stringify(info)).not.toContain('secret-token')
    expect(JSON.stringify(lines.filter((line) => line.level === 'debug'))).toContain('secret-token')
  })
})
