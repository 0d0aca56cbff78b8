import { html } from 'hono/html'
import type { DebtorText } from '../i18n/debtor-text'
import type { Brand, PageBody } from './page-layout'
import type { PortalArrangement } from './portal-arrangement'

/** What every portal page knows: the debtor's texts, the creditor's brand, and where its own pages are. */
export interface PortalView {
  text: DebtorText
  brand?: Brand
  /** The overview's address relative to the page shown (`portalBase`): the forms post back below it. */
  base: string
}

/**
 * Where the portal's overview is, relative to the page at `path` (`./<token>` from the overview, `../<token>` from a
 * page below it, `../../<token>` from one below that). The browser resolves it against the address it shows, so
 * links, forms and back links stay under whatever prefix the portal is reached by: a `publicUrl` with a path behind a
 * proxy, or the app mounted under one.
 */
export function portalBase(path: string, token: string): string {
  const at = path.lastIndexOf(`/${token}`)
  const below = at < 0 ? 1 : (path.slice(at + token.length + 1).match(/\//g) ?? []).length
  return below === 0 ? `./${token}` : `${'../'.repeat(below)}${token}`
}

/** The case as the portal shows it; amounts in minor units, exact. */
export interface PortalCase {
  /** The reference a transfer must carry (the case's id, which is the creditor's invoice reference). */
  reference: string
  firstName?: string
  currency: string
  amountDue: number
  balance: number
  /** Fees on top of the invoice, when the case's attributes name them (`attributes.fees`, major units as sent). */
  fees?: number
  dueDate: string
  /** A dispute or hardship is being looked into: no reminders meanwhile. */
  held: boolean
  /** The promise or plan the debtor is keeping: shown, and no second one offered. */
  arrangement?: PortalArrangement
}

/** The hidden fields that make a form this portal's own: a per-form id (one submission, however often sent) and its MAC. */
export interface FormKey {
  submission: string
  csrf: string
}

export function hiddenFields(key: FormKey): PageBody {
  return html`<input type="hidden" name="submission" value="${key.submission}"><input type="hidden" name="csrf" value="${key.csrf}">`
}

export function backLink(view: PortalView): PageBody {
  return html`<p><a class="back" href="${view.base}">${view.text.t.portal.back}</a></p>`
}

/** The error summary a form shows above itself; the field names the message by `aria-describedby`. */
export function errorBox(view: PortalView, message: string | undefined, id: string): PageBody | '' {
  return message ? html`<div class="error" id="${id}"><h2>${view.text.t.portal.errorTitle}</h2><p>${message}</p></div>` : ''
}

/** A major-unit amount written for an input in the debtor's locale, without grouping (89,90 or 89.90). */
export function amountForInput(text: DebtorText, minor: number, digits: number): string {
  return new Intl.NumberFormat(text.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(minor / 10 ** digits)
}
