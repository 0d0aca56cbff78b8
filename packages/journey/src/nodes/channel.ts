import { z } from 'zod'
import { nodeBase, slug } from '../common'
import { DEFAULT_HANDLE, defineNodeKind, type NodeIcon } from '../node-kind'

export const FAILED_HANDLE = 'failed'

export const channels = ['email', 'sms', 'whatsapp', 'letter', 'call'] as const
export type Channel = (typeof channels)[number]

export function channelHandles() {
  return [
    { id: DEFAULT_HANDLE, label: 'sent' },
    { id: FAILED_HANDLE, label: 'failed', optional: true },
  ]
}

/** A step that renders a template and sends it through one channel. */
export function defineMessageKind<TType extends Exclude<Channel, 'call'>>(options: { type: TType; title: string; icon: NodeIcon; help: string }) {
  return defineNodeKind({
    ...options,
    summary: (data) => `${options.title}: ${data.template || 'no template yet'}`,
    data: z
      .object({
        ...nodeBase,
        /** The id of a template in the document's `templates`. */
        template: slug,
      })
      .strict(),
    defaults: { template: '' },
    handles: channelHandles,
    tone: 'channel',
    holds: null,
    diff: { fields: {} },
    trace: { waiting: null, decided: null, passed: null },
    check: (data, checks) => checks.template(data.template, options.type, ['template']),
  })
}
