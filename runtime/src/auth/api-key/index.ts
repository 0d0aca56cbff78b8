import { getConnInfo as nodeGetConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import type { GetConnInfo } from 'hono/conninfo'
import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { Database } from '../../db/database'
import { isLoopbackAddress, isLoopbackHostname } from '../is-loopback-address'
import { isAddressedToLoopback } from '../require-loopback-host'
import { problemResponse } from '../problem'
import type { AuthEnv, Principal } from '../types'
import { verifyApiKey } from '../verify-api-key'

export interface ApiKeyAuthOptions {
  db: Kysely<Database>
  /**
   * Development only: admit requests that carry no key when they come from this machine, as `openModePrincipal`
   * (an admin). A request from anywhere else, or one carrying a key, is checked as usual.
   */
  open?: boolean
  clock?: Clock
  /** Where the remote address comes from; @hono/node-server's by default. Pass your adapter's on another runtime. */
  getConnInfo?: GetConnInfo
}

/** Who a keyless request admitted by open mode acts as. */
export const openModePrincipal: Principal = Object.freeze({ id: 'open-mode', name: 'open mode (loopback, no key)', role: 'admin' })

const challenge = 'Bearer realm="dunwell"'
// What proxies add (RFC 7239, RFC 9110's Via, the de-facto X-Forwarded-*, and the CDNs' own).
const forwardingHeaders = [
  'forwarded',
  'via',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-forwarded-server',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'x-original-url',
  'x-original-host',
]

/** The request's HTTP version as Node read it (`1.0`, `1.1`, `2.0`), when served by @hono/node-server. */
function httpVersionOf(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { httpVersion?: unknown } } | undefined)?.incoming
  return typeof incoming?.httpVersion === 'string' ? incoming.httpVersion : undefined
}

function presentedKey(c: Context): string | undefined {
  const bearer = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '')
  return bearer?.[1] ?? (c.req.header('X-Api-Key')?.trim() || undefined)
}

/**
 * Whether a request really comes from this machine, as open mode requires. The remote address alone is not
 * enough: behind a reverse proxy on the same machine every request is loopback (so any forwarding header
 * disqualifies, and so does HTTP/1.0, nginx's default upstream protocol), a DNS-rebinding page reaches loopback
 * under a foreign host name (checked in the Host header and the request target), and any web page can send
 * simple cross-site requests to localhost (so a foreign Origin or Sec-Fetch-Site disqualifies).
 */
function isLocalRequest(c: Context, getConnInfo: GetConnInfo): boolean {
  let address: string | undefined
  try {
    address = getConnInfo(c).remote.address
  } catch {
    return false // not served by the adapter we know: the address is unknown
  }
  if (!isLoopbackAddress(address)) return false
  if (forwardingHeaders.some((name) => c.req.header(name) !== undefined)) return false
  // nginx proxies with HTTP/1.0 unless told otherwise, and rewrites Host to the upstream's own (a loopback name);
  // browsers and command-line clients on this machine speak 1.1 or 2.
  if (httpVersionOf(c) === '1.0') return false
  if (!isAddressedToLoopback(c)) return false
  const origin = c.req.header('Origin')
  if (origin !== undefined) return URL.canParse(origin) && isLoopbackHostname(new URL(origin).hostname)
  return c.req.header('Sec-Fetch-Site') !== 'cross-site'
}

/**
 * Authenticates a request by its API key (`Authorization: Bearer <key>` or `X-Api-Key: <key>`) and sets
 * `c.get('principal')`. Refuses with a 401 problem when the key is missing, unknown or revoked.
 */
export const apiKeyAuth = (options: ApiKeyAuthOptions): MiddlewareHandler<AuthEnv> => {
  const { db, clock } = options
  const open = options.open === true
  const getConnInfo = options.getConnInfo ?? nodeGetConnInfo
  return async function apiKeyAuth(c, next) {
    const key = presentedKey(c)
    if (key === undefined) {
      if (open && isLocalRequest(c, getConnInfo)) {
        c.set('principal', openModePrincipal)
        return next()
      }
      const detail = open
        ? 'This request needs an API key: open mode admits requests without one only from this machine (a loopback address and host name, no proxy, no other site). Send `Authorization: Bearer <key>`.'
        : 'This request needs an API key. Send `Authorization: Bearer <key>` (or `X-Api-Key: <key>`).'
      return problemResponse(c, { title: 'Unauthorized', status: 401, detail }, { 'WWW-Authenticate': challenge })
    }
    const principal = await verifyApiKey(db, key, clock ? { clock } : {})
    if (!principal) {
      // Says nothing of the key itself: it may be a real key pasted in the wrong place, and responses end up in logs.
      return problemResponse(
        c,
        { title: 'Unauthorized', status: 401, detail: 'The API key is not valid: it is unknown, revoked or malformed.' },
        { 'WWW-Authenticate': `${challenge}, error="invalid_token"` },
      )
    }
    c.set('principal', principal)
    await next()
  }
}
