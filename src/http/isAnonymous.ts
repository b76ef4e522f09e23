import type { Request } from 'express'

/** No credentials at all (JWT header, API key or session cookie): a reader, not a signed-in user. */
export const isAnonymous = (req: Request): boolean =>
  !req.headers.authorization && !/(?:^|;\s*)payload-token=/.test(req.headers.cookie ?? '')
