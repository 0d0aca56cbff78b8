import { describe, expect, it } from 'vitest'
import { chooseLocale } from './choose-locale'

describe('chooseLocale', () => {
  it('takes the exact locale first', () => {
    expect(chooseLocale(['de', 'de-AT', 'en'], 'de-AT', 'en')).toBe('de-AT')
  })

  it('falls back from a regional variant to its language', () => {
    expect(chooseLocale(['en', 'de'], 'de-AT', 'en')).toBe('de')
    expect(chooseLocale(['en', 'de'], 'en-GB', 'de')).toBe('en')
  })

  it('takes another variant of the language when the language itself is missing', () => {
    expect(chooseLocale(['en', 'de-CH', 'de-DE'], 'de', 'en')).toBe('de-CH')
    expect(chooseLocale(['en', 'de-CH'], 'de-AT', 'en')).toBe('de-CH')
  })

  it('prefers the language over a sibling variant', () => {
    expect(chooseLocale(['de-CH', 'de'], 'de-AT', 'en')).toBe('de')
  })

  it('falls back to the default for another language or no locale', () => {
    expect(chooseLocale(['en', 'de'], 'fr', 'en')).toBe('en')
    expect(chooseLocale(['en', 'de'], 'fr-FR', 'de')).toBe('de')
    expect(chooseLocale(['en', 'de'], undefined, 'de')).toBe('de')
    expect(chooseLocale(['en', 'de'], '', 'de')).toBe('de')
  })

  it('matches the default the same way, and returns it when nothing fits', () => {
    expect(chooseLocale(['en', 'de-DE'], 'fr', 'de')).toBe('de-DE')
    expect(chooseLocale([], 'fr', 'de')).toBe('de')
  })

  it("accepts locales as callers send them (underscore, any case) and answers in the template's spelling", () => {
    expect(chooseLocale(['en', 'de-AT'], 'de_at', 'en')).toBe('de-AT')
    expect(chooseLocale(['en', 'de'], 'DE-at', 'en')).toBe('de')
  })
})
