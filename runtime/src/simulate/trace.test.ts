import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSqlite } from '../db/open-database'
import { caseInput, emailTemplate, exampleInput, journey, textTemplate } from '../engine/testing'
import { simulate, TRACE_LIMITS, TraceRequestError, type SimulationInput } from './simulate'
import { buildTraces } from './trace'

const input = (name: string): SimulationInput => ({ ...exampleInput(name), start: new Date('2026-11-23T09:00:00Z'), days: 40 })

describe('simulate with a trace', () => {
  it('leaves the report as it was for callers that do not ask', async () => {
    const plain = await simulate(input('friendly-reminder'))
    expect(plain).not.toHaveProperty('traces')
    const traced = await simulate({ ...input('friendly-reminder'), trace: ['fr-002'] })
    const { traces, ...rest } = traced
    expect(rest).toEqual(plain)
    expect(Object.keys(traces!)).toEqual(['fr-002'])
  })

  it('gives each case its steps in order: entries, waits, decisions, messages and the exit, in the debtor’s zone', async () => {
    const { traces, cases } = await simulate({ ...input('friendly-reminder'), trace: true })
    expect(Object.keys(traces!).sort()).toEqual(Object.keys(cases).sort())
    const trace = traces!['fr-002']!
    expect(trace.timezone).toBe('Europe/London')
    // The nodes entered are the report's path.
    expect(trace.steps.filter((step) => step.kind === 'entered').map((step) => step.nodeId)).toEqual(cases['fr-002']!.path)
    expect(trace.steps.map((step) => `${step.at} ${step.kind} ${step.nodeId ?? ''}`.trim())).toEqual([
      '2026-11-23T09:00:00.000Z event',
      '2026-11-23T09:00:00.000Z enrolled',
      '2026-11-23T09:00:00.000Z entered overdue',
      '2026-11-23T09:00:00.000Z entered reminder-email',
      '2026-11-23T09:00:00.000Z message reminder-email',
      '2026-11-23T09:00:00.000Z entered wait-3-days',
      '2026-11-23T09:00:00.000Z waiting wait-3-days',
      '2026-11-26T09:00:00.000Z entered offer-link',
      '2026-11-26T09:00:00.000Z offered offer-link',
      '2026-11-26T09:00:00.000Z entered link-sms',
      '2026-11-26T09:00:00.000Z message link-sms',
      '2026-11-26T09:00:00.000Z entered await-promise',
      '2026-11-26T09:00:00.000Z waiting await-promise',
      '2026-11-27T10:00:00.000Z event',
      '2026-11-27T10:05:00.000Z event',
      '2026-11-27T10:05:00.000Z decided await-promise',
      '2026-11-27T10:05:00.000Z entered promised',
      '2026-11-27T10:05:00.000Z exited promised',
      // Promised for 15 December and not paid: the engine's promise.broken when the 3 grace days end, in London.
      '2026-12-19T00:00:00.000Z event',
    ])
    const step = (kind: string, nodeId: string) => trace.steps.find((candidate) => candidate.kind === kind && candidate.nodeId === nodeId)!
    expect(step('waiting', 'await-promise').detail).toEqual({ until: '2026-12-01T09:00:00.000Z', event: 'promise.made' })
    expect(step('decided', 'await-promise').detail).toMatchObject({ outcome: 'event', label: 'promise.made' })
    expect(step('exited', 'promised').detail).toEqual({ outcome: 'promised' })
    expect(step('message', 'reminder-email').message).toMatchObject({
      channel: 'email',
      template: 'friendly-reminder',
      locale: 'en',
      status: 'recorded',
      recipient: 'james.walker@example.com',
      subject: 'A quick reminder about your invoice',
    })
    expect(step('message', 'reminder-email').message!.html).toContain('James')
    expect(step('message', 'reminder-email').message!.text).toContain('£39.99 was due on November 2, 2026')
    expect(step('message', 'link-sms').message).toMatchObject({
      channel: 'sms',
      status: 'recorded',
      recipient: '+447700900002',
      text: expect.stringMatching(/^Hi James, £39\.99 is still open/),
    })
    expect(step('message', 'link-sms').message).not.toHaveProperty('html')
  })

  it('says why a message waited or was suppressed, and names the branch chosen with the conditions tried', async () => {
    const { traces } = await simulate({ ...input('friendly-reminder'), trace: ['fr-005'] })
    const messages = traces!['fr-005']!.steps.filter((step) => step.kind === 'message')
    expect(messages.map((step) => [step.nodeId, step.detail.status])).toEqual([
      ['reminder-email', 'deferred'],
      ['reminder-email', 'queued'],
      ['link-sms', 'suppressed'],
      ['no-phone-letter', 'queued'],
    ])
    expect(messages[0]!.detail).toMatchObject({ reason: expect.stringContaining('outside contact hours'), until: '2026-11-23T16:00:00.000Z' })
    expect(messages[0]!.message).toBeUndefined()
    expect(messages[2]!.message).toMatchObject({ status: 'suppressed', reason: 'opted out of sms', channel: 'sms' })
    expect(messages[2]!.message).not.toHaveProperty('text')

    const segments = await simulate({ ...input('life-situations'), trace: true })
    const decisions = Object.values(segments.traces!).flatMap((trace) =>
      trace.steps.filter((step) => step.kind === 'decided' && step.nodeId === 'life-situation'),
    )
    const otherwise = decisions.find((step) => step.detail.outcome === 'else')!
    expect((otherwise.detail.conditions as { result: boolean }[]).length).toBeGreaterThan(1)
    expect((otherwise.detail.conditions as { result: boolean }[]).every((condition) => condition.result === false)).toBe(true)
    // Each condition comes with the values it saw: Lena (born 14 May 2008) is 18 on the simulation's first day.
    const lena = segments.traces!['ls-101']!.steps.find((step) => step.kind === 'decided' && step.nodeId === 'life-situation')!
    const [first] = lena.detail.conditions as { expr: string; values: Record<string, unknown> }[]
    expect(first!.values).toEqual({ 'debtor.age': 18, 'case.attributes.occupation': 'student' })
    // A case without a birth date has no age: the value says why its condition could not hold.
    const ageless = await simulate({ ...input('life-situations'), cases: [caseInput('no-birth-date', { without: ['birthDate'] })], trace: true })
    const decided = ageless.traces!['no-birth-date']!.steps.find((step) => step.kind === 'decided' && step.nodeId === 'life-situation')!
    expect((decided.detail.conditions as { values: Record<string, unknown> }[])[0]!.values).toMatchObject({ 'debtor.age': null })
  })

  it('a test run with a preferences.changed event takes the branch on debtor.preferredChannel, and shows the value it saw', async () => {
    const byPreference = journey({
      id: 'by-preference',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        pause: ['wait', { for: 'P2D' }],
        how: ['segment', { branches: [{ id: 'sms', label: 'Prefers SMS', when: 'has(debtor.preferredChannel) && debtor.preferredChannel == "sms"' }] }],
        text: ['sms', { template: 'text' }],
        mail: ['email', { template: 'mail' }],
        done: ['exit', { outcome: 'done' }],
      },
      edges: ['start>pause', 'pause>how', 'how:sms>text', 'how:else>mail', 'text>done', 'mail>done'],
      templates: { text: textTemplate('sms', 'Pay here: {{ links.pay }}'), mail: emailTemplate('Hello') },
    })
    const { traces, cases } = await simulate({
      journey: byPreference,
      cases: [caseInput('sms-please'), caseInput('no-word')],
      events: [{ type: 'preferences.changed', caseId: 'sms-please', at: '2026-11-24T09:00:00Z', data: { channel: 'sms' } }],
      start: new Date('2026-11-23T09:00:00Z'),
      days: 5,
      trace: true,
    })
    expect(cases['sms-please']!.path).toEqual(['start', 'pause', 'how', 'text', 'done'])
    expect(cases['no-word']!.path).toEqual(['start', 'pause', 'how', 'mail', 'done'])
    const decided = traces!['sms-please']!.steps.find((step) => step.kind === 'decided' && step.nodeId === 'how')!
    expect((decided.detail.conditions as { values: Record<string, unknown> }[])[0]!.values).toEqual({ 'debtor.preferredChannel': 'sms' })
  })

  it('ends the trace with the goal when a payment arrives, and shows the payment', async () => {
    const { traces, cases } = await simulate({
      ...input('friendly-reminder'),
      events: [{ type: 'payment.received', caseId: 'fr-003', at: '2026-11-27T09:00:00Z', data: { amount: 260 } }],
      trace: ['fr-003'],
    })
    expect(cases['fr-003']).toMatchObject({ status: 'done', outcome: 'paid' })
    const steps = traces!['fr-003']!.steps
    const payment = steps.findIndex((step) => step.kind === 'event' && step.detail.type === 'payment.received')
    expect(steps.slice(payment).map((step) => [step.kind, step.nodeId, step.detail.outcome])).toEqual([
      ['event', null, undefined],
      ['exited', null, 'paid'],
    ])
    expect(steps.at(-1)!.detail.reason).toContain('goal met')
  })

  it('takes the messages from the outbox the engine wrote', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dunwell-trace-'))
    try {
      const file = join(folder, 'kept.sqlite')
      const { traces } = await simulate({ ...input('friendly-reminder'), trace: ['fr-001'], file })
      const opened = await openSqlite(file)
      const rows = await opened.db.selectFrom('outbox').select(['id', 'subject', 'text', 'html']).where('case_id', '=', 'fr-001').orderBy('id').execute()
      await opened.close()
      const traced = traces!['fr-001']!.steps.flatMap((step) => (step.message ? [step.message] : []))
      expect(traced.map((message) => ({ id: message.id, subject: message.subject ?? null, text: message.text ?? null, html: message.html ?? null }))).toEqual(
        rows,
      )
      expect(rows.length).toBeGreaterThan(0)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('is bounded in steps per case and in email HTML overall, and says what it left out', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dunwell-trace-'))
    try {
      const file = join(folder, 'kept.sqlite')
      await simulate({ ...input('friendly-reminder'), file })
      const opened = await openSqlite(file)
      const html = await opened.db.selectFrom('outbox').select('html').where('case_id', '=', 'fr-001').where('channel', '=', 'email').executeTakeFirstOrThrow()
      // Room for one email's HTML: the first case gets it, the second only its text.
      const traces = await buildTraces(opened.db, [{ id: 'fr-001' }, { id: 'fr-002', timezone: 'Europe/London' }], 'UTC', {
        steps: 5,
        htmlBytes: html.html!.length,
      })
      await opened.close()
      expect(traces['fr-001']).toMatchObject({ timezone: 'UTC', truncated: true })
      expect(traces['fr-001']!.steps).toHaveLength(5)
      const emails = ['fr-001', 'fr-002'].map((id) => traces[id]!.steps.find((step) => step.message?.channel === 'email')!.message!)
      expect(emails[0]).toMatchObject({ html: html.html })
      expect(emails[1]).toMatchObject({ htmlOmitted: true, text: expect.stringContaining('Hello James') })
      expect(emails[1]).not.toHaveProperty('html')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('is bounded: all cases only when they are few, and only cases the simulation has', async () => {
    const many = Array.from({ length: TRACE_LIMITS.cases + 1 }, (_, i) => caseInput(`c-${i}`))
    const base = { ...input('friendly-reminder'), events: [] }
    await expect(simulate({ ...base, cases: many, trace: true })).rejects.toThrow(TraceRequestError)
    await expect(simulate({ ...base, cases: many, trace: true })).rejects.toThrow(/name the cases to trace/)
    await expect(simulate({ ...base, trace: ['fr-001', 'nobody'] })).rejects.toThrow('no case "nobody" in this simulation to trace')
    const named = await simulate({ ...base, cases: many, trace: ['c-3'], days: 2 })
    expect(Object.keys(named.traces!)).toEqual(['c-3'])
  })
})
