/** A message ready to leave: what the outbox holds for one delivery. */
export interface OutgoingMessage {
  id: string
  caseId: string
  channel: string
  recipient: string | null
  subject: string | null
  html: string | null
  text: string | null
  locale: string | null
}

export type DeliveryResult = { ok: true; providerId?: string } | { ok: false; retryable: boolean; error: string }

/**
 * One delivery channel. `idempotencyKey` is the same for every attempt at one outbox entry, so a provider that
 * honours it sends a message once even when the runtime retries after a crash.
 */
export interface ChannelAdapter {
  send(message: OutgoingMessage, context: { idempotencyKey: string }): Promise<DeliveryResult>
}

/** The built-in adapter: delivery is the outbox entry itself, marked sent (for simulation and tests). */
export const recordingAdapter: ChannelAdapter = {
  async send() {
    return { ok: true }
  },
}
