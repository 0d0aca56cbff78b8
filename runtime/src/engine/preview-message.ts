import { createHash } from 'node:crypto'
import type { Journey } from '@dunwell/journey'
import { ensureOptOut } from '../channels/ensure-opt-out'
import type { MessageRenderer, RenderedMessage } from '../messages'
import type { CaseInput } from '@dunwell/contract'
import { toMinorUnits } from '../wire/money'
import { templateFacts } from './case-facts'
import type { Links } from './engine-deps'
import type { CaseRecord } from './records'

/**
 * What a template sends for a sample case, by the very renderer and rules the engine sends with (opt-out line
 * included): the editor's preview is what a debtor gets. Draft templates are keyed by their content.
 */
export async function previewMessage(
  render: MessageRenderer,
  input: {
    journey: Pick<Journey, 'settings' | 'templates'>
    templateId: string
    sample: CaseInput
    locale?: string
    now: number
    links: Links
    sender: { name: string }
    defaultTimezone: string
  },
): Promise<RenderedMessage> {
  const { sample } = input
  const amountDue = toMinorUnits(sample.amountDue, sample.currency)
  const balance = sample.balance === undefined ? amountDue : toMinorUnits(sample.balance, sample.currency)
  if (typeof amountDue === 'string' || typeof balance === 'string')
    throw new Error(`the sample case's amounts: ${typeof amountDue === 'string' ? amountDue : balance}`)
  const record: CaseRecord = {
    id: sample.id,
    debtor: sample.debtor,
    currency: sample.currency,
    amountDue,
    balance,
    dueDate: sample.dueDate,
    attributes: sample.attributes ?? {},
    createdAt: input.now,
    updatedAt: input.now,
  }
  const template = input.journey.templates[input.templateId]
  const key = createHash('sha256')
    .update(JSON.stringify([template ?? null, input.journey.settings]))
    .digest('hex')
    .slice(0, 24)
  const rendered = await render({
    journeyKey: `preview:${key}`,
    journey: input.journey,
    templateId: input.templateId,
    locale: input.locale ?? sample.debtor.locale,
    variables: { ...templateFacts(record, input.now, input.defaultTimezone), event: {}, links: input.links, sender: input.sender },
  })
  const channel = rendered.channel
  return (channel === 'email' || channel === 'sms' || channel === 'whatsapp') && input.links.optout ? ensureOptOut(rendered, input.links.optout) : rendered
}
