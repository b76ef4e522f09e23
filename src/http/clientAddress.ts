import type { PayloadRequest } from 'payload'

/**
 * The header through which the Express layer tells Payload's handlers the reader's address
 * (Express's `req.ip`, which honours TRUST_PROXY). Whatever a client sends under this name is
 * overwritten, so hooks can rely on it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-newsroom-client-address'

/** The reader's address for an API request; undefined for the Local API (trusted server code). */
export const clientAddressOf = (req: PayloadRequest): string | undefined => req.headers?.get(CLIENT_ADDRESS_HEADER) || undefined
