import { z } from 'zod'
import { nodeBase, slug } from '../common'
import { defineNodeKind } from '../node-kind'

/** Outcomes the reports know by name; any other slug is allowed too. */
export const knownOutcomes = ['paid', 'promised', 'handed-over', 'disputed', 'hardship', 'unreachable', 'written-off', 'no-response'] as const

export const exitData = z
  .object({
    ...nodeBase,
    outcome: slug,
  })
  .strict()

export type ExitData = z.infer<typeof exitData>

export const exit = defineNodeKind({
  type: 'exit',
  title: 'Exit',
  icon: 'flag',
  tone: 'flow',
  help: 'End the journey with an outcome, e.g. paid, promised or handed over',
  summary: (data) => `Exit: ${data.outcome}`,
  data: exitData,
  defaults: { outcome: 'no-response' },
  handles: () => [],
  holds: null,
  diff: { fields: {} },
  trace: { waiting: null, decided: null, passed: null },
  check: () => [],
})
