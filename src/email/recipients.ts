import type { SendEmailOptions } from 'payload'

/** The `to` of a message as one string, for logs. */
export function recipients(message: SendEmailOptions): string {
  const list = Array.isArray(message.to) ? message.to : message.to ? [message.to] : []
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address)).join(', ')
}
