import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startServer } from './server'

/** The server with a stand-in editor build (a page and a script), on a free port. */
async function serve(open: boolean) {
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-headers-'))
  const editor = join(folder, 'editor')
  mkdirSync(join(editor, 'assets'), { recursive: true })
  writeFileSync(join(editor, 'index.html'), '<!doctype html><title>Dunwell editor</title><button>Archive</button>')
  writeFileSync(join(editor, 'assets', 'app.js'), 'export {}')
  const server = await startServer({ file: join(folder, 'test.sqlite'), port: 0, open, editor, log: () => {} })
  onTestFinished(async () => {
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  })
  return server
}

/** One request of every kind the runtime answers: editor files, API (answers and errors), docs, debtor pages, callbacks. */
const everyKind: [string, string][] = [
  ['GET', '/'],
  ['GET', '/journeys/friendly-reminder'],
  ['GET', '/assets/app.js'],
  ['GET', '/api/journeys'],
  ['GET', '/api/nope'],
  ['POST', '/api/events'],
  ['GET', '/openapi.json'],
  ['GET', '/docs'],
  ['GET', '/docs/assets/swagger-ui.css'],
  ['GET', '/health'],
  ['GET', '/pay/not-a-token'],
  ['GET', '/optout/not-a-token'],
  ['POST', '/optout/not-a-token'],
  ['POST', '/callbacks/sms'],
]

describe('security headers', () => {
  it('are on every kind of response: a CSP that refuses framing, nosniff, no referrer', async () => {
    const server = await serve(false)
    for (const [method, path] of everyKind) {
      const response = await fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${server.adminKey!.key}` } })
      const what = `${method} ${path} (${response.status})`
      expect(response.headers.get('content-security-policy'), what).toMatch(/(^|; )frame-ancestors 'none'(;|$)/)
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), what).toBe('no-referrer')
      expect(response.headers.get('x-frame-options'), what).toBe('DENY')
    }
    // The debtor pages keep their own, stricter policy; the editor gets one that lets its bundle run.
    const pay = await fetch(`${server.url}/pay/not-a-token`)
    expect(pay.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/)
    const editor = await fetch(`${server.url}/`)
    expect(editor.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';/)
    const api = await fetch(`${server.url}/health`)
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
  })

  it('make Chromium refuse to show the editor, the docs or a debtor page inside another site’s frame', async () => {
    const server = await serve(true)
    // Another site, on another port: it frames the runtime's pages.
    const framer = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html')
      response.end(
        `<!doctype html><title>other site</title>${['/', '/docs', '/optout/not-a-token', '/health'].map((path) => `<iframe src="${server.url}${path}"></iframe>`).join('')}`,
      )
    })
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => framer.close(() => resolve())))
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    })
    onTestFinished(() => browser.close())
    const page = await browser.newPage()
    const refused: string[] = []
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) refused.push(message.text())
    })
    await page.goto(`http://localhost:${(framer.address() as AddressInfo).port}/`, { waitUntil: 'load' })
    await expect.poll(() => refused.length).toBe(4)
    for (const frame of page.frames().slice(1)) {
      // A refused frame shows Chromium's error page, never the runtime's document.
      expect(await frame.evaluate<string>('document.title').catch(() => ''), frame.url()).not.toMatch(/Dunwell|API/)
      expect(await frame.locator('button').count(), frame.url()).toBe(0)
    }
  }, 60_000)
})
