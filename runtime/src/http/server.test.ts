import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startServer } from './server'

/** The server with a built editor (a stand-in index.html), open mode, on a free port. */
async function serve() {
  const folder = mkdtempSync(join(tmpdir(), 'dunwell-server-'))
  const editor = join(folder, 'editor')
  mkdirSync(editor)
  writeFileSync(join(editor, 'index.html'), '<!doctype html><title>Dunwell editor</title>')
  const server = await startServer({ file: join(folder, 'test.sqlite'), port: 0, open: true, editor, log: () => {} })
  onTestFinished(async () => {
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  })
  return server
}

describe('the server’s editor fallback', () => {
  it('serves the editor for its own paths, and a 404 problem for every unknown runtime path', async () => {
    const server = await serve()
    for (const path of ['/', '/journeys/friendly-reminder']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(200)
      expect(await response.text()).toContain('Dunwell editor')
    }
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['POST', '/api/nope'],
      ['DELETE', '/api/cases'],
      ['GET', '/docs/nope'],
      ['GET', '/health/nope'],
      ['GET', '/optout'],
    ]) {
      const response = await fetch(`${server.url}${path}`, { method })
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(response.headers.get('content-type'), `${method} ${path}`).toBe('application/problem+json')
      expect(await response.json()).toMatchObject({ status: 404, detail: `no route ${method} ${path}` })
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
  })
})
