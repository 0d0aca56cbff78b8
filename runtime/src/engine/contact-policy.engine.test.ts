import { describe, expect, it } from 'vitest'
import { parseContactPolicy, type ContactPolicy } from '../index'
import {
  callingJourney,
  caseInput,
  days,
  emailTemplate,
  enrol,
  entries,
  event,
  hours,
  iso,
  journey,
  messages,
  MONDAY,
  path,
  startEngine,
  textTemplate,
  theEnrolment,
  type CaseOptions,
} from './testing'

const everyDay = (): ContactPolicy => {
  const result = parseContactPolicy({ contactHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] } })
  if (!result.ok) throw new Error(result.errors.join('; '))
  return result.policy
}

/** entry → email → exit. */
const oneEmail = (settings?: Record<string, unknown>) =>
  journey({
    id: 'one-email',
    ...(settings ? { settings } : {}),
    nodes: { start: ['entry', { event: 'invoice.overdue' }], mail: ['email', { template: 'mail' }], done: ['exit', { outcome: 'done' }] },
    edges: ['start>mail', 'mail>done'],
    templates: { mail: emailTemplate('Hello {{ debtor.firstName | default: "there" }}') },
  })

/** When the email to a debtor enrolled at `at` leaves (is queued), and what the audit trail said about a deferral. */
async function emailedAt(at: string, options: CaseOptions = {}, policy?: ContactPolicy) {
  const t = await startEngine({ at, ...(policy ? { policy } : {}) })
  await enrol(t, oneEmail(), [caseInput('c-1', options)])
  await t.engine.advanceTo(Date.parse(at) + days(10))
  const [message] = await messages(t, 'c-1')
  expect(message).toMatchObject({ channel: 'email', status: 'recorded' })
  const deferral = (await entries(t, 'c-1', 'message')).find((entry) => entry.detail.status === 'deferred')
  return { at: iso(message!.created_at), deferral }
}

describe('contact hours in the debtor’s local time', () => {
  it('sends at once inside the hours', async () => {
    const { at, deferral } = await emailedAt('2026-11-23T09:00:00Z')
    expect(at).toBe('2026-11-23T09:00:00.000Z')
    expect(deferral).toBeUndefined()
  })

  it('defers a message outside the hours to the next allowed moment instead of dropping it, and says why', async () => {
    // Monday 21:00 in Berlin.
    const { at, deferral } = await emailedAt('2026-11-23T20:00:00Z')
    expect(at).toBe('2026-11-24T07:00:00.000Z')
    expect(deferral!.detail).toMatchObject({ status: 'deferred', until: '2026-11-24T07:00:00.000Z' })
    expect(String(deferral!.detail.reason)).toContain('outside contact hours (08:00–20:00')
  })

  it('skips Sunday: Saturday night in Berlin goes out Monday 08:00', async () => {
    const { at } = await emailedAt('2026-11-28T20:30:00Z')
    expect(at).toBe('2026-11-30T07:00:00.000Z')
  })

  it('a journey can narrow the hours but not widen them', async () => {
    const narrow = oneEmail({ locales: ['en'], defaultLocale: 'en', contactHours: { start: '10:00', end: '22:00' } })
    const t = await startEngine({ at: '2026-11-23T08:30:00Z' }) // 09:30 in Berlin
    await enrol(t, narrow, [caseInput('c-1')])
    await t.engine.advanceTo(Date.parse('2026-11-23T20:30:00Z')) // 21:30 in Berlin
    // Not before 10:00 (the journey's start); 21:30 would have been too late (the policy's end).
    expect((await messages(t, 'c-1')).map((m) => iso(m.created_at))).toEqual(['2026-11-23T09:00:00.000Z'])
  })
})

describe('contact hours across DST changes', () => {
  it('Berlin, spring forward: Saturday night goes out on Monday 30 March at 08:00 CEST (06:00 UTC, not 07:00)', async () => {
    const { at } = await emailedAt('2026-03-28T20:00:00Z')
    expect(at).toBe('2026-03-30T06:00:00.000Z')
  })

  it('Berlin, on the night of the change itself (policy allowing Sundays): 01:30 CET waits for 08:00 CEST = 06:00 UTC', async () => {
    const { at } = await emailedAt('2026-03-29T00:30:00Z', {}, everyDay())
    expect(at).toBe('2026-03-29T06:00:00.000Z')
  })

  it('Berlin, fall back: Saturday night goes out on Monday 26 October at 08:00 CET (07:00 UTC, not 06:00)', async () => {
    const { at } = await emailedAt('2026-10-24T18:30:00Z')
    expect(at).toBe('2026-10-26T07:00:00.000Z')
  })

  it('Berlin, the morning after falling back: 06:30 UTC is 07:30 CET, too early (it was 08:30 the day before)', async () => {
    const { at } = await emailedAt('2026-10-25T06:30:00Z', {}, everyDay())
    expect(at).toBe('2026-10-25T07:00:00.000Z')
  })

  const newYork: CaseOptions = { debtor: { timezone: 'America/New_York', country: 'US', region: 'NY' } }

  it('New York, spring forward (8 March 2026): 12:30 UTC is 08:30 EDT, inside the hours', async () => {
    const { at, deferral } = await emailedAt('2026-03-08T12:30:00Z', newYork, everyDay())
    expect(at).toBe('2026-03-08T12:30:00.000Z')
    expect(deferral).toBeUndefined()
  })

  it('New York, fall back (1 November 2026): 12:30 UTC is 07:30 EST, deferred to 08:00 EST = 13:00 UTC', async () => {
    const { at } = await emailedAt('2026-11-01T12:30:00Z', newYork, everyDay())
    expect(at).toBe('2026-11-01T13:00:00.000Z')
  })

  it('New York, Saturday night before the change: Monday 2 November 08:00 EST = 13:00 UTC', async () => {
    const { at } = await emailedAt('2026-11-01T02:00:00Z', newYork)
    expect(at).toBe('2026-11-02T13:00:00.000Z')
  })
})

describe('contact hours across the date line', () => {
  // Saturday 28 November 2026, 20:00 UTC: Sunday 09:00 in Auckland, Saturday 09:00 in Pago Pago.
  const instant = '2026-11-28T20:00:00Z'

  it('the same instant is Sunday in Auckland (deferred to Monday 08:00 NZDT) and Saturday in Pago Pago (sent)', async () => {
    const t = await startEngine({ at: instant })
    await enrol(t, oneEmail(), [
      caseInput('auckland', { debtor: { timezone: 'Pacific/Auckland', country: 'NZ' } }),
      caseInput('pago-pago', { debtor: { timezone: 'Pacific/Pago_Pago', country: 'AS' } }),
    ])
    expect((await messages(t, 'pago-pago')).map((m) => iso(m.created_at))).toEqual([instant.replace('Z', '.000Z')])
    expect(await messages(t, 'auckland')).toEqual([])
    const [deferred] = await entries(t, 'auckland', 'message')
    expect(deferred!.detail).toMatchObject({ status: 'deferred', until: '2026-11-29T19:00:00.000Z' })

    await t.engine.advanceTo(Date.parse(instant) + days(3))
    expect((await messages(t, 'auckland')).map((m) => iso(m.created_at))).toEqual(['2026-11-29T19:00:00.000Z'])
  })
})

describe('public holidays by region', () => {
  it('6 January 2027 (Epiphany) is deferred in Bavaria (DE-BY) but not in Berlin (DE-BE)', async () => {
    const at = '2027-01-06T09:00:00Z' // Wednesday, 10:00 in Germany
    const t = await startEngine({ at })
    await enrol(t, oneEmail(), [caseInput('munich', { debtor: { region: 'BY' } }), caseInput('berlin', { debtor: { region: 'BE' } })])
    await t.engine.advanceTo(Date.parse(at) + days(3))
    expect((await messages(t, 'berlin')).map((m) => iso(m.created_at))).toEqual(['2027-01-06T09:00:00.000Z'])
    expect((await messages(t, 'munich')).map((m) => iso(m.created_at))).toEqual(['2027-01-07T07:00:00.000Z'])
    const [deferred] = await entries(t, 'munich', 'message')
    expect(String(deferred!.detail.reason)).toContain('no public holidays')
    // Which holiday, in the trail: its name, date, country and region.
    expect(String(deferred!.detail.reason)).toContain('public holiday: Heilige Drei Könige (Epiphany), 2027-01-06, DE-BY')
    expect(deferred!.detail.holidays).toEqual([{ name: 'Heilige Drei Könige', nameEn: 'Epiphany', date: '2027-01-06', country: 'DE', region: 'BY' }])
  })

  // 15 August 2025 (a Friday) is Mariä Himmelfahrt in Bavaria's Catholic communities and Augsburg, not in the rest of
  // the state: date-holidays marks it an observance for DE-BY and a public holiday in its parts.
  const assumption = '2025-08-15T09:00:00Z' // 11:00 in Munich
  const partialPolicy = (choice?: 'no-contact' | 'contact'): ContactPolicy => {
    const result = parseContactPolicy(choice ? { partialRegionalHolidays: choice } : {})
    if (!result.ok) throw new Error(result.errors.join('; '))
    return result.policy
  }

  it('15 August in Bavaria, a holiday of only parts of the state: no contact by default, the trail naming the holiday and its parts', async () => {
    expect(partialPolicy().partialRegionalHolidays).toBe('no-contact')
    const t = await startEngine({ at: assumption, policy: partialPolicy() })
    await enrol(t, oneEmail(), [caseInput('munich', { debtor: { region: 'BY' } }), caseInput('berlin', { debtor: { region: 'DE-BE' } })])
    await t.engine.advanceTo(Date.parse(assumption) + days(3))
    expect((await messages(t, 'berlin')).map((m) => iso(m.created_at))).toEqual(['2025-08-15T09:00:00.000Z'])
    // Saturday 08:00 in Munich, the first moment of the policy's hours after the holiday.
    expect((await messages(t, 'munich')).map((m) => iso(m.created_at))).toEqual(['2025-08-16T06:00:00.000Z'])
    const [deferred] = await entries(t, 'munich', 'message')
    expect(deferred!.detail).toMatchObject({ status: 'deferred', until: '2025-08-16T06:00:00.000Z' })
    expect(deferred!.detail.holidays).toEqual([
      {
        name: 'Mariä Himmelfahrt',
        nameEn: 'Assumption',
        date: '2025-08-15',
        country: 'DE',
        region: 'BY',
        onlyIn: ['Stadt Augsburg', 'Überwiegend katholische Gemeinden'],
      },
    ])
    expect(String(deferred!.detail.reason)).toContain('Mariä Himmelfahrt (Assumption), 2025-08-15, DE-BY, a holiday only in parts')
  })

  it('15 August in Bavaria with "partialRegionalHolidays": "contact": sent that day; a state-wide holiday still defers', async () => {
    const t = await startEngine({ at: assumption, policy: partialPolicy('contact') })
    await enrol(t, oneEmail(), [caseInput('munich', { debtor: { region: 'BY' } })])
    await t.engine.advanceTo(Date.parse(assumption) + days(3))
    expect((await messages(t, 'munich')).map((m) => iso(m.created_at))).toEqual(['2025-08-15T09:00:00.000Z'])
    expect(await entries(t, 'munich', 'message')).not.toContainEqual(expect.objectContaining({ detail: expect.objectContaining({ status: 'deferred' }) }))

    const christmas = '2025-12-25T09:00:00Z' // Thursday
    const later = await startEngine({ at: christmas, policy: partialPolicy('contact') })
    await enrol(later, oneEmail(), [caseInput('munich', { debtor: { region: 'BY' } })])
    await later.engine.advanceTo(Date.parse(christmas) + days(3))
    // 25 and 26 December are both holidays in all of Germany: Saturday the 27th, 08:00.
    expect((await messages(later, 'munich')).map((m) => iso(m.created_at))).toEqual(['2025-12-27T07:00:00.000Z'])
    const [deferred] = await entries(later, 'munich', 'message')
    expect((deferred!.detail.holidays as { name: string; date: string }[]).map((holiday) => [holiday.name, holiday.date])).toEqual([
      ['1. Weihnachtstag', '2025-12-25'],
      ['2. Weihnachtstag', '2025-12-26'],
    ])
  })

  it('refuses a partialRegionalHolidays choice it does not know, naming the field and the choices', () => {
    expect(parseContactPolicy({ partialRegionalHolidays: 'sometimes' })).toEqual({
      ok: false,
      errors: ['partialRegionalHolidays: must be one of no-contact, contact'],
    })
  })
})

/** The default caps, with the call cap set to suppress rather than defer. */
const suppressingCalls = (): ContactPolicy => {
  const result = parseContactPolicy({
    frequencyCaps: [
      { channels: ['email', 'sms', 'whatsapp', 'letter'], max: 1, window: 'P1D' },
      { channel: 'call', max: 7, window: 'P7D', onCap: 'suppress' },
    ],
  })
  if (!result.ok) throw new Error(result.errors.join('; '))
  return result.policy
}

describe('frequency cap: at most 7 calls in 7 days', () => {
  it('with `onCap: suppress`, suppresses the 8th call with the rule as the reason, and the journey goes on through `failed`', async () => {
    const t = await startEngine({ policy: suppressingCalls() })
    await enrol(t, callingJourney('eight-calls', 8, { failedTo: 'capped' }), [caseInput('c-1')])
    // An hour at a time, so that every call is its own batch and the cap is read back from the database.
    for (let hour = 1; hour <= 8; hour++) await t.engine.advanceTo(MONDAY.getTime() + hours(hour))

    const calls = await messages(t, 'c-1')
    expect(calls.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'suppressed'])
    expect(calls[7]).toMatchObject({ node_id: 'call-8', reason: 'frequency cap: at most 7 calls in 7 days' })
    expect(await t.db.selectFrom('tasks').selectAll().execute()).toHaveLength(7)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'capped' })
    const suppressed = (await entries(t, 'c-1', 'message')).find((entry) => entry.detail.status === 'suppressed')
    expect(suppressed).toMatchObject({ nodeId: 'call-8', detail: { channel: 'call', reason: 'frequency cap: at most 7 calls in 7 days' } })
  })

  it('without a `failed` outcome the journey takes the default one', async () => {
    const t = await startEngine({ policy: suppressingCalls() })
    await enrol(t, callingJourney('eight-calls-default', 8), [caseInput('c-1')])
    await t.engine.advanceTo(MONDAY.getTime() + days(1))
    expect((await messages(t, 'c-1')).map((m) => m.status).filter((s) => s === 'suppressed')).toHaveLength(1)
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'done' })
  })

  it('counts the calls of every journey the case is in, and names the other journey', async () => {
    const t = await startEngine({ policy: suppressingCalls() })
    await t.engine.publish(callingJourney('first-four', 4))
    await t.engine.publish(callingJourney('next-four', 4, { trigger: 'promise.broken', failedTo: 'capped' }))
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([event('invoice.overdue', 'c-1', MONDAY), event('promise.broken', 'c-1', new Date(MONDAY.getTime() + days(1)))])
    await t.engine.advanceTo(MONDAY.getTime() + days(2))
    const calls = await messages(t, 'c-1')
    expect(calls.map((m) => `${m.journey_id}/${m.node_id}: ${m.status}`).slice(4)).toEqual([
      'next-four/call-1: sent',
      'next-four/call-2: sent',
      'next-four/call-3: sent',
      'next-four/call-4: suppressed',
    ])
    expect(calls[7]!.reason).toBe('frequency cap: at most 7 calls in 7 days, used by journey "first-four"')
    const suppressed = (await entries(t, 'c-1', 'message')).find((entry) => entry.detail.status === 'suppressed')
    expect(suppressed!.detail).toMatchObject({ rule: 'at most 7 calls in 7 days', source: 'policy', counted: 7, journeys: ['first-four'] })
  })

  it('allows calls again once the oldest have left the 7-day window', async () => {
    const t = await startEngine()
    const spec = callingJourney('week-later', 8)
    // A week between the 7th and the 8th call.
    const gap = spec.nodes.find((node) => node.id === 'gap-8')!
    gap.data = { for: 'P7D' }
    await enrol(t, spec, [caseInput('c-1')])
    await t.engine.advanceTo(MONDAY.getTime() + days(8))
    expect((await messages(t, 'c-1')).map((m) => m.status)).toEqual(Array(8).fill('sent'))
  })
})

/** entry → sms (failed → letter) → email → exit. */
const channelsJourney = () =>
  journey({
    id: 'channels',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      text: ['sms', { template: 'text' }],
      post: ['letter', { template: 'letter' }],
      mail: ['email', { template: 'mail' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>text', 'text>mail', 'text:failed>post', 'post>mail', 'mail>done'],
    templates: {
      text: textTemplate('sms', 'Pay: {{ links.pay }}'),
      letter: textTemplate('letter', '<p>Dear {{ debtor.lastName | default: "" }}</p>'),
      mail: emailTemplate('Hello'),
    },
  })

describe('opt-out and missing contact points', () => {
  it('an SMS opt-out suppresses only SMS; the journey goes on through `failed`', async () => {
    const t = await startEngine()
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([{ id: 'stop', type: 'optout', caseId: 'c-1', at: iso(MONDAY.getTime() - hours(1)), data: { channel: 'sms' } }])
    await enrol(t, channelsJourney(), [caseInput('c-1')])
    // One message a day: the email follows the letter a day later.
    await t.engine.advanceTo(MONDAY.getTime() + days(2))
    expect((await messages(t, 'c-1')).map((m) => `${m.channel}: ${m.status} ${iso(m.created_at)}${m.reason ? ` (${m.reason})` : ''}`)).toEqual([
      'sms: suppressed 2026-11-23T09:00:00.000Z (opted out of sms)',
      'letter: recorded 2026-11-23T09:00:00.000Z',
      'email: recorded 2026-11-24T09:00:00.000Z',
    ])
    expect(await path(t, 'c-1')).toEqual(['start', 'text', 'post', 'mail', 'done'])
    expect(await t.db.selectFrom('optouts').selectAll().execute()).toMatchObject([{ case_id: 'c-1', channel: 'sms' }])
  })

  it('an opt-out of all contact suppresses every channel, letters included', async () => {
    const t = await startEngine()
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([{ id: 'stop', type: 'optout', caseId: 'c-1', at: iso(MONDAY.getTime() - hours(1)), data: {} }])
    await enrol(t, channelsJourney(), [caseInput('c-1')])
    expect((await messages(t, 'c-1')).map((m) => `${m.channel}: ${m.status} (${m.reason})`)).toEqual([
      'sms: suppressed (opted out of all contact)',
      'letter: suppressed (opted out of all contact)',
      'email: suppressed (opted out of all contact)',
    ])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'done' })
  })

  it('an opt-out that arrives mid-journey stops the next message on that channel', async () => {
    const t = await startEngine()
    const spec = journey({
      id: 'two-emails',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        first: ['email', { template: 'mail' }],
        pause: ['wait', { for: 'P2D' }],
        second: ['email', { template: 'mail' }],
        done: ['exit', { outcome: 'done' }],
      },
      edges: ['start>first', 'first>pause', 'pause>second', 'second>done'],
      templates: { mail: emailTemplate('Hello') },
    })
    await enrol(t, spec, [caseInput('c-1')])
    await t.engine.ingest([event('optout', 'c-1', new Date(MONDAY.getTime() + days(1)), { channel: 'email' })])
    await t.engine.advanceTo(MONDAY.getTime() + days(5))
    expect((await messages(t, 'c-1')).map((m) => `${m.node_id}: ${m.status}`)).toEqual(['first: recorded', 'second: suppressed'])
  })

  it("a case without a phone number gets no SMS ('no phone number…') and goes on through `failed`", async () => {
    const t = await startEngine()
    await enrol(t, channelsJourney(), [caseInput('c-1', { without: ['phone'] })])
    await t.engine.advanceTo(MONDAY.getTime() + days(2))
    const [sms, letter] = await messages(t, 'c-1')
    expect(sms).toMatchObject({ channel: 'sms', status: 'suppressed', reason: 'no phone number for this debtor', recipient: null, text: null })
    expect(letter).toMatchObject({ channel: 'letter', status: 'recorded', recipient: 'Anna Schmidt\nHauptstraße 12\n10115 Berlin\nDE' })
    const [audit] = await entries(t, 'c-1', 'message')
    expect(audit).toMatchObject({ nodeId: 'text', detail: { status: 'suppressed', reason: 'no phone number for this debtor' } })
    expect(await path(t, 'c-1')).toEqual(['start', 'text', 'post', 'mail', 'done'])
  })

  it('an opt-out that arrives while a message waits for the morning stops it', async () => {
    const t = await startEngine({ at: '2026-11-23T20:00:00Z' }) // 21:00 in Berlin
    await enrol(t, channelsJourney(), [caseInput('c-1')])
    await t.engine.ingest([event('optout', 'c-1', '2026-11-23T22:00:00Z', { channel: 'sms' })])
    await t.engine.advanceTo(Date.parse('2026-11-26T00:00:00Z'))
    expect((await messages(t, 'c-1')).map((m) => `${m.channel}: ${m.status} ${iso(m.created_at)}${m.reason ? ` (${m.reason})` : ''}`)).toEqual([
      'sms: suppressed 2026-11-24T07:00:00.000Z (opted out of sms)',
      'letter: recorded 2026-11-24T07:00:00.000Z',
      'email: recorded 2026-11-25T07:00:00.000Z',
    ])
  })

  it('a case without a postal address gets no letter and the reason says so', async () => {
    const t = await startEngine()
    await enrol(t, channelsJourney(), [caseInput('c-1', { without: ['phone', 'address'] })])
    expect((await messages(t, 'c-1')).map((m) => `${m.channel}: ${m.status} (${m.reason})`)).toEqual([
      'sms: suppressed (no phone number for this debtor)',
      'letter: suppressed (no postal address for this debtor)',
      'email: recorded (null)',
    ])
  })

  it('letters are posted at any hour', async () => {
    const t = await startEngine({ at: '2026-11-29T02:00:00Z' }) // Sunday, 03:00 in Berlin
    await enrol(t, channelsJourney(), [caseInput('c-1', { without: ['phone'] })])
    expect((await messages(t, 'c-1')).map((m) => `${m.channel}: ${m.status}`)).toEqual(['sms: suppressed', 'letter: recorded'])
  })
})
