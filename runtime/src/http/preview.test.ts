import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { caseInput } from '../engine/testing'
import { snapshot, startApi } from './testing'

const friendly = () => JSON.parse(readFileSync(new URL('../../../examples/friendly-reminder/journey.json', import.meta.url), 'utf8'))

describe('POST /api/preview', () => {
  it('renders an email of a draft for a sample case in the debtor’s language, with what the engine adds', async () => {
    const api = await startApi()
    const sample = caseInput('sample', { debtor: { firstName: 'Lena', locale: 'de-AT' } })
    const message = await api.expectStatus(200, 'POST', '/api/preview', {
      as: 'viewer',
      body: { journey: friendly(), templateId: 'friendly-reminder', sample },
    })
    expect(message).toMatchObject({ channel: 'email', locale: 'de', subject: 'Eine kurze Erinnerung an Ihre Rechnung' })
    expect(message.html).toContain('Hallo Lena,')
    expect(message.html).toContain('100,00')
    expect(message.text).toContain('Hallo Lena,')
  })

  it('shows an SMS with the opt-out line the runtime appends when the template has none', async () => {
    const api = await startApi()
    const journey = friendly()
    journey.templates['payment-link-sms'].body.en = 'Hi {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open: {{ links.pay }}'
    const message = await api.expectStatus(200, 'POST', '/api/preview', {
      as: 'viewer',
      body: { journey, templateId: 'payment-link-sms', sample: caseInput('s', { debtor: { locale: 'en' } }), locale: 'en' },
    })
    expect(message.text).toMatch(/^Hi Anna, €100\.00 is open: https:\/\/pay\.example\.com\/preview Reply STOP to opt out\.$/)
  })

  it('previews a template while another step of the draft is still unfinished', async () => {
    const api = await startApi()
    const journey = friendly()
    // A step just dragged in, without its template yet: the draft is not valid, its templates still render.
    journey.nodes.push({ id: 'email-1', type: 'email', position: { x: 0, y: 0 }, data: { template: '' } })
    const message = await api.expectStatus(200, 'POST', '/api/preview', {
      as: 'viewer',
      body: { journey, templateId: 'friendly-reminder', sample: caseInput('s', { debtor: { locale: 'en' } }) },
    })
    expect(message.subject).toBe('A quick reminder about your invoice')
  })

  it('renders every example email without remote fonts (no Google Fonts link or import), in the system font stack', async () => {
    const api = await startApi()
    const folder = new URL('../../../examples/', import.meta.url)
    let emails = 0
    for (const name of ['friendly-reminder', 'life-situations', 'tone-experiment']) {
      const journey = JSON.parse(readFileSync(new URL(`${name}/journey.json`, folder), 'utf8'))
      for (const [templateId, template] of Object.entries(journey.templates as Record<string, { channel: string; body: Record<string, string> }>)) {
        if (template.channel !== 'email') continue
        for (const locale of Object.keys(template.body)) {
          const message = await api.expectStatus(200, 'POST', '/api/preview', { as: 'viewer', body: { journey, templateId, sample: caseInput('s'), locale } })
          expect(message.html, `${name} ${templateId} ${locale}`).not.toContain('fonts.googleapis.com')
          expect(message.html).not.toMatch(/@import|<link[^>]+font/i)
          expect(message.html).toContain('font-family:-apple-system')
          emails++
        }
      }
    }
    expect(emails).toBeGreaterThan(3)
  })

  it('names the template and locale when it does not render, and stores nothing', async () => {
    const api = await startApi()
    const before = await snapshot(api)
    const journey = friendly()
    const problem = await api.expectStatus(422, 'POST', '/api/preview', { as: 'viewer', body: { journey, templateId: 'nope', sample: caseInput('s') } })
    expect(problem.detail).toContain('template "nope"')
    await api.expectStatus(400, 'POST', '/api/preview', { as: 'viewer', body: { journey, templateId: 'friendly-reminder', sample: { id: 's' } } })
    expect(await snapshot(api)).toEqual(before)
  })
})
