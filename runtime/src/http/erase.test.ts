import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { caseInput, emailTemplate, journey, textTemplate } from '../engine/testing'
import { linkToken } from '../index'
import { DAY, LINK_SECRET, optoutToken, startApi } from './testing'

/** Values no other text in the database holds: each found anywhere after the erasure is a leak. */
const person = {
  firstName: 'Quirinella',
  lastName: 'Zwetschgenbaum',
  email: 'quirinella.zw@example.org',
  phone: '+4915187654321',
  street: 'Xylophonweg 77',
  city: 'Ober-Rammstadt',
  birthDate: '1961-07-19',
  note: 'Kundennummer ZX-81-77',
}

/**
 * entry → email quoting the debtor → an SMS whose template fails on the last name → a call task → wait → exit.
 * The SMS's render error is what quoted the last name in the outbox and the trail before.
 */
const quoting = journey({
  id: 'quoting',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    mail: ['email', { template: 'mail' }],
    text: ['sms', { template: 'broken' }],
    phone: ['call', { queue: 'collections', template: 'script' }],
    hold: ['wait', { for: 'P10D' }],
    done: ['exit', { outcome: 'done' }],
  },
  edges: ['start>mail', 'mail>text', 'text>phone', 'phone>hold', 'hold>done'],
  templates: {
    mail: emailTemplate(
      'Dear {{ debtor.firstName | default: "there" }} {{ debtor.lastName | default: "" }}, {{ debtor.address.lines[1] | default: "" }}: {{ case.attributes.note }}',
    ),
    broken: textTemplate('sms', 'Hi {% include debtor.lastName %}'),
    script: textTemplate('call', 'Call {{ debtor.firstName | default: "there" }} {{ debtor.lastName | default: "" }} on {{ debtor.phone | default: "" }}.'),
  },
  // Its messages go out while the plan below runs: what they quote is what erasure must remove.
  settings: { locales: ['en'], defaultLocale: 'en', promises: { pauseContact: false } },
})

function leaks(bytes: Buffer | string): string[] {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1')
  return Object.values(person).filter((value) => text.includes(typeof bytes === 'string' ? value : Buffer.from(value, 'utf8').toString('latin1')))
}

describe('erasing a case (GDPR)', () => {
  it('leaves none of its values in the database file, its write-ahead log, the trail or the messages; its task, links and id are dead', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/quoting/draft', { body: quoting })
    await api.expectStatus(201, 'POST', '/api/journeys/quoting/publish')
    const debtor = {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      phone: person.phone,
      address: { lines: [`${person.firstName} ${person.lastName}`, person.street], postalCode: '64372', city: person.city, country: 'DE' },
      birthDate: person.birthDate,
    }
    await api.expectStatus(201, 'PUT', '/api/cases/c-9', { body: caseInput('c-9', { debtor, attributes: { note: person.note } }) })
    await api.expectStatus(201, 'PUT', '/api/cases/other', { body: caseInput('other') })
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue', type: 'invoice.overdue', caseId: 'c-9' } })
    // A plan (its key sorts before the payment's, at the same moment), so that the payment's key (personal data) is what paid its instalment.
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: 'agreed-plan', type: 'plan.agreed', caseId: 'c-9', data: { instalments: [{ dueDate: '2026-12-20', amount: 50 }], interval: 'P1M' } },
    })
    // A client's key and data holding personal data.
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: `pay-${person.email}`, type: 'payment.received', caseId: 'c-9', data: { amount: 10, payer: person.lastName } },
    })
    // One message a day (the default policy): the text (and the call after it) follow the email a day later.
    await api.advanceBy(2 * DAY)
    // The case is updated once: the old row's text is freed space in a page now.
    await api.expectStatus(200, 'PUT', '/api/cases/c-9', { body: caseInput('c-9', { debtor, attributes: { note: person.note, tier: 'b' } }) })

    const outbox = await api.db.selectFrom('outbox').select(['channel', 'status', 'reason']).where('case_id', '=', 'c-9').orderBy('channel').execute()
    expect(outbox.map((m) => m.channel)).toEqual(['call', 'email', 'sms'])
    const smsReason = outbox[2]!.reason ?? ''
    // The render error names the variable, not its value.
    expect(smsReason).toContain('[debtor.lastName]')
    expect(smsReason).toContain('{% include debtor.lastName %}')
    expect(leaks(smsReason)).toEqual([])
    const [task] = await api.expectStatus(200, 'GET', '/api/tasks')
    expect(
      leaks(readFileSync(api.file).toString('latin1') + (existsSync(`${api.file}-wal`) ? readFileSync(`${api.file}-wal`).toString('latin1') : '')),
    ).not.toEqual([])

    expect(await api.expectStatus(200, 'DELETE', '/api/cases/c-9')).toEqual({ id: 'c-9', erased: true })

    const files = [api.file, `${api.file}-wal`].filter(existsSync)
    for (const file of files) expect(leaks(readFileSync(file)), file).toEqual([])
    const timeline = await api.expectStatus(200, 'GET', '/api/cases/c-9/timeline')
    expect(leaks(JSON.stringify(timeline))).toEqual([])
    expect(timeline.at(-1)).toMatchObject({ kind: 'erased' })
    expect(leaks(JSON.stringify(await api.expectStatus(200, 'GET', '/api/messages?caseId=c-9')))).toEqual([])
    expect(leaks(JSON.stringify(await api.expectStatus(200, 'GET', '/api/cases/c-9')))).toEqual([])
    // The ledger stays: the payment's amount, the balance.
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-9')).balance).toBe(90)

    // Its open task is cancelled: no one can claim or complete it.
    expect((await api.expectStatus(200, 'GET', '/api/tasks')).map((t: { status: string }) => t.status)).toEqual(['cancelled'])
    await api.expectStatus(409, 'POST', `/api/tasks/${encodeURIComponent(task.id)}/claim`, { body: { agent: 'maria' } })
    await api.expectStatus(409, 'POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { body: { outcome: 'no-answer' } })

    // Its links lead to a page that says so and shows nothing of the case.
    for (const [method, path] of [
      ['GET', `/pay/${linkToken('c-9', 'email', LINK_SECRET, 'pay')}`],
      ['GET', `/optout/${optoutToken('c-9', 'email')}`],
      ['POST', `/optout/${optoutToken('c-9', 'email')}`],
    ] as const) {
      const page = await api.request(method, path, { as: null, headers: { 'Accept-Language': 'de' } })
      expect(page.status, path).toBe(410)
      const html = await page.text()
      expect(html).toContain('Dieser Link wird nicht mehr verwendet')
      // What the page says (its style has numbers of its own).
      expect(html.slice(html.indexOf('<body>'))).not.toMatch(/€|100|90/)
    }

    // It takes no more events or updates; the other case is untouched.
    const refused = await api.expectStatus(404, 'POST', '/api/events', { body: { id: 'late', type: 'payment.received', caseId: 'c-9', data: { amount: 1 } } })
    expect(refused.errors).toEqual([{ path: 'caseId', message: 'no case "c-9"' }])
    await api.expectStatus(404, 'POST', '/api/cases/c-9/enrol', { body: { journeyId: 'quoting' } })
    const update = await api.expectStatus(400, 'PUT', '/api/cases/c-9', { body: caseInput('c-9', { debtor }) })
    expect(update.errors).toEqual([{ path: 'id', message: expect.stringContaining('erased case') }])
    await api.advanceBy(11 * DAY)
    for (const file of [api.file, `${api.file}-wal`].filter(existsSync)) expect(leaks(readFileSync(file)), file).toEqual([])
    expect((await api.expectStatus(200, 'GET', '/api/cases/other')).debtor.firstName).toBe('Anna')
  })
})
