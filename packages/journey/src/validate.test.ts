import { describe, expect, it } from 'vitest'
import { compile, describeDiagnostic, diagnosticCodes, validate, type Diagnostic, type DiagnosticCode } from '@dunwell/journey'
import { promiseWaitJourney, sampleJourney } from '@dunwell/journey/testing'

type Mutable = Record<string, any>

function broken(change: (journey: Mutable) => void): Diagnostic[] {
  const journey = sampleJourney() as Mutable
  change(journey)
  return validate(journey)
}

function node(journey: Mutable, id: string): Mutable {
  return journey.nodes.find((candidate: Mutable) => candidate.id === id)
}

function only(diagnostics: Diagnostic[], code: DiagnosticCode): Diagnostic {
  const matching = diagnostics.filter((diagnostic) => diagnostic.code === code)
  expect(matching, JSON.stringify(diagnostics, null, 2)).toHaveLength(1)
  return matching[0]!
}

describe('validate', () => {
  it('accepts a journey that uses every node kind', () => {
    expect(validate(sampleJourney())).toEqual([])
  })

  it('does not change the document it checks', () => {
    const journey = sampleJourney()
    const before = JSON.stringify(journey)
    validate(journey)
    expect(JSON.stringify(journey)).toBe(before)
  })

  describe('reports, in a user’s words and at the place at fault', () => {
    it('something that is not a journey', () => {
      for (const input of [null, 42, 'text', [], undefined]) {
        expect(validate(input)).toMatchObject([{ severity: 'error', code: 'not-a-journey' }])
      }
      expect(validate({ nodes: [] })[0]!.message).toContain('"format" is missing')
    })

    it('an unknown or newer format', () => {
      expect(
        only(
          broken((j) => (j.format = 'dunwell/journey@9')),
          'unknown-format',
        ).message,
      ).toContain('newer Dunwell')
      expect(
        only(
          broken((j) => (j.format = 'braze/canvas')),
          'unknown-format',
        ).message,
      ).toContain('unknown format')
    })

    it('a field of the wrong type, naming the node and the field', () => {
      const diagnostic = only(
        broken((j) => (node(j, 'pause').data.for = 3)),
        'schema',
      )
      expect(diagnostic.nodeId).toBe('pause')
      expect(describeDiagnostic(diagnostic)).toMatch(/^node pause: data /)
    })

    it('a webhook to an IP address or a cloud metadata service, whatever the scheme', () => {
      for (const url of [
        'https://169.254.169.254/latest',
        'https://10.0.0.5/hook',
        'https://[fd00::1]/hook',
        'https://metadata.google.internal/x',
        'https://0xa9fea9fe/',
      ]) {
        const diagnostic = only(
          broken((j) => {
            node(j, 'flag').data.webhook = { url }
          }),
          'schema',
        )
        expect(diagnostic.message, url).toContain('must name a host, not an IP address or a cloud metadata service')
      }
    })

    it('a missing required field', () => {
      const diagnostic = only(
        broken((j) => delete node(j, 'post').data.template),
        'schema',
      )
      expect(diagnostic).toMatchObject({ nodeId: 'post', path: ['nodes', 9, 'data', 'template'] })
      expect(diagnostic.message).toBe('data.template is required')
    })

    it('an unknown field, an unknown node type and a bad duration', () => {
      expect(
        only(
          broken((j) => (node(j, 'mail').data.colour = 'red')),
          'schema',
        ).message,
      ).toContain('unknown field "colour"')
      expect(
        only(
          broken((j) => (node(j, 'mail').type = 'fax')),
          'schema',
        ).message,
      ).toContain('unknown node type')
      expect(
        only(
          broken((j) => (node(j, 'pause').data.for = 'three days')),
          'schema',
        ).message,
      ).toContain('ISO 8601 duration')
    })

    it('a __proto__ key, which would otherwise vanish', () => {
      const journey = JSON.parse(JSON.stringify(sampleJourney()).replace('"reminded":"true"', '"__proto__":"false","reminded":"true"'))
      expect(validate(journey)).toMatchObject([{ code: 'schema', nodeId: 'flag', message: 'nodes[8].data.set has a "__proto__" key, which is not allowed' }])
    })

    it('an event type reserved for the runtime', () => {
      expect(
        only(
          broken((j) => (node(j, 'promise').data.event = 'dunwell.wake.promise')),
          'schema',
        ).message,
      ).toContain('reserved for the runtime')
    })

    it('duplicate node and edge ids', () => {
      expect(
        only(
          broken((j) => (node(j, 'text').id = 'mail')),
          'duplicate-node-id',
        ).message,
      ).toContain('"mail"')
      expect(
        only(
          broken((j) => (j.edges[1].id = 'e1')),
          'duplicate-edge-id',
        ).edgeId,
      ).toBe('e1')
    })

    it('duplicate branch or variant ids', () => {
      const diagnostics = broken((j) => node(j, 'tone').data.variants.push({ id: 'a', label: 'Again', weight: 0 }))
      expect(only(diagnostics, 'duplicate-outcome-id')).toMatchObject({ nodeId: 'tone', path: ['nodes', 2, 'data', 'variants', 2, 'id'] })
    })

    it('an edge to or from a node that does not exist', () => {
      expect(
        only(
          broken((j) => (j.edges[0].target = 'ghost')),
          'edge-missing-node',
        ),
      ).toMatchObject({ edgeId: 'e1' })
      expect(
        only(
          broken((j) => (j.edges[0].source = 'ghost')),
          'edge-missing-node',
        ).message,
      ).toContain('source "ghost"')
    })

    it('an edge from an outcome the node does not have', () => {
      const diagnostic = only(
        broken((j) => (j.edges[1].sourceHandle = 'old')),
        'unknown-handle',
      )
      expect(diagnostic.message).toContain('it has: young, else')
      expect(
        only(
          broken((j) => j.edges.push({ id: 'x', source: 'promised', target: 'gave-up' })),
          'unknown-handle',
        ).message,
      ).toContain('no outcomes')
    })

    it('an outcome connected twice', () => {
      expect(
        only(
          broken((j) => j.edges.push({ id: 'x', source: 'mail', target: 'post' })),
          'outcome-connected-twice',
        ).edgeId,
      ).toBe('x')
    })

    it('an outcome that leads nowhere, but not an unconnected optional `failed`', () => {
      const diagnostic = only(
        broken((j) => (j.edges = j.edges.filter((e: Mutable) => e.id !== 'e16'))),
        'unconnected-outcome',
      )
      expect(diagnostic).toMatchObject({ nodeId: 'promise' })
      expect(diagnostic.message).toContain('"timeout"')
      expect(broken((j) => (j.edges = j.edges.filter((e: Mutable) => e.id !== 'e13')))).toEqual([])
    })

    it('an unreachable node', () => {
      const diagnostics = broken((j) => j.nodes.push({ id: 'lost', type: 'exit', position: { x: 0, y: 0 }, data: { outcome: 'paid' } }))
      expect(only(diagnostics, 'unreachable-node').nodeId).toBe('lost')
    })

    it('no entry, or several', () => {
      const none = broken((j) => {
        j.nodes = j.nodes.filter((n: Mutable) => n.id !== 'start')
        j.edges = j.edges.filter((e: Mutable) => e.source !== 'start')
      })
      expect(only(none, 'no-entry').message).toContain('no entry')
      const two = broken((j) => {
        j.nodes.push({ id: 'start2', type: 'entry', position: { x: 0, y: 0 }, data: { event: 'invoice.overdue' } })
        j.edges.push({ id: 'e-start2', source: 'start2', target: 'age' })
      })
      expect(only(two, 'several-entries').nodeId).toBe('start2')
    })

    it('an edge back into the entry', () => {
      expect(
        only(
          broken((j) => (j.edges.find((e: Mutable) => e.id === 'e16').target = 'start')),
          'edge-into-entry',
        ).edgeId,
      ).toBe('e16')
    })

    it('a loop without a wait, but not a loop through a wait', () => {
      const spin = broken((j) => (j.edges.find((e: Mutable) => e.id === 'e13').target = 'flag'))
      expect(only(spin, 'cycle-without-wait').message).toMatch(/"flag", "post"/)
      const patient = broken((j) => (j.edges.find((e: Mutable) => e.id === 'e13').target = 'pause'))
      expect(patient.filter((d) => d.code === 'cycle-without-wait')).toEqual([])
    })

    it('split weights that do not add up to 100', () => {
      expect(
        only(
          broken((j) => (node(j, 'tone').data.variants[0].weight = 60)),
          'split-weights',
        ).message,
      ).toContain('110')
    })

    it('an unknown template, or one of another channel', () => {
      expect(
        only(
          broken((j) => (node(j, 'mail').data.template = 'nope')),
          'unknown-template',
        ).nodeId,
      ).toBe('mail')
      expect(
        only(
          broken((j) => (node(j, 'mail').data.template = 'nudge')),
          'template-channel',
        ).message,
      ).toBe('uses the SMS template "nudge" on an Email step')
    })

    it('missing text in the default locale, and missing translations as warnings', () => {
      const missing = only(
        broken((j) => delete j.templates.nudge.body.en),
        'missing-locale-text',
      )
      expect(missing).toMatchObject({ severity: 'error', path: ['templates', 'nudge', 'body'] })
      expect(
        only(
          broken((j) => delete j.templates.reminder.subject),
          'missing-locale-text',
        ).message,
      ).toContain('no subject')
      expect(
        only(
          broken((j) => delete j.templates.nudge.body.de),
          'missing-translation',
        ).severity,
      ).toBe('warning')
    })

    it('a locale the journey does not declare', () => {
      expect(
        only(
          broken((j) => (j.templates.nudge.body.fr = 'Bonjour')),
          'unknown-locale',
        ).severity,
      ).toBe('warning')
      expect(
        only(
          broken((j) => (j.settings.defaultLocale = 'fr')),
          'unknown-locale',
        ).severity,
      ).toBe('error')
    })

    it('CEL that does not parse, names an unknown field or is not a condition', () => {
      expect(
        only(
          broken((j) => (node(j, 'age').data.branches[0].when = 'debtor.age <')),
          'bad-expression',
        ),
      ).toMatchObject({
        nodeId: 'age',
        path: ['nodes', 1, 'data', 'branches', 0, 'when'],
      })
      expect(
        only(
          broken((j) => (node(j, 'age').data.branches[0].when = 'debtor.agee < 26')),
          'bad-expression',
        ).message,
      ).toContain('Unknown field debtor.agee — did you mean debtor.age?')
      expect(
        only(
          broken((j) => (node(j, 'start').data.filter = 'customer.vip')),
          'bad-expression',
        ).message,
      ).toContain('Unknown name customer: start with case, debtor or event')
      expect(
        only(
          broken((j) => (node(j, 'start').data.filter = 'case.amountDue + 1.0')),
          'bad-expression',
        ).message,
      ).toContain('must be true or false')
      expect(
        only(
          broken((j) => (node(j, 'start').data.filter = 'case.amountDue * 2 > 100')),
          'bad-expression',
        ).message,
      ).toContain('write 2.0')
      expect(
        only(
          broken((j) => (j.settings.goal = 'case.balance <=')),
          'bad-expression',
        ).path,
      ).toEqual(['settings', 'goal'])
      expect(
        only(
          broken((j) => (j.settings.stopOn = [{ event: 'dispute.opened' }, { event: 'payment.received', when: 'event.amount >' }])),
          'bad-expression',
        ).path,
      ).toEqual(['settings', 'stopOn', 1, 'when'])
      expect(
        only(
          broken((j) => (node(j, 'flag').data.set.reminded = 'true &&')),
          'bad-expression',
        ).nodeId,
      ).toBe('flag')
      expect(
        only(
          broken((j) => (node(j, 'promise').data.when = 'event.data.amount >')),
          'bad-expression',
        ).nodeId,
      ).toBe('promise')
    })

    it('a condition over the evaluation budget: loops nested too deep, a pattern RE2 refuses', () => {
      const letters = "debtor.firstName.split('')"
      const nested = only(
        broken((j) => (node(j, 'age').data.branches[0].when = `${letters}.exists(a, ${letters}.exists(b, ${letters}.exists(c, a + b + c == 'abc')))`)),
        'bad-expression',
      )
      expect(nested).toMatchObject({ severity: 'error', nodeId: 'age', path: ['nodes', 1, 'data', 'branches', 0, 'when'] })
      expect(nested.message).toContain('`exists(…)` is a loop inside 2 other loops (exists › exists): at most 2 loops')
      // A version published before this limit still loads: the runtime's step budget bounds each evaluation.
      const stored = sampleJourney() as Mutable
      node(stored, 'age').data.branches[0].when = `${letters}.exists(a, ${letters}.exists(b, ${letters}.exists(c, a + b + c == 'abc')))`
      expect(compile(stored).ok).toBe(false)
      expect(compile(stored, { published: true }).ok).toBe(true)
      expect(
        only(
          broken((j) => (j.settings.goal = "debtor.firstName.matches('^(?!Herr)') || case.balance <= 0.0")),
          'bad-expression',
        ).message,
      ).toContain('not a regular expression in RE2 syntax')
    })

    it('Liquid that does not parse or reads an unknown variable', () => {
      expect(
        only(
          broken((j) => (j.templates.nudge.body.en = 'Hi {% if debtor.firstName %}')),
          'bad-template',
        ).message,
      ).toContain('not closed')
      expect(
        only(
          broken((j) => (j.templates.nudge.body.en = '{{ case.balance | shout }}')),
          'bad-template',
        ).message,
      ).toContain('undefined filter: shout')
      expect(
        only(
          broken((j) => (j.templates.nudge.body.en = '{{ password }}')),
          'bad-template',
        ).message,
      ).toContain('unknown variable password')
    })

    it('MJML that does not validate', () => {
      const wrong = '<mjml><mj-body><mj-column><mj-text>Hi</mj-text></mj-column></mj-body></mjml>'
      expect(
        only(
          broken((j) => (j.templates.reminder.body.en = wrong)),
          'bad-mjml',
        ).message,
      ).toContain('mj-column cannot be used inside mj-body')
      expect(
        only(
          broken((j) => (j.templates.reminder.body.en = 'Hello')),
          'bad-mjml',
        ).message,
      ).toContain('must be MJML')
    })

    it('a template no step uses, as a warning', () => {
      expect(
        only(
          broken((j) => (j.templates.spare = { channel: 'sms', body: { en: 'x', de: 'y' } })),
          'unused-template',
        ).severity,
      ).toBe('warning')
    })

    it('an event type Dunwell does not know, as a warning naming the closest known one', () => {
      const typo = only(
        broken((j) => (node(j, 'start').data.event = 'invoice.overdu')),
        'unknown-event',
      )
      expect(typo).toMatchObject({ severity: 'warning', nodeId: 'start', path: ['nodes', 0, 'data', 'event'] })
      expect(typo.message).toBe('"invoice.overdu" is not a known event type; did you mean invoice.overdue?')
      expect(
        only(
          broken((j) => (node(j, 'start').data.event = 'crm.flagged')),
          'unknown-event',
        ).message,
      ).toContain('make sure your systems send it')
      const rule = only(
        broken((j) => (j.settings.stopOn = [{ event: 'dispute.opend', outcome: 'disputed' }])),
        'unknown-event',
      )
      expect(rule).toEqual({
        severity: 'warning',
        code: 'unknown-event',
        message: '"dispute.opend" is not a known event type; did you mean dispute.opened?',
        path: ['settings', 'stopOn', 0, 'event'],
      })
    })

    it('every diagnostic code is covered by a test above', async () => {
      const source = (await import('node:fs')).readFileSync(new URL(import.meta.url), 'utf8')
      const untested = diagnosticCodes.filter((code) => !source.includes(`'${code}'`))
      expect(untested).toEqual([])
    })
  })

  describe('an offer', () => {
    const withOffer = (data: Mutable) => {
      const journey = sampleJourney() as Mutable
      journey.nodes.push({ id: 'deal', type: 'offer', position: { x: 200, y: 500 }, data })
      journey.edges.find((e: Mutable) => e.id === 'e11').target = 'deal'
      journey.edges.push({ id: 'e-deal', source: 'deal', target: 'post' })
      return validate(journey)
    }

    it('must offer something: paying in part, a plan or a promise', () => {
      expect(only(withOffer({ validFor: 'P30D' }), 'schema')).toMatchObject({
        nodeId: 'deal',
        message: expect.stringContaining('offers nothing'),
      })
      expect(withOffer({ payInPart: {} })).toEqual([])
      expect(withOffer({ plan: { minInstalment: 20, maxCount: 6, intervals: ['P1M', 'P2W'] }, promise: { maxDays: 14 }, validFor: 'P14D' })).toEqual([])
    })

    it('names the plan rule that is wrong, and two bands ending at one amount', () => {
      expect(only(withOffer({ plan: { minInstalment: 20, maxCount: 6, intervals: ['P3M'] } }), 'schema').path).toEqual(
        expect.arrayContaining(['plan', 'intervals']),
      )
      const bands = [
        { upTo: 200, maxCount: 3, minInstalment: 25 },
        { upTo: 200, maxCount: 6, minInstalment: 20 },
      ]
      expect(only(withOffer({ plan: { minInstalment: 20, maxCount: 6, intervals: ['P1M'], bands } }), 'duplicate-band')).toMatchObject({
        nodeId: 'deal',
        path: expect.arrayContaining(['plan', 'bands']),
      })
    })
  })

  describe('a wait for a promise or plan', () => {
    const withWait = (change: (journey: Mutable) => void) => {
      const journey = promiseWaitJourney() as Mutable
      change(journey)
      return validate(journey)
    }

    it('is valid with its three outcomes connected', () => {
      expect(validate(promiseWaitJourney())).toEqual([])
    })

    it('needs each of kept, broken and none made connected', () => {
      for (const handle of ['kept', 'broken', 'none']) {
        const diagnostics = withWait((j) => (j.edges = j.edges.filter((e: Mutable) => e.sourceHandle !== handle)))
        expect(only(diagnostics, 'unconnected-outcome').nodeId).toBe('arrangement')
      }
    })

    it('needs a duration to wait for one to be made', () => {
      const wrong = only(
        withWait((j) => (node(j, 'arrangement').data.timeout = '14 days')),
        'schema',
      )
      expect(wrong).toMatchObject({ nodeId: 'arrangement', path: ['nodes', 1, 'data', 'timeout'] })
      expect(
        only(
          withWait((j) => delete node(j, 'arrangement').data.timeout),
          'schema',
        ).nodeId,
      ).toBe('arrangement')
    })

    it('counts as a wait in a loop: broken may lead back to it', () => {
      const loop = withWait((j) => {
        j.nodes = j.nodes.filter((n: Mutable) => n.id !== 'broken')
        j.edges.find((e: Mutable) => e.sourceHandle === 'broken').target = 'arrangement'
      })
      expect(loop.filter((d) => d.code === 'cycle-without-wait')).toEqual([])
    })
  })

  it('reports several problems of one document at once, errors first', () => {
    const diagnostics = broken((j) => {
      node(j, 'tone').data.variants[0].weight = 10
      node(j, 'mail').data.template = 'nope'
      delete j.templates.nudge.body.de
    })
    expect(diagnostics.map((d) => d.code)).toEqual(['split-weights', 'unknown-template', 'unused-template', 'missing-translation'])
  })

  it('keeps checking the rest of the graph when one node is malformed', () => {
    const diagnostics = broken((j) => {
      node(j, 'pause').data = null
      j.edges[0].target = 'ghost'
    })
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['schema', 'edge-missing-node', 'unreachable-node']))
    expect(diagnostics.find((d) => d.code === 'schema')).toMatchObject({
      nodeId: 'pause',
      message: 'data must be one of: {"for": "P3D"}, {"until": "09:00"} or {"event": "payment.received", "timeout": "P7D"}',
    })
  })
})
