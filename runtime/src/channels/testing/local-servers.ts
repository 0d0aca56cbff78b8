import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** Real servers on 127.0.0.1 and a random port, for adapter tests. */

export interface ReceivedMail {
  from: string
  to: string[]
  user: string | undefined
  raw: string
}

export interface SmtpBehaviour {
  /** An error with `responseCode` rejects the recipient. */
  rcpt?: (address: string) => Error | undefined
  /** An error with `responseCode` rejects the message after DATA. */
  data?: () => Error | undefined
  credentials?: { user: string; pass: string }
}

export function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode })
}

export async function startSmtpServer(behaviour: SmtpBehaviour = {}) {
  const mails: ReceivedMail[] = []
  let connections = 0
  const server = new SMTPServer({
    authOptional: !behaviour.credentials,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections++
      callback()
    },
    onAuth(auth, _session, callback) {
      const { credentials } = behaviour
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass) return callback(null, { user: auth.username })
      callback(smtpError(535, 'Authentication credentials invalid'))
    },
    onRcptTo(address, _session, callback) {
      callback(behaviour.rcpt?.(address.address) ?? null)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const rejection = behaviour.data?.()
        if (rejection) return callback(rejection)
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
        mails.push({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback(null)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    mails,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Reply {
  status: number
  body?: string
  delayMs?: number
  headers?: Record<string, string>
}

export async function startHttpServer(reply: (request: ReceivedRequest, index: number) => Reply) {
  const requests: ReceivedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      requests.push(request)
      const answer = reply(request, requests.length - 1)
      const timer = setTimeout(() => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers })
        res.end(answer.body ?? '')
      }, answer.delayMs ?? 0)
      res.on('close', () => clearTimeout(timer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
