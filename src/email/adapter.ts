import type { PayloadEmailAdapter } from 'payload'

import type { Env } from '../env'

import { senderFrom } from './from'
import { logAdapter } from './logAdapter'
import { mailOffAdapter } from './mailOff'
import { smtpAdapter } from './smtpAdapter'

/** The mail transport SMTP_URL asks for: an SMTP server, off, or (unset, outside production) the log. */
export function emailAdapter(env: Env): PayloadEmailAdapter {
  const sender = senderFrom(env.EMAIL_FROM, env.SERVER_URL)
  if (env.SMTP_URL === 'off') return mailOffAdapter(sender)
  if (env.SMTP_URL) return smtpAdapter(env.SMTP_URL, sender)
  return logAdapter(sender)
}
