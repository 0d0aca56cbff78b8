import { createMachine, type AnyEventObject } from 'xstate'
import { journeySchema, type Journey, type JourneyNode } from '../document'
import { hasErrors, isOverBudget, type Diagnostic } from '../diagnostics'
import type { HandleId } from '../node-kind'
import type { NodeType } from '../nodes'
import { DEFAULT_GOAL } from '../settings'
import { validate } from '../validate'
import {
  actionNames,
  DAYS_PAST_DUE_EVENT,
  GOAL_OUTCOME,
  GOAL_STATE,
  guardNames,
  type JourneyContext,
  type JourneyMachineConfig,
  type JourneyTrigger,
  type StateConfig,
  type VariantParams,
  type WhenParams,
} from './machine-types'
import { nodeCompilers, type NodeCompiler } from './node-compilers'
import { migrateJourney } from '../migrate'
import { DEFAULT_ENTRY_TIME, isDaysPastDueEntry } from '../nodes/entry'

export interface CompiledJourney {
  journey: Journey
  config: JourneyMachineConfig
  trigger: JourneyTrigger
}

export type CompileResult = ({ ok: true; diagnostics: Diagnostic[] } & CompiledJourney) | { ok: false; diagnostics: Diagnostic[] }

export interface CompileOptions {
  /**
   * A version already published: its templates and conditions over the budget (a rule newer than some versions)
   * do not stop it from loading; the runtime's budget fails each such message or decision on its own.
   */
  published?: boolean
}

/**
 * Turns a journey document into a plain-JSON XState v5 machine config. Pure: no I/O, no clock, no randomness;
 * a document with errors yields its diagnostics instead.
 */
export function compile(input: unknown, options: CompileOptions = {}): CompileResult {
  const all = validate(input)
  const diagnostics = options.published ? all.filter((diagnostic) => !isOverBudget(diagnostic)) : all
  if (hasErrors(diagnostics)) return { ok: false, diagnostics }
  const migrated = migrateJourney(input)
  if (!migrated.ok) return { ok: false, diagnostics: [migrated.diagnostic] }
  const journey = journeySchema.parse(migrated.document)
  return { ok: true, diagnostics, ...compileValid(journey) }
}

function compileValid(journey: Journey): CompiledJourney {
  const targets = new Map<string, string>()
  for (const edge of journey.edges) targets.set(`${edge.source}\u0000${edge.sourceHandle ?? ''}`, edge.target)

  const entry = journey.nodes.find((node): node is JourneyNode<'entry'> => node.type === 'entry')!
  const goal = { target: GOAL_STATE, guard: { type: guardNames.when, params: { nodeId: null, expr: journey.settings.goal ?? DEFAULT_GOAL } } } as const
  const states: Record<string, StateConfig> = {}
  for (const node of journey.nodes) {
    const compileNode = nodeCompilers[node.type] as NodeCompiler<NodeType>
    const state = compileNode(node, { target: (handle: HandleId) => targets.get(`${node.id}\u0000${handle ?? ''}`) })
    // A state's own transitions are chosen before the root's: the goal goes first in each of them, so that a met
    // goal ends the journey before the next step rather than after it.
    if (state.always) state.always = [goal, ...state.always]
    if (state.on) state.on = Object.fromEntries(Object.entries(state.on).map(([event, transitions]) => [event, [goal, ...transitions]]))
    states[node.id] = { ...state, meta: { nodeType: node.type, ...(node.data.label ? { label: node.data.label } : {}) } }
  }
  states[GOAL_STATE] = {
    type: 'final',
    entry: [{ type: actionNames.exit, params: { nodeId: null, outcome: GOAL_OUTCOME } }],
  }

  const config: JourneyMachineConfig = {
    id: journey.id,
    initial: entry.id,
    // Checked after every step, from any node: the journey's goal ends it.
    always: [{ ...goal, target: `.${GOAL_STATE}` }],
    states,
  }
  const trigger: JourneyTrigger = {
    ...(isDaysPastDueEntry(entry.data)
      ? { event: DAYS_PAST_DUE_EVENT, daysPastDue: { days: entry.data.daysPastDue, at: entry.data.at ?? DEFAULT_ENTRY_TIME } }
      : { event: entry.data.event }),
    reentry: entry.data.reentry ?? 'after-exit',
    ...(entry.data.filter ? { filter: entry.data.filter } : {}),
    ...(entry.data.cooldown ? { cooldown: entry.data.cooldown } : {}),
  }
  return { journey, config, trigger }
}

export interface GuardArgs {
  context: JourneyContext
  event: AnyEventObject
}

/** How the runtime (or a test) decides what a journey names: conditions and split assignment. */
export interface JourneyGuards {
  [guardNames.when]: (args: GuardArgs, params: WhenParams) => boolean
  [guardNames.variant]: (args: GuardArgs, params: VariantParams) => boolean
}

/**
 * An XState machine from a compiled config; the context comes from the input (`{ caseId }`). Guards are bound
 * here; actions stay named, since the runtime performs them itself from what `transition` returns.
 */
export function createJourneyMachine(config: JourneyMachineConfig, guards?: Partial<JourneyGuards>) {
  const machine = createMachine({
    ...(config as object),
    context: ({ input }: { input: JourneyContext }) => ({ ...input }),
  } as Parameters<typeof createMachine>[0])
  return guards ? machine.provide({ guards: guards as Record<string, never> }) : machine
}
