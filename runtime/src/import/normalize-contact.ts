import { closestName } from '@dunwell/journey'
import Holidays from 'date-holidays'
import countries from 'i18n-iso-countries'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'
import { z } from 'zod'
import { isCurrency } from '@dunwell/contract'

/** A normalised value, with a warning when what the file said was changed (`UK` → `GB`); or why it is refused. */
export type Normalised = { ok: true; value: string; warning?: string } | { ok: false; message: string }

/** Codes people write that ISO 3166-1 spells otherwise. */
const commonMistakes: Record<string, string> = { UK: 'GB', EL: 'GR' }

/** ISO 3166-1 alpha-2, from alpha-2, alpha-3 or the country's name in German or English. */
export function normaliseCountry(raw: string): Normalised {
  const text = raw.trim()
  const upper = text.toUpperCase()
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return { ok: true, value: upper }
  const mistaken = commonMistakes[upper]
  if (mistaken) return { ok: true, value: mistaken, warning: `is not an ISO 3166-1 country code: read as ${mistaken}` }
  const fromAlpha3 = /^[A-Z]{3}$/.test(upper) ? countries.alpha3ToAlpha2(upper) : undefined
  const fromName = countries.getAlpha2Code(text, 'de') ?? countries.getAlpha2Code(text, 'en')
  const code = fromAlpha3 ?? fromName
  if (code) return { ok: true, value: code, warning: `read as the country code ${code}` }
  // A name with a typo (Deutschlnad) is close to one name; two letters are close to too many codes to suggest one.
  const byName = new Map([...Object.entries(countries.getNames('de')), ...Object.entries(countries.getNames('en'))].map(([code, name]) => [name, code]))
  const suggestion = text.length > 3 ? closestName(text, byName.keys()) : undefined
  return { ok: false, message: `is not an ISO 3166-1 country code such as DE${suggestion ? `: did you mean ${suggestion} (${byName.get(suggestion)})?` : ''}` }
}

const holidays = new Holidays()

/** A region code of the country's public-holiday calendar (BY, or Bayern read as BY). */
export function normaliseRegion(raw: string, country: string | undefined): Normalised {
  const text = raw.trim()
  const upper = text.toUpperCase().replace(/^[A-Z]{2}-/, '')
  const states = country ? holidays.getStates(country) : undefined
  if (!states) return /^[A-Z0-9]{1,3}$/.test(upper) ? { ok: true, value: upper } : { ok: false, message: 'must be a region code such as BY' }
  if (states[upper]) return { ok: true, value: upper }
  const byName = Object.entries(states).find(([, name]) => name.toLowerCase() === text.toLowerCase())
  if (byName) return { ok: true, value: byName[0], warning: `read as the region code ${byName[0]}` }
  return { ok: false, message: `is not a region of ${country} (${Object.keys(states).join(', ')})` }
}

/** E.164, read with the debtor's country when the number has no international prefix. */
export function normalisePhone(raw: string, country: string | undefined): Normalised {
  const text = raw.trim()
  const parsed = parsePhoneNumberFromString(text, country as CountryCode | undefined)
  if (!parsed)
    return {
      ok: false,
      message: text.startsWith('+') || country ? 'is not a phone number' : 'needs a country (a country column, or the number with its +country code)',
    }
  if (!parsed.isValid()) return { ok: false, message: `is not a valid phone number${country && !text.startsWith('+') ? ` in ${country}` : ''}` }
  return { ok: true, value: parsed.number }
}

const email = z.string().email()
export function normaliseEmail(raw: string): Normalised {
  const text = raw.trim()
  return email.safeParse(text).success ? { ok: true, value: text } : { ok: false, message: 'is not an email address' }
}

export function normaliseCurrency(raw: string): Normalised {
  const upper = raw.trim().toUpperCase()
  return isCurrency(upper) ? { ok: true, value: upper } : { ok: false, message: 'is not an ISO 4217 currency code such as EUR' }
}

/** `de`, `DE`, `de_DE` and `de-de` are one locale: `de`, `de-DE`. */
export function normaliseLocale(raw: string): Normalised {
  const match = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$/.exec(raw.trim())
  if (!match) return { ok: false, message: 'is not a language code such as de or de-DE' }
  return { ok: true, value: match[2] ? `${match[1]!.toLowerCase()}-${match[2].toUpperCase()}` : match[1]!.toLowerCase() }
}
