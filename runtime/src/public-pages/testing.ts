/** Fixtures for the debtor pages' tests: a logo, and Chromium on a phone judging each page. Used only by `*.test.ts`. */
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** A 1×1 PNG as a data URL: a logo whose bytes begin with the PNG signature. */
export const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Debian's Chromium (or `$CHROMIUM`), quiet: it requests nothing of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
}

/**
 * What Chrome on an Android phone says it is. Headless Chromium names itself `HeadlessChrome`, which the runtime
 * counts among link scanners (its opening is no `link.opened`); a test of what a person's opening does sends this.
 */
export const PHONE_USER_AGENT = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'

/** A phone's browser tab (360×740, touch) in `locale`, with what it requested and what the page's CSP refused. */
export async function phoneTab(browser: Browser, locale: string, { userAgent }: { userAgent?: string } = {}) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale,
    ...(userAgent ? { userAgent } : {}),
  })
  const tab = await context.newPage()
  tab.setDefaultTimeout(10_000)
  const requests: string[] = []
  const cspViolations: string[] = []
  tab.on('request', (request) => requests.push(request.url()))
  tab.on('console', (message) => message.type() === 'error' && /Content Security Policy/.test(message.text()) && cspViolations.push(message.text()))
  return { tab, requests, cspViolations, close: () => context.close() }
}

/**
 * A debtor page as the tab shows it: it requested nothing but `origin` (since the last check), has no axe violations
 * (WCAG 2.2 AA and best practice), fits a 360 px phone; its screenshot goes to `${folder}/${name}.png`, to be looked at.
 */
export async function checkPhonePage(tab: Page, { origin, name, requests, folder }: { origin: string; name: string; requests: string[]; folder: string }) {
  expect(
    requests.filter((url) => !url.startsWith(origin) && !/^(data|about):/.test(url)),
    name,
  ).toEqual([])
  requests.length = 0
  // Through the debugger, not a script tag: the page's CSP (rightly) runs no script it did not name.
  await tab.evaluate(axeSource)
  const violations = await tab.evaluate<string[]>(
    "axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }).then((r) => r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`))",
  )
  expect(violations, name).toEqual([])
  expect(await tab.evaluate<number>('document.documentElement.scrollWidth'), `${name} fits a phone`).toBeLessThanOrEqual(360)
  mkdirSync(folder, { recursive: true })
  await tab.screenshot({ path: `${folder}/${name}.png`, fullPage: true })
}
