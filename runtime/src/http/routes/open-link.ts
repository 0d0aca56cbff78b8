import type { Context } from 'hono'
import { readLinkToken, type LinkPurpose } from '../../channels'
import { debtorText, languageFromHeader } from '../../i18n/debtor-text'
import { erasedLinkPage, expiredLinkPage, invalidLinkPage } from '../../public-pages/debtor-pages'
import { debtorTextForCase } from '../../public-pages/debtor-text-for-case'
import { publicPageHeaders } from '../../public-pages/page-layout'
import type { AppOptions } from '../app-types'

/**
 * The case and channel of a debtor's link, or the page to answer instead: 404 for a link that was never made here,
 * 410 for the link of an erased case, and 410 with a calm page in the debtor's language for one past its time
 * (checked on the engine's clock).
 */
export async function openLink(c: Context, options: AppOptions, purpose: LinkPurpose): Promise<{ caseId: string; channel: string } | Response> {
  const secrets = options.secrets?.links
  const reading = secrets ? readLinkToken(c.req.param('token') ?? '', secrets, purpose, options.engine.clock.now()) : { status: 'invalid' as const }
  const text = () => debtorText(languageFromHeader(c.req.header('accept-language')))
  if (reading.status === 'invalid') return c.html(invalidLinkPage(text()), 404, publicPageHeaders)
  // The link of an erased case is dead, whether or not it expired: the page shows nothing of the case.
  const row = await options.db.selectFrom('cases').select('erased_at').where('id', '=', reading.caseId).executeTakeFirst()
  if (row && row.erased_at !== null) return c.html(erasedLinkPage(text()), 410, publicPageHeaders)
  if (reading.status === 'expired') return c.html(expiredLinkPage(await debtorTextForCase(options.db, reading.caseId)), 410, publicPageHeaders)
  return { caseId: reading.caseId, channel: reading.channel }
}
