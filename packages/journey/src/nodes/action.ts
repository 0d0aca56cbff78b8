import { z } from 'zod'
import { expression, isoDuration, nodeBase } from '../common'
import { DEFAULT_HANDLE, defineNodeKind } from '../node-kind'

/** An IP literal other than loopback (kept for local tests), or a metadata service's name. */
function isAddressOrMetadataHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === '127.0.0.1' || host === '[::1]') return false
  return (
    /^\[.*\]$/.test(host) ||
    /^[0-9.]+$/.test(host) ||
    /^0x/i.test(host) ||
    ['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data'].includes(host)
  )
}

const attributeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name such as lastReminder')

const webhook = z
  .object({
    /** Receives a JSON POST with the case id, journey and node; https, or http on localhost. */
    url: z
      .string()
      .url('must be a URL')
      .refine((url) => /^https:\/\//.test(url) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(url), {
        message: 'must use https (plain http only for localhost)',
      })
      // The runtime refuses private and metadata addresses after resolving the name; say so at publish already.
      .refine((url) => !URL.canParse(url) || !isAddressOrMetadataHost(new URL(url).hostname), {
        message: 'must name a host, not an IP address or a cloud metadata service (the runtime calls only public addresses)',
      }),
    /** A name for the webhook in reports, e.g. `crm-flag`. */
    name: z.string().max(64, 'must be at most 64 characters').optional(),
  })
  .strict()

const offer = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('payment-link') }).strict(),
    z
      .object({
        type: z.literal('payment-plan'),
        installments: z.number().int('must be a whole number').min(2, 'must be between 2 and 36').max(36, 'must be between 2 and 36'),
        interval: isoDuration,
      })
      .strict(),
  ],
  { error: 'must be {"type": "payment-link"} or {"type": "payment-plan", "installments": 3, "interval": "P1M"}' },
)

export const actionData = z
  .object({
    ...nodeBase,
    /** Case attributes to set, each a CEL expression, e.g. `{"reminded": "true"}`. */
    set: z.record(attributeName, expression).optional(),
    webhook: webhook.optional(),
    /** Offer the debtor a payment link or an instalment plan; messages after it can link to it. */
    offer: offer.optional(),
  })
  .strict()
  .refine((data) => data.set !== undefined || data.webhook !== undefined || data.offer !== undefined, {
    message: 'does nothing: set attributes, call a webhook or make an offer',
  })

export type ActionData = z.infer<typeof actionData>

export const action = defineNodeKind({
  type: 'action',
  title: 'Action',
  icon: 'zap',
  tone: 'action',
  help: 'Update case attributes, call a webhook, or offer a payment link or plan',
  summary: (data) =>
    [
      data.set ? `set ${Object.keys(data.set).join(', ')}` : undefined,
      data.webhook ? `call ${data.webhook.name ?? 'webhook'}` : undefined,
      data.offer ? `offer ${data.offer.type === 'payment-plan' ? `${data.offer.installments} instalments` : 'payment link'}` : undefined,
    ]
      .filter(Boolean)
      .join(', '),
  data: actionData,
  defaults: { set: { reminded: 'true' } },
  handles: () => [{ id: DEFAULT_HANDLE, label: 'next' }],
  holds: null,
  diff: { fields: { set: 'attributes set' } },
  trace: { waiting: null, decided: null, passed: null },
  check: (data, checks) => Object.entries(data.set ?? {}).flatMap(([name, source]) => checks.valueExpression(source, ['set', name], `value of ${name}`)),
})
