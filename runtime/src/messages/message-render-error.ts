/** A template that could not be rendered; the message names the template and locale for the case timeline. */
export class MessageRenderError extends Error {
  override readonly name = 'MessageRenderError'

  constructor(
    readonly templateId: string,
    readonly locale: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`template "${templateId}" (locale ${locale}): ${reason}`, options)
  }
}
