import { createHmac } from 'node:crypto'
import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { createApp, createLinks, linkToken, readLinkToken } from '../index'
import { caseInput } from '../engine/testing'
import { DAY, LINK_SECRET, MONDAY, startApi } from './testing'

const tokenOf = (url: string) => url.split('/').at(-1)!

describe('signed links expire and rotate keys', () => {
  it('a link works for its time (120 days by default), then shows a calm page in the debtor’s language, 410', async () => {
    const api = await startApi()
    await api.expectStatus(201, 'PUT', '/api/cases/c-de', { body: caseInput('c-de', { debtor: { locale: 'de-DE' } }) })
    // Made now on the engine's clock, as the engine makes them for a message.
    const links = createLinks({ publicUrl: 'https://pay.dunwell.test', secret: LINK_SECRET, now: () => api.clock.now() })('c-de', 'email')
    expect((await api.request('GET', `/portal/${tokenOf(links.portal)}`, { as: null })).status).toBe(200)
    await api.advanceTo(MONDAY.getTime() + 119 * DAY)
    expect((await api.request('GET', `/optout/${tokenOf(links.optout)}`, { as: null })).status).toBe(200)
    await api.advanceTo(MONDAY.getTime() + 120 * DAY + 60_000)
    for (const [method, path] of [
      ['GET', `/portal/${tokenOf(links.portal)}`],
      ['POST', `/portal/${tokenOf(links.portal)}/checkout`],
      ['GET', `/optout/${tokenOf(links.optout)}`],
      ['POST', `/optout/${tokenOf(links.optout)}`],
    ] as const) {
      const response = await api.request(method, path, { as: null })
      expect(response.status, path).toBe(410)
      const page = await response.text()
      expect(page).toContain('<html lang="de">')
      expect(page).toContain('<title>Dieser Link ist abgelaufen</title>')
      // Nothing of the case on it: no amount, no name.
      expect(page).not.toMatch(/Anna|€/)
      const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(page)
      expect(report.valid).toBe(true)
    }
    // The expired POST changed nothing: no opt-out was recorded.
    expect(await api.db.selectFrom('optouts').selectAll().execute()).toEqual([])
  })

  it('the first secret signs, every listed one is accepted; a dropped secret’s links are not valid', async () => {
    const api = await startApi()
    await api.expectStatus(201, 'PUT', '/api/cases/c-1', { body: caseInput('c-1') })
    const oldSecret = LINK_SECRET
    const newSecret = 'the-new-link-secret-2027'
    const rotated = createApp({ engine: api.engine, db: api.db, secrets: { links: [newSecret, oldSecret] } })
    const dropped = createApp({ engine: api.engine, db: api.db, secrets: { links: [newSecret] } })
    const oldLink = linkToken('c-1', 'email', oldSecret, 'pay')
    const newLink = tokenOf(createLinks({ publicUrl: 'https://pay.dunwell.test', secret: [newSecret, oldSecret] })('c-1', 'email').portal)
    const oldPortal = tokenOf(createLinks({ publicUrl: 'https://pay.dunwell.test', secret: oldSecret })('c-1', 'email', { id: 'step-1' }).portal)
    expect(readLinkToken(newLink, newSecret, 'portal')).toMatchObject({ status: 'valid', caseId: 'c-1' })
    expect(readLinkToken(newLink, oldSecret, 'portal')).toEqual({ status: 'invalid' })
    // An old pay link leads to the portal, as long as its secret is accepted.
    expect((await rotated.request(`/pay/${oldLink}`)).status).toBe(303)
    expect((await rotated.request(`/portal/${oldPortal}`)).status).toBe(200)
    expect((await rotated.request(`/portal/${newLink}`)).status).toBe(200)
    expect((await dropped.request(`/pay/${oldLink}`)).status).toBe(404)
    expect((await dropped.request(`/portal/${oldPortal}`)).status).toBe(404)
    expect((await dropped.request(`/portal/${newLink}`)).status).toBe(200)
  })

  it('reads a token made before links expired as expired, and never trusts a forged expiry', () => {
    const now = Date.UTC(2026, 10, 23)
    const token = linkToken('c-1', 'sms', LINK_SECRET, 'pay', now + DAY)
    expect(readLinkToken(token, LINK_SECRET, 'pay', now)).toMatchObject({ status: 'valid', expiresAt: now + DAY })
    expect(readLinkToken(token, LINK_SECRET, 'pay', now + DAY)).toEqual({ status: 'expired', caseId: 'c-1', channel: 'sms' })
    // Moving the expiry later breaks the signature.
    const bytes = Buffer.from(token, 'base64url')
    bytes.writeUInt32BE(0xfffffff0, 1)
    expect(readLinkToken(bytes.toString('base64url'), LINK_SECRET, 'pay', now)).toEqual({ status: 'invalid' })
    // A version-1 token (no expiry) signed with the secret: authentic, but expired.
    const payload = Buffer.from('email:c-1')
    const legacy = Buffer.concat([payload, createHmac('sha256', LINK_SECRET).update('dunwell-link/pay\n').update(payload).digest().subarray(0, 12)])
    expect(readLinkToken(legacy.toString('base64url'), LINK_SECRET, 'pay', now)).toEqual({ status: 'expired', caseId: 'c-1', channel: 'email' })
  })
})
