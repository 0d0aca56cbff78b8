import { CompiledQuery } from 'kysely'
import { describe, expect, it } from 'vitest'
import { startApi } from '../http/testing'
import { simulate } from '../simulate/simulate'
import { casesCreatedBetween, casesDueBetween } from './days-past-due'
import { caseInput, days, emailTemplate, enrolments, iso, journey, messages, MONDAY, startEngine, tempFile, type TestEngine } from './testing'

/** An entry by days past due: the case enters by itself on its day, at the debtor's local time, once. */
const thirtyDays = (entry: Record<string, unknown> = {}) =>
  journey({
    id: 'thirty-days',
    nodes: {
      start: ['entry', { daysPastDue: 30, at: '09:00', ...entry }],
      mail: ['email', { template: 'mail' }],
      done: ['exit', { outcome: 'done' }],
    },
    edges: ['start>mail', 'mail>done'],
    templates: { mail: emailTemplate('{{ case.daysPastDue }} days ago, {{ case.balance | money }} fell due.') },
  })

// Monday 23 November 2026 is 29 days after 25 October: the 30th day past due is Tuesday 24 November.
const DUE = '2026-10-25'
const enteredAt = async (t: TestEngine, caseId: string) => (await enrolments(t, caseId)).map((e) => iso(e.entered_at))

describe('entry by days past due', () => {
  it('a case crossing 30 days past due enters by itself at 09:00 in its debtor’s zone, once', async () => {
    const t = await startEngine()
    await t.engine.publish(thirtyDays())
    await t.engine.upsertCases([caseInput('berlin', { dueDate: DUE }), caseInput('new-york', { dueDate: DUE, debtor: { timezone: 'America/New_York' } })])
    // 08:59 in Berlin on the day: not yet.
    await t.engine.advanceTo(Date.parse('2026-11-24T07:59:00Z'))
    expect(await enteredAt(t, 'berlin')).toEqual([])
    await t.engine.advanceTo(Date.parse('2026-11-24T08:00:00Z'))
    expect(await enteredAt(t, 'berlin')).toEqual(['2026-11-24T08:00:00.000Z'])
    expect(await enteredAt(t, 'new-york')).toEqual([])
    // The journey is over at once (email, exit); its re-entry rule would let the case in again, but its day has been.
    await t.engine.advanceTo(Date.parse('2026-12-10T00:00:00Z'))
    expect(await enteredAt(t, 'berlin')).toEqual(['2026-11-24T08:00:00.000Z'])
    expect(await enteredAt(t, 'new-york')).toEqual(['2026-11-24T14:00:00.000Z'])
    const [mail] = await messages(t, 'berlin')
    expect(mail).toMatchObject({ status: 'recorded', created_at: Date.parse('2026-11-24T08:00:00Z') })
    expect(mail!.html).toContain('30 days ago, €100.00 fell due.')
    const trail = await t.db.selectFrom('audit').select(['kind', 'detail']).where('case_id', '=', 'berlin').where('kind', '=', 'enrolled').execute()
    expect(trail.map((row) => JSON.parse(row.detail))).toEqual([{ journey: 'thirty-days', version: 1, trigger: 'dunwell.days-past-due' }])
  })

  it('looking again at the same span (a restart that lost its place) enters no one twice', async () => {
    const file = tempFile()
    const first = await startEngine({ file })
    await first.engine.publish(thirtyDays({ reentry: 'after-exit' }))
    await first.engine.upsertCases([caseInput('c-1', { dueDate: DUE })])
    await first.engine.advanceTo(MONDAY.getTime() + days(2))
    await first.db.deleteFrom('settings').where('key', 'like', 'days-past-due-swept/%').execute()
    await first.close()
    const second = await startEngine({ file, at: new Date(MONDAY.getTime() + days(2)) })
    await second.engine.advanceTo(MONDAY.getTime() + days(4))
    expect(await enteredAt(second, 'c-1')).toEqual(['2026-11-24T08:00:00.000Z'])
  })

  it('follows the filter, skips cases with nothing open and those past their day when the journey was published', async () => {
    const t = await startEngine()
    await t.engine.upsertCases([
      caseInput('small', { dueDate: DUE, amountDue: 40 }),
      caseInput('large', { dueDate: DUE, amountDue: 400 }),
      caseInput('paid', { dueDate: DUE, amountDue: 400, balance: 0 }),
      caseInput('older', { dueDate: '2026-10-01', amountDue: 400 }),
    ])
    await t.engine.publish(thirtyDays({ filter: 'case.balance > 50' }))
    await t.engine.advanceTo(MONDAY.getTime() + days(40))
    expect(await enteredAt(t, 'large')).toEqual(['2026-11-24T08:00:00.000Z'])
    expect(await enteredAt(t, 'small')).toEqual([])
    expect(await enteredAt(t, 'paid')).toEqual([])
    expect(await enteredAt(t, 'older')).toEqual([])
    const refused = await t.db.selectFrom('audit').select('detail').where('case_id', '=', 'small').where('kind', '=', 'not-enrolled').execute()
    expect(refused.map((row) => JSON.parse(row.detail).reason)).toEqual(['filter is false: case.balance > 50'])
  })

  it('a case created after the journey was published and already past its day enters at the next entry time, once', async () => {
    const t = await startEngine()
    await t.engine.publish(thirtyDays())
    await t.engine.advanceTo(Date.parse('2026-11-23T12:00:00Z'))
    // Imported at 13:00 in Berlin, 35 days past due: its day was five days ago.
    await t.engine.upsertCases([caseInput('late', { dueDate: '2026-10-19' })])
    await t.engine.advanceTo(Date.parse('2026-11-24T07:59:00Z'))
    expect(await enteredAt(t, 'late')).toEqual([])
    await t.engine.advanceTo(Date.parse('2026-11-30T00:00:00Z'))
    expect(await enteredAt(t, 'late')).toEqual(['2026-11-24T08:00:00.000Z'])
  })

  it('reads the cases through the due-date and creation indexes, not a scan of every case', async () => {
    const t = await startEngine()
    const query = casesDueBetween(t.db, '2026-10-20', '2026-10-26').compile()
    const { rows: plan } = await t.db.executeQuery(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]))
    expect(JSON.stringify(plan)).toContain('SEARCH cases USING INDEX cases_due_date')
    const created = casesCreatedBetween(t.db, 0, 1, '2026-10-26').compile()
    const { rows: createdPlan } = await t.db.executeQuery(CompiledQuery.raw(`explain query plan ${created.sql}`, [...created.parameters]))
    expect(JSON.stringify(createdPlan)).toMatch(/SEARCH cases USING INDEX/)
  })

  it('a simulation enters each case on its day, and POST /api/test/clock moves the same sweep', async () => {
    const report = await simulate({
      journey: thirtyDays(),
      cases: [caseInput('day-one', { dueDate: DUE }), caseInput('day-six', { dueDate: '2026-10-30' })],
      start: MONDAY,
      days: 10,
    })
    expect(report.messages.map((m) => [m.caseId, m.at])).toEqual([
      ['day-one', '2026-11-24T08:00:00.000Z'],
      // Entered on Sunday 29 November at 09:00; the email waits for Monday 08:00 (the policy's contact hours).
      ['day-six', '2026-11-30T07:00:00.000Z'],
    ])

    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/thirty-days/draft', { body: thirtyDays() })
    await api.expectStatus(201, 'POST', '/api/journeys/thirty-days/publish')
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1', { dueDate: DUE }) })
    await api.advanceTo('2026-11-25T00:00:00Z')
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments).toEqual([
      expect.objectContaining({ journeyId: 'thirty-days', enteredAt: '2026-11-24T08:00:00.000Z' }),
    ])
  })
})
