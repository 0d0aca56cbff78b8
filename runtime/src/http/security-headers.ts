import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/** For every answer that is not a page: nothing may load from it, nothing may frame it. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * The built editor: its own scripts only (no inline script, no eval); Monaco and React Flow set inline styles, Monaco
 * runs its language services in workers, and the template preview shows a message's HTML in a sandboxed frame
 * (which inherits this policy: an email's logo may come from any https host).
 */
export const editorContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The headers every response of the runtime carries: a Content-Security-Policy that refuses framing (a page that set
 * its own, stricter one keeps it), `nosniff`, no referrer, and hono's other defaults. HSTS is left to whoever
 * terminates TLS: the runtime may be served over plain http on loopback.
 */
export function securityHeaders(): MiddlewareHandler {
  const withDefaults = secureHeaders({
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    overwrite: false,
  })
  return async function securityHeaders(c, next) {
    await withDefaults(c, async () => {
      await next()
      // Set after the handler so that a page's own policy (debtor pages, docs, editor) wins.
      if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', apiContentSecurityPolicy)
    })
  }
}
