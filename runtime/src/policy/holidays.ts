import Holidays from 'date-holidays'

const DAY = 86_400_000

const calendars = new Map<string, Holidays | null>()
const datesByYear = new Map<string, Set<string>>()

/**
 * Whether a local date is a public holiday in a country (and, if given, its region). Only holidays of type
 * "public" count; several-day holidays count on each day. An unknown country is never a holiday; an unknown region
 * falls back to the country's nationwide holidays.
 */
export function isPublicHoliday(localDate: string, country?: string, region?: string): boolean {
  if (!country || !/^\d{4}-\d{2}-\d{2}$/.test(localDate)) return false
  const key = calendarKey(country, region)
  const year = Number(localDate.slice(0, 4))
  return publicHolidayDates(key, year).has(localDate)
}

function calendarKey(country: string, region?: string): string {
  const upperCountry = country.toUpperCase()
  let state = region?.toUpperCase()
  if (state?.includes('-')) state = state.startsWith(`${upperCountry}-`) ? state.slice(upperCountry.length + 1) : undefined
  return state ? `${upperCountry}-${state}` : upperCountry
}

function publicHolidayDates(key: string, year: number): Set<string> {
  const cacheKey = `${key}:${year}`
  let dates = datesByYear.get(cacheKey)
  if (dates) return dates
  dates = new Set()
  const calendar = calendarFor(key)
  // A several-day holiday that starts late in December runs into the next year.
  for (const holiday of calendar ? [...safeHolidays(calendar, year - 1), ...safeHolidays(calendar, year)] : []) {
    if (holiday.type !== 'public') continue
    const first = Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`)
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY))
    for (let i = 0; i < days; i++) {
      const date = new Date(first + i * DAY).toISOString().slice(0, 10)
      if (date.startsWith(String(year))) dates.add(date)
    }
  }
  datesByYear.set(cacheKey, dates)
  return dates
}

function calendarFor(key: string): Holidays | null {
  if (calendars.has(key)) return calendars.get(key) ?? null
  const [country = '', state] = key.split('-')
  let calendar: Holidays | null = null
  try {
    const known = new Holidays().getCountries()
    if (country in known) calendar = state ? new Holidays(country, state) : new Holidays(country)
  } catch {
    calendar = null
  }
  calendars.set(key, calendar)
  return calendar
}

function safeHolidays(calendar: Holidays, year: number) {
  try {
    return calendar.getHolidays(year)
  } catch {
    return []
  }
}
