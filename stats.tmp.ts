import fc from 'fast-check'
import { arbitraryJourney } from './packages/journey/src/testing/index.ts'
import { validate } from './packages/journey/src/index.ts'
const samples = fc.sample(arbitraryJourney(), { numRuns: 300, seed: 42 })
const sizes = samples.map((j) => j.nodes.length)
const hist: Record<string, number> = {}
for (const s of sizes) hist[Math.floor(s / 5) * 5] = (hist[Math.floor(s / 5) * 5] ?? 0) + 1
console.log('size buckets', hist, 'max', Math.max(...sizes))
const kinds: Record<string, number> = {}
let waitModes: Record<string, number> = {}, loops = 0, cross = 0, selfLoops = 0, failed = 0, shared = 0, noExit = 0
for (const j of samples) {
  for (const n of j.nodes) {
    kinds[n.type] = (kinds[n.type] ?? 0) + 1
    if (n.type === 'wait') { const m = 'for' in n.data ? 'for' : 'until' in n.data ? 'until' : 'event'; waitModes[m] = (waitModes[m] ?? 0) + 1 }
  }
  const indeg = new Map<string, number>()
  for (const e of j.edges) { indeg.set(e.target, (indeg.get(e.target) ?? 0) + 1); if (e.source === e.target) selfLoops++; if (e.sourceHandle === 'failed') failed++ }
  cross += [...indeg.values()].filter((v) => v > 1).length
  const uses = new Map<string, number>()
  for (const n of j.nodes) { const t = (n.data as any).template; if (t) uses.set(t, (uses.get(t) ?? 0) + 1) }
  shared += [...uses.values()].filter((v) => v > 1).length
  if (!j.nodes.some((n) => n.type === 'exit')) noExit++
  // cycles: any edge to a node with a path back
  const succ = new Map<string, string[]>(); for (const e of j.edges) succ.set(e.source, [...(succ.get(e.source) ?? []), e.target])
  const reach = (a: string, b: string) => { const seen = new Set([a]); const q = [a]; while (q.length) { for (const n of succ.get(q.pop()!) ?? []) { if (n === b) return true; if (!seen.has(n)) { seen.add(n); q.push(n) } } } return false }
  if (j.nodes.some((n) => reach(n.id, n.id))) loops++
}
console.log(kinds, waitModes, { journeysWithLoops: loops, mergeNodes: cross, selfLoops, failedEdges: failed, sharedTemplates: shared, noExit })
console.log('locales', samples.map((j) => j.settings.locales.length).join(''))
const bad = samples.filter((j) => validate(j).length > 0).length
console.log('invalid', bad)
console.log(JSON.stringify(samples.find((j) => j.nodes.length > 6 && j.nodes.length < 10), null, 1).slice(0, 3000))
