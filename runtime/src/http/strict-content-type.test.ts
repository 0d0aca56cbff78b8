import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { caseInput } from '../engine/testing'
import { createApp } from './create-app'
import { parseMediaType } from './strict-content-type'
import { optoutToken, snapshot, startApi, type TestApi } from './testing'

async function post(api: TestApi, path: string, type: string | undefined, body: string, method = 'POST') {
  const headers: Record<string, string> = { Authorization: `Bearer ${api.keys.admin}` }
  if (type !== undefined) headers['Content-Type'] = type
  const response = await api.app.request(path, { method, headers, body })
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
}

const csv = 'Rechnungsnummer;Vorname;E-Mail;Betrag;Währung;Fällig am\nR-1;Ada;ada@example.com;120,00;EUR;01.11.2026\n'

describe('strict content types', () => {
  it('refuses with 415 the types a browser sends cross-site without asking first, and parameters beyond charset', async () => {
    const api = await startApi()
    const before = await snapshot(api)
    const refused: [string, string | undefined, string][] = [
      ['/api/cases/import', 'text/plain; x=csv', csv],
      ['/api/cases/import', 'text/plain', csv],
      ['/api/cases/import', 'text/csv; x=csv', csv],
      ['/api/cases/import', 'multipart/form-data; boundary=x', csv],
      ['/api/cases/import', 'application/x-www-form-urlencoded', csv],
      ['/api/events', 'text/plain', JSON.stringify({ id: 'p', type: 'invoice.overdue', caseId: 'c-1' })],
      ['/api/events', 'text/plain; charset=utf-8', JSON.stringify({ id: 'p', type: 'invoice.overdue', caseId: 'c-1' })],
      ['/api/events', 'application/json; x=1', JSON.stringify({ id: 'p', type: 'invoice.overdue', caseId: 'c-1' })],
      ['/api/events', 'application/merge-patch+json', JSON.stringify({ id: 'p', type: 'invoice.overdue', caseId: 'c-1' })],
      ['/api/events', 'application/json; charset=utf-16', JSON.stringify({ id: 'p', type: 'invoice.overdue', caseId: 'c-1' })],
      ['/api/events', undefined, JSON.stringify({ id: 'p', type: 'invoice.overdue', caseId: 'c-1' })],
      ['/api/events/bulk', 'text/plain', '{"id":"p","type":"invoice.overdue","caseId":"c-1"}\n'],
      ['/api/journeys/validate', 'application/x-www-form-urlencoded', '{}'],
      ['/api/journeys/x/archive', 'text/plain', ''],
    ]
    for (const [path, type, body] of refused) {
      const answer = await post(api, path, type, body)
      expect(answer.status, `${path} as ${type}`).toBe(415)
      expect(answer.type).toBe('application/problem+json')
    }
    expect(await snapshot(api)).toEqual(before)
  })

  it('reads the exact types each route names, with a charset where it means something', async () => {
    const api = await startApi()
    expect((await post(api, '/api/cases/import?dryRun=true', 'text/csv; charset=utf-8', csv)).status).toBe(200)
    expect((await post(api, '/api/cases/import?dryRun=true', 'TEXT/CSV', csv)).status).toBe(200)
    const put = await post(api, '/api/cases/c-1', 'application/json; charset=UTF-8', JSON.stringify(caseInput('c-1')), 'PUT')
    expect(put.status, put.body).toBe(201)
    expect((await post(api, '/api/events/bulk', 'application/x-ndjson', '{"id":"p","type":"invoice.overdue","caseId":"c-1"}\n')).status).toBe(200)
    // A form of the debtor's own opt-out page, and a body-less publish.
    const optout = await api.app.request(`/optout/${optoutToken('c-1', 'email')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(optout.status).toBe(200)
  })

  it('leaves a host app’s own routes alone, and reads the runtime’s under the host’s prefix', async () => {
    const api = await startApi()
    const host = new Hono()
    host.post('/contact', (c) => c.text('thanks'))
    host.route('/collections', createApp({ engine: api.engine, db: api.db }))
    host.route('/', createApp({ engine: api.engine, db: api.db }))
    const form = await host.request('/contact', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    expect(form.status).toBe(200)
    const bulk = await host.request('/collections/api/events/bulk', {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.keys.admin}`, 'Content-Type': 'application/x-ndjson' },
      body: '{"id":"p","type":"invoice.overdue","caseId":"c-1"}\n',
    })
    expect(bulk.status).toBe(200)
    const refused = await host.request('/collections/api/events', {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.keys.admin}`, 'Content-Type': 'text/plain' },
      body: '{}',
    })
    expect(refused.status).toBe(415)
  })

  it('parses media types the way RFC 9110 writes them', () => {
    expect(parseMediaType('text/csv;charset="utf-8"')).toEqual({ type: 'text/csv', parameters: { charset: 'utf-8' } })
    expect(parseMediaType('text/csv; x=csv')).toEqual({ type: 'text/csv', parameters: { x: 'csv' } })
    expect(parseMediaType('text')).toBeUndefined()
    expect(parseMediaType('text/csv; nonsense')).toBeUndefined()
  })
})
