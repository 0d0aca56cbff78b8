import type { ActionData } from '../nodes/action'
import type { Channel } from '../nodes/channel'
import type { OfferData } from '../nodes/offer'
import type { WaitData } from '../nodes/wait'

/**
 * The names by which a compiled machine refers to what the runtime does. The machine only names them;
 * the runtime binds the implementations with `machine.provide(...)`.
 */
export const actionNames = {
  enter: 'dunwell.enter',
  decide: 'dunwell.decide',
  send: 'dunwell.send',
  schedule: 'dunwell.schedule',
  cancel: 'dunwell.cancel',
  act: 'dunwell.act',
  offer: 'dunwell.offer',
  exit: 'dunwell.exit',
} as const

export const guardNames = {
  when: 'dunwell.when',
  variant: 'dunwell.variant',
} as const

/** The state that the journey's goal (e.g. paid in full) leads to, from any node. */
export const GOAL_STATE = '$goal'
export const GOAL_OUTCOME = 'paid'

/** The runtime sends these when a node's timer is due, and when its message was sent or could not be. */
export const journeyEvents = {
  wake: (nodeId: string) => `dunwell.wake.${nodeId}`,
  sent: (nodeId: string) => `dunwell.sent.${nodeId}`,
  failed: (nodeId: string) => `dunwell.failed.${nodeId}`,
  /** An action or offer node's effects were performed: conditions after it see what it set. */
  done: (nodeId: string) => `dunwell.done.${nodeId}`,
}

export interface EnterParams {
  nodeId: string
  type: string
}
export interface DecideParams {
  nodeId: string
  outcome: string
  label: string
}
export interface SendParams {
  nodeId: string
  channel: Channel
  template?: string
  queue?: string
  priority?: number
}
export interface ScheduleParams {
  nodeId: string
  wait: Omit<WaitData, 'label' | 'note'>
}
export interface CancelParams {
  nodeId: string
}
export interface ActParams {
  nodeId: string
  set?: ActionData['set']
  webhook?: ActionData['webhook']
  offer?: ActionData['offer']
}
/** An offer step's offer: what the portal shows the debtor from now on, within its rules. */
export interface OfferParams {
  nodeId: string
  offer: Omit<OfferData, 'label' | 'note'>
}
export interface ExitParams {
  nodeId: string | null
  outcome: string
}
/** `outcome` is the branch (or `event`) the condition guards; absent for the journey's goal. */
export interface WhenParams {
  nodeId: string | null
  expr: string
  outcome?: string
}
export interface VariantParams {
  nodeId: string
  variant: string
  variants: { id: string; weight: number; control: boolean }[]
}

export type ActionRef =
  | { type: typeof actionNames.enter; params: EnterParams }
  | { type: typeof actionNames.decide; params: DecideParams }
  | { type: typeof actionNames.send; params: SendParams }
  | { type: typeof actionNames.schedule; params: ScheduleParams }
  | { type: typeof actionNames.cancel; params: CancelParams }
  | { type: typeof actionNames.act; params: ActParams }
  | { type: typeof actionNames.offer; params: OfferParams }
  | { type: typeof actionNames.exit; params: ExitParams }

export type GuardRef = { type: typeof guardNames.when; params: WhenParams } | { type: typeof guardNames.variant; params: VariantParams }

export interface TransitionConfig {
  target: string
  guard?: GuardRef
  actions?: ActionRef[]
}

export interface StateConfig {
  type?: 'final'
  entry?: ActionRef[]
  exit?: ActionRef[]
  always?: TransitionConfig[]
  on?: Record<string, TransitionConfig[]>
  meta?: { nodeType: string; label?: string }
}

/** A plain-JSON XState v5 machine config: print it, store it, or hand it to `createJourneyMachine`. */
export interface JourneyMachineConfig {
  id: string
  initial: string
  always?: TransitionConfig[]
  states: Record<string, StateConfig>
}

/** The context every journey machine carries: only ids, so that snapshots stay small. */
export interface JourneyContext {
  caseId: string
  [key: string]: unknown
}

/**
 * The event a days-past-due entry enrols with: the runtime makes it, once per case and day, at the entry's local time
 * (`dunwell.*` is refused on the wire, so no sender can forge it).
 */
export const DAYS_PAST_DUE_EVENT = 'dunwell.days-past-due'

export interface JourneyTrigger {
  /** The event that enrols a case; `DAYS_PAST_DUE_EVENT` for an entry by days past due. */
  event: string
  /** An entry by days past due: on the day a case is `days` past due, at `at` in the debtor's local time. */
  daysPastDue?: { days: number; at: string }
  filter?: string
  reentry: 'after-exit' | 'never'
  cooldown?: string
}
