import { createHash } from 'node:crypto'
import nodemailer, { type NodemailerError } from 'nodemailer'
import type { ChannelAdapter, DeliveryResult, OutgoingMessage } from './channel-adapter'

export interface SmtpAdapterOptions {
  host: string
  port: number
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean
  auth?: { user: string; pass: string }
  /** `billing@acme.com` or `Acme Billing <billing@acme.com>`; its domain also ends every Message-ID. */
  from: string
  replyTo?: string
  /** A `mailto:` address or an http(s) URL that unsubscribes the debtor (e.g. the message's opt-out link). */
  listUnsubscribe?: (message: OutgoingMessage) => string | undefined
  /** For connecting, the greeting and each later wait on the socket; the outbox waits for every send. */
  timeoutMs?: number
}

export interface SmtpAdapter extends ChannelAdapter {
  /** Closes the pooled connections. */
  close(): void
}

/** Failures that no retry of the same message can fix: the configuration or the message is wrong. */
const permanentCodes = new Set(['ECONFIG', 'ENOAUTH', 'EENVELOPE', 'EMAXRECIPIENTS', 'EREQUIRETLS', 'EFILEACCESS', 'EURLACCESS', 'EOTP'])

/** Email through an SMTP relay, over a pool of connections kept open between sends. */
export function createSmtpAdapter(options: SmtpAdapterOptions): SmtpAdapter {
  const domain = domainOf(options.from)
  if (!domain) throw new Error(`SMTP from must be an email address, got ${JSON.stringify(options.from)}`)
  const timeout = options.timeoutMs ?? 30_000
  const transport = nodemailer.createTransport({
    pool: true,
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Bodies are rendered templates; nothing in them may make the mailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  })
  return {
    provider: `SMTP ${options.host}:${options.port}`,
    async send(message, { idempotencyKey }): Promise<DeliveryResult> {
      if (!message.recipient) return { ok: false, retryable: false, error: 'no email address to send to' }
      if (!message.html && !message.text) return { ok: false, retryable: false, error: 'nothing to send: the email has no body' }
      const headers: Record<string, string> = { 'X-Dunwell-Message': message.id }
      const unsubscribe = options.listUnsubscribe?.(message)
      if (unsubscribe) Object.assign(headers, listUnsubscribeHeaders(unsubscribe))
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.recipient,
          ...(options.replyTo ? { replyTo: options.replyTo } : {}),
          subject: message.subject ?? '',
          ...(message.html ? { html: message.html } : {}),
          ...(message.text ? { text: message.text } : {}),
          messageId: messageIdFor(idempotencyKey, domain),
          headers,
        })
        // Some relays (SES, Microsoft 365) replace the Message-ID; theirs is the one bounces will name.
        return { ok: true, providerId: info.serverMessageId ?? info.messageId }
      } catch (error) {
        return smtpFailure(error)
      }
    },
    close() {
      transport.close()
    },
  }
}

/** The same key gives the same Message-ID, so a message resent after a crash can be recognised as a duplicate. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}.dunwell@${domain}>`
}

/** RFC 2369, plus RFC 8058 one-click for a URL (which Gmail and Yahoo require of bulk senders). */
function listUnsubscribeHeaders(target: string): Record<string, string> {
  if (/^https?:\/\//i.test(target)) return { 'List-Unsubscribe': `<${target}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
  return { 'List-Unsubscribe': `<${/^mailto:/i.test(target) ? target : `mailto:${target}`}>` }
}

/** 4xx replies and lost connections may pass later; 5xx replies (but 503, a session out of step) will not. */
export function smtpFailure(error: unknown): DeliveryResult & { ok: false } {
  const e = (error ?? {}) as NodemailerError
  const message = (e.message || String(error)).replace(/\s+/g, ' ').slice(0, 300)
  if (typeof e.responseCode === 'number') {
    const retryable = typeof e.permanent === 'boolean' ? !e.permanent : e.responseCode < 500
    return { ok: false, retryable, error: `SMTP ${e.responseCode}: ${message}` }
  }
  return { ok: false, retryable: !permanentCodes.has(e.code ?? ''), error: e.code ? `${e.code}: ${message}` : message }
}

export function domainOf(from: string): string | undefined {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from.trim()
  return /^[^\s@<>]+@([^\s@<>]+\.[^\s@<>]+)$/.exec(address)?.[1]
}
