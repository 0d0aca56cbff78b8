import type { ContactHours, Weekday, WaitData } from '@dunwell/journey'

/** Where a debtor lives, as far as the clock and the calendar are concerned. */
export interface DebtorPlace {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone?: string
  /** ISO 3166-1 country code, e.g. `DE`. */
  country?: string
  /** ISO 3166-2 subdivision, `BY` or `DE-BY`. */
  region?: string
}

/** Contact hours with the days spelled out. */
export interface ContactWindow {
  start: string
  end: string
  days: Weekday[]
}

/** Contact hours as a journey or the policy gives them (no `days` means every day). */
export type Hours = ContactHours | ContactWindow

/** A wait node's data without its label and note. */
export type WaitRule = WaitData extends infer T ? (T extends unknown ? Omit<T, 'label' | 'note'> : never) : never

/** Fallbacks for a debtor whose record lacks a time zone or a country. */
export interface PlaceDefaults {
  defaultTimezone: string
  defaultCountry?: string
}
