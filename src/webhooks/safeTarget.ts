import type { LookupAddress } from 'node:dns'

import dns from 'node:dns/promises'
import ipaddr from 'ipaddr.js'
import { Agent } from 'undici'

/** Thrown for a webhook target that must not be called; the message says why. */
export class UnsafeTargetError extends Error {
  override name = 'UnsafeTargetError'
}

const ipv4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff])

/**
 * The IPv4 addresses an IPv6 address carries, for the forms a host or a translator turns back
 * into IPv4: IPv4-mapped and -translated (::ffff:a.b.c.d, ::ffff:0:a.b.c.d), IPv4-compatible
 * (::a.b.c.d, deprecated but still routed by some stacks), NAT64 (64:ff9b::/96), 6to4
 * (2002:aabb:ccdd::/48) and Teredo (2001:0::/32: the server, and the client XOR 0xffffffff).
 * Undefined when the address embeds none.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const p = address.parts
  const zeros = (from: number, to: number) => p.slice(from, to).every((part) => part === 0)
  if (zeros(0, 5) && p[5] === 0xffff) return [ipv4(p[6]!, p[7]!)] // ::ffff:a.b.c.d
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return [ipv4(p[6]!, p[7]!)] // ::ffff:0:a.b.c.d
  if (zeros(0, 6)) return [ipv4(p[6]!, p[7]!)] // ::a.b.c.d (also :: and ::1, which embed 0.0.0.x)
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return [ipv4(p[6]!, p[7]!)] // NAT64 well-known prefix
  if (p[0] === 0x2002) return [ipv4(p[1]!, p[2]!)] // 6to4
  if (p[0] === 0x2001 && p[1] === 0) return [ipv4(p[2]!, p[3]!), ipv4(p[6]! ^ 0xffff, p[7]! ^ 0xffff)] // Teredo
  return undefined
}

/**
 * Only ordinary public unicast addresses; loopback, private, link-local (cloud metadata), CGNAT,
 * multicast, documentation, discard and every other special range are refused. An IPv6 address
 * that carries an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) is judged by the IPv4
 * addresses it carries, so http://[::127.0.0.1]/ is loopback, not "unicast".
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  const parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast'
  const embedded = embeddedIPv4(parsed as ipaddr.IPv6)
  if (embedded) return embedded.every((inner) => inner.range() === 'unicast')
  return parsed.range() === 'unicast'
}

export type VettedTarget = { url: URL; addresses: LookupAddress[] }

/** Who is asking, for the messages: what the URL is for and the setting that allow-lists a host. */
export type TargetPurpose = { what: string; setting: string }
const WEBHOOKS: TargetPurpose = { what: 'Webhook URLs', setting: 'WEBHOOK_ALLOWED_HOSTS' }

/**
 * Checks a URL and resolves its host once. Every address must be public unless the host is on
 * the allow-list; the caller then connects to these vetted addresses only, so a DNS answer that
 * changes between check and connect (rebinding) cannot reach an internal address. Webhooks and
 * the importer's image downloads share these rules, each with its own allow-list.
 */
export async function vetTarget(rawUrl: string, allowedHosts: string[], purpose: TargetPurpose = WEBHOOKS): Promise<VettedTarget> {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    throw new UnsafeTargetError(`"${rawUrl}" is not a valid URL.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeTargetError(`${purpose.what} must use http or https.`)
  if (url.username || url.password) {
    throw new UnsafeTargetError(`${purpose.what} must not contain credentials${purpose === WEBHOOKS ? '; use the signing secret' : ''}.`)
  }
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
          `${purpose.what} may only reach public addresses (an operator can allow a host with ${purpose.setting}).`,
      )
    }
  }
  return { url, addresses }
}

/**
 * An undici dispatcher that connects only to the vetted addresses, never to a fresh DNS answer.
 * The caller destroys it when the request is done.
 */
export function pinnedAgent(addresses: LookupAddress[], connectTimeoutMs: number): Agent {
  return new Agent({
    connect: {
      timeout: connectTimeoutMs,
      lookup: (_hostname, options, callback) => {
        if ((options as { all?: boolean }).all) callback(null, addresses)
        else callback(null, addresses[0]!.address, addresses[0]!.family)
      },
    },
  })
}
