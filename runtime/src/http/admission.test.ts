import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { caseInput } from '../engine/testing'
import { startApi } from './testing'

const notes = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ id: `note-${from + i}`, type: 'note.added', caseId: 'c-1', data: { n: from + i } })).join('\n')

describe('admission control', () => {
  it('new events wait (429, Retry-After) while the engine is further behind than its bound, and are taken again once it caught up', async () => {
    const api = await startApi({ limits: { backlog: 5 } })
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    // Caught up: a bulk is taken whole, even past the bound.
    expect(await api.expectStatus(200, 'POST', '/api/events/bulk', { body: notes(0, 8), type: 'application/x-ndjson' })).toMatchObject({ accepted: 8 })
    // Nothing has run them yet (the test clock stands still): 8 wait, more than 5.
    const refused = await api.request('POST', '/api/events', { body: { id: 'late', type: 'note.added', caseId: 'c-1' } })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('Retry-After')).toBe('30')
    expect(await refused.json()).toMatchObject({ status: 429, detail: 'the engine has 8 events still to apply (at most 5 wait): send again in 30 s' })
    const bulk = await api.request('POST', '/api/events/bulk', { body: notes(100, 2), type: 'application/x-ndjson' })
    expect(bulk.status).toBe(429)
    expect(await api.db.selectFrom('events').select('key').where('key', 'in', ['late', 'note-100']).execute()).toEqual([])

    await api.advanceBy(60_000)
    expect(await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'late', type: 'note.added', caseId: 'c-1' } })).toMatchObject({ duplicate: false })
  })

  it('simulations beyond the bound at once wait their turn', async () => {
    const api = await startApi({ limits: { simulations: 1 } })
    const body = { journey: sampleJourney(), cases: Array.from({ length: 300 }, (_, i) => caseInput(`s-${i}`)), start: '2026-11-23T09:00:00Z', days: 60 }
    const first = api.request('POST', '/api/simulations', { body })
    // Waits for the state: the first is running (the runtime answers /health between its slices).
    for (;;) {
      const health = await api.expectStatus(200, 'GET', '/health', { as: null })
      if (health.simulations.running === 1) break
      // In-process requests resolve as microtasks: give the first request's slices their turns.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const second = await api.request('POST', '/api/simulations', { body })
    expect(second.status).toBe(429)
    expect(second.headers.get('Retry-After')).toBe('10')
    expect((await first).status).toBe(200)
    expect((await api.request('POST', '/api/simulations', { body: { ...body, cases: body.cases.slice(0, 5) } })).status).toBe(200)
  })
})
