import { knownOutcomes, type NodeType } from '@dunwell/journey'
import { language } from '../import/strings'
import { t } from './strings'
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
  /** Words for an enum's values, by the field's path (an offer's `plan.intervals[]`: `P1M` reads "Monthly"). */
  options?: Record<string, Record<string, string>>
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

export const englishLayouts = {
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
  offer: {
    ...base,
    order: ['label', 'note', 'payInPart', 'plan', 'promise', 'validFor'],
    itemIds: { 'plan.bands': 'band' },
    labels: {
      payInPart: 'Pay in part',
      'payInPart.minAmount': 'Smallest part',
      plan: 'Instalment plan',
      'plan.minInstalment': 'Smallest instalment',
      'plan.maxCount': 'Most instalments',
      'plan.intervals': 'Allowed intervals',
      'plan.bands': 'Balance bands',
      'plan.bands[].upTo': 'For balances up to',
      'plan.bands[].maxCount': 'Most instalments',
      'plan.bands[].minInstalment': 'Smallest instalment',
      promise: 'Promise to pay',
      'promise.maxDays': 'Within days',
      validFor: 'Valid for',
    },
    help: {
      payInPart: 'The debtor may pay less than the whole balance now.',
      'payInPart.minAmount': 'In the case’s currency; any amount when empty.',
      'plan.minInstalment': 'In the case’s currency; a single payment of the whole balance is always allowed.',
      'plan.bands': 'Other limits for smaller balances: the first band whose top the balance does not exceed applies.',
      'promise.maxDays': 'The latest date the debtor may promise, in days from the day they promise.',
      validFor: 'How long the portal offers this; 30 days when empty.',
    },
    options: { 'plan.intervals[]': { P1W: 'Weekly', P2W: 'Every two weeks', P1M: 'Monthly' } },
  },
  action: {
    ...base,
    labels: { set: 'Set attributes', 'set{}': 'Value (CEL)', 'webhook.url': 'URL', 'webhook.name': 'Name', offer: 'Offer' },
    help: { set: 'Each value is a CEL expression over case, debtor and event.' },
  },
  exit: { ...base, suggestions: { outcome: knownOutcomes } },
} satisfies { [K in NodeType]: FieldLayout }

/** A layout's words in another language: labels, help and mode names by the same paths (English where one is missing). */
export type FieldWords = Pick<FieldLayout, 'labels' | 'help' | 'modes' | 'options'>

const baseDe: FieldWords = { labels: { label: 'Bezeichnung', note: 'Notiz' } }
const messageDe: FieldWords = { labels: { ...baseDe.labels, template: 'Vorlage' } }

/** The German words of every kind's form: a kind missing here fails the type check. */
export const germanWords = {
  entry: {
    labels: {
      ...baseDe.labels,
      event: 'Startet bei Ereignis',
      daysPastDue: 'Tage überfällig',
      at: 'Um (Ortszeit)',
      filter: 'Nur wenn',
      reentry: 'Wiedereintritt',
      cooldown: 'Sperrfrist',
    },
    help: {
      daysPastDue: 'Ein Fall tritt von selbst an dem Tag ein, an dem er so viele Tage überfällig ist (Fälligkeit plus so viele Tage).',
      at: 'Die Ortszeit des Schuldners an diesem Tag; 09:00, wenn leer.',
      filter: 'Fälle, für die diese Bedingung nicht zutrifft, werden nicht aufgenommen.',
      cooldown: 'Bei Wiedereintritt nach dem Ausgang: wie lange nach dem Verlassen ein Fall erneut eintreten darf.',
    },
    modes: { event: 'Bei einem Ereignis', daysPastDue: 'Nach Tagen überfällig' },
  },
  segment: {
    labels: { ...baseDe.labels, branches: 'Zweige', 'branches[].id': 'Ausgangs-ID', 'branches[].label': 'Bezeichnung', 'branches[].when': 'Bedingung' },
    help: { branches: 'Der erste Zweig, dessen Bedingung zutrifft, gewinnt; die übrigen Fälle gehen zu „else“.' },
  },
  split: {
    labels: {
      ...baseDe.labels,
      variants: 'Varianten',
      'variants[].id': 'Ausgangs-ID',
      'variants[].label': 'Bezeichnung',
      'variants[].weight': 'Gewicht (%)',
      'variants[].control': 'Kontrollgruppe',
    },
  },
  wait: {
    labels: {
      ...baseDe.labels,
      for: 'Dauer',
      businessDays: 'Nur Werktage zählen',
      until: 'Ortszeit',
      days: 'An Tagen',
      event: 'Ereignis',
      when: 'Nur wenn',
      timeout: 'Aufgeben nach',
    },
    help: { days: 'Jeder Tag, wenn keiner gewählt ist.' },
    modes: { for: 'Eine Zeit lang', until: 'Bis zu einer Uhrzeit', event: 'Auf ein Ereignis' },
  },
  'await-arrangement': {
    labels: { ...baseDe.labels, timeout: 'Frist für eine Zusage' },
    help: { timeout: 'Gibt der Schuldner in dieser Zeit kein Zahlungsversprechen ab und vereinbart keinen Ratenplan, nimmt der Fall „none made“.' },
  },
  email: messageDe,
  sms: messageDe,
  whatsapp: messageDe,
  letter: messageDe,
  call: { labels: { ...baseDe.labels, queue: 'Warteschlange', template: 'Skript', priority: 'Priorität' }, help: { priority: '0 bis 9, höhere zuerst.' } },
  offer: {
    labels: {
      ...baseDe.labels,
      payInPart: 'Teilzahlung',
      'payInPart.minAmount': 'Kleinster Teilbetrag',
      plan: 'Ratenplan',
      'plan.minInstalment': 'Kleinste Rate',
      'plan.maxCount': 'Höchstens Raten',
      'plan.intervals': 'Erlaubte Abstände',
      'plan.bands': 'Saldostufen',
      'plan.bands[].upTo': 'Für Salden bis',
      'plan.bands[].maxCount': 'Höchstens Raten',
      'plan.bands[].minInstalment': 'Kleinste Rate',
      promise: 'Zahlungsversprechen',
      'promise.maxDays': 'Innerhalb von Tagen',
      validFor: 'Gültig für',
    },
    help: {
      payInPart: 'Der Schuldner darf jetzt weniger als den ganzen Saldo zahlen.',
      'payInPart.minAmount': 'In der Währung des Falls; jeder Betrag, wenn leer.',
      'plan.minInstalment': 'In der Währung des Falls; eine einzige Zahlung des ganzen Saldos ist immer erlaubt.',
      'plan.bands': 'Andere Grenzen für kleinere Salden: Es gilt die erste Stufe, deren Obergrenze der Saldo nicht übersteigt.',
      'promise.maxDays': 'Das späteste Datum, das der Schuldner versprechen darf, in Tagen ab dem Tag des Versprechens.',
      validFor: 'Wie lange das Portal dies anbietet; 30 Tage, wenn leer.',
    },
    options: { 'plan.intervals[]': { P1W: 'Wöchentlich', P2W: 'Alle zwei Wochen', P1M: 'Monatlich' } },
  },
  action: {
    labels: {
      ...baseDe.labels,
      set: 'Attribute setzen',
      'set{}': 'Wert (CEL)',
      webhook: 'Webhook',
      'webhook.url': 'URL',
      'webhook.name': 'Name',
      offer: 'Angebot',
    },
    help: { set: 'Jeder Wert ist ein CEL-Ausdruck über case, debtor und event.' },
  },
  exit: { labels: { ...baseDe.labels, outcome: 'Ergebnis' } },
} satisfies { [K in NodeType]: FieldWords }

/** A layout in the given language: the English one with the other language's words over it. */
export function layoutIn(layout: FieldLayout, words: FieldWords | undefined): FieldLayout {
  if (!words) return layout
  return {
    ...layout,
    labels: { ...layout.labels, ...words.labels },
    help: { ...layout.help, ...words.help },
    modes: { ...layout.modes, ...words.modes },
    options: { ...layout.options, ...words.options },
  }
}

/**
 * The editor's one table of what a node kind's form needs beyond its schema, in the editor's language. Keyed by
 * every node type, so that a new kind without its layout (and its German words) fails the type check.
 */
export const fieldLayouts: { [K in NodeType]: FieldLayout } = Object.fromEntries(
  (Object.keys(englishLayouts) as NodeType[]).map((type) => [type, layoutIn(englishLayouts[type], language === 'de' ? germanWords[type] : undefined)]),
) as { [K in NodeType]: FieldLayout }

/** The id stem of a list's items (`branch` for a segment's `branches`): new ids are made from it. */
export function itemStem(type: NodeType, listKey: string): string {
  return fieldLayouts[type].itemIds?.[listKey] ?? 'item'
}

/** The item's noun in the editor's language: `Branch` / `Zweig` for a segment's `branches`. */
export function itemNoun(type: NodeType, listKey: string): string {
  const stem = itemStem(type, listKey)
  return t.itemNouns[stem] ?? stem.charAt(0).toUpperCase() + stem.slice(1)
}
