import { describe, expect, it } from 'vitest'
import { parseContactPolicy } from '../policy'
import { caseInput, emailTemplate, journey } from '../engine/testing'
import { DAY, MONDAY, startApi } from './testing'

const reminder = journey({
  id: 'reminder',
  nodes: {
    start: ['entry', { event: 'invoice.overdue' }],
    mail: ['email', { template: 'mail' }],
    hold: ['wait', { for: 'P10D' }],
    done: ['exit', { outcome: 'done' }],
  },
  edges: ['start>mail', 'mail>hold', 'hold>done'],
  templates: { mail: emailTemplate('Hello') },
})

describe('GET /api/cases/{id}/policy', () => {
  it('shows the rules in force for the debtor: jurisdictions and why, hours, counts against the caps across journeys', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/reminder/draft', { body: reminder })
    await api.expectStatus(201, 'POST', '/api/journeys/reminder/publish')
    const { id: _id, ...body } = caseInput('c-1', { debtor: { timezone: 'America/Chicago', country: 'US', region: 'TX' } })
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body })
    await api.expectStatus(202, 'POST', '/api/events', {
      body: { id: 'o', type: 'invoice.overdue', caseId: 'c-1', at: new Date(MONDAY.getTime() + DAY / 4).toISOString() },
    })
    await api.advanceTo(MONDAY.getTime() + DAY / 3)

    const policy = await api.expectStatus(200, 'GET', '/api/cases/c-1/policy', { as: 'viewer' })
    expect(policy).toMatchObject({
      caseId: 'c-1',
      place: { country: 'US', region: 'TX', timezone: 'America/Chicago' },
      jurisdictions: [{ name: 'Regulation F', country: 'US', region: null, why: "the debtor's country is US" }],
      contactHours: { start: '08:00', end: '20:00' },
    })
    expect(policy.caps[0]).toEqual({
      rule: 'one message a day: at most 1 message in 1 day',
      source: 'policy',
      channels: ['email', 'sms', 'whatsapp', 'letter'],
      max: 1,
      window: 'P1D',
      onCap: 'defer',
      counted: 1,
      journeys: ['reminder'],
      allowedAgainAt: '2026-11-24T15:00:00.000Z',
    })
    expect(policy.quietPeriods).toEqual([expect.objectContaining({ rule: expect.stringContaining('§1006.14(b)(2)(ii)'), since: null, until: null })])
  })

  it('needs a key that may read cases, and answers 404 for a case it does not know', async () => {
    const api = await startApi()
    const { id: _id, ...body } = caseInput('c-1')
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body })
    await api.expectStatus(401, 'GET', '/api/cases/c-1/policy', { as: null })
    await api.expectStatus(403, 'GET', '/api/cases/c-1/policy', { as: 'ingest' })
    const missing = await api.expectStatus(404, 'GET', '/api/cases/nope/policy')
    expect(missing.detail).toBe('no case "nope"')
    const german = await api.expectStatus(200, 'GET', '/api/cases/c-1/policy')
    expect(german.jurisdictions).toEqual([])
    expect(german.quietPeriods).toEqual([])
  })
})

describe('GET /api/policy', () => {
  it('shows the policy the runtime runs with (what the editor shows beside a journey’s contact hours), to a key that may read journeys', async () => {
    const api = await startApi()
    const policy = await api.expectStatus(200, 'GET', '/api/policy', { as: 'viewer' })
    expect(policy.contactHours).toEqual({
      start: '08:00',
      end: '20:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      channels: ['email', 'sms', 'whatsapp', 'call'],
      holidays: true,
    })
    expect(policy.caps.map((cap: { rule: string }) => cap.rule)).toEqual(['one message a day: at most 1 message in 1 day', 'at most 7 calls in 7 days'])
    expect(policy.jurisdictions).toEqual([
      {
        name: 'Regulation F',
        country: 'US',
        region: null,
        contactHours: { start: '08:00', end: '21:00' },
        caps: [expect.stringContaining('§1006.14(b)(2)(i)')],
        quietPeriods: [expect.stringContaining('§1006.14(b)(2)(ii)')],
      },
    ])
    await api.expectStatus(401, 'GET', '/api/policy', { as: null })
    await api.expectStatus(403, 'GET', '/api/policy', { as: 'ingest' })
  })

  it('shows a policy file’s own hours and jurisdictions', async () => {
    const parsed = parseContactPolicy({
      contactHours: { start: '09:00', end: '19:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      jurisdictions: [{ country: 'DE', region: 'BY', contactHours: { start: '10:00', end: '18:00' } }],
    })
    if (!parsed.ok) throw new Error(parsed.errors.join('; '))
    const api = await startApi({ policy: parsed.policy })
    const policy = await api.expectStatus(200, 'GET', '/api/policy')
    expect(policy.contactHours).toMatchObject({ start: '09:00', end: '19:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] })
    expect(policy.jurisdictions).toEqual([
      { name: 'DE-BY', country: 'DE', region: 'BY', contactHours: { start: '10:00', end: '18:00' }, caps: [], quietPeriods: [] },
    ])
  })
})
