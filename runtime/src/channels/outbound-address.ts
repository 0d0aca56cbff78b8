import type { LookupAddress } from 'node:dns'
import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

/** Names of cloud metadata services, refused whatever they resolve to. */
const metadataNames = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal'])

/** Addresses and ranges an embedder allows although they are not public, e.g. `['127.0.0.1/32', '10.20.0.0/16']`. */
export type AddressAllowList = readonly string[]

/** Parses an allow-list up front, so that a typo fails at start-up and not on the first delivery. */
export function parseAllowList(allow: AddressAllowList = []): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return allow.map((entry) => {
    try {
      if (entry.includes('/')) return ipaddr.parseCIDR(entry)
      const address = ipaddr.parse(entry)
      return [address, address.kind() === 'ipv4' ? 32 : 128]
    } catch {
      throw new Error(`the webhook allow-list entry ${JSON.stringify(entry)} is not an address or a range (CIDR)`)
    }
  })
}

const rangeWords: Record<string, string> = {
  linkLocal: 'link-local',
  uniqueLocal: 'unique local (private)',
  carrierGradeNat: 'carrier-grade NAT',
  ipv4Mapped: 'IPv4-mapped',
  rfc6052: 'NAT64',
  '6to4': '6to4',
}

function normalised(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address)
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed
}

/**
 * Why an address may not be called, or undefined when it may: only global unicast addresses (ipaddr.js's `unicast`
 * range), unless the allow-list names it. Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 * (169.254/16 with the metadata service, fe80::/10), carrier-grade NAT, NAT64 and 6to4 (which reach IPv4 inside) are not.
 */
export function refusedAddressReason(address: string, allow: ReturnType<typeof parseAllowList> = []): string | undefined {
  if (isIP(address) === 0) return `${address} is not an IP address`
  const parsed = normalised(address)
  if (allow.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) return undefined
  const range = parsed.range()
  if (range === 'unicast') return undefined
  const shown = parsed.toString() === address ? address : `${address} (${parsed.toString()})`
  return `${shown} is a ${rangeWords[range] ?? range} address, not a public one`
}

/** Why a URL's host name may not be called before resolving it (a metadata name, localhost), or undefined. */
export function refusedNameReason(hostname: string): string | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  if (metadataNames.has(name)) return `${name} is a cloud metadata service`
  if (name === 'localhost' || name.endsWith('.localhost')) return `${name} is this machine`
  return undefined
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** Every address of a name: the system's resolver (getaddrinfo, /etc/hosts included) by default. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>
const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true })

/**
 * A `lookup` for `http.request`: resolves the name, refuses it when any of its addresses is not allowed (a name that
 * resolves to a public and a private address could be answered either way), and connects only to addresses it checked.
 */
export function checkedLookup(allow: ReturnType<typeof parseAllowList>, resolve: Resolve = systemResolve) {
  return function lookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
    const refusal = (reason: string) => Object.assign(new Error(`refused: ${reason}`), { code: 'EREFUSEDADDRESS' })
    const nameReason = refusedNameReason(hostname)
    if (nameReason) {
      callback(refusal(nameReason), '')
      return
    }
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.map((entry) => refusedAddressReason(entry.address, allow)).find((reason) => reason !== undefined)
        const first = addresses[0]
        if (refused) callback(refusal(`${hostname} resolves to ${refused}`), '')
        else if (options.all) callback(null, addresses)
        else if (!first) callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '')
        else callback(null, first.address, first.family)
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    )
  }
}
