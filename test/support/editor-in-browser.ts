import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startServer, type RunningServer } from '@dunwell/runtime'

const root = new URL('../../', import.meta.url).pathname

/** Screenshots of the editor's screens, kept as test artifacts and looked at. */
export const artifacts = join(root, 'test-results', 'editor')

export interface EditorInBrowser {
  server: RunningServer
  browser: Browser
  page: Page
  /** A fresh folder for this run's database and files. */
  dir: string
  /** Saves `test-results/editor/<prefix>-<name>.png` (`<name>.png` without a prefix). */
  shot: (name: string) => Promise<void>
  /** A JSON request to the server's API; a status other than 2xx throws with the answer. */
  api: <T>(method: string, path: string, body?: unknown) => Promise<T>
  close: () => Promise<void>
}

/**
 * The runtime serving the built editor with the examples published, on a test clock, and Debian's Chromium at
 * 1280×800. `DUNWELL_EDITOR_DIST` picks another build, so that a helper's own build can be tested while another is
 * being built into editor/dist.
 */
export async function openEditorInBrowser(prefix: string, options: { env?: Record<string, string>; open?: boolean } = {}): Promise<EditorInBrowser> {
  mkdirSync(artifacts, { recursive: true })
  const dir = mkdtempSync(join(tmpdir(), `dunwell-${prefix || 'editor'}-`))
  const server = await startServer({
    file: join(dir, 'editor.sqlite'),
    port: 0,
    // Development mode unless a test signs in with keys.
    open: options.open ?? true,
    examples: join(root, 'examples'),
    editor: process.env.DUNWELL_EDITOR_DIST ?? join(root, 'editor/dist'),
    testClock: '2026-11-23T09:00:00Z',
    ...(options.env ? { env: options.env } : {}),
    log: () => {},
  })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  return {
    server,
    browser,
    page,
    dir,
    shot: async (name) => void (await page.screenshot({ path: join(artifacts, `${prefix ? `${prefix}-` : ''}${name}.png`) })),
    api: async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`)
      return (text ? JSON.parse(text) : undefined) as T
    },
    close: async () => {
      await browser.close()
      await server.close()
    },
  }
}
