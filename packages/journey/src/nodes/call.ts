import { z } from 'zod'
import { nodeBase, slug } from '../common'
import { defineNodeKind } from '../node-kind'
import { channelHandles } from './channel'

export const callData = z
  .object({
    ...nodeBase,
    /** The agent queue the call task lands in, e.g. `collections-de`. */
    queue: slug,
    /** An optional agent script (a `call` template). */
    template: slug.optional(),
    /** Higher first; 0 when omitted. */
    priority: z.number().int('must be a whole number').min(0, 'must be between 0 and 9').max(9, 'must be between 0 and 9').optional(),
  })
  .strict()

export type CallData = z.infer<typeof callData>

export const call = defineNodeKind({
  type: 'call',
  title: 'Call',
  icon: 'phone',
  tone: 'channel',
  help: 'Create a call task for an agent, with an optional script',
  summary: (data) => `Call task in ${data.queue}${data.template ? `, script ${data.template}` : ''}`,
  data: callData,
  defaults: { queue: 'collections' },
  handles: channelHandles,
  holds: null,
  diff: { fields: {} },
  trace: { waiting: null, decided: null, passed: null },
  check: (data, checks) => (data.template ? checks.template(data.template, 'call', ['template']) : []),
})
