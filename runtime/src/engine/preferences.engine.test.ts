import { describe, expect, it } from 'vitest'
import { defaultContactPolicy } from '../policy'
import { savePreferences } from '../public-pages/portal-records'
import { explainPolicy } from './explain-policy'
import { caseInput, days, emailTemplate, enrol, entries, event, iso, journey, messages, MONDAY, path, startEngine, textTemplate, theEnrolment } from './testing'

/** entry → email → exit, in English and German; `settings` may narrow the hours. */
const oneEmail = (settings: Record<string, unknown> = {}) =>
  journey({
    id: 'one-email',
    settings: { locales: ['en', 'de'], defaultLocale: 'en', ...settings },
    nodes: { start: ['entry', { event: 'invoice.overdue' }], mail: ['email', { template: 'mail' }], done: ['exit', { outcome: 'done' }] },
    edges: ['start>mail', 'mail>done'],
    templates: {
      mail: emailTemplate(
        { en: 'Hello, {{ case.balance | money }} is open.', de: 'Hallo, {{ case.balance | money }} sind offen.' },
        { en: 'Your invoice', de: 'Ihre Rechnung' },
      ),
    },
  })

const now = MONDAY.getTime() // Monday 10:00 in Berlin

describe('the debtor’s preferred time of day', () => {
  it('evening: an email due at 10:00 local waits until 17:00 local, and the trail says it was deferred to the preferred time', async () => {
    const t = await startEngine()
    await savePreferences(t.db, 'c-1', { channel: null, timeOfDay: 'evening', locale: null }, now) // as the portal stores it
    await enrol(t, oneEmail(), [caseInput('c-1')])
    await t.engine.advanceTo(now + days(1))
    const [message] = await messages(t, 'c-1')
    expect(iso(message!.created_at)).toBe('2026-11-23T16:00:00.000Z') // 17:00 in Berlin
    const deferral = (await entries(t, 'c-1', 'message')).find((entry) => entry.detail.status === 'deferred')
    expect(deferral!.detail).toMatchObject({ until: '2026-11-23T16:00:00.000Z', preferredTimeOfDay: 'evening', preferenceApplied: true })
    // The policy's 08:00–20:00 narrowed to the evening.
    expect(String(deferral!.detail.reason)).toContain("deferred to the debtor's preferred time of day (17:00–20:00")
  })

  it('morning, inside the hours: sent at once, no deferral', async () => {
    const t = await startEngine()
    await savePreferences(t.db, 'c-1', { channel: null, timeOfDay: 'morning', locale: null }, now)
    await enrol(t, oneEmail(), [caseInput('c-1')])
    expect((await messages(t, 'c-1')).map((m) => iso(m.created_at))).toEqual([iso(now)])
    expect((await entries(t, 'c-1', 'message')).some((entry) => entry.detail.status === 'deferred')).toBe(false)
  })

  it('a preference outside the journey’s hours never blocks contact: the journey’s hours hold', async () => {
    const t = await startEngine()
    await savePreferences(t.db, 'c-1', { channel: null, timeOfDay: 'evening', locale: null }, now)
    // The journey contacts 08:00–16:00 only: no evening in it.
    await enrol(t, oneEmail({ contactHours: { start: '08:00', end: '16:00' } }), [caseInput('c-1')])
    expect((await messages(t, 'c-1')).map((m) => iso(m.created_at))).toEqual([iso(now)])
  })

  it('outside every window, the fallback says the contact hours apply', async () => {
    const t = await startEngine({ at: '2026-11-23T05:00:00Z' }) // 06:00 in Berlin
    await savePreferences(t.db, 'c-1', { channel: null, timeOfDay: 'evening', locale: null }, now)
    await enrol(t, oneEmail({ contactHours: { start: '08:00', end: '16:00' } }), [caseInput('c-1')])
    await t.engine.advanceTo(now + days(1))
    expect((await messages(t, 'c-1')).map((m) => iso(m.created_at))).toEqual(['2026-11-23T07:00:00.000Z'])
    const deferral = (await entries(t, 'c-1', 'message')).find((entry) => entry.detail.status === 'deferred')
    expect(deferral!.detail).toMatchObject({ preferredTimeOfDay: 'evening', preferenceApplied: false })
    expect(String(deferral!.detail.reason)).toContain('outside contact hours (08:00–16:00')
    expect(String(deferral!.detail.reason)).toContain('the contact hours apply')
  })

  it('policy explain shows what the preference does to the contact hours', async () => {
    const t = await startEngine()
    await t.engine.upsertCases([caseInput('c-1'), caseInput('c-2')])
    await savePreferences(t.db, 'c-1', { channel: null, timeOfDay: 'evening', locale: null }, now)
    const explained = await explainPolicy(t.store, defaultContactPolicy, 'c-1', now)
    expect(explained!.preferredTimeOfDay).toEqual({
      timeOfDay: 'evening',
      start: '17:00',
      end: '21:00',
      applied: true,
      hours: { start: '17:00', end: '20:00' },
      note: 'the debtor prefers the evening 17:00–21:00',
    })
    expect((await explainPolicy(t.store, defaultContactPolicy, 'c-2', now))!.preferredTimeOfDay).toBeNull()
  })
})

describe('the debtor’s preferred language', () => {
  it('German, for a debtor whose locale is en: the German template', async () => {
    const t = await startEngine()
    await savePreferences(t.db, 'c-1', { channel: null, timeOfDay: null, locale: 'de' }, now)
    await enrol(t, oneEmail(), [caseInput('c-1', { debtor: { locale: 'en' } }), caseInput('c-2', { debtor: { locale: 'en' } })])
    const [german] = await messages(t, 'c-1')
    expect(german).toMatchObject({ locale: 'de', subject: 'Ihre Rechnung' })
    expect(german!.html).toContain('Hallo, 100,00')
    expect(await messages(t, 'c-2')).toMatchObject([{ locale: 'en', subject: 'Your invoice' }])
  })

  it('a language the journey lacks: the debtor’s locale, as without a preference', async () => {
    const t = await startEngine()
    await savePreferences(t.db, 'c-1', { channel: null, timeOfDay: null, locale: 'fr' }, now)
    await enrol(t, oneEmail(), [caseInput('c-1', { debtor: { locale: 'de' } })])
    expect(await messages(t, 'c-1')).toMatchObject([{ locale: 'de', subject: 'Ihre Rechnung' }])
  })
})

describe('the debtor’s preferred channel', () => {
  /** Waits for the debtor's word (or three days), then reaches them where they prefer. */
  const byPreference = () =>
    journey({
      id: 'by-preference',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        listen: ['wait', { event: 'preferences.changed', timeout: 'P3D' }],
        how: ['segment', { branches: [{ id: 'sms', label: 'Prefers SMS', when: 'has(debtor.preferredChannel) && debtor.preferredChannel == "sms"' }] }],
        text: ['sms', { template: 'text' }],
        mail: ['email', { template: 'mail' }],
        done: ['exit', { outcome: 'done' }],
      },
      edges: ['start>listen', 'listen:event>how', 'listen:timeout>how', 'how:sms>text', 'how:else>mail', 'text>done', 'mail>done'],
      templates: {
        text: textTemplate('sms', 'Pay here, as you asked: {{ links.pay }} ({{ debtor.preferredChannel | default: "any" }})'),
        mail: emailTemplate('Hello, {{ case.balance | money }} is open.'),
      },
    })

  it('a segment on debtor.preferredChannel takes the SMS branch after preferences.changed; without it, the email', async () => {
    const t = await startEngine()
    await enrol(t, byPreference(), [caseInput('c-1'), caseInput('c-2')])
    const ingested = await t.engine.ingest([event('preferences.changed', 'c-1', now + days(1), { channel: 'sms', timeOfDay: 'afternoon', via: 'api' })])
    expect(ingested.errors).toEqual([])
    await t.engine.advanceTo(now + days(5))

    expect(await path(t, 'c-1')).toEqual(['start', 'listen', 'how', 'text', 'done'])
    const [text] = await messages(t, 'c-1')
    expect(text).toMatchObject({ channel: 'sms' })
    expect(text!.text).toContain('(sms)')
    // The afternoon from the same event: Tuesday 10:00 in Berlin waits until 12:00.
    expect(iso(text!.created_at)).toBe('2026-11-24T11:00:00.000Z')
    // The engine keeps the profile, as the portal would have.
    expect(await t.db.selectFrom('debtor_preferences').select(['channel', 'time_of_day', 'locale']).where('case_id', '=', 'c-1').execute()).toEqual([
      { channel: 'sms', time_of_day: 'afternoon', locale: null },
    ])

    expect(await path(t, 'c-2')).toEqual(['start', 'listen', 'how', 'mail', 'done'])
    expect(await theEnrolment(t, 'c-2')).toMatchObject({ outcome: 'done' })
  })

  it('a preferences.changed naming no channel the journeys know is refused at the door', async () => {
    const t = await startEngine()
    await t.engine.upsertCases([caseInput('c-1')])
    const ingested = await t.engine.ingest([event('preferences.changed', 'c-1', now, { channel: 'pigeon' })])
    expect(JSON.stringify(ingested.errors)).toContain('must be one of')
  })
})
