import type { AddressInfo } from 'node:net'

import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { from: string; to: string[]; subject: string; html: string; text: string; authUser?: string }

export type SmtpTestServer = {
  /** SMTP_URL for the CMS, with the credentials this server accepts. */
  url: string
  mails: ReceivedMail[]
  /** Mails received for `address` so far. */
  mailsTo: (address: string) => ReceivedMail[]
  /** Resolves with the `count`-th mail to `address` once it has arrived. */
  waitForMail: (address: string, timeoutMs?: number, count?: number) => Promise<ReceivedMail>
  close: () => Promise<void>
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that requires AUTH with `user`/`pass` and keeps
 * every message it receives, parsed. Plain SMTP without STARTTLS: the test talks to itself.
 */
export async function startSmtpServer({ user, pass }: { user: string; pass: string }): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user })
      callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            authUser: typeof session.user === 'string' ? session.user : undefined,
          })
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  const mailsTo = (address: string) => mails.filter((mail) => mail.to.includes(address.toLowerCase()))

  return {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    mails,
    mailsTo,
    waitForMail: async (address, timeoutMs = 10_000, count = 1) => {
      const deadline = Date.now() + timeoutMs
      while (mailsTo(address).length < count) {
        if (Date.now() > deadline) throw new Error(`no mail ${count} to ${address} within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return mailsTo(address)[count - 1]!
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
