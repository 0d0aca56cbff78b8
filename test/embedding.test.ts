import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { contactPolicySchema } from '@dunwell/runtime'
import { createHostService } from '../examples/embedding/host-service'

const journey = JSON.parse(readFileSync(new URL('../examples/friendly-reminder/journey.json', import.meta.url), 'utf8'))
// Any hour, any day: this test runs whenever CI does, in real time.
const policy = contactPolicySchema.parse({
  contactHours: { start: '00:00', end: '23:59', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
  holidays: false,
})

describe('the embedding example', () => {
  let service: Awaited<ReturnType<typeof createHostService>>
  afterAll(() => service?.close())

  it('serves Dunwell under the host’s prefix and delivers through the host’s own adapter', async () => {
    service = await createHostService({ file: join(mkdtempSync(join(tmpdir(), 'dunwell-host-')), 'host.sqlite'), policy })
    const { key } = await service.createKey('admin')
    const call = (method: string, path: string, body?: unknown) =>
      service.host.request(`/collections/api${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })

    expect(await (await service.host.request('/')).text()).toBe('Acme customer service')
    expect((await call('PUT', '/journeys/friendly-reminder/draft', journey)).status).toBe(200)
    expect((await call('POST', '/journeys/friendly-reminder/publish', { note: 'first' })).status).toBe(201)
    const debtor = { firstName: 'Anna', lastName: 'Schmidt', email: 'anna@example.org', locale: 'en', timezone: 'Europe/Berlin', country: 'DE' }
    expect((await call('PUT', '/cases/c-1', { id: 'c-1', debtor, amountDue: 84.5, currency: 'EUR', dueDate: '2026-10-01' })).status).toBe(201)
    expect((await call('POST', '/events', { id: 'overdue-1', type: 'invoice.overdue', caseId: 'c-1' })).status).toBe(202)

    // The host's scheduler picks the event up on its own.
    const deadline = Date.now() + 15_000
    while (service.notifications.delivered.size === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    const [message] = [...service.notifications.delivered.values()]
    expect(message).toMatchObject({ caseId: 'c-1', channel: 'email', recipient: 'anna@example.org', subject: 'A quick reminder about your invoice' })
    expect(message!.html).toContain('Hello Anna')
    const listed = await (await call('GET', '/messages?caseId=c-1')).json()
    expect(listed).toMatchObject([{ nodeId: 'reminder-email', status: 'sent' }])
  })
})
