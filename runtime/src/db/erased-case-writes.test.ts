import { describe, expect, it } from 'vitest'
import { eraseCase } from '../engine/cases-admin'
import { emptyBatch } from '../engine/records'
import { caseInput, enrol, journey, emailTemplate, startEngine } from '../engine/testing'

const mail = journey({
  id: 'mail',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    mail: ['email', { template: 'mail' }],
    hold: ['wait', { for: 'P3D' }],
    done: ['exit', { outcome: 'done' }],
  },
  edges: ['start>mail', 'mail>hold', 'hold>done'],
  templates: { mail: emailTemplate('Dear {{ debtor.lastName | default: "" }}') },
})

describe('a batch or a delivery that straddles an erasure', () => {
  it('writes nothing of the erased case back: no debtor, enrolment, message, trail entry, timer or sent text', async () => {
    const t = await startEngine()
    await enrol(t, mail, [caseInput('c-1', { debtor: { lastName: 'Zwetschgenbaum' } })])
    // What a batch loaded before the erasure, and the message a delivery took before it.
    const [record] = (await t.store.loadCases(['c-1'])).values()
    const [enrolment] = await t.store.loadEnrolments(['c-1'])
    const [message] = await t.db.selectFrom('outbox').select(['id', 'enrolment_id']).where('case_id', '=', 'c-1').execute()
    expect(record!.debtor.lastName).toBe('Zwetschgenbaum')

    await eraseCase(t.db, 'c-1', t.clock.now())

    const batch = emptyBatch()
    batch.cases.set('c-1', record!)
    batch.enrolments.set(enrolment!.id, { ...enrolment!, status: 'active', node: 'hold' })
    batch.timersToInsert.set('late', { id: 'late', enrolmentId: enrolment!.id, caseId: 'c-1', nodeId: 'hold', kind: 'wake', dueAt: t.clock.now() + 1 })
    batch.outbox.push({
      id: 'late-mail',
      enrolmentId: enrolment!.id,
      caseId: 'c-1',
      journeyId: 'mail',
      version: 1,
      nodeId: 'mail',
      channel: 'email',
      template: 'mail',
      locale: 'en',
      status: 'pending',
      reason: null,
      recipient: 'anna@example.org',
      subject: 'x',
      html: 'Dear Zwetschgenbaum',
      text: 'Dear Zwetschgenbaum',
      createdAt: t.clock.now(),
      sentAt: null,
    })
    batch.audit.push({ caseId: 'c-1', enrolmentId: enrolment!.id, at: t.clock.now(), kind: 'entered', nodeId: 'hold', detail: { name: 'Zwetschgenbaum' } })
    await t.store.commit(batch, 'worker')
    await t.store.finishDeliveries([{ id: message!.id, status: 'sent', sentAt: t.clock.now(), text: 'Dear Zwetschgenbaum' }])

    const everything = JSON.stringify([
      await t.db.selectFrom('cases').selectAll().execute(),
      await t.db.selectFrom('outbox').selectAll().execute(),
      await t.db.selectFrom('audit').selectAll().execute(),
    ])
    expect(everything).not.toContain('Zwetschgenbaum')
    expect(await t.db.selectFrom('enrolments').select('status').execute()).toEqual([{ status: 'stopped' }])
    expect(await t.db.selectFrom('timers').selectAll().execute()).toEqual([])
    expect(await t.db.selectFrom('outbox').select('id').where('id', '=', 'late-mail').execute()).toEqual([])
  })
})
