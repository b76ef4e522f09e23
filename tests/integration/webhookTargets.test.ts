import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { api } from '../helpers/http'
import { createStaff } from '../helpers/staff'

// IPv6 forms that carry an internal IPv4 address: each must be judged by that address.
let cms: TestCms
let admin: StaffMember

beforeAll(async () => {
  // As in webhooks.test.ts: the receiver host is allowed, which must not let its IPv6 spellings through.
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
  cms = await startCms()
  admin = await createStaff(cms.payload, cms.baseUrl, 'admin')
})
afterAll(async () => {
  await cms?.close()
  delete process.env.WEBHOOK_ALLOWED_HOSTS
})

test.each([
  ['http://[::127.0.0.1]/', /::7f00:1, a private, loopback/],
  ['http://[::ffff:127.0.0.1]/hook', /::ffff:7f00:1/],
  ['http://[::ffff:0:a9fe:a9fe]/latest/meta-data', /internal address/],
  ['http://[64:ff9b::a9fe:a9fe]/latest/meta-data', /64:ff9b::a9fe:a9fe/],
  ['http://[2002:7f00:1::1]/hook', /2002:7f00:1::1/],
  ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook', /internal address/],
])('creating a webhook for %s is refused with a clear 400', async (url, message) => {
  const result = await api(cms.baseUrl, '/api/webhooks', { method: 'POST', token: admin.token, body: { name: 'bad', url, events: ['article.published'] } })
  expect(result.status).toBe(400)
  expect(result.body.errors[0].message).toMatch(message)
  expect(result.body.errors[0].message).toMatch(/WEBHOOK_ALLOWED_HOSTS/)
  expect((await cms.payload.count({ collection: 'webhooks', overrideAccess: true })).totalDocs).toBe(0)
})
