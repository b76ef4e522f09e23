import type { CollectionBeforeOperationHook, PayloadEmailAdapter } from 'payload'

import { APIError } from 'payload'

import type { Sender } from './from'

import { readEnv } from '../env'

/**
 * SMTP_URL=off: the CMS runs without mail. It says so at start, and nothing is ever sent.
 */
export function mailOffAdapter(sender: Sender): PayloadEmailAdapter {
  return ({ payload }) => {
    payload.logger.warn('Password-reset mail is off (SMTP_URL=off): forgot-password answers 503 and admins set new passwords by hand. Set SMTP_URL to send it.')
    return {
      name: 'off',
      defaultFromAddress: sender.address,
      defaultFromName: sender.name,
      sendEmail: async (message) => {
        payload.logger.warn({ subject: message.subject }, 'mail not sent: SMTP_URL=off')
      },
    }
  }
}

/**
 * With mail off, a reset request is refused before anything is written (no token that no mail
 * will ever carry), with one answer for every address. Local API calls with `disableEmail`
 * (a script that hands the token over itself) still work.
 */
export const refuseResetWhenMailIsOff: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'forgotPassword' || args.disableEmail || readEnv().SMTP_URL !== 'off') return args
  throw new APIError(
    'Password-reset mail is not configured on this server (SMTP_URL=off). Ask an administrator to set a new password for your account.',
    503,
    undefined,
    true,
  )
}
