// An SMS provider on loopback speaking the HTTP provider adapter's protocol: a signed JSON post per message, and
// `Idempotency-Key` honoured as real providers do (a key seen before is answered again, not delivered again).
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SmsPost {
  key: string
  to: string
  text: string
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (text += chunk))
    request.on('end', () => resolve(text))
    request.on('error', reject)
  })
}

export async function startSmsProvider(secret: string) {
  /** Every post received, repeats included. */
  const posts: SmsPost[] = []
  /** What reached a phone: one per idempotency key. */
  const delivered: SmsPost[] = []
  const ids = new Map<string, string>()
  /** Called as each post is taken, before the sender hears so: a crash test kills the sender here. */
  const hooks: { onPost?: (post: SmsPost) => void } = {}
  const server = createServer(async (request, response) => {
    const text = await body(request)
    const timestamp = String(request.headers['x-dunwell-timestamp'] ?? '')
    const signature = Buffer.from(String(request.headers['x-dunwell-signature'] ?? ''))
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${text}`).digest('hex')}`)
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}')
      return
    }
    const key = String(request.headers['idempotency-key'] ?? '')
    const message = JSON.parse(text) as { to: string; text: string }
    const post = { key, to: message.to, text: message.text }
    posts.push(post)
    if (!ids.has(key)) {
      ids.set(key, `sms-${ids.size + 1}`)
      delivered.push(post)
    }
    hooks.onPost?.(post)
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: ids.get(key) }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/messages`,
    posts,
    delivered,
    hooks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmsProvider = Awaited<ReturnType<typeof startSmsProvider>>
