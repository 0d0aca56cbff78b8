import { format, type Diagnostic } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { parseTree } from 'jsonc-parser'
import { describe, expect, it } from 'vitest'
import { diagnosticRanges, readJourneyText } from './read-journey-text'

const text = format(sampleJourney())
const at = (source: string, range: { offset: number; length: number }) => source.slice(range.offset, range.offset + range.length)

describe('readJourneyText', () => {
  it('reads the stable text of a journey back as that journey', () => {
    expect(readJourneyText(text)).toEqual({ ok: true, document: sampleJourney() })
  })

  it('says where text is not JSON', () => {
    const broken = text.replace('"nodes": [', '"nodes": [,')
    const result = readJourneyText(broken)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]!.message).toMatch(/^not valid JSON at line \d+, column \d+/)
    expect(broken[result.problems[0]!.range.offset]).toBe(',')
  })

  it('marks a schema violation at its field, and does not pass the text on', () => {
    const document = sampleJourney()
    const wrong = format(document).replace(`"type": "${document.nodes[1]!.type}"`, '"type": "mail"')
    const result = readJourneyText(wrong)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]!.message).toContain('unknown node type')
    expect(at(wrong, result.problems[0]!.range)).toBe('"mail"')
  })

  it('marks a missing field at the object that lacks it, by its key', () => {
    const { name: _name, ...rest } = sampleJourney()
    const source = JSON.stringify({ ...rest, settings: { ...rest.settings, locales: 3 } }, null, 2)
    const result = readJourneyText(source)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const places = result.problems.map((problem) => at(source, problem.range))
    expect(places).toContain('3')
    // The journey itself lacks the name: its opening brace is marked.
    expect(places).toContain('{')
  })

  it("keeps the journey's id: the draft is saved under it", () => {
    const other = text.replace(`"id": "${sampleJourney().id}"`, '"id": "someone-else"')
    const result = readJourneyText(other, sampleJourney())
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]!.message).toContain(`the id stays "${sampleJourney().id}"`)
    expect(at(other, result.problems[0]!.range)).toBe('"someone-else"')
    expect(readJourneyText(text, sampleJourney()).ok).toBe(true)
  })

  it('lets an edit through a journey with an unfinished step, but not one that leaves a step unfinished anew', () => {
    const unfinished = sampleJourney()
    const email = unfinished.nodes.find((node) => node.type === 'email')!
    ;(email.data as { template: string }).template = ''
    // Such a draft has no stable form: the view shows it as plain JSON.
    const source = JSON.stringify({ ...unfinished, name: 'Renamed' }, null, 2)
    const result = readJourneyText(source, unfinished)
    expect(result).toMatchObject({ ok: true, document: { name: 'Renamed' } })
    // The same step, moved to the end of the list, is still the same unfinished step.
    const moved = { ...unfinished, nodes: [...unfinished.nodes.filter((node) => node !== email), email] }
    expect(readJourneyText(JSON.stringify(moved), unfinished).ok).toBe(true)
    const broken = readJourneyText(format(sampleJourney()).replace(/"template": "[^"]+"/, '"template": ""'), sampleJourney())
    expect(broken.ok).toBe(false)
    if (!broken.ok) expect(broken.problems[0]!.message).toContain('template must not be empty')
  })

  it('refuses what is no journey at all, and a hostile __proto__ key', () => {
    expect(readJourneyText('[1, 2]').ok).toBe(false)
    expect(readJourneyText(text.replace('"nodes": [', '"__proto__": {"polluted": true}, "nodes": [')).ok).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('diagnosticRanges', () => {
  it("puts the validator's findings at their paths in the text", () => {
    const diagnostics: Diagnostic[] = [
      { severity: 'error', code: 'unreachable-node', message: 'nothing leads here', nodeId: 'x', path: ['nodes', 1] },
      { severity: 'warning', code: 'unused-template', message: 'not used', path: ['templates', 'nowhere'] },
    ]
    const ranges = diagnosticRanges(parseTree(text), diagnostics)
    expect(at(text, ranges[0]!.range)).toBe('{')
    expect(ranges[0]!.message).toContain('nothing leads here')
    // A template that is not there: its nearest ancestor, the templates, by key.
    expect(at(text, ranges[1]!.range)).toBe('"templates"')
    expect(ranges[1]!.severity).toBe('warning')
  })
})
