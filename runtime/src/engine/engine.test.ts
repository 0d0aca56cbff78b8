import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import {
  caseInput,
  caseRow,
  days,
  emailTemplate,
  enrol,
  entries,
  event,
  iso,
  journey,
  messages,
  MONDAY,
  path,
  startEngine,
  tempFile,
  textTemplate,
  theEnrolment,
  type TestEngine,
} from './testing'

describe('every node kind: the sample journey', () => {
  // Monday 23 Nov: enrolled; Thursday 26: three business days later; Monday 30, 19:00 Berlin: the evening wait ends,
  // the action runs, the letter is posted and the call task created; then up to 7 days for a promise.
  const evening = Date.parse('2026-11-30T18:00:00Z')

  it('a young debtor: segment → SMS → waits → action → letter → call → promise', async () => {
    const t = await startEngine()
    await enrol(t, sampleJourney(), [caseInput('young', { debtor: { birthDate: '2005-01-01' } })])
    await t.engine.ingest([event('promise.made', 'young', new Date(evening + days(1)), { amount: 50 })])
    await t.engine.advanceTo(evening + days(10))

    expect(await path(t, 'young')).toEqual(['start', 'age', 'text', 'pause', 'evening', 'flag', 'post', 'phone', 'promise', 'promised'])
    expect((await messages(t, 'young')).map((m) => `${m.node_id} ${m.channel} ${m.status} ${iso(m.created_at)}`)).toEqual([
      `text sms recorded ${MONDAY.toISOString()}`,
      `post letter recorded ${iso(evening)}`,
      `phone call sent ${iso(evening)}`,
    ])
    expect(await theEnrolment(t, 'young')).toMatchObject({ status: 'done', outcome: 'promised', ended_at: evening + days(1) })
    const [decided] = await entries(t, 'young', 'decided')
    expect(decided).toMatchObject({ nodeId: 'age', detail: { outcome: 'young', label: 'Young' } })
    expect(decided!.detail.conditions).toContainEqual({ expr: 'debtor.age < 26', outcome: 'young', result: true })
    expect(JSON.parse((await caseRow(t, 'young')).attributes)).toEqual({ reminded: true, offer: { type: 'payment-link', at: iso(evening) } })
    expect(await t.db.selectFrom('tasks').select(['case_id', 'queue', 'status', 'script']).execute()).toEqual([
      { case_id: 'young', queue: 'collections', status: 'open', script: 'Ask how we can help.' },
    ])
  })

  it('older debtors: the split sends each to the email or the WhatsApp variant it was assigned; silence ends in no-response', async () => {
    const t = await startEngine()
    const ids = ['o-1', 'o-2', 'o-3', 'o-4', 'o-5', 'o-6', 'o-7', 'o-8']
    await enrol(
      t,
      sampleJourney(),
      ids.map((id) => caseInput(id)),
    )
    await t.engine.advanceTo(evening + days(10))

    const assignments = new Map((await t.db.selectFrom('split_assignments').select(['case_id', 'variant']).execute()).map((row) => [row.case_id, row.variant]))
    expect([...assignments.keys()].sort()).toEqual(ids)
    expect(new Set(assignments.values())).toEqual(new Set(['a', 'b']))
    for (const id of ids) {
      const first = assignments.get(id) === 'a' ? 'mail' : 'chat'
      expect(await path(t, id)).toEqual(['start', 'age', 'tone', first, 'pause', 'evening', 'flag', 'post', 'phone', 'promise', 'gave-up'])
      expect((await messages(t, id)).map((m) => m.channel)).toEqual([first === 'mail' ? 'email' : 'whatsapp', 'letter', 'call'])
      expect(await theEnrolment(t, id)).toMatchObject({ status: 'done', outcome: 'no-response', ended_at: evening + days(7) })
    }
  })
})

describe('action node', () => {
  const withAction = (data: Record<string, unknown>) =>
    journey({
      id: 'act',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        act: ['action', data],
        text: ['sms', { template: 'text' }],
        done: ['exit', { outcome: 'done' }],
      },
      edges: ['start>act', 'act>text', 'text>done'],
      templates: { text: textTemplate('sms', '{{ case.attributes.greeting }}, pay {{ case.balance | money }} at {{ links.pay }}') },
    })

  it('sets case attributes from expressions and offers a payment link that the next message uses', async () => {
    const t = await startEngine()
    await enrol(t, withAction({ set: { reminded: 'true', dpd: 'case.daysPastDue', greeting: '"Hi " + debtor.firstName' }, offer: { type: 'payment-link' } }), [
      caseInput('c-1'),
    ])
    expect(JSON.parse((await caseRow(t, 'c-1')).attributes)).toEqual({
      reminded: true,
      dpd: 22,
      greeting: 'Hi Anna',
      offer: { type: 'payment-link', at: MONDAY.toISOString() },
    })
    const [sms] = await messages(t, 'c-1')
    expect(sms!.text).toBe('Hi Anna, pay €100.00 at https://pay.example.com/c/c-1 Reply STOP to opt out.')
    const [action] = await entries(t, 'c-1', 'action')
    expect(action).toMatchObject({ nodeId: 'act', detail: { set: { reminded: true, dpd: 22, greeting: 'Hi Anna' } } })
  })

  it('offers a payment plan and calls a webhook through the outbox', async () => {
    const t = await startEngine()
    await enrol(
      t,
      withAction({ offer: { type: 'payment-plan', installments: 3, interval: 'P1M' }, webhook: { url: 'https://crm.example.com/hooks/dunning', name: 'crm' } }),
      [caseInput('c-1')],
    )
    expect(JSON.parse((await caseRow(t, 'c-1')).attributes)).toEqual({
      offer: { type: 'payment-plan', installments: 3, interval: 'P1M', at: MONDAY.toISOString() },
    })
    const [webhook] = await messages(t, 'c-1')
    expect(webhook).toMatchObject({ channel: 'webhook', template: 'crm', recipient: 'https://crm.example.com/hooks/dunning', status: 'recorded' })
    expect(JSON.parse(webhook!.text!)).toEqual({ caseId: 'c-1', journey: 'act', version: 1, node: 'act', at: MONDAY.toISOString() })
  })

  it('keeps existing attributes and records an expression that fails instead of stopping the journey', async () => {
    const t = await startEngine()
    await enrol(t, withAction({ set: { greeting: '"Hello"', broken: 'case.attributes.missing + 1' } }), [
      caseInput('c-1', { attributes: { segment: 'student' } }),
    ])
    expect(JSON.parse((await caseRow(t, 'c-1')).attributes)).toEqual({ segment: 'student', greeting: 'Hello' })
    const [action] = await entries(t, 'c-1', 'action')
    expect(Object.keys(action!.detail.errors as object)).toEqual(['broken'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'done' })
  })

  it('a segment right after the action sees the attribute it set', async () => {
    const t = await startEngine()
    const spec = journey({
      id: 'act-then-branch',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        act: ['action', { set: { tier: '"gold"' } }],
        tier: ['segment', { branches: [{ id: 'gold', label: 'Gold', when: 'has(case.attributes.tier) && case.attributes.tier == "gold"' }] }],
        gold: ['exit', { outcome: 'gold' }],
        other: ['exit', { outcome: 'other' }],
      },
      edges: ['start>act', 'act>tier', 'tier:gold>gold', 'tier:else>other'],
    })
    await enrol(t, spec, [caseInput('c-1')])
    expect(JSON.parse((await caseRow(t, 'c-1')).attributes)).toEqual({ tier: 'gold' })
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'gold' })
  })
})

describe('call node', () => {
  const calling = () =>
    journey({
      id: 'calling',
      nodes: {
        start: ['entry', { event: 'invoice.overdue' }],
        phone: ['call', { queue: 'collections-de', priority: 5, template: 'script' }],
        done: ['exit', { outcome: 'handed-over' }],
      },
      edges: ['start>phone', 'phone>done'],
      templates: { script: textTemplate('call', 'Call {{ debtor.firstName | default: "there" }} about {{ case.balance | money }}.') },
    })

  it('creates an open agent task in its queue with the rendered script', async () => {
    const t = await startEngine()
    await enrol(t, calling(), [caseInput('c-1')])
    const [call] = await messages(t, 'c-1')
    expect(call).toMatchObject({ channel: 'call', status: 'sent', recipient: '+4915112345678' })
    expect(await t.db.selectFrom('tasks').selectAll().execute()).toEqual([
      expect.objectContaining({
        outbox_id: call!.id,
        case_id: 'c-1',
        queue: 'collections-de',
        priority: 5,
        status: 'open',
        script: 'Call Anna about €100.00.',
        created_at: MONDAY.getTime(),
      }),
    ])
    expect((await entries(t, 'c-1', 'message'))[0]!.detail).toMatchObject({ channel: 'call', status: 'task-created' })
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ outcome: 'handed-over' })
  })

  it('outside contact hours the task is created when calling is allowed', async () => {
    const t = await startEngine({ at: '2026-11-28T20:00:00Z' }) // Saturday 21:00 in Berlin
    await enrol(t, calling(), [caseInput('c-1')])
    expect(await t.db.selectFrom('tasks').selectAll().execute()).toEqual([])
    await t.engine.advanceTo(Date.parse('2026-12-01T00:00:00Z'))
    expect((await t.db.selectFrom('tasks').select('created_at').execute()).map((row) => iso(row.created_at))).toEqual(['2026-11-30T07:00:00.000Z'])
  })
})

/** entry → email → 1 day → sms → 3 days → exit. */
const reminders = () =>
  journey({
    id: 'reminders',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      mail: ['email', { template: 'mail' }],
      pause: ['wait', { for: 'P1D' }],
      text: ['sms', { template: 'text' }],
      later: ['wait', { for: 'P3D' }],
      done: ['exit', { outcome: 'no-response' }],
    },
    edges: ['start>mail', 'mail>pause', 'pause>text', 'text>later', 'later>done'],
    templates: { mail: emailTemplate('Hello'), text: textTemplate('sms', 'Pay: {{ links.pay }}') },
  })

/** What a collections manager sees per case: outcome, balance, and every message with its time. */
async function summary(t: TestEngine, ids: string[]) {
  const result: Record<string, unknown> = {}
  for (const id of ids) {
    const enrolment = await theEnrolment(t, id)
    result[id] = {
      status: enrolment.status,
      outcome: enrolment.outcome,
      balance: (await caseRow(t, id)).balance,
      messages: (await messages(t, id)).map((m) => `${m.node_id} ${m.status} ${iso(m.created_at)}`),
    }
  }
  return result
}

describe('durability', () => {
  it('a runtime restarted on the same database resumes where it stopped and sends nothing twice', async () => {
    const file = tempFile()
    const first = await startEngine({ file })
    await enrol(first, reminders(), [caseInput('c-1'), caseInput('c-2')])
    await first.engine.ingest([event('payment.received', 'c-2', new Date(MONDAY.getTime() + days(2)), { amount: 100 })])
    await first.engine.advanceTo(MONDAY.getTime() + days(1) + 1)
    await first.close()

    const second = await startEngine({ file, at: new Date(MONDAY.getTime() + days(1) + 1) })
    await second.engine.advanceTo(MONDAY.getTime() + days(10))
    expect(await summary(second, ['c-1', 'c-2'])).toEqual({
      'c-1': {
        status: 'done',
        outcome: 'no-response',
        balance: 10000,
        messages: [`mail recorded ${MONDAY.toISOString()}`, `text recorded ${iso(MONDAY.getTime() + days(1))}`],
      },
      'c-2': {
        status: 'done',
        outcome: 'paid',
        balance: 0,
        messages: [`mail recorded ${MONDAY.toISOString()}`, `text recorded ${iso(MONDAY.getTime() + days(1))}`],
      },
    })
  })

  it('delivers what the outbox still holds after a crash between commit and delivery', async () => {
    const failing = { send: async () => ({ ok: false as const, retryable: true, error: 'provider down' }) }
    const file = tempFile()
    const first = await startEngine({ file, channels: { email: failing } })
    await enrol(first, reminders(), [caseInput('c-1')])
    expect(await messages(first, 'c-1')).toMatchObject([{ status: 'pending', attempts: 1, reason: 'provider down' }])
    await first.close()

    const sent: string[] = []
    const second = await startEngine({ file, channels: { email: { send: async (message) => (sent.push(message.id), { ok: true }) } } })
    // The retry waits out its back-off (real time); make it due now.
    await second.db.updateTable('outbox').set({ lease_until: null }).execute()
    await second.engine.deliver()
    expect(await messages(second, 'c-1')).toMatchObject([
      { status: 'sent', attempts: 2, text: expect.stringMatching(/^Hello\n\nTo stop receiving emails from us/) },
    ])
    expect(sent).toEqual([(await messages(second, 'c-1'))[0]!.id])
  })
})

describe('batching', () => {
  it('a small batch size gives the same result as one big batch', async () => {
    const ids = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5']
    const run = async (batchSize: number) => {
      const t = await startEngine({ batchSize })
      await enrol(
        t,
        reminders(),
        ids.map((id) => caseInput(id)),
      )
      await t.engine.ingest([
        event('payment.received', 'c-3', new Date(MONDAY.getTime() + days(0.5)), { amount: 100 }),
        event('payment.received', 'c-5', new Date(MONDAY.getTime() + days(2)), { amount: 40 }),
        event('payment.received', 'c-4', new Date(MONDAY.getTime() + days(3)), { amount: 100 }),
      ])
      await t.engine.advanceTo(MONDAY.getTime() + days(10))
      return summary(t, ids)
    }
    const big = await run(2000)
    expect(big['c-3']).toMatchObject({ outcome: 'paid', balance: 0 })
    expect(big['c-4']).toMatchObject({ outcome: 'paid', balance: 0 })
    expect(big['c-5']).toMatchObject({ outcome: 'no-response', balance: 6000 })
    expect(await run(2)).toEqual(big)
  })
})
