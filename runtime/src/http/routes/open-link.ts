import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { isAutomatedOpen, readLinkToken, readPortalLinkToken, type LinkPurpose, type PortalLinkTarget } from '../../channels'
import { debtorText, languageFromHeader } from '../../i18n/debtor-text'
import { erasedLinkPage, expiredLinkPage, invalidLinkPage } from '../../public-pages/debtor-pages'
import { debtorTextForCase } from '../../public-pages/debtor-text-for-case'
import { publicPageHeaders } from '../../public-pages/page-layout'
import type { AppOptions } from '../app-types'

type Reading<T> = { status: 'invalid' } | ({ status: 'valid' } & T) | { status: 'expired'; caseId: string }

/**
 * The target of a link's reading, or the page to answer instead: 404 for a link that was never made here (a portal link
 * also when its case does not exist), 410 for the link of an erased case, and 410 with a calm page in the debtor's language for one
 * past its time (checked on the engine's clock).
 */
async function targetOrPage<T extends { caseId: string }>(c: Context, options: AppOptions, reading: Reading<T>, needsCase: boolean): Promise<T | Response> {
  const text = () => debtorText(languageFromHeader(c.req.header('accept-language')))
  if (reading.status === 'invalid') return c.html(invalidLinkPage(text()), 404, publicPageHeaders)
  // The link of an erased case is dead, whether or not it expired: the page shows nothing of the case.
  const row = await options.db.selectFrom('cases').select('erased_at').where('id', '=', reading.caseId).executeTakeFirst()
  if (!row && needsCase) return c.html(invalidLinkPage(text()), 404, publicPageHeaders)
  if (row && row.erased_at !== null) return c.html(erasedLinkPage(text()), 410, publicPageHeaders)
  if (reading.status === 'expired') return c.html(expiredLinkPage(await debtorTextForCase(options.db, reading.caseId)), 410, publicPageHeaders)
  const { status: _, ...target } = reading
  return target as unknown as T
}

/** The case and channel of a debtor's pay or opt-out link (the `:token` path parameter), or the page to answer instead. */
export async function openLink(c: Context, options: AppOptions, purpose: LinkPurpose): Promise<{ caseId: string; channel: string } | Response> {
  const secrets = options.secrets?.links
  const reading = secrets ? readLinkToken(c.req.param('token') ?? '', secrets, purpose, options.engine.clock.now()) : { status: 'invalid' as const }
  const link = await targetOrPage<{ caseId: string; channel: string }>(c, options, reading, false)
  return link instanceof Response ? link : { caseId: link.caseId, channel: link.channel }
}

export interface PortalLink extends PortalLinkTarget {
  /** The token as it came, for the portal's own forms and links (`/portal/${token}/…`). */
  token: string
  expiresAt: number
}

/**
 * A portal link (`:token`), checked: its case, channel, journey step and offers, or the page to answer instead (404
 * invalid or unknown case, 410 erased or expired; nothing is recorded for those). Records nothing: for the portal's
 * forms (POST), which act on the link.
 */
export async function verifyPortalLink(c: Context, options: AppOptions): Promise<PortalLink | Response> {
  const token = c.req.param('token') ?? ''
  const secrets = options.secrets?.links
  const reading = secrets ? readPortalLinkToken(token, secrets, options.engine.clock.now()) : { status: 'invalid' as const }
  const link = await targetOrPage<PortalLinkTarget & { expiresAt: number }>(c, options, reading, true)
  return link instanceof Response ? link : { ...link, token }
}

/**
 * A portal link opened (the portal page's GET): checked as `verifyPortalLink`, and, when a person opened it, recorded
 * as a `link.opened` event `{ purpose: 'portal', step? }` through the engine's ingest, once per link and day (the
 * engine's day, UTC). Not for HEAD, prefetch, previews or known link scanners (see `isAutomatedOpen`).
 */
export async function openPortalLink(c: Context, options: AppOptions): Promise<PortalLink | Response> {
  const link = await verifyPortalLink(c, options)
  if (link instanceof Response || isAutomatedOpen(c.req.method, c.req.raw.headers)) return link
  const day = new Date(options.engine.clock.now()).toISOString().slice(0, 10)
  // The token's hash names the link: the id carries nothing a reader of ids could use to open it.
  const linkId = createHash('sha256').update(link.token).digest('base64url').slice(0, 22)
  await options.engine.ingest(
    [{ id: `link.opened/${linkId}/${day}`, type: 'link.opened', caseId: link.caseId, data: { purpose: 'portal', ...(link.step ? { step: link.step } : {}) } }],
    'runtime',
  )
  return link
}
