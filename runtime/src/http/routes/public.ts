import type { OpenAPIHono } from '@hono/zod-openapi'
import { html } from 'hono/html'
import { isOptOutReply, parseDeliveryCallback, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyLinkToken, verifySignature } from '../../channels'
import { getCase } from '../../engine/cases-admin'
import type { AppEnv, AppOptions } from '../app-types'
import { problem } from '../problem'

const channelNames: Record<string, string> = { email: 'emails', sms: 'text messages', whatsapp: 'WhatsApp messages', letter: 'letters', call: 'calls', all: 'messages' }

function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1f2933;background:#1f2933;color:#fff;cursor:pointer}</style>
</head><body><h1>${title}</h1>${body}</body></html>`
}

/** What a debtor reaches without a key (signed links), and what providers call back (signed bodies). */
export function publicRoutes(app: OpenAPIHono<AppEnv>, options: AppOptions): void {
  const { engine } = options
  const linkSecret = options.secrets?.links

  // A link scanner that follows every link must not unsubscribe anyone: GET asks, POST does.
  app.get('/optout/:token', (c) => {
    const link = linkSecret ? verifyLinkToken(c.req.param('token'), linkSecret, 'optout') : null
    if (!link) return c.html(page('This link is not valid', html`<p>It may have been copied incompletely.</p>`), 404)
    const what = channelNames[link.channel] ?? 'messages'
    return c.html(page(`Stop ${what} about this invoice?`, html`<form method="post"><p>We will not send you ${what} about it any more.</p><button type="submit">Unsubscribe</button></form>`))
  })

  app.post('/optout/:token', async (c) => {
    const link = linkSecret ? verifyLinkToken(c.req.param('token'), linkSecret, 'optout') : null
    if (!link) return c.html(page('This link is not valid', html`<p>It may have been copied incompletely.</p>`), 404)
    await engine.ingest([{ id: `optout/${link.caseId}/${link.channel}`, type: 'optout', caseId: link.caseId, data: { channel: link.channel, via: 'link' } }])
    return c.html(page('You are unsubscribed', html`<p>You will not receive ${channelNames[link.channel] ?? 'messages'} from us about this invoice any more.</p>`))
  })

  app.get('/pay/:token', async (c) => {
    const link = linkSecret ? verifyLinkToken(c.req.param('token'), linkSecret, 'pay') : null
    const found = link ? await getCase(options.db, link.caseId) : undefined
    if (!found) return c.html(page('This link is not valid', html`<p>It may have been copied incompletely.</p>`), 404)
    const amount = new Intl.NumberFormat(found.debtor.locale ?? 'en', { style: 'currency', currency: found.currency }).format(found.balance)
    return c.html(page(found.balance > 0 ? `${amount} is open` : 'Nothing is open', html`<p>${found.balance > 0 ? 'Your creditor’s payment page takes it from here.' : 'Thank you.'}</p>`))
  })

  app.post('/callbacks/:provider', async (c) => {
    const provider = c.req.param('provider')
    const secret = options.secrets?.providers?.[provider]
    if (!secret) return problem(c, 404, `no provider "${provider}" is configured`)
    const body = await c.req.text()
    if (!verifySignature({ secret, timestamp: c.req.header(TIMESTAMP_HEADER), signature: c.req.header(SIGNATURE_HEADER), body, now: Date.now() })) {
      return problem(c, 401, 'the signature is missing, wrong or too old')
    }
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      return problem(c, 400, 'the body is not valid JSON')
    }
    const parsed = parseDeliveryCallback(json)
    if (!parsed.ok) return problem(c, 400, parsed.error, { errors: [{ path: parsed.error.split(':')[0]!, message: parsed.error }] })
    const { callback } = parsed
    const message = await options.db.selectFrom('outbox').select(['case_id', 'channel']).where('id', '=', callback.messageId).executeTakeFirst()
    if (!message) return problem(c, 404, `no message "${callback.messageId}"`)
    const type =
      callback.status === 'delivered' ? 'message.delivered' : callback.status === 'failed' ? 'message.failed' : callback.text && isOptOutReply(callback.text) ? 'optout' : 'message.replied'
    const data = type === 'optout' ? { channel: message.channel, via: 'reply' } : { messageId: callback.messageId, ...(callback.reason ? { reason: callback.reason } : {}) }
    await engine.ingest([{ id: `callback/${callback.messageId}/${callback.status}/${type}`, type, caseId: message.case_id, data }])
    return c.json({ accepted: true, event: type }, 202)
  })
}
