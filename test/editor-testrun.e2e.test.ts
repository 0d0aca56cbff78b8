import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SimulationReport } from '@dunwell/runtime'
import { sampleCases } from '../editor/src/templates/sample-cases'
import { openEditorInBrowser, type EditorInBrowser } from './support/editor-in-browser'

const root = new URL('../', import.meta.url).pathname
const friendly = JSON.parse(readFileSync(join(root, 'examples/friendly-reminder/journey.json'), 'utf8'))
const lifeSituations = JSON.parse(readFileSync(join(root, 'examples/life-situations/journey.json'), 'utf8'))
const liam = sampleCases.find((option) => option.sample.id === 'preview-liam')!
const START = '2026-11-23'

let editor: EditorInBrowser
let page: Page
/** The days the panel suggests for the journey, read in the first test. */
let days = 30
/** Uncaught errors in the page: none is acceptable. */
const pageErrors: string[] = []

const shot = (name: string) => editor.shot(name)

/** The whole journey in view: the canvas may draw only the nodes on screen. */
async function fitAll(nodes: number) {
  await page.getByRole('button', { name: 'Zoom to fit' }).click()
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(nodes)
}

/** The node ids the canvas highlights (with the whole journey in view), and the one it emphasises. */
async function highlighted(journey: { nodes: unknown[] } = friendly) {
  await fitAll(journey.nodes.length)
  const ids = async (selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')!))
  return {
    nodes: (await ids('.react-flow__node:has([data-trace])')).sort(),
    current: await ids('.react-flow__node:has([data-trace="current"])'),
    edges: (await ids('.react-flow__edge.edge--trace')).sort(),
  }
}

/** The same run, asked of the API directly: what the canvas must show. */
async function expectedRun(events: unknown[] = []): Promise<SimulationReport> {
  const response = await fetch(new URL('/api/simulations', editor.server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ journey: friendly, cases: [liam.sample], events, start: `${START}T09:00:00Z`, days, trace: [liam.sample.id] }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as SimulationReport
}

const panel = () => page.getByRole('region', { name: 'Test run' })

beforeAll(async () => {
  editor = await openEditorInBrowser('testrun')
  page = editor.page
  page.setDefaultTimeout(8000)
  page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack}`))
}, 60_000)

afterEach(() => expect(pageErrors).toEqual([]))

afterAll(async () => {
  await editor?.close()
})

describe('the editor’s test run in a real browser', () => {
  it('runs a sample case through the draft and highlights the path of its trace on the canvas', async () => {
    await page.goto(new URL(`/journeys/${friendly.id}`, editor.server.url).href)
    await page.locator('.react-flow__node').first().waitFor()
    await page.getByRole('button', { name: 'Test run' }).click()
    await panel().waitFor()
    await panel().getByLabel('Sample case').selectOption({ label: liam.label })
    await shot('form')
    await panel().getByLabel('Start on').fill(START)
    days = Number(await panel().getByLabel('Run for (days)').inputValue())
    expect(days).toBeGreaterThanOrEqual(14)
    await panel().getByRole('button', { name: 'Run test' }).click()
    await panel()
      .getByText(/^Step 1 of \d+$/)
      .waitFor()

    const expected = await expectedRun()
    const path = expected.cases[liam.sample.id]!.path
    // The first step: only the entry.
    expect(await highlighted()).toMatchObject({ nodes: [path[0]], current: [path[0]], edges: [] })

    // Step to the end: every node of the trace, the edges between them, the last one current.
    const steps = panel().getByRole('list', { name: 'Steps of the run' }).locator(':scope > li')
    const count = await steps.count()
    await panel()
      .getByRole('button', { name: /^Step \d+: /, exact: false })
      .last()
      .click()
    await panel().getByText(`Step ${count} of ${count}`).waitFor()
    const end = await highlighted()
    expect(end.nodes).toEqual([...new Set(path)].sort())
    expect(end.current).toEqual([path.at(-1)])
    expect(end.edges).toHaveLength(path.length - 1)
    expect(await panel().getByRole('status').first().textContent()).toContain(expected.cases[liam.sample.id]!.outcome!)
    await shot('steps')

    // Back one step at a time: the emphasis follows, and the canvas brings the step into view.
    await panel().getByRole('button', { name: 'Previous step' }).click()
    await panel()
      .getByText(`Step ${count - 1} of ${count}`)
      .waitFor()
    const current = page.locator('.react-flow__node:has([data-trace="current"])')
    await expect
      .poll(async () => {
        const node = await current.boundingBox()
        const canvas = await page.getByLabel('Journey canvas').boundingBox()
        return Boolean(
          node &&
            canvas &&
            node.x >= canvas.x &&
            node.x + node.width <= canvas.x + canvas.width &&
            node.y >= canvas.y &&
            node.y + node.height <= canvas.y + canvas.height,
        )
      })
      .toBe(true)
    expect(path).toContain(await current.getAttribute('data-id'))
    await panel().getByRole('button', { name: 'Next step' }).click()
    await panel().getByText(`Step ${count} of ${count}`).waitFor()
  }, 30_000)

  it('shows the rendered messages the engine wrote, and the decisions in words', async () => {
    const trace = (await expectedRun()).traces![liam.sample.id]!
    const email = trace.steps.find((step) => step.message?.channel === 'email')!.message!
    const summary = panel().locator('summary', { hasText: email.subject! })
    await summary.click()
    const body = panel().locator('.trace-message[open]')
    await expect.poll(() => body.locator('.trace-message__text').textContent()).toContain('Hello Liam')
    expect(await body.textContent()).toContain(`To ${email.recipient}`)
    await body.getByRole('button', { name: 'Show as email' }).click()
    await body.locator('iframe').waitFor()
    expect(await body.locator('iframe').getAttribute('srcdoc')).toBe(email.html)
    // The wait says until when, in the debtor's zone.
    expect(
      await panel()
        .getByText(/^Waits until .* (GMT|WET|IST|UTC)/)
        .count(),
    ).toBeGreaterThan(0)
    await body.scrollIntoViewIfNeeded()
    await shot('message')
  })

  it('clearing the run removes the highlight and keeps the setup', async () => {
    await panel().getByRole('button', { name: 'Clear run' }).click()
    await panel().getByRole('button', { name: 'Run test' }).waitFor()
    expect(await page.locator('[data-trace]').count()).toBe(0)
    expect(await page.locator('.react-flow__edge.edge--trace').count()).toBe(0)
    expect(await panel().getByLabel('Sample case').inputValue()).toBe(String(sampleCases.indexOf(liam)))
  })

  it('a case the runtime refuses gets its field at fault named', async () => {
    await panel().getByLabel('Phone').fill('0851234567')
    await panel().getByRole('button', { name: 'Run test' }).click()
    const alert = panel().getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('case.debtor.phone: must be an E.164 phone number')
    await panel().getByLabel('Phone').fill(liam.sample.debtor.phone!)
  })

  it('a payment on day 4 ends the journey with the outcome paid', async () => {
    await panel().getByRole('button', { name: 'Add event' }).click()
    await panel().getByLabel('Event 1 type').selectOption('payment.received')
    await panel().getByLabel('Event 1 day').fill('4')
    await panel().getByLabel('Event 1 amount').fill(String(liam.sample.amountDue))
    await panel().getByRole('button', { name: 'Run test' }).click()
    await panel()
      .getByText(/^Step 1 of \d+$/)
      .waitFor()
    const summary = panel().getByRole('status').first()
    await expect.poll(() => summary.textContent()).toMatch(/Ended with\s*paid/)
    const last = panel().getByRole('list', { name: 'Steps of the run' }).locator(':scope > li').last()
    expect(await last.textContent()).toContain('Goal met: paid')
    expect(await last.textContent()).toContain('Day 4')
    const payment = panel().getByRole('button', { name: /^Step \d+: Payment received: €129\.00, day 4/ })
    await payment.click()
    expect(await payment.getAttribute('aria-current')).toBe('step')
    // The payment arrives while the case waits: that node is where the canvas points.
    // Day 4 is four days after the case entered at 09:00 UTC, two hours into the day.
    const expected = await expectedRun([
      { type: 'payment.received', caseId: liam.sample.id, at: '2026-11-27T11:00:00Z', data: { amount: liam.sample.amountDue } },
    ])
    expect(expected.cases[liam.sample.id]).toMatchObject({ outcome: 'paid' })
    expect((await highlighted()).current).toEqual([expected.cases[liam.sample.id]!.path.at(-1)])
    await shot('paid')
    // Closing the panel takes the path off the canvas; opening it again brings the run back.
    await panel().getByRole('button', { name: 'Close test run' }).click()
    expect(await page.locator('[data-trace]').count()).toBe(0)
    await page.getByRole('button', { name: 'Test run' }).click()
    await panel()
      .getByText(/Ended with\s*paid/)
      .waitFor()
    expect(await page.locator('[data-trace="current"]').count()).toBe(1)
    await panel().getByRole('button', { name: 'Clear run' }).click()
  })

  it('an edited case takes the branch its fields match, with the conditions tried, and the arrow keys walk the steps', async () => {
    await page.goto(new URL(`/journeys/${lifeSituations.id}`, editor.server.url).href)
    await page.locator('.react-flow__node').first().waitFor()
    await page.getByRole('button', { name: 'Test run' }).click()
    await panel().getByLabel('Birth date').fill('2004-05-01')
    await panel().getByLabel('Attributes').fill('{"occupation": "student"}')
    await panel().getByLabel('Start on').fill(START)
    await panel().getByRole('button', { name: 'Run test' }).click()
    await panel()
      .getByText(/^Step 1 of \d+$/)
      .waitFor()
    const segment = panel().getByRole('list', { name: 'Steps of the run' }).locator(':scope > li', { hasText: 'Life situation' })
    expect(await segment.textContent()).toContain('Takes the branch “Student, 18–25”')
    expect(await segment.locator('.trace-step__condition--true').textContent()).toContain("case.attributes.occupation == 'student'")
    // With the values the condition saw, in words.
    expect(await segment.locator('.trace-step__condition--true .trace-step__seen').textContent()).toMatch(
      /debtor\.age was 2\d, case\.attributes\.occupation was “student”/,
    )
    await segment.getByRole('button').first().click()
    await shot('segment')
    expect((await highlighted(lifeSituations)).current).toEqual(['life-situation'])
    await panel().locator('[aria-current="step"]').focus()
    await page.keyboard.press('ArrowDown')
    const after = await highlighted(lifeSituations)
    const edge = lifeSituations.edges.find(
      (candidate: { source: string; target: string }) => candidate.source === 'life-situation' && candidate.target === after.current[0],
    )
    expect(edge.sourceHandle).toBe('student')
    expect(after.edges).toContain(edge.id)
    await panel().locator('[aria-current="step"]').focus()
    await page.keyboard.press('ArrowUp')
    expect((await highlighted(lifeSituations)).current).toEqual(['life-situation'])
  })

  it('a journey edited into errors: the run is marked stale, and running again says what to fix', async () => {
    const canvas = page.getByLabel('Journey canvas')
    await page.getByRole('button', { name: /^Add Email:/ }).dragTo(canvas, { targetPosition: { x: 200, y: 120 } })
    await fitAll(lifeSituations.nodes.length + 1)
    await expect
      .poll(async () => (await page.getByRole('button', { name: /^Problems: \d+ errors/ }).getAttribute('aria-label')) ?? '')
      .not.toMatch(/^Problems: 0 errors/)
    // The run shown is of the journey before the edit: it says so, and runs again on demand.
    await panel().getByText('The journey changed since this run.').waitFor()
    await panel().getByRole('button', { name: 'Run again' }).click()
    const alert = panel().getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('This journey has errors')
    const problem = alert.getByRole('button').first()
    expect(await problem.textContent()).toMatch(/^email/)
    await shot('errors')
    await problem.click()
    expect(await page.locator('.react-flow__node.selected').count()).toBe(1)
    await page.getByRole('button', { name: 'Undo' }).click()
    await fitAll(lifeSituations.nodes.length)
  })
})
