import { breather } from './breathe'
import type { ChannelAdapter } from '../channels/channel-adapter'
import type { Clock } from '../clock'
import type { EngineStore } from '../db/engine-store'
import { htmlToPlainText } from '../messages'

/** Ten attempts, backing off from 5 s to an hour: a provider outage of over an hour fails a message for good. */
const MAX_ATTEMPTS = 10
const CLAIM = 500

/** What delivery did since the engine started: sent, and resent after an interrupted hand-over (the same key). */
export interface DeliveryStats {
  sent: number
  resentAfterInterruption: number
}

/**
 * Hands pending outbox entries to their channel adapters, then records the outcome. The idempotency key is the
 * outbox id, so an entry sent just before a crash and sent again after it is one message for a provider that
 * honours it (an email keeps its Message-ID). Each entry is marked before it leaves and recorded at once after: the
 * window a crash can fall into is one hand-over, and the entries it interrupted are known. Transient failures are
 * retried with exponential backoff.
 */
export async function deliverOutbox(
  store: EngineStore,
  channels: Map<string, ChannelAdapter>,
  clock: Clock,
  worker: string,
  stats: DeliveryStats = { sent: 0, resentAfterInterruption: 0 },
): Promise<number> {
  let delivered = 0
  const breathe = breather()
  for (;;) {
    const claimed = await store.claimOutbox(CLAIM, worker, Date.now() + 60_000)
    if (claimed.length === 0) return delivered
    for (const row of claimed) {
      await breathe()
      // HTML messages get their plain-text part here: only a provider needs it.
      const text = row.text ?? (row.html !== null ? htmlToPlainText(row.html) : null)
      const adapter = channels.get(row.channel)
      // Marked before it leaves: a crash from here to the record below leaves the entry known as interrupted.
      if (adapter) await store.markSending(row.id, Date.now())
      if (row.interrupted) stats.resentAfterInterruption++
      const outcome = adapter
        ? await adapter
            .send({ ...row, text }, { idempotencyKey: row.id })
            .catch((error: unknown) => ({ ok: false as const, retryable: true, error: error instanceof Error ? error.message : String(error) }))
        : { ok: false as const, retryable: false, error: `no adapter for channel ${row.channel}` }
      // Recorded at once, not after the whole claim: a crash mid-way resends one message, not hundreds.
      if (outcome.ok) {
        await store.finishDeliveries([
          { id: row.id, status: outcome.recorded ? 'recorded' : 'sent', sentAt: clock.now(), text: row.text === null ? text : null },
        ])
        delivered++
        stats.sent++
        continue
      }
      const attempts = row.attempts + 1
      const final = !outcome.retryable || attempts >= MAX_ATTEMPTS
      await store.finishDeliveries([
        {
          id: row.id,
          status: final ? 'failed' : 'pending',
          at: clock.now(),
          attempts,
          reason: outcome.error,
          retryAt: final ? null : Date.now() + Math.min(3_600_000, 2 ** (attempts - 1) * 5000),
        },
      ])
    }
    if (claimed.length < CLAIM) return delivered
  }
}
