import { z } from 'zod'
import { eventType, expression, isoDuration, nodeBase, timeOfDay, weekday } from '../common'
import { describeDuration, durationDays, durationWords } from '../duration'
import { DEFAULT_HANDLE, defineNodeKind } from '../node-kind'

export const EVENT_HANDLE = 'event'
export const TIMEOUT_HANDLE = 'timeout'

const waitFor = z
  .object({
    ...nodeBase,
    /** An ISO 8601 duration, e.g. `P3D`. */
    for: isoDuration,
    /** Count only business days (Monday–Friday, not public holidays in the debtor's region). */
    businessDays: z.boolean().optional(),
  })
  .strict()

const waitUntil = z
  .object({
    ...nodeBase,
    /** The next moment at this local time of day in the debtor's time zone. */
    until: timeOfDay,
    /** Only on these weekdays; any day when omitted. */
    days: z.array(weekday).min(1, 'needs at least one day').optional(),
  })
  .strict()

const waitEvent = z
  .object({
    ...nodeBase,
    /** The event to wait for, e.g. `payment.received`. */
    event: eventType,
    /** Only an event for which this CEL condition holds counts. */
    when: expression.optional(),
    /** Give up after this ISO 8601 duration and take the `timeout` outcome. */
    timeout: isoDuration,
  })
  .strict()

export const waitData = z.union([waitFor, waitUntil, waitEvent], {
  error: 'must be one of: {"for": "P3D"}, {"until": "09:00"} or {"event": "payment.received", "timeout": "P7D"}',
})

export type WaitData = z.infer<typeof waitData>
export type WaitForData = z.infer<typeof waitFor>
export type WaitUntilData = z.infer<typeof waitUntil>
export type WaitEventData = z.infer<typeof waitEvent>

export function isEventWait(data: WaitData): data is WaitEventData {
  return 'event' in data
}

export const wait = defineNodeKind({
  type: 'wait',
  title: 'Wait',
  icon: 'hourglass',
  tone: 'time',
  help: 'Pause for a time, until a local time of day, or until an event arrives',
  summary: (data) => {
    if ('for' in data) return durationWords(data.for, { businessDays: data.businessDays })
    if ('until' in data) return `until ${data.until} local${data.days ? ` on ${data.days.join(', ')}` : ''}`
    return `for ${data.event}, at most ${describeDuration(data.timeout)}`
  },
  data: waitData,
  defaults: { for: 'P3D' },
  handles: (data) =>
    isEventWait(data)
      ? [
          { id: EVENT_HANDLE, label: data.event },
          { id: TIMEOUT_HANDLE, label: 'timeout' },
        ]
      : [{ id: DEFAULT_HANDLE, label: 'next' }],
  // Business days skip weekends (and a holiday or two); a time of day comes within a day, or a week on some days.
  holds: (data) =>
    'for' in data ? durationDays(data.for) * (data.businessDays ? 1.5 : 1) : 'until' in data ? (data.days ? 7 : 1) : durationDays(data.timeout),
  diff: { fields: { for: 'duration', until: 'time of day', when: 'condition', timeout: 'time limit' } },
  trace: {
    waiting: (data, until) => (isEventWait(data) ? `Waits for ${data.event} until ${until} at the latest` : `Waits until ${until}`),
    decided: (_data, outcome) => (outcome.id === TIMEOUT_HANDLE ? 'Nothing arrived in time: takes the timeout' : `${outcome.label} arrived: the wait ends`),
    passed: null,
  },
  check: (data, checks) => (isEventWait(data) && data.when ? checks.condition(data.when, ['when'], 'condition') : []),
})
