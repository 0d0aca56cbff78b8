import { domainOf, type SmtpAdapterOptions } from './smtp-adapter'

type Env = Record<string, string | undefined>

const booleans: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false }

/**
 * SMTP settings from `DUNWELL_SMTP_HOST`, `_PORT`, `_SECURE`, `_USER`, `_PASS`, `_FROM` and `_REPLY_TO`. Throws one
 * error that lists every missing or malformed variable, so a deployment is fixed in one go.
 */
export function smtpOptionsFromEnv(env: Env = process.env): Omit<SmtpAdapterOptions, 'listUnsubscribe'> {
  const problems: string[] = []
  const get = (name: string) => {
    const value = env[`DUNWELL_SMTP_${name}`]?.trim()
    return value === '' ? undefined : value
  }

  const host = get('HOST')
  if (!host) problems.push('DUNWELL_SMTP_HOST is not set (the SMTP relay, e.g. smtp.example.com)')

  const secureText = get('SECURE')
  let secure = secureText === undefined ? undefined : booleans[secureText.toLowerCase()]
  if (secureText !== undefined && secure === undefined) problems.push(`DUNWELL_SMTP_SECURE must be true or false, got ${JSON.stringify(secureText)}`)

  const portText = get('PORT')
  let port = secure ? 465 : 587
  if (portText !== undefined) {
    port = Number(portText)
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) problems.push(`DUNWELL_SMTP_PORT must be a port number (1-65535), got ${JSON.stringify(portText)}`)
  }
  // Port 465 speaks TLS first: without `secure` both sides would wait for the other until the timeout.
  secure ??= port === 465

  const user = get('USER')
  const pass = env.DUNWELL_SMTP_PASS || undefined
  if (user && !pass) problems.push('DUNWELL_SMTP_PASS is not set, but DUNWELL_SMTP_USER is')
  if (pass && !user) problems.push('DUNWELL_SMTP_USER is not set, but DUNWELL_SMTP_PASS is')

  const from = get('FROM')
  if (!from) problems.push('DUNWELL_SMTP_FROM is not set (the sender, e.g. "Acme Billing <billing@acme.com>")')
  else if (!domainOf(from)) problems.push(`DUNWELL_SMTP_FROM must be an email address, got ${JSON.stringify(from)}`)
  const replyTo = get('REPLY_TO')

  if (problems.length > 0 || !host || !from) throw new Error(`SMTP settings: ${problems.join('; ')}`)
  return { host, port, secure, ...(user && pass ? { auth: { user, pass } } : {}), from, ...(replyTo ? { replyTo } : {}) }
}
