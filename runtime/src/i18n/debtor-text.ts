import { memoize } from '../engine/memo'
import { chooseLocale } from '../messages/choose-locale'
import { de } from './de'
import { type Catalogue, en } from './en'

export type { Catalogue } from './en'

/** One catalogue per language; a language added here is offered everywhere the runtime writes to a debtor. */
export const catalogues = { en, de } satisfies Record<string, Catalogue>

export type CatalogueLanguage = keyof typeof catalogues

const languages = Object.keys(catalogues) as CatalogueLanguage[]

export interface DebtorText {
  /** The language of the texts, for `<html lang>`: the catalogue's, never a locale whose texts we do not have. */
  lang: CatalogueLanguage
  /** The full locale for numbers and dates (`de-AT` formats as Austrians write), when its language is `lang`. */
  locale: string
  t: Catalogue
  money: (amount: number, currency: string) => string
  /** A calendar date (`2026-12-31`), written out in the locale; not shifted by any time zone. */
  date: (isoDate: string) => string
}

// Building an Intl formatter costs far more than using one: one per locale (and currency), kept.
const moneyFormat = memoize((locale: string, currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }), 200)
const dateFormat = memoize((locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }), 200)

function safeLocale(tag: string, lang: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.replace(/_/g, '-'))
    return canonical && canonical.split('-')[0]!.toLowerCase() === lang ? canonical : lang
  } catch {
    return lang
  }
}

/**
 * The texts for a debtor: their own locale, else the journey's default locale, else English — the same order in
 * which messages choose a template body.
 */
export function debtorText(debtorLocale?: string | null, journeyDefault?: string | null): DebtorText {
  const wanted = debtorLocale ?? undefined
  const chosen = chooseLocale(languages, wanted, journeyDefault ?? 'en')
  const lang: CatalogueLanguage = (languages as string[]).includes(chosen) ? (chosen as CatalogueLanguage) : 'en'
  const source = [wanted, journeyDefault].find((tag) => tag && tag.replace(/_/g, '-').split('-')[0]!.toLowerCase() === lang)
  const locale = source ? safeLocale(source, lang) : lang
  return {
    lang,
    locale,
    t: catalogues[lang],
    money: (amount, currency) => moneyFormat(locale, currency).format(amount),
    date: (isoDate) => {
      const at = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)
      return Number.isNaN(at.getTime()) ? isoDate : dateFormat(locale).format(at)
    },
  }
}

/** The best catalogue language for an `Accept-Language` header (for pages that know no debtor, such as a bad link). */
export function languageFromHeader(header: string | undefined): CatalogueLanguage | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { lang: tag.trim().split('-')[0]!.toLowerCase(), q: q ? Number(q.slice(2)) : 1 }
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q)
  return ranked.map((entry) => entry.lang).find((lang): lang is CatalogueLanguage => (languages as string[]).includes(lang))
}
