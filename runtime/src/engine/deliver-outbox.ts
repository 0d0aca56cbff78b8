import type { Kysely } from 'kysely'
import type { ChannelAdapter } from '../channels/channel-adapter'
import type { Clock } from '../clock'
import type { Database } from '../db/database'

const MAX_ATTEMPTS = 5

/**
 * Hands pending outbox entries to their channel adapters, then marks them. The idempotency key is the outbox id,
 * so an entry sent just before a crash and sent again after it is one message for a provider that honours it.
 */
export async function deliverOutbox(db: Kysely<Database>, channels: Map<string, ChannelAdapter>, clock: Clock, worker: string): Promise<number> {
  let delivered = 0
  for (;;) {
    const leaseNow = Date.now()
    const claimed = await db
      .updateTable('outbox')
      .set({ lease_owner: worker, lease_until: leaseNow + 60_000 })
      .where('id', 'in', (qb) =>
        qb
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', leaseNow)]))
          .orderBy('created_at')
          .limit(500),
      )
      .returning(['id', 'case_id', 'channel', 'recipient', 'subject', 'html', 'text', 'locale', 'attempts'])
      .execute()
    if (claimed.length === 0) return delivered
    const sent: string[] = []
    for (const row of claimed) {
      const adapter = channels.get(row.channel)
      const outcome = adapter
        ? await adapter
            .send({ id: row.id, caseId: row.case_id, channel: row.channel, recipient: row.recipient, subject: row.subject, html: row.html, text: row.text, locale: row.locale }, { idempotencyKey: row.id })
            .catch((error: unknown) => ({ ok: false as const, retryable: true, error: error instanceof Error ? error.message : String(error) }))
        : { ok: false as const, retryable: false, error: `no adapter for channel ${row.channel}` }
      if (outcome.ok) {
        sent.push(row.id)
        continue
      }
      const attempts = row.attempts + 1
      const final = !outcome.retryable || attempts >= MAX_ATTEMPTS
      await db
        .updateTable('outbox')
        .set({ attempts, status: final ? 'failed' : 'pending', reason: outcome.error, lease_owner: null, lease_until: final ? null : Date.now() + 2 ** attempts * 1000 })
        .where('id', '=', row.id)
        .execute()
    }
    const now = clock.now()
    for (let i = 0; i < sent.length; i += 500) {
      await db.updateTable('outbox').set({ status: 'sent', sent_at: now, lease_owner: null, lease_until: null }).where('id', 'in', sent.slice(i, i + 500)).execute()
    }
    delivered += sent.length
    if (sent.length === 0 && claimed.length < 500) return delivered
  }
}
