// Embedding Dunwell in your own Node service: the runtime's API mounted under /collections of a host Hono app,
// its scheduler running in the same process, and email delivered by the host's own notification service through
// a custom channel adapter. Run it with `pnpm tsx examples/embedding/host-service.ts`.
import { serve } from '@hono/node-server'
import { createApiKey, createApp, Engine, openSqlite, startScheduler, type ChannelAdapter, type ContactPolicy, type OutgoingMessage } from '@dunwell/runtime'
import { Hono } from 'hono'

/** The host's notification service; here it keeps what it was given, keyed so that a resend is one message. */
export class NotificationService {
  readonly delivered = new Map<string, OutgoingMessage>()

  async deliver(key: string, message: OutgoingMessage): Promise<void> {
    this.delivered.set(key, message)
  }
}

/** A custom channel adapter: one small interface, `send(message, { idempotencyKey })`. */
export function notificationAdapter(service: NotificationService): ChannelAdapter {
  return {
    async send(message, { idempotencyKey }) {
      if (!message.recipient) return { ok: false, retryable: false, error: 'no recipient' }
      try {
        await service.deliver(idempotencyKey, message)
        return { ok: true, providerId: idempotencyKey }
      } catch (error) {
        return { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) }
      }
    },
  }
}

export async function createHostService(options: { file: string; policy?: ContactPolicy }) {
  const notifications = new NotificationService()
  const { db, store, close } = await openSqlite(options.file)
  const engine = await new Engine({
    db,
    store,
    channels: { email: notificationAdapter(notifications) },
    sender: { name: 'Acme Energy' },
    ...(options.policy ? { policy: options.policy } : {}),
  }).start()
  const scheduler = startScheduler(engine, { idleMs: 200 })

  const host = new Hono()
  host.get('/', (c) => c.text('Acme customer service'))
  // The whole collections API, under a prefix of the host's choosing.
  host.route('/collections', createApp({ engine, db }))

  return {
    host,
    engine,
    notifications,
    /** An API key for the host's own back office. */
    createKey: (role: 'admin' | 'ingest') => createApiKey(db, { name: `host-${role}`, role }),
    async close() {
      await scheduler.stop()
      await close()
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const service = await createHostService({ file: 'host-service.sqlite' })
  const { key } = await service.createKey('admin')
  serve({ fetch: service.host.fetch, port: 4000 }, (info) => {
    console.log(`Host service on http://127.0.0.1:${info.port}; Dunwell under /collections (admin key: ${key})`)
  })
}
