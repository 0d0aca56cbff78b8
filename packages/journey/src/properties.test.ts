import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  channels,
  pauses,
  compile,
  createJourneyMachine,
  DEFAULT_GOAL,
  format,
  hasErrors,
  nodeBase,
  nodeKinds,
  validate,
  type Diagnostic,
  type DiagnosticCode,
  type Journey,
  type JourneyNode,
  type StateConfig,
} from '@dunwell/journey'
import { arbitraryJourney } from '@dunwell/journey/testing'

/** validate() turns its own exceptions into this diagnostic; a property must not mistake a crash for a finding. */
function expectNoCrash(diagnostics: Diagnostic[]) {
  expect(diagnostics.filter((diagnostic) => diagnostic.message.startsWith('could not be checked'))).toEqual([])
}

const channelTypes = new Set<string>(channels)

/** Reads the picks in turn: `choose(n)` is a whole number below n. */
function chooser(picks: number[]) {
  let cursor = 0
  return <T>(items: readonly T[]): T => items[picks[cursor++ % picks.length]! % items.length]!
}
type Choose = ReturnType<typeof chooser>

/** An id that no node, edge or template of the journey has. */
function freshId(journey: Journey, word: string): string {
  const taken = new Set([...journey.nodes.map((node) => node.id), ...journey.edges.map((edge) => edge.id), ...Object.keys(journey.templates)])
  let id = word
  for (let counter = 1; taken.has(id); counter++) id = `${word}-${counter}`
  return id
}

type Where = { nodeId?: string; edgeId?: string; path?: (string | number)[] }

interface Mutation {
  behaviour: string
  code: DiagnosticCode
  /** Breaks the journey in place and says where the error must point; `undefined` when the journey offers nothing to break. */
  mutate: (journey: Journey, choose: Choose) => Where | undefined
}

const wrongType = (value: unknown): unknown =>
  typeof value === 'string'
    ? 42
    : typeof value === 'number'
      ? String(value)
      : typeof value === 'boolean'
        ? 'yes'
        : Array.isArray(value)
          ? 'a list'
          : 'an object'

/**
 * Takes away a field a node cannot do without, read from its kind's schema (in the mode its data is in: an entry on
 * an event or by days past due, a wait's three); a kind whose fields are all optional but must have one (an action,
 * an offer) loses all of them.
 */
function dropRequiredField(node: JourneyNode, choose: Choose): void {
  const data = node.data as Record<string, unknown>
  const schema = nodeKinds[node.type].data as z.ZodType
  const modes = (schema instanceof z.ZodUnion ? schema.options : [schema]) as z.ZodObject[]
  const shape = (modes.find((mode) => mode.safeParse(data).success) ?? modes[0]!).shape
  const required = Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success)
  if (required.length > 0) delete data[choose(required)]
  else for (const key of Object.keys(shape)) if (!(key in nodeBase)) delete data[key]
}

const mutations: Mutation[] = [
  {
    behaviour: 'a node missing a required field is a schema error on that node',
    code: 'schema',
    mutate: (journey, choose) => {
      const node = choose(journey.nodes)
      dropRequiredField(node, choose)
      return { nodeId: node.id }
    },
  },
  {
    behaviour: 'a field of the wrong type is a schema error on that node',
    code: 'schema',
    mutate: (journey, choose) => {
      const node = choose(journey.nodes)
      const data = node.data as Record<string, unknown>
      const field = choose([...Object.keys(data), 'position'])
      if (field === 'position') (node as { position: unknown }).position = wrongType(node.position)
      else data[field] = wrongType(data[field])
      return { nodeId: node.id }
    },
  },
  {
    behaviour: 'an unknown field in a node is a schema error (a typo is never ignored)',
    code: 'schema',
    mutate: (journey, choose) => {
      const node = choose(journey.nodes)
      ;(node.data as Record<string, unknown>).colour = 'red'
      return { nodeId: node.id }
    },
  },
  {
    behaviour: 'an unknown node type is a schema error',
    code: 'schema',
    mutate: (journey, choose) => {
      const node = choose(journey.nodes)
      ;(node as { type: string }).type = 'sleep'
      return { nodeId: node.id }
    },
  },
  {
    behaviour: 'deleting the edge of a required outcome leaves an unconnected outcome on its node',
    code: 'unconnected-outcome',
    mutate: (journey, choose) => {
      const required = journey.edges.filter((edge) => edge.sourceHandle !== 'failed')
      if (required.length === 0) return undefined
      const edge = choose(required)
      journey.edges = journey.edges.filter((other) => other !== edge)
      return { nodeId: edge.source }
    },
  },
  {
    behaviour: 'an edge to or from a node that does not exist is reported on the edge',
    code: 'edge-missing-node',
    mutate: (journey, choose) => {
      const edge = choose(journey.edges)
      const missing = freshId(journey, 'gone')
      if (choose([true, false])) edge.target = missing
      else edge.source = missing
      return { edgeId: edge.id }
    },
  },
  {
    behaviour: 'an edge from an outcome its node does not have is reported on the edge',
    code: 'unknown-handle',
    mutate: (journey, choose) => {
      const edge = choose(journey.edges)
      edge.sourceHandle = 'no-such-outcome'
      return { edgeId: edge.id }
    },
  },
  {
    behaviour: 'an outcome connected twice is reported',
    code: 'outcome-connected-twice',
    mutate: (journey, choose) => {
      const edge = choose(journey.edges)
      const copy = { ...edge, id: freshId(journey, 'copy') }
      journey.edges.push(copy)
      return { edgeId: copy.id }
    },
  },
  {
    behaviour: 'two nodes with the same id are reported',
    code: 'duplicate-node-id',
    mutate: (journey, choose) => {
      const [first, second] = [choose(journey.nodes), choose(journey.nodes)]
      if (first === second) return undefined
      second.id = first.id
      return { nodeId: first.id }
    },
  },
  {
    behaviour: 'two edges with the same id are reported',
    code: 'duplicate-edge-id',
    mutate: (journey, choose) => {
      const [first, second] = [choose(journey.edges), choose(journey.edges)]
      if (first === second) return undefined
      second.id = first.id
      return { edgeId: first.id }
    },
  },
  {
    behaviour: 'an edge back into the entry is reported on the edge',
    code: 'edge-into-entry',
    mutate: (journey, choose) => {
      const edge = choose(journey.edges)
      edge.target = journey.nodes.find((node) => node.type === 'entry')!.id
      return { edgeId: edge.id }
    },
  },
  {
    behaviour: 'a second entry is reported',
    code: 'several-entries',
    mutate: (journey) => {
      journey.nodes.push({ id: freshId(journey, 'second-entry'), type: 'entry', position: { x: 0, y: 0 }, data: { event: 'invoice.created' } })
      return {}
    },
  },
  {
    behaviour: 'a journey without an entry is reported',
    code: 'no-entry',
    mutate: (journey) => {
      journey.nodes = journey.nodes.filter((node) => node.type !== 'entry')
      return {}
    },
  },
  {
    behaviour: 'a loop through no wait is reported as cycle-without-wait',
    code: 'cycle-without-wait',
    mutate: (journey, choose) => {
      const types = new Map(journey.nodes.map((node) => [node.id, node.type]))
      const instant = journey.edges.filter((edge) => !pauses(types.get(edge.source) ?? '') && types.get(edge.source) !== 'entry')
      if (instant.length === 0) return undefined
      const edge = choose(instant)
      edge.target = edge.source
      return {}
    },
  },
  {
    behaviour: 'a broken CEL condition is a bad-expression at that field',
    code: 'bad-expression',
    mutate: (journey, choose) => {
      const fields: { path: (string | number)[]; text: string; set: (text: string) => void }[] = [
        { path: ['settings', 'goal'], text: journey.settings.goal ?? DEFAULT_GOAL, set: (text) => (journey.settings.goal = text) },
      ]
      journey.nodes.forEach((node, index) => {
        const at = (...path: (string | number)[]) => ['nodes', index, 'data', ...path]
        if (node.type === 'entry' && node.data.filter !== undefined)
          fields.push({ path: at('filter'), text: node.data.filter, set: (text) => (node.data.filter = text) })
        if (node.type === 'wait' && 'event' in node.data && node.data.when !== undefined) {
          const data = node.data
          fields.push({ path: at('when'), text: data.when!, set: (text) => (data.when = text) })
        }
        if (node.type === 'segment') {
          node.data.branches.forEach((branch, position) =>
            fields.push({ path: at('branches', position, 'when'), text: branch.when, set: (text) => (branch.when = text) }),
          )
        }
        if (node.type === 'action' && node.data.set) {
          const set = node.data.set
          for (const [name, text] of Object.entries(set)) fields.push({ path: at('set', name), text, set: (broken) => (set[name] = broken) })
        }
      })
      const field = choose(fields)
      field.set(`${field.text} &&`)
      return { path: field.path }
    },
  },
  {
    behaviour: 'split weights that do not add up to 100 are reported on the split',
    code: 'split-weights',
    mutate: (journey, choose) => {
      const splits = journey.nodes.filter((node): node is JourneyNode<'split'> => node.type === 'split')
      if (splits.length === 0) return undefined
      const split = choose(splits)
      const variant = choose(split.data.variants)
      const delta = choose([0.1, 1, 5, 50])
      variant.weight = variant.weight >= delta ? variant.weight - delta : variant.weight + delta
      return { nodeId: split.id }
    },
  },
  {
    behaviour: 'a step using a template the journey does not have is reported on the step',
    code: 'unknown-template',
    mutate: (journey, choose) => {
      const steps = journey.nodes.filter((node) => channelTypes.has(node.type))
      if (steps.length === 0) return undefined
      const step = choose(steps)
      ;(step.data as { template?: string }).template = freshId(journey, 'missing-template')
      return { nodeId: step.id }
    },
  },
  {
    behaviour: 'a template used on a step of another channel is reported on the step',
    code: 'template-channel',
    mutate: (journey, choose) => {
      const steps = journey.nodes.filter((node) => channelTypes.has(node.type) && (node.data as { template?: string }).template !== undefined)
      if (steps.length === 0) return undefined
      const step = choose(steps)
      const template = journey.templates[(step.data as { template: string }).template]!
      template.channel = choose(channels.filter((channel) => channel !== template.channel)) as typeof template.channel
      return { nodeId: step.id }
    },
  },
  {
    behaviour: 'a template without text in the default locale is reported',
    code: 'missing-locale-text',
    mutate: (journey, choose) => {
      const ids = Object.keys(journey.templates)
      if (ids.length === 0) return undefined
      const id = choose(ids)
      delete journey.templates[id]!.body[journey.settings.defaultLocale]
      return { path: ['templates', id, 'body'] }
    },
  },
  {
    behaviour: 'a template reading a variable no case has is a bad-template',
    code: 'bad-template',
    mutate: (journey, choose) => {
      const ids = Object.keys(journey.templates)
      if (ids.length === 0) return undefined
      const id = choose(ids)
      const locale = choose(journey.settings.locales)
      const body = journey.templates[id]!.body
      body[locale] = body[locale]!.replace(/(<\/mj-text>|$)/, ' {{ customer.name }}$1')
      return { path: ['templates', id, 'body', locale] }
    },
  },
  {
    behaviour: 'an email body that is not valid MJML is a bad-mjml',
    code: 'bad-mjml',
    mutate: (journey, choose) => {
      const ids = Object.keys(journey.templates).filter((id) => journey.templates[id]!.channel === 'email')
      if (ids.length === 0) return undefined
      const id = choose(ids)
      const locale = choose(journey.settings.locales)
      const body = journey.templates[id]!.body
      body[locale] = choose([
        (text: string) => text.replace('<mjml>', '<html>'),
        (text: string) => text.replace('</mjml>', ''),
        (text: string) => text.replace('<mj-column>', '<mj-column><mj-section></mj-section>'),
      ])(body[locale]!)
      return { path: ['templates', id, 'body', locale] }
    },
  },
]

function transitionTargets(state: StateConfig): string[] {
  return [...(state.always ?? []), ...Object.values(state.on ?? {}).flat()].map((transition) => transition.target)
}

/** The same value with the keys of every object in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversedKeys(inner)]),
  )
}

/** Every path into a value, the value itself first, and whether it leads to an object or array. */
function pathsOf(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; container: boolean }[] {
  if (typeof value !== 'object' || value === null) return [{ path, container: false }]
  const children = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value)
  return [{ path, container: true }, ...children.flatMap(([key, item]) => pathsOf(item, [...path, key]))]
}

type Edit = { kind: 'replace' | 'delete'; path: (string | number)[] } | { kind: 'insert'; path: (string | number)[]; key: string }

/** Writes like JSON.parse would: as an own property, even for a key such as `constructor`. */
function applyEdit(root: unknown, edit: Edit, value: unknown) {
  let parent = root as Record<string | number, unknown>
  const last = edit.kind === 'insert' ? edit.path.length : edit.path.length - 1
  for (const part of edit.path.slice(0, last)) parent = parent[part] as Record<string | number, unknown>
  if (edit.kind === 'insert') {
    if (Array.isArray(parent)) parent.push(value)
    else Object.defineProperty(parent, edit.key, { value, enumerable: true, writable: true, configurable: true })
  } else if (edit.kind === 'delete' && Array.isArray(parent)) parent.splice(edit.path.at(-1) as number, 1)
  else if (edit.kind === 'delete') delete parent[edit.path.at(-1)!]
  else parent[edit.path.at(-1)!] = value
}

/** Keys a person might type, and names every JavaScript object already has. */
const anyKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('label', 'note', 'id', 'when', 'en', 'constructor', 'toString', 'hasOwnProperty'))

describe('every valid journey', () => {
  it('validates with no errors and no warnings, compiles and builds a machine', () => {
    fc.assert(
      fc.property(arbitraryJourney(), (journey) => {
        expect(validate(journey)).toEqual([])
        const result = compile(journey)
        if (!result.ok) expect.fail(JSON.stringify(result.diagnostics))
        expect(result.diagnostics).toEqual([])
        const { states } = result.config
        expect(Object.keys(states)).toEqual(expect.arrayContaining(journey.nodes.map((node) => node.id)))
        // Every connection of the canvas is a transition of the machine, and every transition leads to a state.
        for (const edge of journey.edges) expect(transitionTargets(states[edge.source]!)).toContain(edge.target)
        for (const state of Object.values(states)) for (const target of transitionTargets(state)) expect(states).toHaveProperty([target])
        expect(() => createJourneyMachine(result.config)).not.toThrow()
      }),
      { numRuns: 100, seed: 202612041 },
    )
  })

  it('keeps its content through format, in the schema’s field order whatever order the keys came in, and formatting twice changes nothing', () => {
    fc.assert(
      fc.property(arbitraryJourney(), (journey) => {
        const text = format(journey)
        const formatted = JSON.parse(text) as Journey
        expect(formatted).toEqual(journey)
        expect(format(formatted)).toBe(text)
        // Fields in the schema's order, whatever the ids are called.
        expect(Object.keys(formatted)).toEqual(
          ['format', 'id', 'name', 'description', 'settings', 'nodes', 'edges', 'templates'].filter((key) => key in journey),
        )
        for (const node of formatted.nodes) expect(Object.keys(node)).toEqual(['id', 'type', 'position', 'data'])
        for (const template of Object.values(formatted.templates)) {
          expect(Object.keys(template)).toEqual(['channel', 'name', 'subject', 'body'].filter((key) => key in template))
        }
        expect(format(reversedKeys(journey))).toBe(text)
      }),
      { numRuns: 100, seed: 202612042 },
    )
  })
})

describe('a journey broken in one place', () => {
  for (const { behaviour, code, mutate } of mutations) {
    it(`${behaviour} (${code})`, () => {
      fc.assert(
        fc.property(arbitraryJourney({ maxNodes: 16 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (journey, picks) => {
          const broken = structuredClone(journey)
          const where = mutate(broken, chooser(picks))
          fc.pre(where !== undefined)
          const diagnostics = validate(broken)
          expectNoCrash(diagnostics)
          const found = diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && diagnostic.code === code)
          expect(found, JSON.stringify(diagnostics)).toContainEqual(expect.objectContaining(where))
          expect(compile(broken).ok).toBe(false)
        }),
        { numRuns: 25, seed: 202612043 },
      )
    })
  }
})

describe('untrusted input', () => {
  it('any JSON value is reported with at least one error, never thrown', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const diagnostics = validate(value)
        expectNoCrash(diagnostics)
        expect(hasErrors(diagnostics)).toBe(true)
        expect(compile(value).ok).toBe(false)
      }),
      { numRuns: 300, seed: 202612044 },
    )
  })

  it('a valid journey with any JSON written, deleted or added anywhere is checked without throwing', () => {
    fc.assert(
      fc.property(
        arbitraryJourney({ maxNodes: 16 }),
        fc.nat(),
        fc.constantFrom('replace' as const, 'delete' as const, 'insert' as const),
        anyKey,
        fc.jsonValue({ maxDepth: 3 }),
        (journey, pick, kind, key, value) => {
          const paths = pathsOf(journey).filter(({ path, container }) => (kind === 'insert' ? container : path.length > 0))
          const { path } = paths[pick % paths.length]!
          const edit: Edit = kind === 'insert' ? { kind, path, key } : { kind, path }
          const changed = structuredClone(journey)
          applyEdit(changed, edit, value)
          const diagnostics = validate(changed)
          expectNoCrash(diagnostics)
          const result = compile(changed)
          expect(result.ok).toBe(!hasErrors(diagnostics))
          if (result.ok) {
            // Whatever the validator accepts, the compiler builds and the formatter keeps.
            expect(() => createJourneyMachine(result.config)).not.toThrow()
            const text = format(changed)
            // Compared as JSON: fc.jsonValue() may give -0, which JSON text writes as 0.
            expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(changed)))
            expect(format(JSON.parse(text))).toBe(text)
          }
        },
      ),
      { numRuns: 300, seed: 202612045 },
    )
  })
})
