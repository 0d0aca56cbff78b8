import type { Context, MiddlewareHandler } from 'hono'
import { isLoopbackHostname } from '../is-loopback-address'
import { problemResponse } from '../problem'

/** The host name a request was addressed to, from its `Host` header (without the port), or undefined without one. */
export function requestedHostname(host: string | undefined): string | undefined {
  if (!host) return undefined
  const bracketed = /^(\[[^\]]*\])(?::\d*)?$/.exec(host)
  if (bracketed) return bracketed[1]
  const plain = /^([^:]*)(?::\d*)?$/.exec(host)
  return plain?.[1]
}

/**
 * Whether a request was addressed to this machine by a loopback name, both in its `Host` header and in its request
 * target (an absolute-form target, `GET http://localhost/…`, would otherwise stand in for a foreign Host).
 */
export function isAddressedToLoopback(c: Context): boolean {
  const host = c.req.header('host')
  // No Host header at all: an in-process request (`app.request`), whose URL is all there is.
  if (host !== undefined) {
    const hostname = requestedHostname(host)
    if (hostname === undefined || !isLoopbackHostname(hostname)) return false
  }
  return isLoopbackHostname(new URL(c.req.url).hostname)
}

/**
 * Development mode's first gate, on every path (API, docs, editor, debtor pages): a request addressed to any other
 * name — a DNS-rebinding page, a proxy passing its public name on — is refused with a 403 saying why.
 */
export const requireLoopbackHost = (): MiddlewareHandler =>
  async function requireLoopbackHost(c, next) {
    if (isAddressedToLoopback(c)) return next()
    return problemResponse(c, {
      title: 'Forbidden',
      status: 403,
      detail:
        'This runtime runs in development mode (no API keys) and answers only requests addressed to localhost, 127.0.0.1 or [::1]. Start it without --dev, with API keys, to serve it under another name.',
    })
  }
