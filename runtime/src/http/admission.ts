import type { MiddlewareHandler } from 'hono'
import type { AppEnv, AppOptions } from './app-types'
import { problem } from './problem'
import { problemOf } from './schemas'

/** How long a client is asked to wait before it sends again. */
const RETRY_AFTER_SECONDS = { events: 30, simulation: 10 }

/** Declared on the routes that may be asked to wait. */
export const busy = { 429: problemOf('The runtime is busy (the engine’s backlog, or simulations at once): send again after `Retry-After` seconds') } as const

/**
 * Admission control: work the runtime cannot take now waits at the door (429 with `Retry-After`) instead of piling
 * up behind what it already has. New events wait while the engine is further behind than `limits.backlog`;
 * simulations beyond `limits.simulations` at once wait their turn.
 */
export function admission(options: AppOptions) {
  const maxBacklog = options.limits?.backlog ?? 1_000_000
  const maxSimulations = options.limits?.simulations ?? 2
  let simulations = 0

  const events: MiddlewareHandler<AppEnv> = async (c, next) => {
    const backlog = await options.engine.backlog()
    if (backlog.events < maxBacklog) return next()
    c.header('Retry-After', String(RETRY_AFTER_SECONDS.events))
    return problem(c, 429, `the engine has ${backlog.events} events still to apply (at most ${maxBacklog} wait): send again in ${RETRY_AFTER_SECONDS.events} s`)
  }

  const simulation: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (simulations >= maxSimulations) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS.simulation))
      return problem(c, 429, `${simulations} simulations are running (at most ${maxSimulations} at once): send again in ${RETRY_AFTER_SECONDS.simulation} s`)
    }
    simulations++
    try {
      await next()
    } finally {
      simulations--
    }
  }

  return { events, simulation, simulations: () => ({ running: simulations, max: maxSimulations }) }
}
