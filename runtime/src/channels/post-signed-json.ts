import type { DeliveryResult } from './channel-adapter'
import { signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature'

export interface SignedPostOptions {
  url: string
  secret: string
  /** Per attempt, body included; the outbox delivers one message at a time, so a hung provider must not stall it. */
  timeoutMs?: number
  fetch?: typeof fetch
}

/** How much of a provider's error body ends up in the outbox row. */
const MAX_ERROR_TEXT = 300

/** Fails at start-up rather than on every delivery. */
export function checkSignedPostOptions({ url, secret, timeoutMs }: SignedPostOptions, what: string): void {
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    throw new Error(`${what}: url is not a URL: ${JSON.stringify(url)}`)
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`${what}: url must be http(s), got ${protocol}`)
  if (!secret) throw new Error(`${what}: secret must not be empty`)
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new Error(`${what}: timeoutMs must be a positive number of milliseconds`)
}

/**
 * POSTs a signed JSON body and maps the answer to a delivery result: 2xx is sent, 408, 429 and 5xx (and no answer at
 * all) may succeed on a later attempt, any other status will not.
 */
export async function postSignedJson(options: SignedPostOptions, payload: unknown, idempotencyKey: string): Promise<DeliveryResult> {
  const { url, secret, timeoutMs = 10_000, fetch: fetchFn = fetch } = options
  const body = JSON.stringify(payload)
  // Wall-clock time even under a simulated clock: the receiver checks it against its own.
  const timestamp = String(Math.floor(Date.now() / 1000))
  let response: Response
  let text: string
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
      },
      body,
      // A redirect would replay a signed body to a host nobody configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    text = await response.text()
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    return {
      ok: false,
      retryable: true,
      error: timedOut ? `no answer from ${hostOf(url)} within ${timeoutMs} ms` : `could not reach ${hostOf(url)}: ${reasonOf(error)}`,
    }
  }
  const { status } = response
  if (status >= 200 && status < 300) {
    const providerId = providerIdOf(text)
    return providerId === undefined ? { ok: true } : { ok: true, providerId }
  }
  const retryable = status === 408 || status === 429 || status >= 500
  const detail = status >= 300 && status < 400 ? `redirect to ${response.headers.get('location') ?? '?'}` : bounded(text)
  return { ok: false, retryable, error: `HTTP ${status}${detail ? `: ${detail}` : ''}` }
}

function providerIdOf(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { id?: unknown } | null)?.id
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined
  } catch {
    return undefined
  }
}

function bounded(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_ERROR_TEXT ? `${oneLine.slice(0, MAX_ERROR_TEXT)}…` : oneLine
}

function reasonOf(error: unknown): string {
  // fetch says only "fetch failed"; the socket error that explains it is the cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  return cause instanceof Error ? cause.message : String(cause)
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
