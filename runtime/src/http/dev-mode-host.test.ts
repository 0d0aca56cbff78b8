import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startServer } from './server'

async function serve(open: boolean) {
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-dev-host-'))
  const server = await startServer({ file: join(folder, 'test.sqlite'), port: 0, open, log: () => {} })
  onTestFinished(async () => {
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  })
  return { server, port: Number(new URL(server.url).port) }
}

/** One request written byte for byte, as a proxy or a rebinding page would send it: any Host, any request line. */
function raw(port: number, lines: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text })
    })
    socket.end(`${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`)
  })
}

describe('development mode (no keys) and the Host a request names', () => {
  it('refuses, on every path, a request addressed to any name but localhost, 127.0.0.1 or [::1]', async () => {
    const { port } = await serve(true)
    for (const path of ['/', '/api/journeys', '/docs', '/health', '/optout/x']) {
      for (const host of ['evil.example', `rebind.example:${port}`, `192.168.1.5:${port}`, `localhost.evil.example:${port}`]) {
        const answer = await raw(port, [`GET ${path} HTTP/1.1`, `Host: ${host}`])
        expect(answer.status, `${path} as ${host}`).toBe(403)
        expect(answer.text).toContain('answers only requests addressed to localhost, 127.0.0.1 or [::1]')
      }
    }
    // An absolute request target must not stand in for the Host header.
    const absolute = await raw(port, [`GET http://localhost:${port}/api/journeys HTTP/1.1`, 'Host: evil.example'])
    expect(absolute.status).toBe(403)
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      expect((await raw(port, ['GET /api/journeys HTTP/1.1', `Host: ${host}`])).status, host).toBe(200)
    }
  })

  it('admits no keyless request that a proxy passed on with the Host rewritten to the server’s own', async () => {
    const { port } = await serve(true)
    const own = `Host: 127.0.0.1:${port}`
    // nginx's defaults: HTTP/1.0 upstream, Host set to the upstream's address, no forwarding header.
    expect((await raw(port, ['GET /api/journeys HTTP/1.0', own])).status).toBe(401)
    // Proxies that say so (Via is what RFC 9110 asks of every proxy).
    for (const header of ['Via: 1.1 proxy', 'X-Forwarded-Proto: https', 'X-Forwarded-Port: 443', 'True-Client-IP: 203.0.113.7']) {
      expect((await raw(port, ['GET /api/journeys HTTP/1.1', own, header])).status, header).toBe(401)
    }
    // The page a browser got through the proxy names the proxy's origin.
    expect((await raw(port, ['POST /api/journeys/x/archive HTTP/1.1', own, 'Origin: https://dunwell.example.com'])).status).toBe(401)
  })

  it('does not apply with keys: behind a proxy, under any name', async () => {
    const { server, port } = await serve(false)
    const answer = await raw(port, ['GET /api/journeys HTTP/1.1', 'Host: dunwell.example.com', `Authorization: Bearer ${server.adminKey!.key}`])
    expect(answer.status).toBe(200)
  })
})
