import { z } from 'zod'
import { eventType, expression, isoDuration, nodeBase } from '../common'
import { DEFAULT_HANDLE, defineNodeKind } from '../node-kind'

export const reentryModes = ['after-exit', 'never'] as const

export const entryData = z
  .object({
    ...nodeBase,
    /** The event that enrols a case, e.g. `invoice.overdue`. */
    event: eventType,
    /** Only cases for which this CEL expression is true are enrolled. */
    filter: expression.optional(),
    /**
     * May a case enter again? `after-exit` (default): once its previous enrolment has ended;
     * `never`: once per case, ever.
     */
    reentry: z.enum(reentryModes).optional(),
    /** With `after-exit`: how long after the previous exit a case may enter again. */
    cooldown: isoDuration.optional(),
  })
  .strict()

export type EntryData = z.infer<typeof entryData>

export const entry = defineNodeKind({
  type: 'entry',
  title: 'Entry',
  icon: 'log-in',
  help: 'Where cases enter the journey: the event that starts it and who qualifies',
  summary: (data) => (data.filter ? `on ${data.event} if ${data.filter}` : `on ${data.event}`),
  data: entryData,
  defaults: { event: 'invoice.overdue' },
  handles: () => [{ id: DEFAULT_HANDLE, label: 'next' }],
})
