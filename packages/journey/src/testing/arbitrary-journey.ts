import fc from 'fast-check'
import { knownEventTypes } from '../known-events'
import { JOURNEY_FORMAT, type Journey, type JourneyEdge, type JourneyNode } from '../document'
import type { HandleSpec } from '../node-kind'
import { nodeKinds } from '../nodes'
import type { ActionData } from '../nodes/action'
import type { Channel } from '../nodes/channel'
import { knownOutcomes } from '../nodes/exit'
import type { SegmentData } from '../nodes/segment'
import type { SplitData } from '../nodes/split'
import type { WaitData } from '../nodes/wait'
import type { Settings } from '../settings'
import type { Template } from '../template'

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

const locales = ['en', 'de', 'fr', 'it', 'nl', 'de-AT', 'pt-BR', 'es-419'] as const
const MAX_LOCALES = 4

/** Never `-0`: JSON cannot tell it from `0`, and a document is JSON. */
const coordinate = fc.oneof(
  fc.integer({ min: -5000, max: 5000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value) => value + 0),
)
const position = fc.record({ x: coordinate, y: coordinate }, { noNullPrototype: true })

/** Properties of every JavaScript object: an id or attribute must never be mistaken for one. */
const objectProperties = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const
/** Ids that are also the document's field or outcome names: an id must never be mistaken for a field. */
const fieldNames = ['body', 'subject', 'set', 'templates', 'data', 'event', 'timeout', 'failed', 'else'] as const
const slug = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,11}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...objectProperties) },
  { weight: 1, arbitrary: fc.constantFrom(...fieldNames) },
)

/** The word itself while it is free, else the word with the first free counter. */
function claim(taken: Set<string>, word: string): string {
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
const freeText = (minLength = 0) => fc.string({ unit: 'binary', minLength, maxLength: 40 })
const nodeBase = fc.record({ label: freeText(), note: freeText() }, { requiredKeys: [], noNullPrototype: true })

/** Prose that is neither Liquid nor markup. */
const prose = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,!?:;-()\'"äöüßéñ€'), minLength: 1, maxLength: 30 })
const liquidPiece = fc.oneof(
  prose,
  fc.constantFrom(
    '{{ debtor.firstName }}',
    '{{ debtor.lastName | upcase }}',
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

interface TemplateDraft {
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

const entryData = fc.record(
  { event: eventType, filter: condition, reentry: fc.constantFrom('after-exit' as const, 'never' as const), cooldown: duration },
  { requiredKeys: ['event'], noNullPrototype: true },
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

const exitData = fc.record({ outcome: fc.oneof(fc.constantFrom(...knownOutcomes), slug) }, { noNullPrototype: true })

const messageKinds = ['email', 'sms', 'whatsapp', 'letter'] as const

/** A node before it has an id and, for a channel step, a template: the builder decides both. */
type NodeDraft = { position: { x: number; y: number }; order: number; base: { label?: string; note?: string } } & (
  | { type: 'segment' | 'split' | 'wait' | 'action' | 'exit'; data: object }
  | { type: (typeof messageKinds)[number]; template: TemplateDraft }
  | { type: 'call'; queue: string; priority?: number; template?: TemplateDraft }
)

const draftKind: fc.Arbitrary<Omit<NodeDraft, 'position' | 'order' | 'base'>> = fc.oneof(
  segmentData.map((data) => ({ type: 'segment' as const, data })),
  splitData.map((data) => ({ type: 'split' as const, data })),
  waitData.map((data) => ({ type: 'wait' as const, data })),
  ...messageKinds.map((type) => templateDraft.map((template) => ({ type, template }))),
  fc.record(
    { type: fc.constant('call' as const), queue: slug, priority: fc.integer({ min: 0, max: 9 }), template: templateDraft },
    { requiredKeys: ['type', 'queue'], noNullPrototype: true },
  ),
  actionData.map((data) => ({ type: 'action' as const, data })),
  exitData.map((data) => ({ type: 'exit' as const, data })),
)

const nodeDraft: fc.Arbitrary<NodeDraft> = fc
  .tuple(draftKind, position, fc.nat(), nodeBase)
  .map(([kind, position, order, base]) => ({ ...kind, position, order, base }) as NodeDraft)

const settings: fc.Arbitrary<Settings> = fc
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

interface Plan {
  meta: { id: string; name: string; description?: string }
  settings: Settings
  entry: { word: string; position: { x: number; y: number }; order: number; base: { label?: string; note?: string }; data: JourneyNode<'entry'>['data'] }
  drafts: NodeDraft[]
  /** Read in turn by the builder for every decision; 0 prefers a new node, so shrinking simplifies the graph. */
  choices: number[]
  words: string[]
}

/**
 * Turns a plan into a valid journey by depth-first construction from the entry. Each outcome leads to a new node
 * (a tree edge), a node whose subtree is complete (a cross edge, which closes no loop) or a wait on the current
 * path, itself included (a back edge). Every loop of a graph contains a back edge, so every loop contains a wait.
 */
function build(plan: Plan): Journey {
  let cursor = 0
  const choose = (count: number) => (count <= 1 || plan.choices.length === 0 ? 0 : plan.choices[cursor++ % plan.choices.length]! % count)
  const word = (index: number) => plan.words[index % plan.words.length] ?? 'n'

  const nodes: { node: JourneyNode; order: number }[] = []
  const edges: JourneyEdge[] = []
  const templates: Record<string, Template> = {}
  const templatesByChannel = new Map<Channel, string[]>()
  const finished: string[] = []
  const nodeIds = new Set<string>()
  const templateIds = new Set<string>()
  let nextDraft = 0

  const localized = (values: string[]) => Object.fromEntries(plan.settings.locales.map((locale, index) => [locale, values[index]!]))
  const templateFor = (channel: Channel, draft: TemplateDraft): string => {
    const existing = templatesByChannel.get(channel) ?? []
    if (existing.length > 0 && choose(3) === 0) return existing[choose(existing.length)]!
    const id = claim(templateIds, draft.word)
    templates[id] = {
      channel,
      ...(draft.name !== undefined ? { name: draft.name } : {}),
      ...(channel === 'email' ? { subject: localized(draft.subject), body: localized(draft.emailBody) } : { body: localized(draft.body) }),
    }
    templatesByChannel.set(channel, [...existing, id])
    return id
  }

  const create = (draft: NodeDraft, id: string, forceEnd: boolean): JourneyNode => {
    const { position, base } = draft
    if (forceEnd && draft.type !== 'wait' && draft.type !== 'exit') {
      return { id, type: 'exit', position, data: { ...base, outcome: 'no-response' } }
    }
    switch (draft.type) {
      case 'email':
      case 'sms':
      case 'whatsapp':
      case 'letter':
        return { id, type: draft.type, position, data: { ...base, template: templateFor(draft.type, draft.template) } } as JourneyNode
      case 'call':
        return {
          id,
          type: 'call',
          position,
          data: {
            ...base,
            queue: draft.queue,
            ...(draft.template ? { template: templateFor('call', draft.template) } : {}),
            ...(draft.priority !== undefined ? { priority: draft.priority } : {}),
          },
        }
      default:
        return { id, type: draft.type, position, data: { ...base, ...draft.data } } as JourneyNode
    }
  }

  const edge = (source: string, handle: HandleSpec, target: string): JourneyEdge => ({
    id: `e${edges.length + 1}`,
    source,
    ...(handle.id !== null ? { sourceHandle: handle.id } : {}),
    target,
  })

  const visit = (node: JourneyNode, waitsOnPath: string[]) => {
    const path = node.type === 'wait' ? [...waitsOnPath, node.id] : waitsOnPath
    const handles = (nodeKinds[node.type].handles as (data: unknown) => HandleSpec[])(node.data)
    for (const handle of handles) {
      if (handle.optional && choose(2) === 0) continue
      const ways = [
        ...(nextDraft < plan.drafts.length ? (['new', 'new', 'new'] as const) : []),
        ...(finished.length > 0 ? (['cross'] as const) : []),
        ...(path.length > 0 ? (['back'] as const) : []),
      ]
      const way = ways[choose(ways.length)]
      if (way === undefined) throw new Error('arbitraryJourney: an outcome has nowhere to go') // prevented by `create`'s forceEnd
      if (way === 'new') {
        const id = claim(nodeIds, word(nextDraft + 1))
        const draft = plan.drafts[nextDraft++]!
        // The last node, with nothing finished to join and no wait to loop back to, must end the journey itself.
        const child = create(draft, id, nextDraft === plan.drafts.length && finished.length === 0 && path.length === 0)
        nodes.push({ node: child, order: draft.order })
        edges.push(edge(node.id, handle, child.id))
        visit(child, path)
        continue
      }
      const target = way === 'cross' ? finished[choose(finished.length)]! : path[choose(path.length)]!
      edges.push(edge(node.id, handle, target))
    }
    finished.push(node.id)
  }

  const entry: JourneyNode<'entry'> = {
    id: claim(nodeIds, plan.entry.word),
    type: 'entry',
    position: plan.entry.position,
    data: { ...plan.entry.base, ...plan.entry.data },
  }
  nodes.push({ node: entry, order: plan.entry.order })
  // The entry's outcome must lead somewhere new: nothing is finished and no wait is on the path yet.
  if (plan.drafts.length === 0) throw new Error('arbitraryJourney: a journey needs at least one node after the entry')
  visit(entry, [])

  return {
    format: JOURNEY_FORMAT,
    ...plan.meta,
    settings: plan.settings,
    nodes: nodes.sort((a, b) => a.order - b.order).map(({ node }) => node),
    edges,
    templates,
  }
}

export interface ArbitraryJourneyOptions {
  /** Most nodes, the entry included (at least 2: an entry's outcome must lead somewhere); 40 when omitted. */
  maxNodes?: number
}

/**
 * Valid journeys of every shape: 2 to `maxNodes` nodes of all kinds, loops through waits, shared templates in every
 * locale, with no errors and no warnings. Shrinks towards fewer nodes and simpler graphs.
 */
export function arbitraryJourney(options: ArbitraryJourneyOptions = {}): fc.Arbitrary<Journey> {
  const maxNodes = Math.max(2, options.maxNodes ?? 40)
  return fc
    .record(
      {
        meta: fc.record({ id: slug, name: freeText(1), description: freeText() }, { requiredKeys: ['id', 'name'], noNullPrototype: true }),
        settings,
        entry: fc.record({ word: slug, position, order: fc.nat(), base: nodeBase, data: entryData }, { noNullPrototype: true }),
        // Sizes spread over the whole range, not only the small arrays fast-check prefers.
        drafts: fc.oneof(
          fc.array(nodeDraft, { minLength: 1, maxLength: maxNodes - 1 }),
          fc.array(nodeDraft, { minLength: 1, maxLength: maxNodes - 1, size: 'max' }),
        ),
        choices: fc.array(fc.nat(), { maxLength: 64 }),
        words: fc.array(slug, { minLength: 1, maxLength: 8 }),
      },
      { noNullPrototype: true },
    )
    .map(build)
}
