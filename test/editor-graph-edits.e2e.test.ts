// Edits that keep the graph whole, in a real browser against a real server: a branch renamed, a variant removed, a
// step id renamed, and an arrow the canvas could not draw (loaded that way) found from the problems panel and removed.
// After each, the canvas draws every arrow of the document, and the server publishes it without a problem.
import { join } from 'node:path'
import { JOURNEY_FORMAT, type Journey } from '@dunwell/journey'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

const ID = 'graph-edits'

let editor: EditorInBrowser
let page: Page
const shot = (name: string) => editor.shot(name)

const api = <T>(method: string, path: string, body?: unknown) => editor.api<T>(method, path, body)

const mjml =
  '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ debtor.firstName | default: "there" }}</mj-text></mj-column></mj-section></mj-body></mjml>'

/** A segment and a split as the editor makes them (`branch-1`, edge ids after their steps), and one stray arrow. */
function journey(): Journey {
  return {
    format: JOURNEY_FORMAT,
    id: ID,
    name: 'Graph edits',
    settings: { locales: ['en'], defaultLocale: 'en' },
    nodes: [
      { id: 'start', type: 'entry', position: { x: 200, y: 0 }, data: { event: 'promise.broken' } },
      { id: 'segment-1', type: 'segment', position: { x: 200, y: 140 }, data: { branches: [{ id: 'branch-1', label: 'Young', when: 'debtor.age < 26' }] } },
      {
        id: 'split-1',
        type: 'split',
        position: { x: 0, y: 300 },
        data: {
          variants: [
            { id: 'a', label: 'A', weight: 50 },
            { id: 'b', label: 'B', weight: 50 },
            { id: 'c', label: 'C', weight: 0 },
          ],
        },
      },
      { id: 'email-1', type: 'email', position: { x: 0, y: 460 }, data: { template: 'reminder' } },
      { id: 'exit', type: 'exit', position: { x: 300, y: 620 }, data: { outcome: 'done' } },
    ],
    edges: [
      { id: 'e-start', source: 'start', target: 'segment-1' },
      { id: 'e-segment-1-branch-1', source: 'segment-1', sourceHandle: 'branch-1', target: 'split-1' },
      { id: 'e-segment-1-else', source: 'segment-1', sourceHandle: 'else', target: 'exit' },
      { id: 'e-split-1-a', source: 'split-1', sourceHandle: 'a', target: 'email-1' },
      { id: 'e-split-1-b', source: 'split-1', sourceHandle: 'b', target: 'email-1' },
      { id: 'e-split-1-c', source: 'split-1', sourceHandle: 'c', target: 'exit' },
      { id: 'e-email-1', source: 'email-1', target: 'exit' },
      // As a branch renamed in an older editor left it: from an outcome the segment no longer has.
      { id: 'e-segment-1-old', source: 'segment-1', sourceHandle: 'old', target: 'email-1' },
    ],
    templates: { reminder: { channel: 'email', subject: { en: 'Your invoice' }, body: { en: mjml } } },
  }
}

/** The edge ids the canvas draws, and the document's, as the server has them after a save. */
const drawnEdges = () => page.locator('.react-flow__edge').evaluateAll((found) => found.map((element) => element.getAttribute('data-id') ?? '').sort())
const inspector = () => page.getByRole('complementary', { name: /^Inspector: / })
const problems = () => page.getByRole('button', { name: /^Problems: / })

async function savedDocument(): Promise<Journey> {
  await page.keyboard.press('Control+s')
  await page.getByText(/^Saved/).waitFor()
  return (await api<{ document: Journey }>('GET', `/api/journeys/${ID}`)).document
}

async function expectCanvasMatchesDocument() {
  const document = await savedDocument()
  await expect.poll(drawnEdges).toEqual(document.edges.map((edge) => edge.id).sort())
  return document
}

beforeAll(async () => {
  editor = await openEditorInBrowser('graph-edits')
  page = editor.page
  await api('PUT', `/api/journeys/${ID}/draft`, journey())
}, 60_000)

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(artifacts, `graph-edits-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) })
})

afterAll(async () => {
  await editor?.close()
})

describe('edits that keep the graph whole', () => {
  it('lists an arrow the canvas cannot draw; the problem selects it, and the arrow inspector removes it', async () => {
    await page.goto(`${editor.server.url}/journeys/${ID}`)
    await page.locator('.react-flow__node').first().waitFor()
    // Loaded as it was: not drawn, but not dropped either.
    expect(await drawnEdges()).not.toContain('e-segment-1-old')
    const panel = page.getByRole('complementary', { name: 'Problems' })
    const problem = panel.getByRole('button', { name: /arrow e-segment-1-old/ })
    await problem.click()
    const arrow = page.getByRole('complementary', { name: 'Arrow e-segment-1-old' })
    await arrow.getByText('This arrow cannot be drawn on the canvas: its step has no outcome “old”.').waitFor()
    await expect.poll(() => arrow.getByLabel('By outcome').inputValue()).toBe('\u0000unknown')
    await shot('dangling-arrow')
    await arrow.getByRole('button', { name: 'Remove this arrow' }).click()
    await problems()
      .and(page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }))
      .waitFor()
    const document = await expectCanvasMatchesDocument()
    expect(document.edges.map((edge) => edge.id)).not.toContain('e-segment-1-old')
  })

  it('renames a branch: its arrow follows, an id in use or malformed is refused with a reason', async () => {
    await page.locator('.react-flow__node[data-id="segment-1"]').click()
    const field = inspector().getByLabel('Outcome id')
    await field.fill('else')
    await inspector().getByText('Another outcome of this step already has this id.').waitFor()
    await field.fill('jung und alt')
    await inspector()
      .getByText(/Use only letters without accents, digits, - and _/)
      .waitFor()
    await shot('outcome-id-refused')
    await field.fill('young')
    await field.press('Enter')
    await page.locator('.react-flow__edge[data-id="e-segment-1-young"]').waitFor()
    expect(await page.locator('.react-flow__edge[data-id="e-segment-1-young"]').getAttribute('aria-label')).toBe(
      'From Segment segment-1 (Young) to A/B split split-1',
    )
    await problems()
      .and(page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }))
      .waitFor()
    await shot('branch-renamed')
    const document = await expectCanvasMatchesDocument()
    expect(document.edges).toContainEqual({ id: 'e-segment-1-young', source: 'segment-1', sourceHandle: 'young', target: 'split-1' })
    expect(document.nodes.find((node) => node.id === 'segment-1')?.data).toMatchObject({ branches: [{ id: 'young' }] })
  })

  it('removes a variant with its arrow, and one undo brings both back', async () => {
    await page.locator('.react-flow__node[data-id="split-1"]').click()
    await inspector().getByRole('button', { name: 'Remove C' }).click()
    await expect.poll(drawnEdges).not.toContain('e-split-1-c')
    await problems()
      .and(page.getByRole('button', { name: 'Problems: 0 errors, 0 warnings' }))
      .waitFor()
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(drawnEdges).toContain('e-split-1-c')
    await page.getByRole('button', { name: 'Redo' }).click()
    await expect.poll(drawnEdges).not.toContain('e-split-1-c')
    const document = await expectCanvasMatchesDocument()
    expect(document.edges.filter((edge) => edge.source === 'split-1').map((edge) => edge.sourceHandle)).toEqual(['a', 'b'])
  })

  it('opens an arrow clicked on the canvas in the arrow inspector, which reconnects it (one undo step)', async () => {
    await page.locator('.react-flow__edge[data-id="e-segment-1-else"] .react-flow__edge-textwrapper').click()
    const arrow = page.getByRole('complementary', { name: 'Arrow e-segment-1-else' })
    await arrow.getByLabel('To step').selectOption('email-1')
    await expect
      .poll(() => page.locator('.react-flow__edge[data-id="e-segment-1-else"]').getAttribute('aria-label'))
      .toBe('From Segment segment-1 (else) to Email email-1')
    await shot('arrow-reconnected')
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect
      .poll(() => page.locator('.react-flow__edge[data-id="e-segment-1-else"]').getAttribute('aria-label'))
      .toBe('From Segment segment-1 (else) to Exit exit')
    await expectCanvasMatchesDocument()
  })

  it('renames a step id: every arrow from and to it follows, and the journey publishes without a problem', async () => {
    await page.locator('.react-flow__node[data-id="split-1"]').click()
    const field = inspector().getByLabel('Step id')
    await field.fill('email-1')
    await inspector().getByText('Another step or arrow already has this id.').waitFor()
    await field.fill('tone')
    await field.press('Enter')
    await page.locator('.react-flow__node[data-id="tone"]').waitFor()
    await shot('step-renamed')
    const document = await expectCanvasMatchesDocument()
    expect(document.edges.filter((edge) => edge.source === 'tone' || edge.target === 'tone')).toEqual([
      { id: 'e-segment-1-young', source: 'segment-1', sourceHandle: 'young', target: 'tone' },
      { id: 'e-tone-a', source: 'tone', sourceHandle: 'a', target: 'email-1' },
      { id: 'e-tone-b', source: 'tone', sourceHandle: 'b', target: 'email-1' },
    ])
    expect(JSON.stringify(document)).not.toContain('split-1')

    // The server agrees: it validates the draft as the editor does and publishes it.
    expect(await api('POST', '/api/journeys/validate', document)).toMatchObject({ valid: true, diagnostics: [] })
    await page.getByRole('button', { name: 'Publish' }).click()
    const dialog = page.getByRole('dialog', { name: 'Publish version 1' })
    await dialog.getByRole('button', { name: 'Publish v1' }).click()
    await expect.poll(async () => (await api<{ latestVersion: number | null }>('GET', `/api/journeys/${ID}`)).latestVersion).toBe(1)
    const published = await api<{ document: Journey }>('GET', `/api/journeys/${ID}/versions/1`)
    expect(published.document.edges).toEqual(document.edges)
  })

  it('shows the template a problem is about in the templates view', async () => {
    // A second template nothing sends: a warning about the template, not about a step.
    const draft = journey()
    draft.id = `${ID}-templates`
    draft.edges = draft.edges.filter((edge) => edge.id !== 'e-segment-1-old')
    draft.templates.spare = { channel: 'sms', name: 'Spare text', body: { en: 'Hello' } }
    await api('PUT', `/api/journeys/${draft.id}/draft`, draft)
    await page.goto(`${editor.server.url}/journeys/${draft.id}`)
    await page
      .getByRole('complementary', { name: 'Problems' })
      .getByRole('button', { name: /templates\.spare/ })
      .click()
    await page
      .getByRole('navigation', { name: 'Templates' })
      .getByRole('button', { name: /^Spare text/ })
      .and(page.locator('[aria-current="true"]'))
      .waitFor()
    await shot('template-problem')
  })

  it('says in German why an id is refused, for a German browser', async () => {
    const german = await editor.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' })
    try {
      await german.goto(`${editor.server.url}/journeys/${ID}`)
      await german.locator('.react-flow__node[data-id="segment-1"]').click()
      const field = german.getByRole('complementary', { name: /^Inspector: / }).getByLabel('Ausgangs-ID')
      await field.fill('else')
      await german.getByText('Ein anderer Ausgang dieses Schritts hat diese ID schon. Enter benennt um, Escape behält die alte ID.').waitFor()
      await german.screenshot({ path: join(artifacts, 'graph-edits-german.png') })
    } finally {
      await german.close()
    }
  })
})
