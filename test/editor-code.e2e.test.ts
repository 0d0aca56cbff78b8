import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

const root = new URL('../', import.meta.url).pathname
const friendly = JSON.parse(readFileSync(join(root, 'examples/friendly-reminder/journey.json'), 'utf8'))

let editor: EditorInBrowser
let page: Page
const shot = (name: string) => editor.shot(name)

/** What a one-line Monaco editor shows: its wrapped lines joined, spaces as typed. */
async function shownText(editor: Locator): Promise<string> {
  // Monaco positions its lines absolutely: their order on screen is their order in the text.
  const lines = await editor
    .locator('.view-line')
    .evaluateAll((elements: { getAttribute(name: string): string | null; textContent: string | null }[]) =>
      elements.map((element) => ({ top: Number(/top:\s*([\d.]+)px/.exec(element.getAttribute('style') ?? '')?.[1] ?? 0), text: element.textContent ?? '' })),
    )
  return lines
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text)
    .join('')
    .replace(/\u00a0/g, ' ')
}

/** Finds text in the focused Monaco editor with its find widget and selects the match; says how many there are. */
async function find(text: string): Promise<string> {
  await page.keyboard.press('Control+f')
  await page.keyboard.type(text)
  await page.keyboard.press('Enter')
  const count = (await page.locator('.find-widget .matchesCount').innerText()).trim()
  await page.keyboard.press('Escape')
  return count
}

const problemsButton = () => page.getByRole('button', { name: /^Problems: / })

beforeAll(async () => {
  editor = await openEditorInBrowser('code')
  page = editor.page
  await page.goto(editor.server.url)
  await page
    .getByRole('button', { name: `Open ${friendly.name}` })
    .or(page.getByRole('link', { name: `Open ${friendly.name}` }))
    .first()
    .click()
  await page.locator('.react-flow__node').first().waitFor()
}, 60_000)

afterAll(async () => {
  await editor?.close()
})

describe('code in the editor: CEL conditions and the JSON view', () => {
  it('writes a condition with suggestions of the declared fields, underlines a bad one, and undoes through the document', async () => {
    await page.locator('.react-flow__node[data-id="overdue"]').click()
    const inspector = page.getByRole('complementary', { name: /^Inspector/ })
    const condition = inspector.locator('.cel-editor')
    await condition.locator('.monaco-editor').waitFor()
    const input = inspector.getByRole('textbox', { name: 'Only if', exact: true })
    expect(await shownText(condition)).toBe(friendly.nodes[0].data.filter)

    // Suggestions after `case.`: the declared fields with their types; Enter takes the chosen one.
    await input.focus()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('case.amo')
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'amountDue' })
    await suggestion.waitFor()
    expect(await suggestion.innerText()).toContain('double')
    await shot('condition-suggestions')
    await page.keyboard.press('Enter')
    await page.keyboard.type(' >= 100.0')
    await expect.poll(() => shownText(condition)).toBe('case.amountDue >= 100.0')
    // Enter adds no line; Tab leaves the field as in any form.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Enter')
    expect(await condition.locator('.view-line').count()).toBe(1)
    await page.keyboard.press('Tab')
    expect(await page.locator('.cel-editor textarea:focus').count()).toBe(0)
    await page.locator('.react-flow__node[data-id="overdue"]', { hasText: 'case.amountDue >= 100.0' }).waitFor()

    // A misspelt field: underlined where it is, said under the field, and the field is marked invalid.
    await input.focus()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('case.amountDu > 1.0 ')
    await page.keyboard.press('Escape')
    await condition.locator('.squiggly-error').waitFor()
    await inspector.locator('.field__error', { hasText: 'Unknown field case.amountDu — did you mean case.amountDue?' }).waitFor()
    expect(await input.getAttribute('aria-invalid')).toBe('true')
    await condition.locator('.view-line span', { hasText: /^amountDu$/ }).hover()
    await page.locator('.monaco-hover', { hasText: 'Unknown field case.amountDu — did you mean case.amountDue?' }).first().waitFor()
    await shot('condition-error')
    await page.keyboard.press('End')
    await page.keyboard.press('Control+a')
    await page.keyboard.type('case.amountDue > 1.0')
    await page.keyboard.press('Escape')
    await expect.poll(() => condition.locator('.squiggly-error').count()).toBe(0)
    await expect.poll(() => inspector.locator('.field__error').count()).toBe(0)
    // A field's type is a hover away.
    await condition.locator('.view-line span', { hasText: /^amountDue$/ }).hover()
    await page.locator('.monaco-hover', { hasText: 'case.amountDue: double' }).first().waitFor()

    // Ctrl+Z in the editor takes back this visit's typing in one step, as the toolbar's Undo would; redo is there.
    await page.keyboard.press('Control+z')
    await expect.poll(() => shownText(condition)).toBe('case.amountDue >= 100.0')
    expect(await page.getByRole('button', { name: 'Redo' }).isEnabled()).toBe(true)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => shownText(condition)).toBe('case.amountDue > 1.0')

    // Tab moves on even while suggestions are shown; Shift+Tab comes back. Each visit is its own undo step.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('End')
    await page.keyboard.type(' && case.')
    await page.locator('.suggest-widget .monaco-list-row').first().waitFor()
    await page.keyboard.press('Tab')
    expect(await page.locator('.cel-editor textarea:focus').count()).toBe(0)
    expect(await page.locator('.suggest-widget.visible').count()).toBe(0)
    await page.keyboard.press('Shift+Tab')
    expect(await page.locator('.cel-editor textarea:focus').count()).toBe(1)
    await page.keyboard.press('Control+z')
    await expect.poll(() => shownText(condition)).toBe('case.amountDue > 1.0')
    await page.keyboard.press('Tab')
  })

  it("undoes a template body's typing through the document with Ctrl+Z, not as one more edit", async () => {
    await page.getByRole('button', { name: 'Templates', exact: true }).click()
    await page
      .getByRole('button', { name: /Friendly first reminder/ })
      .first()
      .click()
    const body = page.getByRole('textbox', { name: 'Body of template friendly-reminder in en' })
    await body.focus()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('<!-- thanks -->')
    // Wait for what the person sees: the whole comment in the editor, no suggestion open over it, Undo offered.
    const shown = () => page.locator('.locale-column .view-lines').first().innerText()
    await expect.poll(shown).toContain('thanks')
    await expect.poll(() => page.locator('.locale-column .suggest-widget.visible').count()).toBe(0)
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true)
    await page.keyboard.press('Control+z')
    // Monaco paints the undone text on a later frame than the toolbar's Redo button: wait for the text itself.
    await expect.poll(shown).not.toContain('thanks')
    expect(await page.getByRole('button', { name: 'Redo' }).isEnabled()).toBe(true)
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await page.locator('.react-flow__node').first().waitFor()
  })

  it('shows the document as JSON: an edit there shows on the canvas and is undone in one step', async () => {
    await page.getByRole('button', { name: 'JSON', exact: true }).click()
    const view = page.getByRole('main', { name: 'Journey document as JSON' })
    const json = view.locator('.monaco-editor')
    await json.waitFor()
    await view.getByRole('status').filter({ hasText: 'In sync with the canvas' }).waitFor()
    await view.getByRole('textbox', { name: 'Journey document as JSON' }).focus()
    // The inspector's edit is there, in the stable form of export.
    expect(await find('"filter": "case.amountDue > 1.0"')).toBe('1 of 1')
    expect(await find('"label": "Polite')).toBe('1 of 1')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Control+Shift+ArrowLeft')
    await page.keyboard.type('Courteous')
    await view.getByRole('status').filter({ hasText: 'In sync with the canvas' }).waitFor()
    await shot('json')
    // The toolbar's undo and redo show up in the text, and the view stays where it was (Monaco draws only the lines
    // in view, so the changed line is still drawn).
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => json.locator('.view-line', { hasText: '"label": "Polite letter"' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Redo' }).click()
    await expect.poll(() => json.locator('.view-line', { hasText: '"label": "Courteous letter"' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await page.locator('.react-flow__node', { hasText: 'Courteous letter' }).waitFor()
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.locator('.react-flow__node', { hasText: 'Polite letter' }).waitFor()
    expect(await page.locator('.react-flow__node', { hasText: 'Courteous letter' }).count()).toBe(0)
    // One more undo takes the condition back: the JSON edit was one step.
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.locator('.react-flow__node[data-id="overdue"]', { hasText: 'case.amountDue >= 100.0' }).waitFor()
  })

  it('keeps text that is not JSON, says where it is wrong, applies nothing, and asks before leaving', async () => {
    await page.getByRole('button', { name: 'JSON', exact: true }).click()
    const view = page.getByRole('main', { name: 'Journey document as JSON' })
    const json = view.locator('.monaco-editor')
    await json.waitFor()
    const problemsBefore = await problemsButton().getAttribute('aria-label')
    await view.getByRole('textbox', { name: 'Journey document as JSON' }).focus()
    await find('"nodes": [')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.type(',')
    await view.getByRole('status').filter({ hasText: 'Not applied: 1 problem' }).waitFor()
    const problem = view.getByRole('region', { name: 'Why the text is not applied' }).getByRole('button')
    expect(await problem.innerText()).toMatch(/not valid JSON at line \d+, column \d+/)
    await json.locator('.squiggly-error').first().waitFor()
    expect(await problemsButton().getAttribute('aria-label')).toBe(problemsBefore)
    await shot('json-invalid')

    // Leaving asks first; staying keeps the text.
    const asked: string[] = []
    page.once('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.dismiss()
    })
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await expect.poll(() => asked.length).toBe(1)
    expect(asked[0]).toContain('not applied')
    await view.getByRole('status').filter({ hasText: 'Not applied' }).waitFor()

    // Ctrl+Z on text not applied undoes the typing itself.
    await view.getByRole('textbox', { name: 'Journey document as JSON' }).focus()
    await page.keyboard.press('Control+z')
    await view.getByRole('status').filter({ hasText: 'In sync with the canvas' }).waitFor()
  })

  it('marks a schema violation where it is', async () => {
    const view = page.getByRole('main', { name: 'Journey document as JSON' })
    const json = view.locator('.monaco-editor')
    await view.getByRole('textbox', { name: 'Journey document as JSON' }).focus()
    expect(await find(`"${friendly.name}"`)).toBe('1 of 1')
    await page.keyboard.type('42')
    await view
      .getByRole('status')
      .filter({ hasText: /Not applied: \d+ problem/ })
      .waitFor()
    const problems = view.getByRole('region', { name: 'Why the text is not applied' })
    expect(await problems.innerText()).toContain('name must be')
    // Marked at the field by the validator and by Monaco's JSON service against journey.schema.json (F8 steps
    // through the markers; the service's come once its worker has read the text).
    await json.locator('.squiggly-error').first().waitFor()
    const widget = page.locator('.marker-widget .descriptioncontainer').first()
    const seen = new Set<string>()
    await expect
      .poll(
        async () => {
          await page.keyboard.press('F8')
          await widget.waitFor()
          seen.add(await widget.innerText())
          return [...seen]
        },
        { timeout: 8_000 },
      )
      .toEqual(expect.arrayContaining(['name must be text, not a number', 'Incorrect type. Expected "string".']))
    await shot('json-schema')
    await page.keyboard.press('Control+z')
    await view.getByRole('status').filter({ hasText: 'In sync with the canvas' }).waitFor()
    await page.getByRole('button', { name: 'Canvas', exact: true }).click()
    await page.locator('.react-flow__node').first().waitFor()
  })
})
