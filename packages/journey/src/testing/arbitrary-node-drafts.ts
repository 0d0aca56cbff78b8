// The parts a random journey is built from: node data of every kind, templates, settings, names that collide.
import fc from 'fast-check'
import { knownEventTypes } from '../known-events'
import { planIntervals } from '../money/instalment-schedule'
import type { ActionData } from '../nodes/action'
import { knownOutcomes } from '../nodes/exit'
import type { SegmentData } from '../nodes/segment'
import type { SplitData } from '../nodes/split'
import type { WaitData } from '../nodes/wait'
import type { NodeType } from '../nodes'
import type { Channel } from '../nodes/channel'
import type { Settings } from '../settings'

/** Conditions that parse and type-check to a boolean. */
export const validConditions = [
  'case.amountDue < 100',
  'case.balance > 0',
  'case.daysPastDue > 30',
  'case.daysPastDue >= 14 && case.amountDue >= 50.5',
  'case.currency == "EUR" || case.balance > 1000.0',
  'case.attributes.segment == "student"',
  '!(case.attributes.vip == true)',
  'has(case.attributes.segment)',
  'debtor.age >= 18 && debtor.age < 26',
  'debtor.country in ["DE", "AT"]',
  'debtor.locale.startsWith("de")',
  'size(debtor.phone) > 0',
  'event.data.amount > 0',
  'event.type == "payment.received"',
] as const

/** Expressions whose value an action may store. */
export const validValueExpressions = [
  'true',
  'false',
  '"sent"',
  '42',
  'case.daysPastDue + 1',
  'case.balance * 2.0',
  'debtor.firstName + " " + debtor.lastName',
  'size(case.attributes)',
] as const

export const locales = ['en', 'de', 'fr', 'it', 'nl', 'de-AT', 'pt-BR', 'es-419'] as const
const MAX_LOCALES = 4

/** Never `-0`: JSON cannot tell it from `0`, and a document is JSON. */
const coordinate = fc.oneof(
  fc.integer({ min: -5000, max: 5000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value) => value + 0),
)
export const position = fc.record({ x: coordinate, y: coordinate }, { noNullPrototype: true })

/** Properties of every JavaScript object: an id or attribute must never be mistaken for one. */
const objectProperties = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const
/** Ids that are also the document's field or outcome names: an id must never be mistaken for a field. */
const fieldNames = ['body', 'subject', 'set', 'templates', 'data', 'event', 'timeout', 'failed', 'else'] as const
export const slug = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,11}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...objectProperties) },
  { weight: 1, arbitrary: fc.constantFrom(...fieldNames) },
)

/** The word itself while it is free, else the word with the first free counter. */
export function claim(taken: Set<string>, word: string): string {
  let id = word
  for (let counter = 1; taken.has(id); counter++) id = `${word}-${counter}`
  taken.add(id)
  return id
}

const duration = fc.oneof(
  fc.constantFrom('P3D', 'PT12H', 'P1W', 'P1M', 'PT30M', 'P2DT6H'),
  fc.integer({ min: 1, max: 60 }).map((days) => `P${days}D`),
  fc.integer({ min: 1, max: 72 }).map((hours) => `PT${hours}H`),
)
const timeOfDay = fc.integer({ min: 0, max: 24 * 60 - 1 })
const showTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
const weekdays = fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, { minLength: 1 })
const condition = fc.constantFrom(...validConditions)
// Known types only: any other is a warning, and a valid journey here has none.
const eventType = fc.constantFrom(...knownEventTypes)

/** What a person types into a label or note, any Unicode (at most 80 UTF-16 units). */
export const freeText = (minLength = 0) => fc.string({ unit: 'binary', minLength, maxLength: 40 })
export const nodeBase = fc.record({ label: freeText(), note: freeText() }, { requiredKeys: [], noNullPrototype: true })

/** Prose that is neither Liquid nor markup. */
const prose = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,!?:;-()\'"äöüßéñ€'), minLength: 1, maxLength: 30 })
const liquidPiece = fc.oneof(
  prose,
  fc.constantFrom(
    '{{ debtor.firstName | default: "there" }}',
    '{{ debtor.lastName | upcase | default: "" }}',
    '{{ case.balance | money }}',
    '{{ case.amountDue | money: "EUR" }}',
    '{{ case.dueDate | local_date }}',
    '{{ links.pay }}',
    '{{ sender.name | default: "Dunwell" }}',
    '{{ event.data.amount }}',
    '{% if case.daysPastDue > 30 %}overdue{% else %}due{% endif %}',
    '{% for item in case.attributes.items %}{{ item }} {% endfor %}',
  ),
)
const liquidText = fc.array(liquidPiece, { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join(' '))
/** One text per possible locale; a template takes as many as the journey has locales. */
const texts = fc.array(liquidText, { minLength: MAX_LOCALES, maxLength: MAX_LOCALES })
const mjmlBody = fc
  .tuple(fc.array(liquidText, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(
    ([paragraphs, button]) =>
      `<mjml><mj-body><mj-section><mj-column>${paragraphs.map((text) => `<mj-text>${text}</mj-text>`).join('')}${
        button ? '<mj-button href="{{ links.pay }}">Pay now</mj-button>' : ''
      }</mj-column></mj-section></mj-body></mjml>`,
  )

export interface TemplateDraft {
  word: string
  name?: string
  subject: string[]
  body: string[]
  emailBody: string[]
}

const templateDraft: fc.Arbitrary<TemplateDraft> = fc.record(
  {
    word: slug,
    name: freeText(),
    subject: texts,
    body: texts,
    emailBody: fc.array(mjmlBody, { minLength: MAX_LOCALES, maxLength: MAX_LOCALES }),
  },
  { requiredKeys: ['word', 'subject', 'body', 'emailBody'], noNullPrototype: true },
)

const admission = { filter: condition, reentry: fc.constantFrom('after-exit' as const, 'never' as const), cooldown: duration }

export const entryData = fc.oneof(
  fc.record({ event: eventType, ...admission }, { requiredKeys: ['event'], noNullPrototype: true }),
  fc.record(
    { daysPastDue: fc.integer({ min: 0, max: 3650 }), at: timeOfDay.map(showTime), ...admission },
    { requiredKeys: ['daysPastDue'], noNullPrototype: true },
  ),
)

const segmentData: fc.Arbitrary<SegmentData> = fc.record(
  {
    branches: fc.uniqueArray(fc.record({ id: slug.filter((id) => id !== 'else'), label: freeText(1), when: condition }, { noNullPrototype: true }), {
      minLength: 1,
      maxLength: 4,
      selector: (branch) => branch.id,
    }),
  },
  { noNullPrototype: true },
)

/** Weights that add up to exactly 100: the gaps between sorted cuts of [0, 100], in tenths. */
const weights = (count: number) =>
  fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: count - 1, maxLength: count - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 1000]
    return points.slice(1).map((point, index) => (point - points[index]!) / 10)
  })

const splitData: fc.Arbitrary<SplitData> = fc
  .uniqueArray(fc.record({ id: slug, label: freeText(1), control: fc.boolean() }, { requiredKeys: ['id', 'label'], noNullPrototype: true }), {
    minLength: 2,
    maxLength: 5,
    selector: (variant) => variant.id,
  })
  .chain((variants) => weights(variants.length).map((shares) => ({ variants: variants.map((variant, index) => ({ ...variant, weight: shares[index]! })) })))

const waitData: fc.Arbitrary<WaitData> = fc.oneof(
  fc.record({ for: duration, businessDays: fc.boolean() }, { requiredKeys: ['for'], noNullPrototype: true }),
  fc.record({ until: timeOfDay.map(showTime), days: weekdays }, { requiredKeys: ['until'], noNullPrototype: true }),
  fc.record({ event: eventType, when: condition, timeout: duration }, { requiredKeys: ['event', 'timeout'], noNullPrototype: true }),
)

const actionData: fc.Arbitrary<Omit<ActionData, 'label' | 'note'>> = fc
  .record(
    {
      set: fc.dictionary(
        fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/), fc.constantFrom(...objectProperties)),
        fc.constantFrom(...validValueExpressions),
        {
          minKeys: 1,
          maxKeys: 3,
          noNullPrototype: true,
        },
      ),
      webhook: fc.record(
        {
          url: fc.oneof(
            fc.webUrl({ validSchemes: ['https'] }),
            fc.constantFrom('https://crm.example.com/hooks/dunning', 'http://localhost:8080/hook', 'http://127.0.0.1/flag'),
          ),
          name: fc.string({ maxLength: 64 }),
        },
        { requiredKeys: ['url'], noNullPrototype: true },
      ),
      offer: fc.oneof(
        fc.constant({ type: 'payment-link' as const }),
        fc.record({ type: fc.constant('payment-plan' as const), installments: fc.integer({ min: 2, max: 36 }), interval: duration }, { noNullPrototype: true }),
      ),
    },
    { requiredKeys: [], noNullPrototype: true },
  )
  .filter((data) => data.set !== undefined || data.webhook !== undefined || data.offer !== undefined)

const majorAmount = fc.integer({ min: 1, max: 100_000 }).map((cents) => cents / 100)

const offerData = fc
  .record(
    {
      payInPart: fc.record({ minAmount: majorAmount }, { requiredKeys: [], noNullPrototype: true }),
      plan: fc.record(
        {
          minInstalment: majorAmount,
          maxCount: fc.integer({ min: 1, max: 120 }),
          intervals: fc.uniqueArray(fc.constantFrom(...planIntervals), { minLength: 1 }),
          bands: fc.uniqueArray(
            fc.record({ upTo: majorAmount, maxCount: fc.integer({ min: 1, max: 120 }), minInstalment: majorAmount }, { noNullPrototype: true }),
            { maxLength: 3, selector: (band) => band.upTo },
          ),
        },
        { requiredKeys: ['minInstalment', 'maxCount', 'intervals'], noNullPrototype: true },
      ),
      promise: fc.record({ maxDays: fc.integer({ min: 1, max: 365 }) }, { noNullPrototype: true }),
      validFor: duration,
    },
    { requiredKeys: [], noNullPrototype: true },
  )
  .filter((data) => data.payInPart !== undefined || data.plan !== undefined || data.promise !== undefined)

const exitData = fc.record({ outcome: fc.oneof(fc.constantFrom(...knownOutcomes), slug) }, { noNullPrototype: true })

type MessageKind = Exclude<Channel, 'call'>
/** The kinds the builder drafts (the entry is its own) whose data comes whole, without templates to create. */
type DataKind = Exclude<NodeType, 'entry' | Channel>

/** A node before it has an id and, for a channel step, a template: the builder decides both. */
export type NodeDraft = { position: { x: number; y: number }; order: number; base: { label?: string; note?: string } } & DraftBody

type DraftBody =
  | { type: DataKind; data: object }
  | { type: MessageKind; template: TemplateDraft }
  | { type: 'call'; queue: string; priority?: number; template?: TemplateDraft }
type DraftKind<K extends NodeType> = K extends DataKind
  ? { type: K; data: object }
  : K extends MessageKind
    ? { type: K; template: TemplateDraft }
    : Extract<DraftBody, { type: K }>
const message = <K extends MessageKind>(type: K) => templateDraft.map((template) => ({ type, template }))

/** Random data of every kind but the entry, in the order the arbitraries were first written: a kind missing here fails the type check. */
const drafts: { [K in Exclude<NodeType, 'entry'>]: fc.Arbitrary<DraftKind<K>> } = {
  segment: segmentData.map((data) => ({ type: 'segment' as const, data })),
  split: splitData.map((data) => ({ type: 'split' as const, data })),
  wait: waitData.map((data) => ({ type: 'wait' as const, data })),
  'await-arrangement': duration.map((timeout) => ({ type: 'await-arrangement' as const, data: { timeout } })),
  offer: offerData.map((data) => ({ type: 'offer' as const, data })),
  email: message('email'),
  sms: message('sms'),
  whatsapp: message('whatsapp'),
  letter: message('letter'),
  call: fc.record(
    { type: fc.constant('call' as const), queue: slug, priority: fc.integer({ min: 0, max: 9 }), template: templateDraft },
    { requiredKeys: ['type', 'queue'], noNullPrototype: true },
  ),
  action: actionData.map((data) => ({ type: 'action' as const, data })),
  exit: exitData.map((data) => ({ type: 'exit' as const, data })),
}

const draftKind: fc.Arbitrary<DraftBody> = fc.oneof(...Object.values(drafts))

export const nodeDraft: fc.Arbitrary<NodeDraft> = fc
  .tuple(draftKind, position, fc.nat(), nodeBase)
  .map(([kind, position, order, base]) => ({ ...kind, position, order, base }) as NodeDraft)

export const settings: fc.Arbitrary<Settings> = fc
  .record(
    {
      locales: fc.uniqueArray(fc.constantFrom(...locales), { minLength: 1, maxLength: MAX_LOCALES }),
      defaultIndex: fc.nat(),
      goal: condition,
      contactHours: fc
        .record({ times: fc.uniqueArray(timeOfDay, { minLength: 2, maxLength: 2 }), days: weekdays }, { requiredKeys: ['times'], noNullPrototype: true })
        .map(({ times, days }) => {
          const [start, end] = [...times].sort((a, b) => a - b).map(showTime)
          return { start: start!, end: end!, ...(days ? { days } : {}) }
        }),
    },
    { requiredKeys: ['locales', 'defaultIndex'], noNullPrototype: true },
  )
  .map(({ locales, defaultIndex, ...rest }) => ({ locales, defaultLocale: locales[defaultIndex % locales.length]!, ...rest }))
