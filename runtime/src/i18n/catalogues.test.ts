import { describe, expect, it } from 'vitest'
import { de } from './de'
import { catalogues, type Catalogue, debtorText, languageFromHeader } from './debtor-text'
import { en } from './en'

/** Every leaf of a catalogue as `path → text` (functions called with a marker, so their wording can be compared). */
function leaves(value: unknown, path = ''): Record<string, string> {
  if (typeof value === 'string') return { [path]: value }
  if (typeof value === 'function') return { [path]: String(value('«x»')) }
  return Object.assign({}, ...Object.entries(value as object).map(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key)))
}

describe('the debtor catalogues', () => {
  it('German has every key English has, each one translated', () => {
    const english = leaves(en)
    const german = leaves(de)
    expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort())
    // "SMS" is the German word too; everything else must differ from the English text.
    const untranslated = Object.keys(english).filter((key) => english[key] === german[key] && key !== 'channels.sms')
    expect(untranslated).toEqual([])
  })

  it('a catalogue missing a key does not type-check', () => {
    const { optOutLine: _dropped, ...rest } = de
    // @ts-expect-error -- `optOutLine` is missing: the type checker names it
    const broken: Catalogue = rest
    expect(Object.keys(catalogues)).toEqual(['en', 'de'])
    expect(broken).not.toHaveProperty('optOutLine')
  })

  it('chooses debtor locale, then the journey default, then English; amounts and dates by the full locale', () => {
    expect(debtorText('de_CH', 'en')).toMatchObject({ lang: 'de', locale: 'de-CH' })
    expect(debtorText(null, 'de-AT')).toMatchObject({ lang: 'de', locale: 'de-AT' })
    expect(debtorText('pl', 'pl')).toMatchObject({ lang: 'en', locale: 'en' })
    expect(debtorText('not a locale!', 'de').lang).toBe('de')
    expect(debtorText('de-DE').money(1234.5, 'EUR')).toBe('1.234,50\u00a0€')
    expect(debtorText('de-CH').money(1234.5, 'CHF')).toMatch(/^CHF\s1[’']234\.50$/)
    expect(debtorText('en-US').date('2026-12-31')).toBe('December 31, 2026')
    expect(debtorText('de').date('2026-12-31')).toBe('31. Dezember 2026')
    expect(debtorText('de').date('garbage')).toBe('garbage')
  })

  it('reads Accept-Language by weight, ignoring languages without texts and q=0', () => {
    expect(languageFromHeader('fr-FR, de;q=0.7, en;q=0.8')).toBe('en')
    expect(languageFromHeader('de;q=0, en;q=0.1')).toBe('en')
    expect(languageFromHeader('fr, it')).toBeUndefined()
    expect(languageFromHeader(undefined)).toBeUndefined()
  })
})
