import { type Agent, request } from 'undici'
import { Webhook } from 'standardwebhooks'

import { pinnedAgent, UnsafeTargetError, vetTarget } from './safeTarget'

export type OutgoingMessage = { id: string; timestamp: Date; body: string }
export type SendResult = {
  ok: boolean
  status?: number
  latencyMs: number
  error?: string
  /** From a Retry-After header, in ms. */
  retryAfterMs?: number
  responseSnippet?: string
  /** The target itself was refused (an internal address): retrying cannot help. */
  refused?: boolean
}

const MAX_RESPONSE_BYTES = 64 * 1024

/** The webhook-signature header: one "v1,<base64>" per active secret (both during a rotation). */
export function signatureHeader(secrets: string[], message: OutgoingMessage): string {
  return secrets.map((secret) => new Webhook(secret).sign(message.id, message.timestamp, message.body)).join(' ')
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const header = Array.isArray(value) ? value[0] : value
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/**
 * One signed POST to a webhook endpoint. The target is vetted and the connection pinned to the
 * vetted addresses; redirects are not followed (a 3xx counts as a failure); at most 64 KiB of the
 * response is read; the whole attempt is bounded by `timeoutMs`.
 */
export async function sendWebhook(
  targetUrl: string,
  secrets: string[],
  message: OutgoingMessage,
  { allowedHosts, timeoutMs }: { allowedHosts: string[]; timeoutMs: number },
): Promise<SendResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  let agent: Agent | undefined
  try {
    const { url, addresses } = await vetTarget(targetUrl, allowedHosts)
    // Connect only to the addresses that were checked, never to a fresh DNS answer.
    agent = pinnedAgent(addresses, timeoutMs)
    const response = await request(url, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'newsroom-cms-webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
        'webhook-signature': signatureHeader(secrets, message),
      },
      body: message.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    })
    let snippet = ''
    for await (const chunk of response.body) {
      snippet += chunk.toString()
      if (snippet.length >= MAX_RESPONSE_BYTES) {
        response.body.destroy()
        break
      }
    }
    const status = response.statusCode
    return {
      ok: status >= 200 && status < 300,
      status,
      latencyMs: elapsed(),
      retryAfterMs: parseRetryAfter(response.headers['retry-after']),
      responseSnippet: snippet.slice(0, 500),
      error: status >= 200 && status < 300 ? undefined : `The endpoint answered ${status}.`,
    }
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return { ok: false, latencyMs: elapsed(), error: text, refused: error instanceof UnsafeTargetError }
  } finally {
    await agent?.close().catch(() => undefined)
  }
}
