import { describe, expect, it } from 'vitest'
import { caseInput, journey, textTemplate } from '../engine/testing'
import { timeline } from '../index'
import { startApi, type TestApi } from './testing'

/** A capture that doubles a string in a loop: 2^n characters after n rounds, unseen by liquidjs's memoryLimit. */
const doubling = (rounds: string) =>
  `{% capture s %}ab{% endcapture %}{% for i in (1..${rounds}) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }} {{ links.pay }}`

const smsJourney = (body: string, when = "debtor.firstName.matches('^([A-Za-z]+ ?)+$')") =>
  journey({
    id: 'budget',
    nodes: {
      start: ['entry', { event: 'invoice.overdue' }],
      check: ['segment', { branches: [{ id: 'named', label: 'Named', when }] }],
      text: ['sms', { template: 'text' }],
      done: ['exit', { outcome: 'done' }],
      other: ['exit', { outcome: 'other' }],
    },
    edges: ['start>check', 'check:named>text', 'check:else>other', 'text>done'],
    templates: { text: textTemplate('sms', body) },
  })

async function saveDraft(api: TestApi, document: { id: string }) {
  await api.expectStatus(200, 'PUT', `/api/journeys/${document.id}/draft`, { body: document })
}

async function enrol(api: TestApi, cases: ReturnType<typeof caseInput>[]) {
  for (const input of cases) {
    await api.expectStatus(201, 'PUT', `/api/cases/${input.id}`, { body: input })
    await api.expectStatus(202, 'POST', '/api/events', { body: { id: `overdue-${input.id}`, type: 'invoice.overdue', caseId: input.id } })
  }
  await api.advanceBy(60_000)
}

const outbox = (api: TestApi, caseId: string) => api.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).execute()
const decided = async (api: TestApi, caseId: string) => (await timeline(api.db, caseId)).filter((entry) => entry.kind === 'decided')

describe('budgets: what a user writes cannot stall the runtime', () => {
  it('POST /api/preview refuses a capture that doubles a string with a 422 naming the limit, in a small answer', async () => {
    const api = await startApi()
    const journey = smsJourney(doubling('30'))
    const response = await api.request('POST', '/api/preview', {
      as: 'viewer',
      body: { journey, templateId: 'text', sample: caseInput('sample'), locale: 'en' },
    })
    const text = await response.text()
    expect(response.status).toBe(422)
    expect(text.length).toBeLessThan(2_000)
    expect(JSON.parse(text).detail).toMatch(/^template "text" \(locale en\): renders more than 500,000 characters, the limit of one message/)

    const nested = smsJourney('{% for a in (1..1000) %}{% for b in (1..1000) %}{% endfor %}{% endfor %}Hi')
    const loops = await api.expectStatus(422, 'POST', '/api/preview', {
      as: 'viewer',
      body: { journey: nested, templateId: 'text', sample: caseInput('s'), locale: 'en' },
    })
    expect(loops.detail).toContain('repeats its loops more than 10,000 times, the limit of one message')
  })

  it('refuses to publish a template or condition over budget, with a diagnostic naming the place and the limit', async () => {
    const api = await startApi()
    await saveDraft(api, smsJourney(doubling('40')))
    const refused = await api.expectStatus(422, 'POST', '/api/journeys/budget/publish')
    expect(refused.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'bad-template',
        path: ['templates', 'text', 'body', 'en'],
        message: expect.stringContaining('renders more than 500,000 characters'),
      }),
    ])
    const letters = "debtor.firstName.split('')"
    await saveDraft(api, smsJourney('Hi', `${letters}.exists(a, ${letters}.exists(b, ${letters}.exists(c, a + b + c == 'abc')))`))
    const nested = await api.expectStatus(422, 'POST', '/api/journeys/budget/publish')
    expect(nested.diagnostics).toEqual([
      expect.objectContaining({
        code: 'bad-expression',
        nodeId: 'check',
        message: expect.stringContaining('is a loop inside 2 other loops (exists › exists): at most 2 loops'),
      }),
    ])
  })

  it('a published SMS whose loop goes over budget for one case fails that message, explained, and the server answers', async () => {
    const api = await startApi()
    // For an ordinary case (14 days past due) this renders 32 KB and publishes; 22 days past due make 8 MB.
    await saveDraft(api, smsJourney(doubling('case.daysPastDue')))
    await api.expectStatus(201, 'POST', '/api/journeys/budget/publish')
    await enrol(api, [caseInput('late', { debtor: { firstName: 'Lena' } }), caseInput('recent', { debtor: { firstName: 'Anna' }, dueDate: '2026-11-20' })])

    const [failed] = await outbox(api, 'late')
    expect(failed).toMatchObject({ status: 'suppressed', text: null })
    expect(failed!.reason).toMatch(/^could not render: template "text" \(locale en\): renders more than 500,000 characters, the limit of one message/)
    expect(failed!.reason).not.toContain('Lena')
    const [sent] = await outbox(api, 'recent')
    expect(sent!.text).toMatch(/^16 https:\/\/pay\.dunwell\.test\//)
    expect((await api.request('GET', '/health', { as: null })).status).toBe(200)
  })

  it('matches runs on RE2: a backtracking pattern over a long name decides at once, and rightly', async () => {
    const api = await startApi()
    await saveDraft(api, smsJourney('Hi {{ debtor.firstName | default: "there" }}'))
    await api.expectStatus(201, 'POST', '/api/journeys/budget/publish')
    // With JavaScript's RegExp this name froze the server for 24 s, each further letter doubling it.
    await enrol(api, [caseInput('hostile', { debtor: { firstName: `${'A'.repeat(33)}!` } }), caseInput('plain', { debtor: { firstName: 'Anna Maria' } })])
    expect((await decided(api, 'hostile'))[0]!.detail).toMatchObject({ outcome: 'else', conditions: [{ result: false }] })
    expect((await decided(api, 'plain'))[0]!.detail).toMatchObject({ outcome: 'named', conditions: [{ result: true }] })
    expect((await api.request('GET', '/health', { as: null })).status).toBe(200)
  })

  it('a condition whose loops go over the step budget for one case is recorded as that decision’s error', async () => {
    const api = await startApi()
    const tags = 'case.attributes.tags'
    await saveDraft(api, smsJourney('Hi', `${tags}.exists(a, ${tags}.exists(b, a + b == 'none'))`))
    await api.expectStatus(201, 'POST', '/api/journeys/budget/publish')
    const many = Array.from({ length: 400 }, (_, index) => `tag-${index}`)
    await enrol(api, [caseInput('many', { attributes: { tags: many } }), caseInput('few', { attributes: { tags: ['no', 'ne'] } })])

    const [overBudget] = await decided(api, 'many')
    expect(overBudget!.detail).toMatchObject({
      outcome: 'else',
      conditions: [{ result: false, error: expect.stringMatching(/^over budget: took more than 200,000 steps in its loops/) }],
    })
    expect(JSON.stringify(overBudget!.detail)).not.toContain('tag-1')
    expect((await decided(api, 'few'))[0]!.detail).toMatchObject({ outcome: 'named' })
    expect((await api.request('GET', '/health', { as: null })).status).toBe(200)
  })
})
