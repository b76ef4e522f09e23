/** A sender: the name readers see and the address mail comes from. */
export type Sender = { name: string; address: string }

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/
const DEFAULT_NAME = 'Newsroom CMS'

/** `Name <address>`, `"Name" <address>` or a bare address; undefined when it is none of these. */
export function parseSender(value: string): { name?: string; address: string } | undefined {
  const text = value.trim()
  if (ADDRESS.test(text)) return { address: text }
  const match = text.match(/^"?([^"<>\r\n]*?)"?\s*<([^<>]+)>$/)
  if (!match || !ADDRESS.test(match[2]!.trim())) return undefined
  return { name: match[1]!.trim() || undefined, address: match[2]!.trim() }
}

/**
 * EMAIL_FROM, or by default "Newsroom CMS" at no-reply@ the SERVER_URL's host (localhost without
 * one). Mail providers usually accept only senders on verified domains: set EMAIL_FROM in production.
 */
export function senderFrom(emailFrom: string | undefined, serverUrl: string | undefined): Sender {
  const parsed = emailFrom ? parseSender(emailFrom) : undefined
  const host = serverUrl ? new URL(serverUrl).hostname : 'localhost'
  return { name: parsed?.name ?? DEFAULT_NAME, address: parsed?.address ?? `no-reply@${host}` }
}
