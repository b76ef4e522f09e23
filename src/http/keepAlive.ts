import type { Server } from 'node:http'

/**
 * Keeps idle connections open longer than clients and proxies do (load balancers commonly hold
 * them 60 s; Node closes after 5 s): a connection the server closes just as a client reuses it
 * fails that request with ECONNRESET.
 */
export function keepConnectionsAlive(server: Server): Server {
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000 // must exceed keepAliveTimeout
  return server
}
