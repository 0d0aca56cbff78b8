import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import type { ChannelAdapter } from './channel-adapter'
import { checkedLookup, parseAllowList, refusedAddressReason, type AddressAllowList, type Resolve } from './outbound-address'
import { postSignedJson } from './post-signed-json'

export interface WebhookAdapterOptions {
  /** Signs each POST as the SMS and letter providers' are (HMAC-SHA256 of timestamp and body). */
  secret: string
  /**
   * Addresses or ranges that may be called although they are not public (`['127.0.0.1/32']`, `['10.20.0.0/16']`):
   * for an embedder whose own services live there, and for tests. Empty by default: only public addresses.
   */
  allow?: AddressAllowList
  timeoutMs?: number
  /** How names are resolved; the system's resolver by default (tests pass their own). */
  resolve?: Resolve
}

const MAX_ANSWER_BYTES = 64 * 1024

/**
 * A `fetch` for one POST that connects only to an address it checked after resolving the name (so a name that
 * resolves to 127.0.0.1, or is re-pointed between check and connect, reaches nothing private).
 */
function checkedFetch(allow: ReturnType<typeof parseAllowList>, resolve: Resolve | undefined): typeof fetch {
  const lookup = checkedLookup(allow, resolve)
  return (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input))
    const host = url.hostname.replace(/^\[|\]$/g, '')
    // A literal address is never looked up: check it here.
    if (isIP(host) !== 0) {
      const reason = refusedAddressReason(host, allow)
      if (reason) throw Object.assign(new Error('fetch failed'), { cause: new Error(`refused: ${reason}`) })
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    return await new Promise<Response>((resolve, reject) => {
      const outgoing = send(
        url,
        { method: init.method ?? 'POST', headers: init.headers as Record<string, string>, lookup, ...(init.signal ? { signal: init.signal } : {}) },
        (answer) => {
          const chunks: Buffer[] = []
          let size = 0
          answer.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size <= MAX_ANSWER_BYTES) chunks.push(chunk)
          })
          answer.on('error', reject)
          answer.on('end', () => {
            const headers = new Headers()
            for (const [name, value] of Object.entries(answer.headers)) if (typeof value === 'string') headers.set(name, value)
            const status = answer.statusCode ?? 502
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }))
          })
        },
      )
      outgoing.on('error', (error) => reject(Object.assign(new Error('fetch failed'), { cause: error })))
      outgoing.end(init.body as string | undefined)
    })
  }) as typeof fetch
}

/**
 * The journey's webhook action: POSTs the step's JSON to the node's URL, signed, with the outbox id as idempotency key,
 * and never to a private, loopback, link-local or metadata address unless `allow` names it.
 */
export function createWebhookAdapter(options: WebhookAdapterOptions): ChannelAdapter {
  if (!options.secret) throw new Error('webhook: secret must not be empty')
  const fetch = checkedFetch(parseAllowList(options.allow), options.resolve)
  return {
    async send(message, { idempotencyKey }) {
      const url = message.recipient
      if (!url || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
        return { ok: false, retryable: false, error: 'the webhook URL is not http(s)' }
      let payload: unknown
      try {
        payload = JSON.parse(message.text ?? 'null')
      } catch {
        return { ok: false, retryable: false, error: 'the webhook body is not JSON' }
      }
      const result = await postSignedJson(
        { url, secret: options.secret, fetch, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) },
        payload,
        idempotencyKey,
      )
      // A refused address will not become public by retrying.
      return !result.ok && /refused: /.test(result.error) ? { ...result, retryable: false } : result
    },
  }
}
