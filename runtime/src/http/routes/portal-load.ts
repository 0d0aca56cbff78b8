import type { Context } from 'hono'
import type { AppOptions } from '../app-types'
import { debtorText, languageFromHeader } from '../../i18n/debtor-text'
import { invalidLinkPage } from '../../public-pages/debtor-pages'
import { debtorTextForCase } from '../../public-pages/debtor-text-for-case'
import { readCreditor } from '../../public-pages/creditor-store'
import { isFormKey, newFormKey } from '../../public-pages/form-key'
import { type Brand, pageHeaders, publicPageHeaders, type PageBody } from '../../public-pages/page-layout'
import { readActiveArrangement } from '../../public-pages/portal-arrangement'
import { isHeld } from '../../public-pages/portal-case'
import { type LinkOffer, partPayment, readLinkOffer } from '../../public-pages/portal-offer'
import type { BankAccount, PayNowForm } from '../../public-pages/portal-pages'
import { type PortalCase, type PortalView, portalBase } from '../../public-pages/portal-view'
import { MAX_DOCUMENT_BYTES } from '../../public-pages/uploaded-document'
import { toMinorUnits } from '../../wire/money'
import { openPortalLink, type PortalLink, verifyPortalLink } from './open-link'

/** Bytes a portal form may send: a dispute its document and a little more for the fields; any other form, 64 KB. */
export function portalBodyLimit(path: string): number {
  return path.endsWith('/dispute') ? MAX_DOCUMENT_BYTES + 64 * 1024 : 64 * 1024
}

/**
 * A debtor's portal link (`/portal/<token>`): bound to case, channel, journey step and its offers. Opening a page
 * (GET) records `link.opened` once per link and day, unless a scanner or prefetch asked; a form (POST) only checks it.
 */
export async function portalLink(c: Context, options: AppOptions): Promise<PortalLink | Response> {
  return c.req.method === 'GET' || c.req.method === 'HEAD' ? openPortalLink(c, options) : verifyPortalLink(c, options)
}

/** The overview's "pay now": the provider's checkout form, when one is wired; paying in part only when the link offers it. */
export function payNow(options: AppOptions, loaded: LoadedPortal): PayNowForm | undefined {
  if (!options.payments?.provider) return undefined
  return {
    action: `${loaded.view.base}/checkout`,
    ...partPayment(loaded.offer, loaded.found.arrangement !== undefined),
    key: formKeys.make(options, loaded.token),
  }
}

export interface LoadedPortal {
  token: string
  link: PortalLink
  caseId: string
  view: PortalView
  found: PortalCase
  /** What the link's step offers now (its signed flags, with the stored offer's rules). */
  offer: LinkOffer
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
  const token = link.token
  // Fees are not a field of a case yet: a case that names them in its attributes (major units, like its amounts) shows them.
  const feesMinor = typeof attributes.fees === 'number' && attributes.fees > 0 ? toMinorUnits(attributes.fees, row.currency) : undefined
  const fees = typeof feesMinor === 'number' ? feesMinor : undefined
  return {
    token,
    link,
    caseId: row.id,
    debtor,
    view: { text: await debtorTextForCase(options.db, row.id), brand, base: portalBase(c.req.path, token) },
    found: {
      reference: row.id,
      firstName: typeof debtor.firstName === 'string' ? debtor.firstName : undefined,
      currency: row.currency,
      amountDue: Number(row.amount_due),
      balance: Number(row.balance),
      fees,
      dueDate: row.due_date,
      held: await isHeld(options.db, row.id),
      arrangement: await readActiveArrangement(options.db, row.id),
    },
    offer: await readLinkOffer(options.db, link, row.currency, options.engine.clock.now()),
    bank: creditor?.bank && { holder: creditor.bank.accountHolder ?? creditor.name, iban: creditor.bank.iban, bic: creditor.bank.bic },
  }
}

export function portalPage(
  c: Context,
  loaded: LoadedPortal,
  page: PageBody,
  status: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 415 | 502 = 200,
  formTargets: readonly string[] = [],
): Response | Promise<Response> {
  return c.html(page, status, pageHeaders(loaded.view.brand, formTargets))
}

/** What every form shares: a fresh key for a page that shows one, and the check of a posted one. */
export const formKeys = {
  make: (options: AppOptions, token: string) => newFormKey(options.secrets!.links!, token),
  check: (options: AppOptions, token: string, body: Record<string, unknown>) => isFormKey(options.secrets!.links!, token, body.submission, body.csrf),
}
