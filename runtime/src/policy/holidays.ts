import Holidays from 'date-holidays'

const DAY = 86_400_000

const calendars = new Map<string, Holidays | null>()
const holidaysByYear = new Map<string, Map<string, PublicHoliday>>()
const daysByYear = new Map<string, { name: string; nameEn?: string; date: string }[]>()
const partsOf = new Map<string, Record<string, string>>()
let knownCountries: Record<string, string> | undefined

/** What to do on a holiday that applies only in parts of the debtor's state (15 August in most of Bavaria). */
export const partialRegionalHolidayChoices = ['no-contact', 'contact'] as const
export type PartialRegionalHolidays = (typeof partialRegionalHolidayChoices)[number]

/** A public holiday as the audit trail names it. */
export interface PublicHoliday {
  /** The holiday's name in the country's language (date-holidays' data), e.g. `Mariä Himmelfahrt`. */
  name: string
  /** Its English name, when date-holidays has one. */
  nameEn?: string
  /** The local date, `YYYY-MM-DD`. */
  date: string
  country: string
  /** The state, e.g. `BY`, when the debtor's region was used. */
  region?: string
  /**
   * Set when the day is a public holiday only in parts of the region: the parts, as date-holidays names them
   * (`Überwiegend katholische Gemeinden`).
   */
  onlyIn?: string[]
}

/**
 * Whether a local date is a public holiday in a country (and, if given, its region). Only holidays of type
 * "public" count; several-day holidays count on each day. An unknown country is never a holiday; an unknown region
 * falls back to the country's nationwide holidays. A holiday of only some parts of the region does not count here
 * (business days of a wait); contact uses {@link publicHolidayOn}, where the policy decides.
 */
export function isPublicHoliday(localDate: string, country?: string, region?: string): boolean {
  return publicHolidayOn(localDate, country, region, 'contact') !== undefined
}

/**
 * The public holiday on a local date in a country and region, if any. With `no-contact`, a day that is a public
 * holiday in some parts of the region only (a sub-region in date-holidays, e.g. Bavaria's Catholic communities) counts
 * too, marked with `onlyIn`; with `contact` it does not.
 */
export function publicHolidayOn(
  localDate: string,
  country: string | undefined,
  region: string | undefined,
  partial: PartialRegionalHolidays,
): PublicHoliday | undefined {
  if (!country || !/^\d{4}-\d{2}-\d{2}$/.test(localDate)) return undefined
  const key = calendarKey(country, region)
  const year = Number(localDate.slice(0, 4))
  const holiday = publicHolidays(key, year).get(localDate)
  if (!holiday || (holiday.onlyIn && partial === 'contact')) return undefined
  return holiday
}

/**
 * Works out a step of a place's public holidays for a year ahead of need: building a calendar takes 10–130 ms
 * (Bavaria, with its parts), too long for the middle of a batch. True when it did a step: call it again, with a turn
 * of the event loop between, until it says false (then the year is ready).
 */
export function prepareHolidays(country: string | undefined, region: string | undefined, year: number): boolean {
  if (!country) return false
  const key = calendarKey(country, region)
  if (holidaysByYear.has(`${key}:${year}`)) return false
  const [upperCountry = '', state] = key.split('-')
  const parts = state ? Object.keys(subRegions(upperCountry, state)).map((part) => `${key}-${part}`) : []
  const missing = [key, ...parts].find((calendar) => !daysByYear.has(`${calendar}:${year}`))
  if (missing) publicDaysOf(missing, year)
  else publicHolidays(key, year)
  return true
}

function calendarKey(country: string, region?: string): string {
  const upperCountry = country.toUpperCase()
  let state = region?.toUpperCase()
  if (state?.includes('-')) state = state.startsWith(`${upperCountry}-`) ? state.slice(upperCountry.length + 1) : undefined
  return state ? `${upperCountry}-${state}` : upperCountry
}

function publicHolidays(key: string, year: number): Map<string, PublicHoliday> {
  const cacheKey = `${key}:${year}`
  let holidays = holidaysByYear.get(cacheKey)
  if (holidays) return holidays
  holidays = new Map()
  const [country = '', state] = key.split('-')
  const place = { country, ...(state ? { region: state } : {}) }
  for (const holiday of publicDaysOf(key, year)) holidays.set(holiday.date, { ...holiday, ...place })
  // The parts of a state date-holidays knows (Bavaria: Augsburg, Catholic and Protestant communities): a day public in
  // one of them but not in the whole state is a partial holiday.
  if (state) {
    for (const [part, partName] of Object.entries(subRegions(country, state))) {
      for (const holiday of publicDaysOf(`${key}-${part}`, year)) {
        const known = holidays.get(holiday.date)
        if (known && !known.onlyIn) continue
        holidays.set(holiday.date, { ...(known ?? { ...holiday, ...place }), onlyIn: [...(known?.onlyIn ?? []), partName] })
      }
    }
  }
  holidaysByYear.set(cacheKey, holidays)
  return holidays
}

/** {@link publicDays} of a calendar (`DE`, `DE-BY`, `DE-BY-A`), worked out once a year. */
function publicDaysOf(calendar: string, year: number): { name: string; nameEn?: string; date: string }[] {
  const cacheKey = `${calendar}:${year}`
  let days = daysByYear.get(cacheKey)
  if (!days) daysByYear.set(cacheKey, (days = publicDays(calendarFor(calendar), year)))
  return days
}

/** The public holidays of a calendar that fall in a year, one entry a day (a several-day holiday gives several). */
function publicDays(calendar: Holidays | null, year: number): { name: string; nameEn?: string; date: string }[] {
  if (!calendar) return []
  const days: { name: string; nameEn?: string; date: string }[] = []
  // The country's own language, asked for by name: date-holidays keeps the language of the last call.
  const own = calendar.getLanguages()[0]
  const english = new Map([...safeHolidays(calendar, year - 1, 'en'), ...safeHolidays(calendar, year, 'en')].map((holiday) => [holiday.date, holiday.name]))
  // A several-day holiday that starts late in December runs into the next year.
  for (const holiday of [...safeHolidays(calendar, year - 1, own), ...safeHolidays(calendar, year, own)]) {
    if (holiday.type !== 'public') continue
    const first = Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`)
    const count = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY))
    const nameEn = english.get(holiday.date)
    for (let i = 0; i < count; i++) {
      const date = new Date(first + i * DAY).toISOString().slice(0, 10)
      if (date.startsWith(String(year))) days.push({ name: holiday.name, ...(nameEn && nameEn !== holiday.name ? { nameEn } : {}), date })
    }
  }
  return days
}

function subRegions(country: string, state: string): Record<string, string> {
  const key = `${country}-${state}`
  let parts = partsOf.get(key)
  if (parts) return parts
  try {
    parts = new Holidays().getRegions(country, state) ?? {}
  } catch {
    parts = {}
  }
  partsOf.set(key, parts)
  return parts
}

function calendarFor(key: string): Holidays | null {
  if (calendars.has(key)) return calendars.get(key) ?? null
  const [country = '', state, part] = key.split('-')
  let calendar: Holidays | null = null
  try {
    knownCountries ??= new Holidays().getCountries()
    if (country in knownCountries) calendar = part && state ? new Holidays(country, state, part) : state ? new Holidays(country, state) : new Holidays(country)
  } catch {
    calendar = null
  }
  calendars.set(key, calendar)
  return calendar
}

function safeHolidays(calendar: Holidays, year: number, language?: string) {
  try {
    return calendar.getHolidays(year, language)
  } catch {
    return []
  }
}
