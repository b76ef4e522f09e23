import type { PayloadEmailAdapter, SendEmailOptions } from 'payload'

import type { Sender } from './from'

import { recipients } from './recipients'

/**
 * Development and tests without SMTP_URL: mail is written to the log, not sent. The info line
 * names the recipient and subject; the body (a reset link is as good as a password) only at
 * debug level, so `LOG_LEVEL=debug npm run dev` shows the link when trying a reset locally.
 */
export function logAdapter(sender: Sender): PayloadEmailAdapter {
  return ({ payload }) => ({
    name: 'log',
    defaultFromAddress: sender.address,
    defaultFromName: sender.name,
    sendEmail: async (message: SendEmailOptions) => {
      const to = recipients(message)
      payload.logger.info({ to, subject: message.subject }, 'mail not sent (SMTP_URL is not set): written to the debug log')
      payload.logger.debug({ to, subject: message.subject, html: message.html, text: message.text }, 'mail body')
    },
  })
}
