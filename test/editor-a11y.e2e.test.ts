// Every control on every screen of the editor has a name a screen reader can say: read from Chromium's own
// accessibility tree (what assistive technology gets), not from our markup.
import type { CDPSession, Page } from 'playwright-core'
import { nodeTypes } from '@dunwell/journey'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

let editor: EditorInBrowser
let page: Page
let cdp: CDPSession

const controls = new Set([
  'button',
  'link',
  'textbox',
  'combobox',
  'checkbox',
  'radio',
  'switch',
  'slider',
  'spinbutton',
  'listbox',
  'menuitem',
  'tab',
  'searchbox',
])

interface AXNode {
  ignored: boolean
  role?: { value: string }
  name?: { value: string }
  properties?: { name: string; value: { value: unknown } }[]
  backendDOMNodeId?: number
}

/** The controls on screen that a screen reader could not name, described by their HTML for the failure message. */
async function unnamedControls(): Promise<string[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] }
  const unnamed = nodes.filter((node) => !node.ignored && controls.has(node.role?.value ?? '') && !(node.name?.value ?? '').trim())
  const described: string[] = []
  for (const node of unnamed) {
    if (node.backendDOMNodeId === undefined) continue
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as { object: { objectId: string } }
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function () { return this.outerHTML.slice(0, 160) }',
      returnByValue: true,
    })) as {
      result: { value: string }
    }
    described.push(`${node.role?.value}: ${result.value}`)
  }
  return described
}

beforeAll(async () => {
  editor = await openEditorInBrowser('a11y')
  page = editor.page
  cdp = await page.context().newCDPSession(page)
  await cdp.send('Accessibility.enable')
  await cdp.send('DOM.enable')
}, 60_000)

afterAll(() => editor?.close())

describe('a screen reader can name every control', () => {
  it('on the journeys list and the new-journey form', async () => {
    await page.goto(editor.server.url)
    await page.getByRole('heading', { name: 'Journeys' }).waitFor()
    await page.getByRole('button', { name: 'New journey' }).click()
    await page.getByRole('form', { name: 'New journey' }).waitFor()
    expect(await unnamedControls()).toEqual([])
  })

  it('on the canvas, and in the inspector of a step of every kind', async () => {
    await page.goto(`${editor.server.url}/journeys/life-situations`)
    await page.locator('.canvas[data-ready]').waitFor()
    expect(await unnamedControls()).toEqual([])
    // Tab goes from step to step, not through every arrow first (arrows change from a step's "Leads to").
    expect(await page.locator('.react-flow__node[tabindex="0"]').count()).toBe(await page.locator('.react-flow__node').count())
    expect(await page.locator('.react-flow__edge[tabindex]').count()).toBe(0)
    await page.locator('.react-flow__node').first().focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement.classList.contains("react-flow__node")')).toBe(true)
    // A fresh step of each kind from the palette opens in the inspector; undo takes it away again.
    const palette = page.getByRole('button', { name: /^Add [^:]+:/ })
    const count = await palette.count()
    expect(count).toBe(nodeTypes.length)
    for (let index = 0; index < count; index++) {
      const item = palette.nth(index)
      const kind = ((await item.getAttribute('aria-label')) ?? '').replace(/:.*/, '')
      await item.click()
      await page.getByRole('complementary', { name: /^Inspector: / }).waitFor()
      expect({ kind, unnamed: await unnamedControls() }).toEqual({ kind, unnamed: [] })
      await page.getByRole('button', { name: 'Undo' }).click()
    }
    await page.keyboard.press('Escape')
  })

  it('in the templates view, the settings, the JSON view, the versions view and the test run', async () => {
    for (const view of ['Templates', 'Settings', 'JSON', 'Versions'] as const) {
      await page.getByRole('button', { name: view, exact: true }).click()
      // Each view is checked once it shows what it is for (its editors loaded), not after a while.
      const ready = {
        Templates: page.locator('.locale-column .monaco-editor').first(),
        Settings: page.getByRole('main', { name: 'Journey settings' }).locator('.cel-editor .monaco-editor'),
        JSON: page.getByRole('main', { name: 'Journey document as JSON' }).getByRole('status').filter({ hasText: 'In sync with the canvas' }),
        Versions: page.getByRole('complementary', { name: 'Version history' }).getByRole('heading', { name: 'History' }),
      }[view]
      await ready.waitFor()
      expect({ view, unnamed: await unnamedControls() }).toEqual({ view, unnamed: [] })
    }
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await page.getByRole('button', { name: 'Test run' }).click()
    await page
      .getByRole('region', { name: 'Test run' })
      .or(page.getByRole('complementary', { name: /Test run/ }))
      .first()
      .waitFor()
    expect({ view: 'Test run', unnamed: await unnamedControls() }).toEqual({ view: 'Test run', unnamed: [] })
    await page.keyboard.press('?')
    await page.getByRole('dialog').waitFor()
    expect({ view: 'Shortcuts', unnamed: await unnamedControls() }).toEqual({ view: 'Shortcuts', unnamed: [] })
  })

  it('on the Import cases screen, with a file previewed and its columns mapped', async () => {
    await page.goto(`${editor.server.url}/import`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect({ view: 'Import (empty)', unnamed: await unnamedControls() }).toEqual({ view: 'Import (empty)', unnamed: [] })
    const csv = 'Rechnungsnummer;Vorname;Nachname;Betrag;Fällig am;Segment\nR-1;Jürgen;Müller;1.234,56;31.12.2026;A\n'
    await page.locator('input[type=file]').setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.locator('table.import__preview').waitFor()
    await page.locator('tr[data-column="Segment"] select').selectOption('attribute')
    await page.locator('tr[data-column="Segment"] input').waitFor()
    expect({ view: 'Import (preview)', unnamed: await unnamedControls() }).toEqual({ view: 'Import (preview)', unnamed: [] })
  })
})
