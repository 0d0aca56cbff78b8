import { format, nodeKinds } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { caseInput, journey, textTemplate } from '../engine/testing'
import { snapshot, startApi } from './testing'

/** entry → letter → exit: letters ignore contact hours, so a case runs through it at once. */
const letterJourney = (id: string) =>
  journey({
    id,
    nodes: { start: ['entry', { event: 'invoice.overdue' }], post: ['letter', { template: 'letter' }], done: ['exit', { outcome: 'done' }] },
    edges: ['start>post', 'post>done'],
    templates: { letter: textTemplate('letter', '<p>Dear {{ debtor.lastName | default: "" }}</p>') },
  })

/** The sample journey with one error: the email step's template is missing. */
function brokenSample() {
  const document = sampleJourney()
  delete (document.templates as Record<string, unknown>).reminder
  return document
}

describe('journeys: drafts', () => {
  it('lists nothing at first, then the journey a draft created', async () => {
    const api = await startApi()
    expect(await api.expectStatus(200, 'GET', '/api/journeys')).toEqual([])
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })
    expect(await api.expectStatus(200, 'GET', '/api/journeys')).toEqual([
      { id: 'sample', name: 'Sample journey', status: 'active', latestVersion: null, hasDraft: true, updatedAt: '2026-11-23T09:00:00.000Z' },
    ])
  })

  it('saves a valid draft, answers no diagnostics, and GET returns it', async () => {
    const api = await startApi()
    expect(await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })).toEqual({ valid: true, diagnostics: [] })
    expect(await api.expectStatus(200, 'GET', '/api/journeys/sample')).toEqual({
      id: 'sample',
      name: 'Sample journey',
      status: 'active',
      latestVersion: null,
      hasDraft: true,
      document: sampleJourney(),
    })
  })

  it('saves a draft with errors too, and answers what is wrong, naming the node', async () => {
    const api = await startApi()
    const answer = await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: brokenSample() })
    expect(answer.valid).toBe(false)
    expect(answer.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'unknown-template', nodeId: 'mail' })])
    expect((await api.expectStatus(200, 'GET', '/api/journeys/sample')).document).toEqual(brokenSample())
  })

  it('saves unfinished work: a step just dropped on the canvas, with its kind’s defaults', async () => {
    // What the editor saves while someone is still filling in a new email step.
    const api = await startApi()
    const document = sampleJourney()
    document.nodes[3] = { ...document.nodes[3]!, type: 'email', data: { ...nodeKinds.email.defaults } } as (typeof document.nodes)[number]
    const answer = await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: document })
    expect(answer.valid).toBe(false)
    expect(answer.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'mail' }))
    expect((await api.expectStatus(200, 'GET', '/api/journeys/sample')).document).toEqual(document)
  })

  it('refuses a document whose id differs from the path with 409, storing nothing', async () => {
    const api = await startApi()
    const problem = await api.expectStatus(409, 'PUT', '/api/journeys/other/draft', { body: sampleJourney() })
    expect(problem).toMatchObject({ status: 409, title: 'Conflict', detail: expect.stringContaining('"sample"') })
    expect(await api.expectStatus(200, 'GET', '/api/journeys')).toEqual([])
    await api.expectStatus(404, 'GET', '/api/journeys/other')
    await api.expectStatus(404, 'GET', '/api/journeys/sample')
  })

  it('a new draft replaces the working copy without touching the published version', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })
    await api.expectStatus(201, 'POST', '/api/journeys/sample/publish')
    const renamed = { ...sampleJourney(), name: 'Renamed' }
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: renamed })
    expect(await api.expectStatus(200, 'GET', '/api/journeys/sample')).toMatchObject({ name: 'Renamed', latestVersion: 1, hasDraft: true, document: renamed })
    expect((await api.expectStatus(200, 'GET', '/api/journeys/sample/versions/1')).document).toEqual(sampleJourney())
  })
})

describe('journeys: publishing', () => {
  it('publishes the draft as version 1 (201); again without a draft is 409', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })
    expect(await api.expectStatus(201, 'POST', '/api/journeys/sample/publish', { body: { note: 'first go' } })).toEqual({ journeyId: 'sample', version: 1 })
    expect(await api.expectStatus(200, 'GET', '/api/journeys/sample')).toMatchObject({ latestVersion: 1, hasDraft: false, document: sampleJourney() })

    const again = await api.expectStatus(409, 'POST', '/api/journeys/sample/publish')
    expect(again).toMatchObject({ status: 409, detail: expect.stringContaining('no draft') })
    expect(await api.expectStatus(200, 'GET', '/api/journeys/sample/versions')).toEqual([
      { version: 1, note: 'first go', publishedAt: '2026-11-23T09:00:00.000Z' },
    ])
  })

  it('numbers versions in order and lists them newest first', async () => {
    const api = await startApi()
    for (const name of ['One', 'Two']) {
      await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: { ...sampleJourney(), name } })
      await api.expectStatus(201, 'POST', '/api/journeys/sample/publish')
    }
    expect((await api.expectStatus(200, 'GET', '/api/journeys/sample/versions')).map((v: { version: number }) => v.version)).toEqual([2, 1])
    expect((await api.expectStatus(200, 'GET', '/api/journeys/sample/versions/1')).document.name).toBe('One')
    expect((await api.expectStatus(200, 'GET', '/api/journeys/sample/versions/2')).document.name).toBe('Two')
    await api.expectStatus(404, 'GET', '/api/journeys/sample/versions/3')
  })

  it('refuses a draft with errors with 422 and its diagnostics; nothing is published, the draft stays', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: brokenSample() })
    const refused = await api.expectStatus(422, 'POST', '/api/journeys/sample/publish')
    expect(refused).toMatchObject({ valid: false, diagnostics: [expect.objectContaining({ severity: 'error', code: 'unknown-template', nodeId: 'mail' })] })
    expect(await api.expectStatus(200, 'GET', '/api/journeys/sample/versions')).toEqual([])
    expect(await api.expectStatus(200, 'GET', '/api/journeys/sample')).toMatchObject({ latestVersion: null, hasDraft: true, document: brokenSample() })
    expect(await api.db.selectFrom('journey_versions').selectAll().execute()).toEqual([])
  })

  it('GET of a version gives the document; /export gives the stable text of format()', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })
    await api.expectStatus(201, 'POST', '/api/journeys/sample/publish', { body: { note: 'launch' } })
    expect(await api.expectStatus(200, 'GET', '/api/journeys/sample/versions/1')).toEqual({
      document: sampleJourney(),
      note: 'launch',
      publishedAt: '2026-11-23T09:00:00.000Z',
    })

    const response = await api.request('GET', '/api/journeys/sample/versions/1/export')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="sample-v1.json"')
    expect(await response.text()).toBe(format(sampleJourney()))
    await api.expectStatus(404, 'GET', '/api/journeys/sample/versions/2/export')
    // A version is a number: anything else is a malformed request, named as such.
    await api.expectStatus(400, 'GET', '/api/journeys/sample/versions/one/export')
  })

  it('answers 404 for a journey that does not exist', async () => {
    const api = await startApi()
    await api.expectStatus(404, 'GET', '/api/journeys/nope')
    await api.expectStatus(404, 'POST', '/api/journeys/nope/publish')
    await api.expectStatus(404, 'POST', '/api/journeys/nope/pause')
    await api.expectStatus(404, 'GET', '/api/journeys/nope/versions/1')
  })
})

describe('journeys: status', () => {
  it('pause, resume and archive change the status; an archived journey refuses new drafts', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })
    await api.expectStatus(201, 'POST', '/api/journeys/sample/publish')
    const status = async () => (await api.expectStatus(200, 'GET', '/api/journeys/sample')).status

    expect(await api.expectStatus(200, 'POST', '/api/journeys/sample/pause')).toEqual({ id: 'sample', status: 'paused' })
    expect(await status()).toBe('paused')
    expect(await api.expectStatus(200, 'POST', '/api/journeys/sample/resume')).toEqual({ id: 'sample', status: 'active' })
    expect(await status()).toBe('active')
    expect(await api.expectStatus(200, 'POST', '/api/journeys/sample/archive')).toEqual({ id: 'sample', status: 'archived' })
    expect((await api.expectStatus(200, 'GET', '/api/journeys'))[0]).toMatchObject({ id: 'sample', status: 'archived' })

    const before = await snapshot(api)
    const refused = await api.expectStatus(409, 'PUT', '/api/journeys/sample/draft', { body: { ...sampleJourney(), name: 'Revived' } })
    expect(refused).toMatchObject({ status: 409, detail: expect.stringContaining('archived') })
    expect(await snapshot(api)).toEqual(before)
  })

  it('an archived journey publishes nothing, not even a draft saved before it was archived', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: sampleJourney() })
    await api.expectStatus(201, 'POST', '/api/journeys/sample/publish')
    await api.expectStatus(200, 'PUT', '/api/journeys/sample/draft', { body: { ...sampleJourney(), name: 'Second thoughts' } })
    await api.expectStatus(200, 'POST', '/api/journeys/sample/archive')
    const refused = await api.expectStatus(409, 'POST', '/api/journeys/sample/publish')
    expect(refused).toMatchObject({ status: 409, detail: expect.stringContaining('archived') })
    expect((await api.expectStatus(200, 'GET', '/api/journeys/sample/versions')).map((v: { version: number }) => v.version)).toEqual([1])
  })

  it('a paused journey enrols no new case; resumed, it does again', async () => {
    const api = await startApi()
    await api.expectStatus(200, 'PUT', '/api/journeys/letters/draft', { body: letterJourney('letters') })
    await api.expectStatus(201, 'POST', '/api/journeys/letters/publish')
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    await api.expectStatus(200, 'POST', '/api/journeys/letters/pause')

    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue-1', type: 'invoice.overdue', caseId: 'c-1' } })
    await api.advanceBy(60_000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments).toEqual([])

    await api.expectStatus(200, 'POST', '/api/journeys/letters/resume')
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: 'overdue-2', type: 'invoice.overdue', caseId: 'c-1' } })
    await api.advanceBy(60_000)
    expect((await api.expectStatus(200, 'GET', '/api/cases/c-1')).enrolments).toEqual([
      expect.objectContaining({ journeyId: 'letters', status: 'done', outcome: 'done' }),
    ])
  })
})

describe('POST /api/journeys/validate', () => {
  it('answers every problem without saving anything', async () => {
    const api = await startApi()
    expect(await api.expectStatus(200, 'POST', '/api/journeys/validate', { body: sampleJourney() })).toEqual({ valid: true, diagnostics: [] })
    const broken = await api.expectStatus(200, 'POST', '/api/journeys/validate', { body: brokenSample() })
    expect(broken).toEqual({
      valid: false,
      diagnostics: [expect.objectContaining({ severity: 'error', code: 'unknown-template', nodeId: 'mail', path: ['nodes', 3, 'data', 'template'] })],
    })
    const nonsense = await api.expectStatus(200, 'POST', '/api/journeys/validate', { body: { hello: 'world' } })
    expect(nonsense.valid).toBe(false)
    expect(nonsense.diagnostics.length).toBeGreaterThan(0)
    expect(await api.expectStatus(200, 'GET', '/api/journeys')).toEqual([])
  })
})
