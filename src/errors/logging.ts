import type { AfterErrorHook, Config } from 'payload'

/**
 * Payload logs every error it answers at `error` level, including a reader's 403 or an editor's
 * refused workflow step. Those are answers, not faults: log them at `info`, and keep `error` for
 * what answers 5xx (see `logServerErrors`).
 */
export const clientErrorLoggingLevels = {
  APIError: 'info',
  AuthenticationError: 'info',
  LockedAuth: 'info',
  QueryError: 'info',
  UnauthorizedError: 'info',
  FileUploadError: 'info',
  TooManyComments: 'info',
  ValidationError: 'info',
  // Unreadable JSON sent by a client (answered 400 by answerMalformedInputWith400).
  SyntaxError: 'info',
  UnverifiedEmail: 'info',
  // GraphQL wraps every resolver error in a GraphQLError, whatever its status.
  GraphQLError: 'info',
} as Config['loggingLevels']

const statusOf = ({ error, graphqlResult }: Parameters<AfterErrorHook>[0]): number => {
  const fromGraphql = (graphqlResult?.extensions as { statusCode?: number } | undefined)?.statusCode
  return fromGraphql ?? (error as { status?: number }).status ?? 500
}

/** Errors that answer 5xx are faults: log them at `error` even when their type is quieted above. */
export const logServerErrors: AfterErrorHook = (args) => {
  const name = args.error?.name ?? ''
  if (statusOf(args) >= 500 && name in (clientErrorLoggingLevels ?? {})) {
    args.req.payload.logger.error({ err: args.error, msg: args.error.message })
  }
}
