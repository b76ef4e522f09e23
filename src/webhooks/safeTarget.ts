import type { LookupAddress } from 'node:dns'

import dns from 'node:dns/promises'
import ipaddr from 'ipaddr.js'

/** Thrown for a webhook target that must not be called; the message says why. */
export class UnsafeTargetError extends Error {
  override name = 'UnsafeTargetError'
}

/** Only ordinary public unicast addresses; loopback, private, link-local (cloud metadata), CGNAT, multicast… are refused. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  let parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address()
  return parsed.range() === 'unicast'
}

export type VettedTarget = { url: URL; addresses: LookupAddress[] }

/**
 * Checks a webhook URL and resolves its host once. Every address must be public unless the host
 * is on the allow-list; the caller then connects to these vetted addresses only, so a DNS answer
 * that changes between check and connect (rebinding) cannot reach an internal address.
 */
export async function vetTarget(rawUrl: string, allowedHosts: string[]): Promise<VettedTarget> {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    throw new UnsafeTargetError(`"${rawUrl}" is not a valid URL.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeTargetError('Webhook URLs must use http or https.')
  if (url.username || url.password) throw new UnsafeTargetError('Webhook URLs must not contain credentials; use the signing secret.')
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const allowed = allowedHosts.includes(host)
  const addresses: LookupAddress[] = ipaddr.isValid(host)
    ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }]
    : await dns.lookup(host, { all: true }).catch(() => {
        throw new UnsafeTargetError(`The host "${host}" could not be resolved.`)
      })
  if (!allowed) {
    const internal = addresses.find((entry) => !isPublicAddress(entry.address))
    if (internal) {
      throw new UnsafeTargetError(
        `"${host}" resolves to ${internal.address}, a private, loopback, link-local or otherwise internal address. ` +
          'Webhooks only call public addresses (an operator can allow a host with WEBHOOK_ALLOWED_HOSTS).',
      )
    }
  }
  return { url, addresses }
}
