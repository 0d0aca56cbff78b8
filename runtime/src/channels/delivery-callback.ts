import { z } from 'zod'

/** What a provider reports about a message it was given: delivered, bounced, failed, or answered by the debtor. */
export const deliveryCallbackSchema = z
  .object({
    /** The `id` of the message as the adapter posted it (the outbox id). */
    messageId: z.string().min(1, 'must not be empty').max(200),
    status: z.enum(['delivered', 'bounced', 'failed', 'reply']),
    reason: z.string().max(1000).optional(),
    /** The debtor's answer, for `reply`. */
    text: z.string().max(5000).optional(),
  })
  .refine((callback) => callback.status !== 'reply' || callback.text !== undefined, { path: ['text'], message: 'is required for a reply' })

export type DeliveryCallback = z.infer<typeof deliveryCallbackSchema>

export type DeliveryCallbackResult = { ok: true; callback: DeliveryCallback } | { ok: false; error: string }

/** Reads a provider's callback body; the error names the first field at fault (`status: …`). */
export function parseDeliveryCallback(json: unknown): DeliveryCallbackResult {
  const parsed = deliveryCallbackSchema.safeParse(json)
  if (parsed.success) return { ok: true, callback: parsed.data }
  const issue = parsed.error.issues[0]
  const field = issue?.path.length ? issue.path.join('.') : 'body'
  return { ok: false, error: `${field}: ${issue?.message ?? 'invalid'}` }
}
