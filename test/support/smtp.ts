import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

// A real SMTP server that keeps every message it accepted in full.

export interface Mail {
  to: string[]
  raw: string
}

export async function startSmtp() {
  const mails: Mail[] = []
  /** Called as each message is accepted, before the sender hears so: a crash test kills the sender here. */
  const hooks: { onMail?: (mail: Mail) => void } = {}
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      // A sender killed mid-message destroys the stream: that message was not received, and must not count.
      stream.on('error', () => undefined)
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') }
        mails.push(mail)
        hooks.onMail?.(mail)
        callback(null)
      })
    },
  })
  // A sender killed mid-session resets its connection: expected here, not a failure of the server.
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    hooks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
export type Smtp = Awaited<ReturnType<typeof startSmtp>>
