import type { Context } from 'hono'
import type { AppOptions } from '../app-types'
import { debtorText, languageFromHeader } from '../../i18n/debtor-text'
import { invalidLinkPage } from '../../public-pages/debtor-pages'
import { debtorTextForCase } from '../../public-pages/debtor-text-for-case'
import { readCreditor } from '../../public-pages/creditor-store'
import { isFormKey, newFormKey } from '../../public-pages/form-key'
import { type Brand, pageHeaders, publicPageHeaders, type PageBody } from '../../public-pages/page-layout'
import { isHeld } from '../../public-pages/portal-case'
import type { BankAccount } from '../../public-pages/portal-pages'
import type { PortalCase, PortalView } from '../../public-pages/portal-view'
import { MAX_DOCUMENT_BYTES } from '../../public-pages/uploaded-document'
import { toMinorUnits } from '../../wire/money'
import { openLink } from './open-link'

/** Bytes a portal form may send: a dispute its document and a little more for the fields; any other form, 64 KB. */
export function portalBodyLimit(path: string): number {
  return path.endsWith('/dispute') ? MAX_DOCUMENT_BYTES + 64 * 1024 : 64 * 1024
}

/** A debtor's portal link: for now the `pay` link's token (a `portal` purpose bound to case and step slots in here). */
export async function portalLink(c: Context, options: AppOptions): Promise<{ caseId: string; channel: string } | Response> {
  return openLink(c, options, 'pay')
}

/** Where "pay now" starts a provider's checkout; none yet, so the portal offers the bank transfer (the seam for it). */
export function payNowUrl(_base: string): string | undefined {
  return undefined
}

export interface LoadedPortal {
  token: string
  caseId: string
  view: PortalView
  found: PortalCase
  debtor: Record<string, unknown>
  bank?: BankAccount
}

/** The case behind a portal link, with everything a page shows; or the page to answer instead (bad, expired, erased). */
export async function loadPortal(c: Context, options: AppOptions): Promise<LoadedPortal | Response> {
  const link = await portalLink(c, options)
  if (link instanceof Response) return link
  const row = await options.db.selectFrom('cases').selectAll().where('id', '=', link.caseId).executeTakeFirst()
  if (!row) return c.html(invalidLinkPage(debtorText(languageFromHeader(c.req.header('accept-language')))), 404, publicPageHeaders)
  const debtor = JSON.parse(row.debtor) as Record<string, unknown>
  const attributes = JSON.parse(row.attributes) as Record<string, unknown>
  const creditor = await readCreditor(options.db)
  const brand: Brand | undefined = creditor && { name: creditor.name, logo: creditor.logo, primaryColor: creditor.primaryColor }
  const token = c.req.param('token')!
  // Fees are not a field of a case yet: a case that names them in its attributes (major units, like its amounts) shows them.
  const feesMinor = typeof attributes.fees === 'number' && attributes.fees > 0 ? toMinorUnits(attributes.fees, row.currency) : undefined
  const fees = typeof feesMinor === 'number' ? feesMinor : undefined
  return {
    token,
    caseId: row.id,
    debtor,
    view: { text: await debtorTextForCase(options.db, row.id), brand, base: `/pay/${token}` },
    found: {
      reference: row.id,
      firstName: typeof debtor.firstName === 'string' ? debtor.firstName : undefined,
      currency: row.currency,
      amountDue: Number(row.amount_due),
      balance: Number(row.balance),
      fees,
      dueDate: row.due_date,
      held: await isHeld(options.db, row.id),
    },
    bank: creditor?.bank && { holder: creditor.bank.accountHolder ?? creditor.name, iban: creditor.bank.iban, bic: creditor.bank.bic },
  }
}

export function portalPage(c: Context, loaded: LoadedPortal, page: PageBody, status: 200 | 400 | 403 | 404 | 413 | 415 = 200): Response | Promise<Response> {
  return c.html(page, status, pageHeaders(loaded.view.brand))
}

/** What every form shares: a fresh key for a page that shows one, and the check of a posted one. */
export const formKeys = {
  make: (options: AppOptions, token: string) => newFormKey(options.secrets!.links!, token),
  check: (options: AppOptions, token: string, body: Record<string, unknown>) => isFormKey(options.secrets!.links!, token, body.submission, body.csrf),
}
