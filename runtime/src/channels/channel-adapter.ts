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

/** `recorded`: nothing left the runtime (no provider is configured); the message is kept as it would have gone. */
export type DeliveryResult = { ok: true; providerId?: string; recorded?: true } | { ok: false; retryable: boolean; error: string }

/**
 * One delivery channel. `idempotencyKey` is the same for every attempt at one outbox entry, so a provider that
 * honours it sends a message once even when the runtime retries after a crash.
 */
export interface ChannelAdapter {
  /** What the channel is wired to, for the server's start (`SMTP smtp.example.com:587`); never a secret. None: unwired. */
  readonly provider?: string
  send(message: OutgoingMessage, context: { idempotencyKey: string }): Promise<DeliveryResult>
}

/** A channel without a provider: delivery is the outbox entry itself, marked `recorded` (simulation, tests, a demo). */
export const recordingAdapter: ChannelAdapter = {
  async send() {
    return { ok: true, recorded: true }
  },
}
