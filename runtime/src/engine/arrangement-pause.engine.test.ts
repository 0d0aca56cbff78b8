import { describe, expect, it } from 'vitest'
import { caseInput, days, emailThenText, enrol, entries, event, hours, iso, messages, MONDAY, startEngine, theEnrolment } from './testing'

/** entry → email → 7 days → SMS → 7 days → exit `no-response`; `pauseContact` as given (the default when absent). */
const reminders = (pauseContact?: boolean) =>
  emailThenText('reminders', 'P7D', { locales: ['en'], defaultLocale: 'en', ...(pauseContact === undefined ? {} : { promises: { pauseContact } }) })

const at = (time: string) => Date.parse(time)
/** Promised on day 2 for 15 December: broken when its 3 grace days end, 18 December 23:00 UTC (midnight in Berlin). */
const promise = (caseId: string, amount = 40) => event('promise.made', caseId, MONDAY.getTime() + days(2), { amount, date: '2026-12-15', via: 'portal' })
const BROKEN = at('2026-12-18T23:00:00Z')

describe('contact paused while a promise or plan is active (settings.promises.pauseContact)', () => {
  it('by default the SMS waits while the promise runs: deferred, naming the rule and the promise, and nothing sent', async () => {
    const t = await startEngine()
    await enrol(t, reminders(), [caseInput('c-1')])
    await t.engine.ingest([promise('c-1')])
    await t.engine.advanceTo(at('2026-12-18T22:00:00Z'))
    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'second' })
    const deferred = (await entries(t, 'c-1', 'message')).filter((e) => e.nodeId === 'second')
    expect(deferred).toEqual([
      expect.objectContaining({
        at: iso(MONDAY.getTime() + days(7)),
        detail: expect.objectContaining({
          status: 'deferred',
          rule: 'settings.promises.pauseContact',
          arrangement: 'promise:c-1:1',
          kind: 'promise',
          reason: expect.stringContaining('promise:c-1:1, next due 2026-12-15'),
        }),
      }),
    ])
  })

  it('broken: the held-back SMS goes out then, within contact hours (not at midnight)', async () => {
    const t = await startEngine()
    await enrol(t, reminders(), [caseInput('c-1')])
    await t.engine.ingest([promise('c-1')])
    await t.engine.advanceTo(at('2026-12-20T00:00:00Z'))
    const sms = (await messages(t, 'c-1')).filter((m) => m.node_id === 'second')
    expect(sms).toHaveLength(1)
    expect(await entries(t, 'c-1', 'resumed')).toEqual([
      expect.objectContaining({ at: iso(BROKEN), nodeId: 'second', detail: expect.objectContaining({ reason: 'promise.broken' }) }),
    ])
    // Broken at midnight in Berlin: the policy's hours defer it to the morning, as any message.
    const sentAt = Number(sms[0]!.created_at)
    expect(sentAt).toBeGreaterThan(BROKEN)
    expect(sentAt).toBeLessThan(BROKEN + hours(12))
    const lastDeferral = (await entries(t, 'c-1', 'message')).filter((e) => e.nodeId === 'second' && e.detail.status === 'deferred').at(-1)
    expect(lastDeferral).toMatchObject({ at: iso(BROKEN), detail: { reason: expect.stringContaining('outside contact hours'), until: iso(sentAt) } })
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ node: 'later' })
  })

  it('kept for the whole balance: the journey ends by its goal, and the held-back SMS is never sent', async () => {
    const t = await startEngine()
    await enrol(t, reminders(), [caseInput('c-1')])
    await t.engine.ingest([promise('c-1', 100), event('payment.received', 'c-1', at('2026-12-14T10:00:00Z'), { amount: 100 })])
    await t.engine.advanceTo(at('2027-01-31T00:00:00Z'))
    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid', ended_at: at('2026-12-14T10:00:00Z') })
  })

  it('kept for part of the balance: the rest is still owed, so the journey goes on and the SMS goes out', async () => {
    const t = await startEngine()
    await enrol(t, reminders(), [caseInput('c-1')])
    await t.engine.ingest([promise('c-1', 40), event('payment.received', 'c-1', at('2026-12-14T10:00:00Z'), { amount: 40 })])
    await t.engine.advanceTo(at('2026-12-15T00:00:00Z'))
    expect((await messages(t, 'c-1')).map((m) => [m.node_id, Number(m.created_at)])).toEqual([
      ['first', MONDAY.getTime()],
      ['second', at('2026-12-14T10:00:00Z')],
    ])
  })

  it('a journey that turns it off keeps its contact while a promise runs', async () => {
    const t = await startEngine()
    await enrol(t, reminders(false), [caseInput('c-1')])
    await t.engine.ingest([promise('c-1')])
    await t.engine.advanceTo(MONDAY.getTime() + days(7))
    expect((await messages(t, 'c-1')).map((m) => [m.node_id, Number(m.created_at)])).toEqual([
      ['first', MONDAY.getTime()],
      ['second', MONDAY.getTime() + days(7)],
    ])
  })

  it('a plan pauses too; a hold in between, and the plan broken during it: the SMS goes out on the release', async () => {
    const t = await startEngine()
    await enrol(t, reminders(), [caseInput('c-1', { amountDue: 300 })])
    await t.engine.ingest([
      event('plan.agreed', 'c-1', MONDAY.getTime() + hours(1), { instalments: [{ dueDate: '2026-12-01', amount: 100 }], interval: 'P1M' }),
      event('dispute.opened', 'c-1', MONDAY.getTime() + days(8)),
      // The plan breaks when 1 December's grace days end (4 December 23:00 UTC), during the dispute.
      event('dispute.resolved', 'c-1', at('2026-12-08T10:00:00Z')),
    ])
    await t.engine.advanceTo(at('2026-12-08T09:00:00Z'))
    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first'])
    await t.engine.advanceTo(at('2026-12-08T10:00:00Z'))
    expect((await messages(t, 'c-1')).map((m) => [m.node_id, Number(m.created_at)])).toEqual([
      ['first', MONDAY.getTime()],
      ['second', at('2026-12-08T10:00:00Z')],
    ])
  })
})
