/**
 * Fixtures for the engine's tests: a real SQLite file per engine, a virtual clock, and small inline journeys.
 * Used only by `*.test.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Channel, NodeType } from '@dunwell/journey'
import { onTestFinished } from 'vitest'
import type { LinksFor } from './engine-deps'
import {
  Engine,
  openSqlite,
  timeline,
  VirtualClock,
  type CaseInput,
  type ChannelAdapter,
  type ContactPolicy,
  type Debtor,
  type EventInput,
  type OpenedDatabase,
  type TimelineEntry,
} from '../index'

/** Monday 23 November 2026, 09:00 UTC (10:00 in Berlin). */
export const MONDAY = new Date('2026-11-23T09:00:00Z')

export interface TestEngine extends OpenedDatabase {
  engine: Engine
  clock: VirtualClock
  file: string
}

export interface TestEngineOptions {
  at?: Date | string
  /** Reuse a database file (a restart); a fresh one by default. */
  file?: string
  policy?: ContactPolicy
  batchSize?: number
  channels?: Partial<Record<string, ChannelAdapter>>
  links?: LinksFor
}

/** Opens an engine on its own SQLite file; closed (and the file removed) when the test ends. */
export async function startEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const folder = options.file ? undefined : mkdtempSync(join(tmpdir(), 'dunwell-engine-'))
  const file = options.file ?? join(folder!, 'test.sqlite')
  const opened = await openSqlite(file)
  const clock = new VirtualClock(new Date(options.at ?? MONDAY))
  const engine = await new Engine({
    db: opened.db,
    store: opened.store,
    clock,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.channels ? { channels: options.channels } : {}),
    ...(options.links ? { links: options.links } : {}),
  }).start()
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await opened.close()
    if (folder) rmSync(folder, { recursive: true, force: true })
  }
  onTestFinished(close)
  return { ...opened, close, engine, clock, file }
}

/** A folder for a database file that outlives one engine (restarts); removed when the test ends. */
export function tempFile(name = 'test.sqlite'): string {
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-engine-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  return join(folder, name)
}

export const mjml = (text: string) => `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section></mj-body></mjml>`

type Texts = string | Record<string, string>
const localized = (texts: Texts) => (typeof texts === 'string' ? { en: texts } : texts)

export function emailTemplate(body: Texts, subject: Texts = 'Your invoice') {
  const bodies = localized(body)
  return {
    channel: 'email' as const,
    subject: localized(subject),
    body: Object.fromEntries(Object.entries(bodies).map(([locale, text]) => [locale, mjml(text)])),
  }
}

export function textTemplate(channel: Exclude<Channel, 'email'>, body: Texts) {
  return { channel, body: localized(body) }
}

export interface JourneySpec {
  id: string
  /** Node id → [type, data], in canvas order. */
  nodes: Record<string, [NodeType, Record<string, unknown>]>
  /** `source>target` or `source:handle>target`. */
  edges: string[]
  templates?: Record<string, unknown>
  settings?: Record<string, unknown>
}

/** A journey document from a compact description; positions are laid out top to bottom. */
export function journey(spec: JourneySpec) {
  return {
    format: 'dunwell/journey@1',
    id: spec.id,
    name: `Test ${spec.id}`,
    settings: spec.settings ?? { locales: ['en'], defaultLocale: 'en' },
    nodes: Object.entries(spec.nodes).map(([id, [type, data]], index) => ({ id, type, position: { x: 0, y: index * 100 }, data })),
    edges: spec.edges.map((edge, index) => {
      const match = /^([^:>]+)(?::([^>]+))?>(.+)$/.exec(edge)
      if (!match) throw new Error(`bad edge ${edge}`)
      const [, source, handle, target] = match
      return { id: `e${index + 1}`, source: source!, ...(handle ? { sourceHandle: handle } : {}), target: target! }
    }),
    templates: spec.templates ?? {},
  }
}

export interface CaseOptions extends Partial<Omit<CaseInput, 'id' | 'debtor'>> {
  debtor?: Partial<Debtor>
  /** Debtor fields to leave out, e.g. `phone`. */
  without?: (keyof Debtor)[]
}

/** entry → offer (`offer`: its data) → SMS (`text`, with the portal link) → exit `done`: a step's offer reaching the portal. */
export const offerThenText = (id: string, offer: Record<string, unknown>, text: Parameters<typeof textTemplate>[1]) =>
  journey({
    id,
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      offer: ['offer', offer],
      text: ['sms', { template: 'text' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>offer', 'offer>text', 'text>done'],
    templates: { text: textTemplate('sms', text) },
  })

/** entry → email → `wait` → SMS → `wait` → exit `no-response`: a reminder, then a text with the payment link. */
export const emailThenText = (id: string, wait: string, settings?: JourneySpec['settings']) =>
  journey({
    id,
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      first: ['email', { template: 'mail' }],
      pause: ['wait', { for: wait }],
      second: ['sms', { template: 'text' }],
      later: ['wait', { for: wait }],
      done: ['exit', { outcome: 'no-response' }],
    },
    edges: ['start>first', 'first>pause', 'pause>second', 'second>later', 'later>done'],
    templates: { mail: emailTemplate('Hello'), text: textTemplate('sms', 'Please pay: {{ links.pay }}') },
    ...(settings ? { settings } : {}),
  })

/** entry → email → SMS → exit, the email with its opt-out link and the SMS with its payment link. */
export const emailThenSms = () =>
  journey({
    id: 'reminder',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      mail: ['email', { template: 'mail' }],
      text: ['sms', { template: 'text' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>mail', 'mail>text', 'text>done'],
    templates: {
      mail: emailTemplate('Hello {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open. <a href="{{ links.optout }}">Unsubscribe</a>'),
      text: textTemplate('sms', 'Pay here: {{ links.pay }} Reply STOP to opt out.'),
    },
  })

/** A debtor in Berlin with every contact point, owing EUR 100 since 1 November 2026. */
export function caseInput(id: string, options: CaseOptions = {}): CaseInput {
  const { debtor: overrides, without = [], ...rest } = options
  const debtor: Debtor = {
    firstName: 'Anna',
    lastName: 'Schmidt',
    email: 'anna@example.org',
    phone: '+4915112345678',
    address: { lines: ['Anna Schmidt', 'Hauptstraße 12'], postalCode: '10115', city: 'Berlin', country: 'DE' },
    locale: 'en',
    timezone: 'Europe/Berlin',
    country: 'DE',
    region: 'BE',
    birthDate: '1990-05-01',
    ...overrides,
  }
  for (const field of without) delete debtor[field]
  return { id, debtor, amountDue: 100, currency: 'EUR', dueDate: '2026-11-01', attributes: {}, ...rest }
}

let eventCounter = 0

/** An event with a fresh id, at the given time (the engine's clock when omitted). */
export function event(type: string, caseId: string, at?: Date | string | number, data: Record<string, unknown> = {}): EventInput {
  return { id: `evt-${++eventCounter}`, type, caseId, ...(at ? { at: new Date(at).toISOString() } : {}), data }
}

export const overdue = (caseId: string, at?: Date | string) => event('invoice.overdue', caseId, at)

/** Publishes a journey, creates the cases, sends each its `invoice.overdue` now and runs what is due. */
export async function enrol(t: TestEngine, document: unknown, cases: CaseInput[]): Promise<void> {
  await t.engine.publish(document)
  const upserted = await t.engine.upsertCases(cases)
  if (upserted.errors.length > 0) throw new Error(JSON.stringify(upserted.errors))
  const at = new Date(t.clock.now())
  const ingested = await t.engine.ingest(cases.map((c) => overdue(c.id, at)))
  if (ingested.errors.length > 0) throw new Error(JSON.stringify(ingested.errors))
  await t.engine.runDue()
}

export async function messages(t: Pick<TestEngine, 'db'>, caseId: string) {
  return t.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute()
}

export async function enrolments(t: Pick<TestEngine, 'db'>, caseId: string) {
  return t.db.selectFrom('enrolments').selectAll().where('case_id', '=', caseId).orderBy('entered_at').orderBy('id').execute()
}

export async function theEnrolment(t: Pick<TestEngine, 'db'>, caseId: string) {
  const all = await enrolments(t, caseId)
  if (all.length !== 1) throw new Error(`expected one enrolment of ${caseId}, found ${all.length}`)
  return all[0]!
}

export async function caseRow(t: Pick<TestEngine, 'db'>, caseId: string) {
  return t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
}

/** The nodes a case entered, in order. */
export async function path(t: Pick<TestEngine, 'db'>, caseId: string): Promise<string[]> {
  return (await timeline(t.db, caseId)).filter((entry) => entry.kind === 'entered').map((entry) => entry.nodeId!)
}

export async function entries(t: Pick<TestEngine, 'db'>, caseId: string, kind: string): Promise<TimelineEntry[]> {
  return (await timeline(t.db, caseId)).filter((entry) => entry.kind === kind)
}

export const iso = (ms: number | bigint) => new Date(Number(ms)).toISOString()
export const days = (n: number) => n * 86_400_000
export const hours = (n: number) => n * 3_600_000

/** One of examples/: its journey document, cases and events, parsed. */
export function exampleInput(name: string): { journey: unknown; cases: CaseInput[]; events: EventInput[] } {
  const read = (file: string) => readFileSync(new URL(`../../../examples/${name}/${file}`, import.meta.url), 'utf8')
  const lines = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line))
  return { journey: JSON.parse(read('journey.json')), cases: lines(read('cases.jsonl')), events: lines(read('events.jsonl')) }
}

/** entry → call-1 → `gap` (1h) → call-2 → … → call-n → exit `done`; the last call's `failed` leads to `failedTo` when given. */
export function callingJourney(id: string, calls: number, options: { failedTo?: string; trigger?: string; gap?: string } = {}) {
  const nodes: Record<string, [string, Record<string, unknown>]> = { start: ['entry', { event: options.trigger ?? 'invoice.overdue' }] }
  const edges: string[] = []
  let previous = 'start'
  for (let i = 1; i <= calls; i++) {
    if (i > 1) {
      nodes[`gap-${i}`] = ['wait', { for: options.gap ?? 'PT1H' }]
      edges.push(`${previous}>gap-${i}`)
      previous = `gap-${i}`
    }
    nodes[`call-${i}`] = ['call', { queue: 'collections', template: 'script' }]
    edges.push(`${previous}>call-${i}`)
    previous = `call-${i}`
  }
  nodes.done = ['exit', { outcome: 'done' }]
  edges.push(`${previous}>done`)
  if (options.failedTo) {
    nodes[options.failedTo] = ['exit', { outcome: options.failedTo }]
    edges.push(`call-${calls}:failed>${options.failedTo}`)
  }
  return journey({
    id,
    nodes: nodes as never,
    edges,
    templates: { script: textTemplate('call', 'Ask {{ debtor.firstName | default: "there" }} about {{ case.balance | money }}') },
  })
}
