import type { PayloadEmailAdapter, SendEmailOptions } from 'payload'

import { createTransport } from 'nodemailer'

import type { Sender } from './from'

import { recipients } from './recipients'

/**
 * Sends mail through the SMTP server at `url` (smtp://user:pass@host:587, smtps://…:465; query
 * options such as ?pool=false are nodemailer's).
 *
 * sendEmail hands the message over and returns at once; the message leaves in the background and
 * a failure is logged. So a forgot-password answer takes as long whether or not the address has
 * an account (no enumeration by timing) and never waits for a slow mail server.
 */
export function smtpAdapter(url: string, sender: Sender): PayloadEmailAdapter {
  return ({ payload }) => {
    // A small pool: a burst of reset requests queues here instead of opening a connection each.
    const transport = createTransport({
      url,
      pool: true,
      maxConnections: 2,
      idleTimeout: 30_000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    })
    const server = mailServerName(url)
    transport.verify().then(
      () => payload.logger.info(`Mail goes out through the SMTP server at ${server}`),
      (error: Error) => payload.logger.warn(`The SMTP server at ${server} did not accept a test connection (${error.message}); mail will be tried anyway. Check SMTP_URL.`),
    )
    return {
      name: 'smtp',
      defaultFromAddress: sender.address,
      defaultFromName: sender.name,
      sendEmail: async (message: SendEmailOptions) => {
        const to = recipients(message)
        // Subjects only: bodies carry reset links, which are as good as a password.
        transport.sendMail({ from: { name: sender.name, address: sender.address }, ...message }).then(
          (info) => payload.logger.info({ to, subject: message.subject, messageId: info.messageId }, 'mail sent'),
          (error: Error) => payload.logger.error({ to, subject: message.subject, reason: error.message }, `mail could not be sent through ${server}`),
        )
      },
    }
  }
}

/** host:port of an SMTP URL, never its credentials. */
export function mailServerName(url: string): string {
  const { hostname, port, protocol } = new URL(url)
  return `${hostname}:${port || (protocol === 'smtps:' ? '465' : '587')}`
}
