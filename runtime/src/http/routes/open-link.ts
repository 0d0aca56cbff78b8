import type { Context } from 'hono'
import { readLinkToken, type LinkPurpose } from '../../channels'
import { debtorText, languageFromHeader } from '../../i18n/debtor-text'
import { expiredLinkPage, invalidLinkPage } from '../../public-pages/debtor-pages'
import { debtorTextForCase } from '../../public-pages/debtor-text-for-case'
import { publicPageHeaders } from '../../public-pages/page-layout'
import type { AppOptions } from '../app-types'

/**
 * The case and channel of a debtor's link, or the page to answer instead: 404 for a link that was never made here,
 * 410 with a calm page in the debtor's language for one past its time. Checked on the engine's clock.
 */
export async function openLink(c: Context, options: AppOptions, purpose: LinkPurpose): Promise<{ caseId: string; channel: string } | Response> {
  const secrets = options.secrets?.links
  const reading = secrets ? readLinkToken(c.req.param('token') ?? '', secrets, purpose, options.engine.clock.now()) : { status: 'invalid' as const }
  if (reading.status === 'valid') return { caseId: reading.caseId, channel: reading.channel }
  if (reading.status === 'expired') return c.html(expiredLinkPage(await debtorTextForCase(options.db, reading.caseId)), 410, publicPageHeaders)
  return c.html(invalidLinkPage(debtorText(languageFromHeader(c.req.header('accept-language')))), 404, publicPageHeaders)
}
