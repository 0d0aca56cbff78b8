import type { OpenAPIHono } from '@hono/zod-openapi'
import { isOptOutReply, parseDeliveryCallback, portalLinkToken, readLinkToken, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../channels'
import { getCase } from '../../engine/cases-admin'
import { debtorText, languageFromHeader } from '../../i18n/debtor-text'
import { invalidLinkPage, optOutDonePage, optOutQuestionPage } from '../../public-pages/debtor-pages'
import { optOutEvent } from '../../public-pages/opt-out-event'
import { debtorTextForCase } from '../../public-pages/debtor-text-for-case'
import { publicPageHeaders } from '../../public-pages/page-layout'
import type { AppEnv, AppOptions } from '../app-types'
import { problem } from '../problem'
import { openLink } from './open-link'
import { recordProviderReport } from '../../engine/message-deliveries'

/** What a debtor reaches without a key (signed links), and what providers call back (signed bodies). */
export function publicRoutes(app: OpenAPIHono<AppEnv>, options: AppOptions): void {
  const { engine } = options

  /** The case a link names, unless the link is forged (404) or its case erased (410: the page says so, and nothing else). */

  // A link scanner that follows every link must not unsubscribe anyone: GET asks, POST does.
  app.get('/optout/:token', async (c) => {
    const link = await openLink(c, options, 'optout')
    if (link instanceof Response) return link
    return c.html(optOutQuestionPage(await debtorTextForCase(options.db, link.caseId), link.channel), 200, publicPageHeaders)
  })

  app.post('/optout/:token', async (c) => {
    const link = await openLink(c, options, 'optout')
    if (link instanceof Response) return link
    await engine.ingest([optOutEvent(link.caseId, link.channel)], 'runtime')
    return c.html(optOutDonePage(await debtorTextForCase(options.db, link.caseId), link.channel), 200, publicPageHeaders)
  })

  // A pay link sent before the portal: to the portal for its case and channel, working as long as the pay link would.
  app.get('/pay/:token', async (c) => {
    const secrets = options.secrets?.links
    const reading = secrets ? readLinkToken(c.req.param('token'), secrets, 'pay', engine.clock.now()) : undefined
    const link = await openLink(c, options, 'pay')
    if (link instanceof Response) return link
    const found = await getCase(options.db, link.caseId)
    if (!found || !secrets || reading?.status !== 'valid')
      return c.html(invalidLinkPage(debtorText(languageFromHeader(c.req.header('accept-language')))), 404, publicPageHeaders)
    const signing = typeof secrets === 'string' ? secrets : secrets[0]!
    return c.redirect(`../portal/${portalLinkToken({ caseId: link.caseId, channel: link.channel }, signing, reading.expiresAt)}`, 303)
  })

  app.post('/callbacks/:provider', async (c) => {
    const provider = c.req.param('provider')
    const providers = options.secrets?.providers ?? {}
    const secret = Object.hasOwn(providers, provider) ? providers[provider] : undefined
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
    // A provider speaks only for the messages it was given: an SMS provider's STOP is no email opt-out.
    if (!message || message.channel !== provider)
      return problem(c, 404, `no message "${callback.messageId}" was sent through ${provider}`, {
        errors: [{ path: 'messageId', message: `no message "${callback.messageId}" was sent through ${provider}` }],
      })
    // A bounce is a failure to deliver for a journey (`message.failed`, marked `bounced`); the message keeps the word.
    const type =
      callback.status === 'delivered'
        ? 'message.delivered'
        : callback.status === 'failed' || callback.status === 'bounced'
          ? 'message.failed'
          : callback.text && isOptOutReply(callback.text)
            ? 'optout'
            : 'message.replied'
    const data =
      type === 'optout'
        ? { channel: message.channel, via: 'reply' }
        : {
            messageId: callback.messageId,
            ...(callback.status === 'bounced' ? { bounced: true } : {}),
            ...(callback.reason ? { reason: callback.reason } : {}),
          }
    if (callback.status !== 'reply') await recordProviderReport(options.db, callback.messageId, callback.status, callback.reason ?? null, engine.clock.now())
    const result = await engine.ingest([{ id: `callback/${callback.messageId}/${callback.status}/${type}`, type, caseId: message.case_id, data }], 'runtime')
    if (result.errors.length > 0) return problem(c, 410, `the case of message "${callback.messageId}" was erased`)
    return c.json({ accepted: true, event: type }, 202)
  })
}
