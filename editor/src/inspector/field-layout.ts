import { knownOutcomes, type NodeType } from '@dunwell/journey'
import type { TextFormat } from './form-model'

/**
 * What the schema cannot say: order, labels, help and widgets, by field path (`branches[].when` for a field of
 * every list item, `set{}` for a record's values). Field names and types are never listed here.
 */
export interface FieldLayout {
  order?: string[]
  labels?: Record<string, string>
  help?: Record<string, string>
  widgets?: Record<string, TextFormat>
  suggestions?: Record<string, readonly string[]>
  /** A duration whose unit may be business days, by the path of the flag that says so: `{ for: 'businessDays' }`. */
  businessDays?: Record<string, string>
  /** Labels of a union's modes, by the field that tells them apart. */
  modes?: Record<string, string>
  /** Starting values when the user switches to a mode; the kind's `defaults` cover its first mode. */
  modeDefaults?: Record<string, Record<string, unknown>>
  /** Stem of fresh ids for new list items, e.g. `branch` gives `branch-2`. */
  itemIds?: Record<string, string>
}

const base: FieldLayout = { order: ['label', 'note'], widgets: { note: 'multiline' } }

const message: FieldLayout = { ...base, widgets: { ...base.widgets, template: 'template' } }

export const fieldLayouts: Partial<Record<NodeType, FieldLayout>> = {
  entry: {
    ...base,
    widgets: { ...base.widgets, filter: 'condition' },
    labels: { event: 'Starts on event', daysPastDue: 'Days past due', at: 'At (local time)', filter: 'Only if', reentry: 'Re-entry', cooldown: 'Cooldown' },
    help: {
      daysPastDue: 'A case enters by itself on the day it is this many days past due (its due date + this many days).',
      at: 'The debtor’s local time that day; 09:00 when empty.',
      filter: 'Cases for which this condition is false are not enrolled.',
      cooldown: 'With re-entry after exit: how long after leaving a case may enter again.',
    },
    modes: { event: 'On an event', daysPastDue: 'By days past due' },
    modeDefaults: { daysPastDue: { daysPastDue: 30, at: '09:00' } },
  },
  segment: {
    ...base,
    widgets: { ...base.widgets, 'branches[].when': 'condition' },
    labels: { 'branches[].id': 'Outcome id', 'branches[].when': 'Condition' },
    itemIds: { branches: 'branch' },
    help: { branches: 'The first branch whose condition holds wins; the others go to “else”.' },
  },
  split: {
    ...base,
    itemIds: { variants: 'variant' },
    labels: { 'variants[].id': 'Outcome id', 'variants[].weight': 'Weight (%)', 'variants[].control': 'Control group' },
  },
  wait: {
    ...base,
    widgets: { ...base.widgets, when: 'condition' },
    labels: {
      for: 'Duration',
      businessDays: 'Count business days only',
      until: 'Local time',
      days: 'On days',
      event: 'Event',
      when: 'Only if',
      timeout: 'Give up after',
    },
    help: { days: 'Any day when none is chosen.' },
    businessDays: { for: 'businessDays' },
    modes: { for: 'For a time', until: 'Until a time of day', event: 'For an event' },
    modeDefaults: { until: { until: '09:00' }, event: { event: 'payment.received', timeout: 'P7D' } },
  },
  'await-arrangement': {
    ...base,
    labels: { timeout: 'Time to make one' },
    help: { timeout: 'If the debtor makes no promise and agrees no plan within this time, the case takes “none made”.' },
  },
  email: message,
  sms: message,
  whatsapp: message,
  letter: message,
  call: { ...message, order: ['label', 'note', 'queue', 'template', 'priority'], labels: { template: 'Script' }, help: { priority: '0 to 9, higher first.' } },
  action: {
    ...base,
    labels: { set: 'Set attributes', 'set{}': 'Value (CEL)', 'webhook.url': 'URL', 'webhook.name': 'Name', offer: 'Offer' },
    help: { set: 'Each value is a CEL expression over case, debtor and event.' },
  },
  exit: { ...base, suggestions: { outcome: knownOutcomes } },
}

/** What one item of a list is called on its card and in problems: `Branch` for a segment's `branches`. */
export function itemNoun(type: NodeType, listKey: string): string {
  const stem = fieldLayouts[type]?.itemIds?.[listKey] ?? 'item'
  return stem.charAt(0).toUpperCase() + stem.slice(1)
}
