import type { AddressInfo } from 'node:net'

import http from 'node:http'
import { Webhook } from 'standardwebhooks'

export type Received = {
  id: string
  timestamp: string
  signature: string
  body: string
  event: { type: string; timestamp: string; data: any }
  /** Which of the receiver's secrets verified the signature (standardwebhooks library), if any. */
  verifiedWith: string[]
  receivedAt: number
}

type Reply = { status: number; headers?: Record<string, string>; delayMs?: number }

/**
 * A webhook receiver on 127.0.0.1 that verifies every request with the `standardwebhooks`
 * library, records it, and answers as the test tells it to.
 */
export async function startReceiver() {
  const received: Received[] = []
  let secrets: string[] = []
  let reply: (request: Received, count: number) => Reply = () => ({ status: 200 })
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', async () => {
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }
      const verifiedWith = secrets.filter((secret) => {
        try {
          new Webhook(secret).verify(body, headers)
          return true
        } catch {
          return false
        }
      })
      const entry: Received = {
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        signature: headers['webhook-signature'],
        body,
        event: JSON.parse(body),
        verifiedWith,
        receivedAt: Date.now(),
      }
      received.push(entry)
      const answer = reply(entry, received.length)
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
      res.writeHead(answer.status, answer.headers).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    setSecrets: (next: string[]) => (secrets = next),
    setReply: (next: typeof reply) => (reply = next),
    ofType: (type: string) => received.filter((entry) => entry.event.type === type),
    clear: () => received.splice(0),
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>
