// The editor with a 500-node journey in Debian's Chromium: how long it takes to open, and how smoothly it pans,
// against a 13-node example opened and panned the same way in the same run (the machine is shared: ratios count).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { validate, type Journey, type JourneyEdge, type JourneyNode } from '@dunwell/journey'
import { startServer } from '../src/http/server'

const root = new URL('../../', import.meta.url).pathname

/**
 * A large journey as people build them: a segment fans out to branches, each a long sequence of reminders, waits
 * and escalations ending in an exit. About `size` nodes, valid, laid out in columns.
 */
export function largeJourney(size: number): Journey {
  const branches = 8
  const perBranch = Math.floor((size - 2) / branches)
  const nodes: JourneyNode[] = [
    { id: 'entry', type: 'entry', position: { x: (branches * 320) / 2, y: 0 }, data: { event: 'invoice.overdue' } },
    {
      id: 'segment',
      type: 'segment',
      position: { x: (branches * 320) / 2, y: 160 },
      data: { branches: Array.from({ length: branches - 1 }, (_, i) => ({ id: `b${i}`, label: `Above ${i * 100}`, when: `case.amountDue >= ${i * 100}.0` })) },
    },
  ]
  const edges: JourneyEdge[] = [{ id: 'e-entry', source: 'entry', target: 'segment' }]
  const cycle = ['email', 'wait', 'sms', 'wait', 'letter', 'wait', 'call', 'wait', 'action', 'wait'] as const
  for (let branch = 0; branch < branches; branch++) {
    let previous: { id: string; handle?: string } = { id: 'segment', handle: branch < branches - 1 ? `b${branch}` : 'else' }
    for (let step = 0; step < perBranch; step++) {
      const last = step === perBranch - 1
      const type = last ? 'exit' : cycle[step % cycle.length]!
      const id = `n${branch}-${step}`
      const data =
        type === 'email'
          ? { template: 'reminder' }
          : type === 'sms'
            ? { template: 'text' }
            : type === 'letter'
              ? { template: 'letter' }
              : type === 'call'
                ? { queue: 'collections' }
                : type === 'action'
                  ? { set: { step: `${step}` } }
                  : type === 'wait'
                    ? { for: 'P2D' }
                    : { outcome: 'no-response' }
      nodes.push({ id, type, position: { x: branch * 320, y: 320 + step * 160 }, data } as JourneyNode)
      edges.push({ id: `e-${id}`, source: previous.id, ...(previous.handle ? { sourceHandle: previous.handle } : {}), target: id })
      previous = { id }
    }
  }
  return {
    format: 'dunwell/journey@1',
    id: 'large',
    name: `A journey of ${nodes.length} steps`,
    settings: { locales: ['en'], defaultLocale: 'en' },
    nodes,
    edges,
    templates: {
      reminder: {
        channel: 'email',
        subject: { en: 'A reminder' },
        body: {
          en: '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ debtor.firstName | default: "there" }}</mj-text></mj-column></mj-section></mj-body></mjml>',
        },
      },
      text: { channel: 'sms', body: { en: 'Hi {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open: {{ links.pay }}' } },
      letter: { channel: 'letter', body: { en: '<p>Dear {{ debtor.firstName | default: "there" }},</p>' } },
    },
  } as Journey
}

// Code run in the page is written as text: tsx names functions with a helper (`__name`) the page does not have.
const twoFrames = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))'
const recordFrames = `(() => {
  const times = []
  window.frameTimes = times
  const tick = (now) => { times.push(now); if (times.length < 100000) requestAnimationFrame(tick) }
  requestAnimationFrame(tick)
})()`
const takeFrames = 'window.frameTimes.splice(0)'

interface Opened {
  /** From navigation to the journey drawn and fitted in view. */
  openMs: number
  /** Nodes in the page: React Flow leaves out those out of view. */
  drawn: number
  pan: { frames: number; meanMs: number; p95Ms: number; longFrames: number; fps: number }
}

/** Opens a journey's editor and pans across it for `panMs` with the mouse, timing every frame meanwhile. */
async function openAndPan(page: Page, url: string, panMs: number): Promise<Opened> {
  await page.goto('about:blank')
  const began = performance.now()
  await page.goto(url)
  // Drawn and fitted (the canvas says so), then painted: two frames later.
  await page.waitForSelector('.canvas[data-ready]', { timeout: 60_000 })
  await page.evaluate(twoFrames)
  const openMs = performance.now() - began
  const drawn = await page.locator('.react-flow__node').count()

  const pane = await page.locator('.react-flow__pane').boundingBox()
  if (!pane) throw new Error('no canvas pane on screen')
  await page.evaluate(recordFrames)
  // Pan by dragging the empty pane in a circle, one mouse move per 16 ms, as a hand would.
  const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 }
  await page.mouse.move(centre.x, centre.y)
  await page.mouse.down()
  const start = performance.now()
  while (performance.now() - start < panMs) {
    const angle = ((performance.now() - start) / panMs) * Math.PI * 4
    await page.mouse.move(centre.x + Math.cos(angle) * 200, centre.y + Math.sin(angle) * 150)
    await new Promise((resolve) => setTimeout(resolve, 16))
  }
  await page.mouse.up()
  const times = (await page.evaluate(takeFrames)) as number[]
  const gaps = times.slice(1).map((time, i) => time - times[i]!)
  const sorted = [...gaps].sort((a, b) => a - b)
  const meanMs = gaps.reduce((sum, gap) => sum + gap, 0) / Math.max(1, gaps.length)
  return {
    openMs,
    drawn,
    pan: {
      frames: gaps.length,
      meanMs,
      p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      longFrames: gaps.filter((gap) => gap > 50).length,
      fps: 1000 / meanMs,
    },
  }
}

export interface CanvasBench {
  small: Opened & { nodes: number }
  large: Opened & { nodes: number }
}

/** Both journeys opened three times each (the best open counts: the first also warms the caches), then panned. */
export async function editorCanvas({ size = 500, panMs = 3000 } = {}): Promise<CanvasBench> {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-canvas-bench-'))
  const large = largeJourney(size)
  const problems = validate(large).filter((d) => d.severity === 'error')
  if (problems.length > 0)
    throw new Error(
      `the large journey is not valid: ${problems
        .slice(0, 3)
        .map((d) => d.message)
        .join('; ')}`,
    )
  const small = JSON.parse(readFileSync(join(root, 'examples/friendly-reminder/journey.json'), 'utf8')) as Journey
  const server = await startServer({
    file: join(dir, 'bench.sqlite'),
    port: 0,
    open: true,
    examples: join(root, 'examples'),
    editor: join(root, 'editor/dist'),
    log: () => {},
  })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
  try {
    const saved = await fetch(`${server.url}/api/journeys/large/draft`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(large),
    })
    if (!saved.ok) throw new Error(`the large journey was not saved: ${saved.status} ${await saved.text()}`)
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const best = async (id: string, nodes: number) => {
      const runs: Opened[] = []
      for (let run = 0; run < 3; run++) runs.push(await openAndPan(page, `${server.url}/journeys/${id}`, run === 2 ? panMs : 0))
      const fastest = Math.min(...runs.map((run) => run.openMs))
      return { ...runs[2]!, nodes, openMs: fastest }
    }
    return { small: await best(small.id, small.nodes.length), large: await best('large', large.nodes.length) }
  } finally {
    await browser.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
