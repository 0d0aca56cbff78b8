/** The times of day a debtor may prefer to be contacted at (the portal's choice, `debtor.preferredTimeOfDay`). */
export const timesOfDay = ['morning', 'afternoon', 'evening'] as const
export type TimeOfDay = (typeof timesOfDay)[number]

/**
 * What each time of day means, in the debtor's local time: the one definition the policy, the trail and the portal's
 * wording follow. Morning 08:00–12:00, afternoon 12:00–17:00, evening 17:00–21:00.
 */
export const timeOfDayHours: Record<TimeOfDay, { start: string; end: string }> = {
  morning: { start: '08:00', end: '12:00' },
  afternoon: { start: '12:00', end: '17:00' },
  evening: { start: '17:00', end: '21:00' },
}

export function isTimeOfDay(value: unknown): value is TimeOfDay {
  return typeof value === 'string' && (timesOfDay as readonly string[]).includes(value)
}
