import { z } from 'zod'
import { isoDuration, nodeBase } from '../common'
import { describeDuration, durationDays } from '../duration'
import { defineNodeKind } from '../node-kind'

export const KEPT_HANDLE = 'kept'
export const BROKEN_HANDLE = 'broken'
export const NONE_HANDLE = 'none'

/** The events that make an arrangement, and those the engine sends when one ends (promises-and-plans). */
export const arrangementEvents = {
  made: ['promise.made', 'plan.agreed'],
  kept: ['promise.kept', 'plan.completed'],
  broken: ['promise.broken', 'plan.broken'],
} as const

export const awaitArrangementData = z
  .object({
    ...nodeBase,
    /** How long the debtor has to make a promise or agree a plan (ISO 8601 duration); then the `none` outcome. */
    timeout: isoDuration,
  })
  .strict()

export type AwaitArrangementData = z.infer<typeof awaitArrangementData>

export const awaitArrangement = defineNodeKind({
  type: 'await-arrangement',
  title: 'Wait for promise or plan',
  icon: 'calendar-check',
  tone: 'time',
  help: 'Wait until the debtor promises to pay or agrees a plan, then until it is kept or broken',
  summary: (data) => `kept or broken; none made within ${describeDuration(data.timeout)}`,
  data: awaitArrangementData,
  defaults: { timeout: 'P14D' },
  handles: () => [
    { id: KEPT_HANDLE, label: 'kept' },
    { id: BROKEN_HANDLE, label: 'broken' },
    { id: NONE_HANDLE, label: 'none made' },
  ],
  holds: (data) => durationDays(data.timeout),
  diff: { fields: { timeout: 'time limit' } },
  trace: {
    waiting: (_data, until) => `Waits for a promise or plan until ${until} at the latest`,
    decided: (_data, outcome) =>
      outcome.id === KEPT_HANDLE
        ? 'The promise or plan was kept'
        : outcome.id === BROKEN_HANDLE
          ? 'The promise or plan was broken'
          : outcome.id === NONE_HANDLE
            ? 'No promise or plan made in time: takes “none made”'
            : `${outcome.label}: the wait ends`,
    passed: null,
  },
  check: () => [],
})
