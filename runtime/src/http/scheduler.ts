import type { Engine } from '../engine/engine'

export interface SchedulerStats {
  running: boolean
  batches: number
  items: number
  /** How late due work was picked up, in ms (the last 1,000 items). */
  lateness: { p50: number; p99: number; max: number }
  lastError?: string
}

/**
 * The last `size` latenesses, in a ring: recording one is O(1) (a batch records hundreds), the quantiles are worked
 * out when someone reads them.
 */
export function latenessWindow(size = 1000) {
  const ring = new Float64Array(size)
  let recorded = 0
  return {
    record(ms: number): void {
      ring[recorded % size] = ms
      recorded++
    },
    quantiles(): SchedulerStats['lateness'] {
      const sorted = ring.slice(0, Math.min(recorded, size)).sort()
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
      return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 }
    },
  }
}

/**
 * The live loop: claims due events and timers in batches (with leases), runs them through the engine and delivers
 * the outbox; sleeps until the next due item, at most `idleMs`. `stop()` lets the batch in hand finish.
 */
export function startScheduler(engine: Engine, options: { idleMs?: number } = {}) {
  const idleMs = options.idleMs ?? 1000
  const lateness = latenessWindow()
  const stats: SchedulerStats = {
    running: true,
    batches: 0,
    items: 0,
    get lateness() {
      return lateness.quantiles()
    },
  }
  let wake: (() => void) | undefined
  let stopping = false

  const loop = (async () => {
    while (!stopping) {
      try {
        const result = await engine.runDue({ onItem: (dueAt) => lateness.record(Math.max(0, engine.clock.now() - dueAt)) })
        stats.batches += result.batches
        stats.items += result.items
        delete stats.lastError
      } catch (error) {
        // Nothing was committed for the failed batch; its leases expire and it is tried again.
        stats.lastError = error instanceof Error ? error.message : String(error)
        console.error(`dunwell scheduler: ${stats.lastError}`)
      }
      if (stopping) break
      const next = await engine.store.nextDueAt().catch(() => null)
      const delay = next === null ? idleMs : Math.min(idleMs, Math.max(0, next - engine.clock.now()))
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = undefined
    }
    stats.running = false
  })()

  return {
    stats,
    /** New work arrived (an event was posted): look now rather than at the next tick. */
    poke: () => wake?.(),
    async stop() {
      stopping = true
      wake?.()
      await loop
    },
  }
}

export type Scheduler = ReturnType<typeof startScheduler>
