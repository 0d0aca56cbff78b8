import { isLoopbackHostname } from '../auth/is-loopback-address'

/**
 * What to tell the operator at start when debtors would reach the pay and opt-out pages, and mail providers the
 * one-click List-Unsubscribe URL (RFC 8058 asks for HTTPS), over plain HTTP from another machine. `undefined` when
 * the URL is HTTPS or stays on this machine.
 */
export function publicUrlWarning(publicUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(publicUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' || isLoopbackHostname(url.hostname)) return undefined
  return (
    `Warning: the public URL ${url.origin} is plain HTTP. Debtors' pay and opt-out links and the one-click List-Unsubscribe ` +
    'header would travel unencrypted, and mail providers expect HTTPS for one-click unsubscribe (RFC 8058). ' +
    'Serve the runtime behind TLS (e.g. a reverse proxy) and set DUNWELL_PUBLIC_URL=https://… to that address.'
  )
}
