import { z } from 'zod'

/** Is the runtime up, and is its scheduler keeping up? */
export const healthSchema = z
  .looseObject({
    status: z.literal('ok'),
    time: z.string().meta({ description: 'The engine clock (virtual with a test clock)' }),
    backlog: z
      .object({
        events: z.number().int().meta({ description: 'Events due and not yet applied' }),
        timers: z.number().int().meta({ description: 'Waits and deferred sends due and not yet run' }),
        outbox: z.number().int().meta({ description: 'Messages waiting to be sent (due now or retried later)' }),
        oldestDueAt: z.number().nullable().meta({ description: 'When the oldest due event or timer fell due (ms since 1970)' }),
        lateMs: z.number().meta({ description: 'How late the oldest due work is now: 0 when the engine keeps up' }),
      })
      .meta({ description: 'What is due and not yet done (read at most every 250 ms, and anew after the engine’s work)' }),
    simulations: z
      .object({ running: z.number().int(), max: z.number().int() })
      .meta({ description: 'Simulations running now, and how many may run at once (more wait: 429)' }),
    scheduler: z
      .object({
        running: z.boolean(),
        batches: z.number().int(),
        items: z.number().int(),
        lateness: z.object({ p50: z.number(), p99: z.number(), max: z.number() }).meta({ description: 'How late due work was picked up, in ms' }),
        lastError: z.string().optional(),
      })
      .optional()
      .meta({ description: 'When the server runs the scheduler' }),
  })
  .meta({ id: 'Health' })
export type Health = z.infer<typeof healthSchema>

/** Lines read from a bulk body (JSON Lines): what was kept, and each line refused with why. */
export const lineReportSchema = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int().optional(),
    created: z.number().int().optional(),
    updated: z.number().int().optional(),
    errors: z.array(z.object({ line: z.number().int(), id: z.string().optional(), message: z.string() })),
  })
  .meta({ id: 'LineReport' })
export type LineReport = z.infer<typeof lineReportSchema>
