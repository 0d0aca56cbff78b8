import { BlockList, isIP } from 'node:net'

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/**
 * 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6 (`::ffff:127.0.0.1`, what a dual-stack server reports).
 * Anything else, including a missing or malformed address, is not loopback.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const family = isIP(address)
  if (family === 0) return false
  return loopback.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** `localhost`, `*.localhost` (RFC 6761) and loopback addresses, with IPv6 in brackets as in a URL. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  return isLoopbackAddress(host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host)
}
