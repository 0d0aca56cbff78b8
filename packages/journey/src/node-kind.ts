import { z } from 'zod'
import { position, slug } from './common'
import type { Diagnostic, DiagnosticPath } from './diagnostics'

/** The id of a node's single default outcome: an edge without `sourceHandle`. */
export const DEFAULT_HANDLE = null

export type HandleId = string | typeof DEFAULT_HANDLE

export interface HandleSpec {
  /** `null` is the node's default outcome (an edge without `sourceHandle`). */
  id: HandleId
  label: string
  /** An optional outcome may stay unconnected; the runtime then takes the default one. */
  optional?: boolean
}

/**
 * The icons a node kind may name: the editor draws each (its icon table is typed over this list, so a name added
 * here without a drawing is a type error there).
 */
export const nodeIcons = [
  'log-in',
  'git-branch',
  'split',
  'hourglass',
  'calendar-check',
  'mail',
  'message-square',
  'message-circle',
  'file-text',
  'phone',
  'zap',
  'flag',
  'hand-coins',
] as const
export type NodeIcon = (typeof nodeIcons)[number]

/** A colour family, so that a journey reads at a glance: flow, logic, time, channels, actions. */
export const nodeTones = ['flow', 'logic', 'time', 'channel', 'action'] as const
export type NodeTone = (typeof nodeTones)[number]

/** The keys of a kind's data, over every mode of a union. */
type DataKey<T> = T extends unknown ? keyof T & string : never
/** The keys of list items of a kind's data (a segment's `branches[].when` is `when`). */
type ItemKey<T> = T extends unknown
  ? { [K in keyof T]-?: NonNullable<T[K]> extends readonly (infer I)[] ? (I extends object ? DataKey<I> : never) : never }[keyof T]
  : never
/** The keys of a kind's nested groups of fields (an offer's `plan.maxCount`). */
type GroupKey<T> = T extends unknown
  ? {
      [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
        ? never
        : NonNullable<T[K]> extends object
          ? `${K}.${keyof NonNullable<T[K]> & string}`
          : never
    }[keyof T & string]
  : never
/** The keys of a kind's data that hold lists of items with ids. */
type ListKey<T> = T extends unknown ? { [K in keyof T]-?: NonNullable<T[K]> extends readonly { id: string }[] ? K & string : never }[keyof T] : never

/** How a version diff names what changed in a step of this kind: `duration changed from ‘3 days’ to ‘5 days’`. */
export interface KindDiffWords<TData> {
  /** Field names in words, by data key (also the keys of list items and `group.key`); other keys are split at capitals. */
  fields: Partial<Record<DataKey<TData> | ItemKey<TData> | GroupKey<TData>, string>>
  /** Lists of items with ids, named one by one: `{ branches: 'branch' }` gives `added branch ‘Young’`. */
  items?: Partial<Record<ListKey<TData>, string>>
}

/** What a test run says about a step of this kind (in the editor's words). */
export interface KindTraceWords<TData> {
  /** While a case waits here (`until` is already a time to read); null for a kind that never holds a case. */
  waiting: ((data: TData, until: string) => string) | null
  /** When the step picks an outcome; null for a kind that picks none (its outcomes are `sent` and `failed`, or `next`). */
  decided: ((data: TData, outcome: { id: string; label: string }) => string) | null
  /** What the step did as the case passed, when its trace says so in a record of its own (an offer made); else null. */
  passed: ((data: TData) => string) | null
}

/** The validator's checks a kind's own data needs beyond its schema; each returns diagnostics placed on the node. */
export interface KindChecks {
  /** A CEL condition at `path` (within the node's data); `what` names it in the message. */
  condition(source: string, path: DiagnosticPath, what: string): Diagnostic[]
  /** A CEL value expression at `path`. */
  valueExpression(source: string, path: DiagnosticPath, what: string): Diagnostic[]
  /** A reference to a template of the journey, used on this channel. */
  template(id: string, channel: 'email' | 'sms' | 'whatsapp' | 'letter' | 'call', path: DiagnosticPath): Diagnostic[]
  /** Outcome ids of a list (`branches`) that must be unique; `what` names the items. */
  uniqueIds(list: string, ids: string[], what: string): Diagnostic[]
  /** An error placed at `path` of the node's data. */
  error(code: Diagnostic['code'], message: string, path: DiagnosticPath): Diagnostic
}

export interface NodeKindDefinition<TType extends string, TData extends z.ZodType> {
  type: TType
  title: string
  /** A name from the editor's icon set. */
  icon: NodeIcon
  /** The colour family on the canvas and in the palette. */
  tone: NodeTone
  /** One line for the palette. */
  help: string
  /** What the canvas shows at a glance, e.g. "3 business days". */
  summary: (data: z.infer<TData>) => string
  data: TData
  defaults: z.infer<TData>
  /** The node's outcomes, in the order the canvas shows them. */
  handles: (data: z.infer<TData>) => HandleSpec[]
  /**
   * The most days a case may stay at this step (a test run is sized by it), or null for a step a case passes at
   * once. A kind that holds a case also breaks a loop: a loop through it does not spin.
   */
  holds: ((data: z.infer<TData>) => number) | null
  /** How a version diff words a change of this kind's data. */
  diff: KindDiffWords<z.infer<TData>>
  /** How a test run words what happens here. */
  trace: KindTraceWords<z.infer<TData>>
  /** What the validator checks beyond the schema: conditions, templates, weights… */
  check: (data: z.infer<TData>, checks: KindChecks) => Diagnostic[]
}

export interface NodeKind<TType extends string = string, TData extends z.ZodType = z.ZodType> extends NodeKindDefinition<TType, TData> {
  /** The whole node: envelope plus this kind's data. */
  node: z.ZodObject<{
    id: typeof slug
    type: z.ZodLiteral<TType>
    position: typeof position
    data: TData
  }>
}

export function defineNodeKind<TType extends string, TData extends z.ZodType>(definition: NodeKindDefinition<TType, TData>): NodeKind<TType, TData> {
  const node = z.object({ id: slug, type: z.literal(definition.type), position, data: definition.data }).strict()
  return { ...definition, node }
}
