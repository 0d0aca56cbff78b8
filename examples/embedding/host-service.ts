// Embedding Dunwell in your own Node service: the runtime's API mounted under /collections of a host Hono app,
// its scheduler running in the same process, and email delivered by the host's own notification service through
// a custom channel adapter. Run it with `pnpm tsx examples/embedding/host-service.ts` in this repository, or compiled
// with the installed packages (see examples/README.md); it listens on $PORT (4000 when unset).
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
  const port = Number(process.env.PORT || 4000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`)
  const service = await createHostService({ file: process.env.DUNWELL_DB || 'host-service.sqlite' })
  const { key } = await service.createKey('admin')
  const server = serve({ fetch: service.host.fetch, port, hostname: '127.0.0.1' }, (info) => {
    console.log(`Host service on http://127.0.0.1:${info.port}; Dunwell under /collections (admin key: ${key})`)
  })
  const stop = () => server.close(() => void service.close())
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
