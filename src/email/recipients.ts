import type { SendEmailOptions } from 'payload'

/** The `to` of a message as one string, for logs (nodemailer takes strings, address objects and lists of them). */
export function recipients(message: SendEmailOptions): string {
  return addressesOf(message.to).join(', ')
}

const addressesOf = (entry: unknown): string[] => {
  if (Array.isArray(entry)) return entry.flatMap(addressesOf)
  if (typeof entry === 'string') return [entry]
  if (entry && typeof entry === 'object' && 'address' in entry) return [String(entry.address)]
  return []
}
