import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VirtualClock } from '../clock'
import { openSqlite } from '../db/open-database'
import { Engine } from '../engine/engine'
import type { JourneyTrigger } from '@dunwell/journey'
import type { ContactPolicy } from '../policy'
import type { CaseInput } from '@dunwell/contract'
import type { EventInput } from '@dunwell/contract'
import { buildReport, type SimulationReport } from './report'
import { buildTraces, tracedCases } from './trace'

export type { SimulationReport } from './report'
export { TRACE_LIMITS, TraceRequestError, type CaseTrace, type TraceStep, type TracedMessage } from './trace'

export interface SimulationInput {
  journey: unknown
  cases: CaseInput[]
  events?: EventInput[]
  policy?: ContactPolicy
  start: Date
  days: number
  /** A database file to keep; a throwaway one by default. */
  file?: string
  /** Called after each simulated day with the share done (0–1). */
  onProgress?: (done: number, day: number) => void
  batchSize?: number
  /** Also return the step-by-step trace of every case (`true`, for a few cases) or of the cases named. */
  trace?: true | string[]
}

const DAY = 86_400_000

/**
 * The very engine of production, on a virtual clock and a throwaway database: every case is created at `start` and
 * receives the journey's entry event then (a journey that enters by days past due enters each case on its day);
 * other events fire at their `at`.
 */
export async function simulate(input: SimulationInput): Promise<SimulationReport> {
  // Refused before any work is done.
  const traced = input.trace ? tracedCases(input.cases, input.trace) : []
  const folder = input.file ? undefined : mkdtempSync(join(tmpdir(), 'dunwell-simulation-'))
  const file = input.file ?? join(folder!, 'simulation.sqlite')
  const opened = await openSqlite(file)
  try {
    const clock = new VirtualClock(input.start)
    const engine = await new Engine({
      db: opened.db,
      store: opened.store,
      clock,
      ...(input.policy ? { policy: input.policy } : {}),
      ...(input.batchSize ? { batchSize: input.batchSize } : {}),
      // A throwaway database a person reads: each decision shows the values it saw.
      recordConditionValues: true,
    }).start()
    const { journeyId, version } = await engine.publish(input.journey, 'simulation')
    const trigger = JSON.parse(
      (
        await opened.db
          .selectFrom('journey_versions')
          .select('trigger')
          .where('journey_id', '=', journeyId)
          .where('version', '=', version)
          .executeTakeFirstOrThrow()
      ).trigger,
    ) as JourneyTrigger
    const upserted = await engine.upsertCases(input.cases)
    const at = input.start.toISOString()
    // An entry by days past due enters each case on its day, as the clock moves; any other gets its event now.
    if (!trigger.daysPastDue) {
      await engine.ingest(
        input.cases.map((c) => ({ id: `simulation-entry/${c.id}`, type: trigger.event, caseId: c.id, at })),
        'runtime',
      )
    }
    const ingested = await engine.ingest(input.events ?? [])
    const end = input.start.getTime() + input.days * DAY
    for (let day = 1; day <= input.days; day++) {
      await engine.advanceTo(Math.min(end, input.start.getTime() + day * DAY))
      input.onProgress?.(day / input.days, day)
    }
    const report = await buildReport(opened.db, journeyId, {
      start: input.start,
      end: new Date(end),
      nodeOrder: (input.journey as { nodes: { id: string }[] }).nodes.map((node) => node.id),
      rejected: [
        ...upserted.errors.map((e) => ({ caseId: e.id, message: e.message })),
        ...ingested.errors.map((e) => ({ caseId: undefined, message: `event ${e.index + 1}: ${e.message}` })),
      ],
    })
    if (!input.trace) return report
    const traces = await buildTraces(
      opened.db,
      traced.map((c) => ({ id: c.id, timezone: c.debtor.timezone })),
      engine.policy.defaultTimezone,
    )
    return { ...report, traces }
  } finally {
    await opened.close()
    if (folder) rmSync(folder, { recursive: true, force: true })
  }
}
