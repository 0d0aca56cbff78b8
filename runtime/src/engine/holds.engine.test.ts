import { describe, expect, it } from 'vitest'
import { caseInput, days, emailThenText, enrol, entries, event, iso, messages, MONDAY, overdue, startEngine, theEnrolment } from './testing'

/** entry → first email → 3 days → SMS → 3 days → exit. */
const twoReminders = (id = 'two-reminders') => emailThenText(id, 'P3D')

const at = (day: number) => new Date(MONDAY.getTime() + days(day))

describe('dispute, hardship and legal holds', () => {
  it('a dispute pauses the journey: nothing is sent while it is open', async () => {
    const t = await startEngine()
    await enrol(t, twoReminders(), [caseInput('c-1')])
    await t.engine.ingest([event('dispute.opened', 'c-1', at(1))])
    await t.engine.advanceTo(at(10))

    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'paused', node: 'pause' })
    expect(await entries(t, 'c-1', 'paused')).toMatchObject([{ at: iso(at(1).getTime()), nodeId: 'pause', detail: { reason: 'dispute' } }])
    expect(await t.db.selectFrom('case_holds').selectAll().execute()).toMatchObject([{ case_id: 'c-1', kind: 'dispute' }])
  })

  it('on release the journey resumes; a wait that ran out during the hold fires then, not back-dated into the hold', async () => {
    const t = await startEngine()
    await enrol(t, twoReminders(), [caseInput('c-1')])
    await t.engine.ingest([event('dispute.opened', 'c-1', at(1))])
    await t.engine.advanceTo(at(1))
    await t.engine.ingest([event('dispute.resolved', 'c-1', at(10))])
    await t.engine.advanceTo(at(10))

    expect(await entries(t, 'c-1', 'resumed')).toMatchObject([{ at: iso(at(10).getTime()), detail: { reason: 'dispute' } }])
    const sms = (await messages(t, 'c-1')).find((m) => m.node_id === 'second')
    expect(sms, 'the lapsed wait fires on release').toBeDefined()
    // Sent at the release, not dated day 3 while the dispute was open.
    expect(iso(sms!.created_at)).toBe(iso(at(10).getTime()))
    const entered = (await entries(t, 'c-1', 'entered')).find((entry) => entry.nodeId === 'second')
    expect(entered!.at).toBe(iso(at(10).getTime()))

    // The next wait counts from the release: three days after day 10.
    await t.engine.advanceTo(at(20))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'no-response', ended_at: at(13).getTime() })
  })

  it('a hold opened and released within one run (catching up after downtime) still resumes the journey', async () => {
    const t = await startEngine()
    await enrol(t, twoReminders(), [caseInput('c-1')])
    await t.engine.ingest([event('dispute.opened', 'c-1', at(1)), event('dispute.resolved', 'c-1', at(10))])
    // One run covers the hold, the wait's end on day 3 and the release.
    await t.engine.advanceTo(at(30))

    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first', 'second'])
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'no-response' })
  })

  it('a wait still running at release keeps its original end', async () => {
    const t = await startEngine()
    await enrol(t, twoReminders(), [caseInput('c-1')])
    await t.engine.ingest([event('hardship.reported', 'c-1', at(1)), event('hardship.resolved', 'c-1', at(2))])
    await t.engine.advanceTo(at(5))
    expect((await messages(t, 'c-1')).map((m) => `${m.node_id} ${iso(m.created_at)}`)).toEqual([
      `first ${iso(at(0).getTime())}`,
      `second ${iso(at(3).getTime())}`,
    ])
  })

  it('stays paused until every hold is released', async () => {
    const t = await startEngine()
    await enrol(t, twoReminders(), [caseInput('c-1')])
    await t.engine.ingest([
      event('dispute.opened', 'c-1', at(1)),
      event('legal.hold', 'c-1', at(2)),
      event('dispute.resolved', 'c-1', at(4)),
      event('legal.released', 'c-1', at(8)),
    ])
    await t.engine.advanceTo(at(2))
    await t.engine.advanceTo(at(7))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'paused' })
    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first'])
    await t.engine.advanceTo(at(9))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'active', node: 'later' })
    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first', 'second'])
  })

  it('a payment in full during the hold still ends the journey as paid, and the release sends nothing', async () => {
    const t = await startEngine()
    await enrol(t, twoReminders(), [caseInput('c-1')])
    await t.engine.ingest([
      event('dispute.opened', 'c-1', at(1)),
      event('payment.received', 'c-1', at(2), { amount: 100 }),
      event('dispute.resolved', 'c-1', at(10)),
    ])
    await t.engine.advanceTo(at(20))
    expect(await theEnrolment(t, 'c-1')).toMatchObject({ status: 'done', outcome: 'paid', ended_at: at(2).getTime() })
    expect((await messages(t, 'c-1')).map((m) => m.node_id)).toEqual(['first'])
  })

  it('a message deferred to the morning is not sent while the case is on hold', async () => {
    const t = await startEngine({ at: '2026-11-23T20:00:00Z' }) // 21:00 in Berlin
    await enrol(t, twoReminders(), [caseInput('c-1')])
    await t.engine.ingest([event('dispute.opened', 'c-1', '2026-11-23T22:00:00Z'), event('dispute.resolved', 'c-1', '2026-11-25T10:00:00Z')])
    await t.engine.advanceTo(Date.parse('2026-11-23T22:00:00Z'))
    await t.engine.advanceTo(Date.parse('2026-11-25T09:00:00Z'))
    expect(await messages(t, 'c-1')).toEqual([])
    await t.engine.advanceTo(Date.parse('2026-11-25T10:00:00Z'))
    expect((await messages(t, 'c-1')).map((m) => `${m.node_id} ${iso(m.created_at)}`)).toEqual(['first 2026-11-25T10:00:00.000Z'])
  })

  it('a case on hold is not enrolled, and the audit trail says why', async () => {
    const t = await startEngine()
    await t.engine.publish(twoReminders())
    await t.engine.upsertCases([caseInput('c-1')])
    await t.engine.ingest([event('dispute.opened', 'c-1', at(0)), overdue('c-1', at(0.5))])
    await t.engine.advanceTo(at(1))
    expect(await t.db.selectFrom('enrolments').selectAll().execute()).toEqual([])
    expect(await entries(t, 'c-1', 'not-enrolled')).toMatchObject([{ detail: { journey: 'two-reminders', reason: 'on hold (dispute)' } }])
  })
})
