import { afterEach, describe, expect, it } from 'vitest'
import { caseInput, days, emailTemplate, emailThenSms, enrol, journey, messages, MONDAY, startEngine, textTemplate } from '../engine/testing'
import { createHttpProviderAdapter, createLinks, createSmtpAdapter, readPortalLinkToken, verifyLinkToken, verifySignature } from './index'
import { smtpError, startHttpServer, startSmtpServer } from './testing/local-servers'
import { parseRawEmail } from '../testing/raw-email'

/** The adapters behind a real engine: the outbox rows it writes are what they send, and their answers settle the rows. */

const linkSecret = 'link-secret-0123456789abcdef'
const providerSecret = 'provider-secret-0123456789'
const links = createLinks({ publicUrl: 'https://pay.acme.test', secret: linkSecret })

const reminder = emailThenSms()

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function engineWithRealChannels(rejectRecipient = false) {
  const smtp = await startSmtpServer(rejectRecipient ? { rcpt: () => smtpError(550, 'No such user') } : {})
  const provider = await startHttpServer((request) => {
    const headers = request.headers as Record<string, string | undefined>
    const signed = verifySignature({
      secret: providerSecret,
      timestamp: headers['x-dunwell-timestamp'],
      signature: headers['x-dunwell-signature'],
      body: request.body,
      now: Date.now(),
    })
    return signed ? { status: 202, body: '{"id":"sms-1"}' } : { status: 401 }
  })
  const email = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, from: 'billing@acme.test', listUnsubscribe: (m) => links(m.caseId, m.channel).optout })
  cleanup.push(smtp.close, provider.close, () => email.close())
  const sms = createHttpProviderAdapter({ url: provider.url, secret: providerSecret, channel: 'sms' })
  const t = await startEngine({ channels: { email, sms }, links })
  return { t, smtp, provider }
}

describe('the engine delivering through real channels', () => {
  it('sends the rendered email and SMS, with links that lead back to the case, and marks both sent', async () => {
    const { t, smtp, provider } = await engineWithRealChannels()
    await enrol(t, reminder, [caseInput('INV-1001')])
    // One message a day (the default policy): the text follows the email a day later.
    await t.engine.advanceTo(MONDAY.getTime() + days(2))

    const rows = await messages(t, 'INV-1001')
    expect(rows.map((row) => [row.channel, row.status])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ])

    const mail = parseRawEmail(smtp.mails[0]!.raw)
    const unsubscribe = /^<https:\/\/pay\.acme\.test\/optout\/([\w-]+)>$/.exec(mail.headers.get('list-unsubscribe')!)
    expect(verifyLinkToken(unsubscribe![1]!, linkSecret, 'optout')).toEqual({ caseId: 'INV-1001', channel: 'email' })
    expect(mail.headers.get('x-dunwell-message')).toBe(rows[0]!.id)
    // The text part the outbox made from the HTML went out too.
    expect(mail.parts.map((part) => part.headers.get('content-type')?.split(';')[0])).toEqual(['text/plain', 'text/html'])
    expect(mail.parts[0]!.body).toContain('Hello Anna, €100.00 is open.')

    const posted = JSON.parse(provider.requests[0]!.body) as { id: string; to: string; text: string }
    expect(posted).toMatchObject({ id: rows[1]!.id, to: '+4915112345678' })
    // {{ links.pay }} is the portal, bound to the message that carried it.
    const portalToken = /https:\/\/pay\.acme\.test\/portal\/([\w-]+)/.exec(posted.text)![1]!
    expect(readPortalLinkToken(portalToken, linkSecret)).toMatchObject({ status: 'valid', caseId: 'INV-1001', channel: 'sms', step: rows[1]!.id })
  })

  it('fails the email at once when the server refuses the recipient for good', async () => {
    const { t } = await engineWithRealChannels(true)
    await enrol(t, reminder, [caseInput('INV-1002')])
    const [mail] = await messages(t, 'INV-1002')
    expect(mail).toMatchObject({ status: 'failed', attempts: 1 })
    expect(mail!.reason).toMatch(/550/)
  })
})
