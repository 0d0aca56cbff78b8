import { ApiError, createClient, unwrap, type SimulationReport } from '@dunwell/client'
import { describeError } from '../api/journeys-api'
import type { simulationRequest } from './run-setup'

const client = createClient({ baseUrl: window.location.origin })

export type SimulationResult = { ok: true; report: SimulationReport } | { ok: false; problem: string /** 422: the journey has errors */; invalid: boolean }

/** Runs the draft on the runtime's virtual clock (`POST /api/simulations`), with the trace of the case. */
export async function runSimulation(request: ReturnType<typeof simulationRequest>): Promise<SimulationResult> {
  try {
    const report = await unwrap(client.POST('/api/simulations', { body: request }))
    return { ok: true, report }
  } catch (error) {
    // The panel sends one case: "cases.0.debtor.email" reads better as "case.debtor.email".
    return { ok: false, problem: describeError(error).replace(/\bcases\.0\./g, 'case.'), invalid: error instanceof ApiError && error.status === 422 }
  }
}
