import { describe, expect, it } from 'vitest'
import { checkLiquid, compile, templateFields, validate } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'

describe('checkLiquid: variables no case has', () => {
  it('warns of a misspelt field of a known variable and suggests the one meant', () => {
    expect(checkLiquid('Hi {{ debtor.firstNme }},')).toEqual([
      { severity: 'warning', message: 'unknown variable debtor.firstNme, which renders blank — did you mean debtor.firstName?' },
    ])
    expect(checkLiquid('{{ case.balanse | money }} by {{ case.due_date }}').map((p) => p.message)).toEqual([
      'unknown variable case.balanse, which renders blank — did you mean case.balance?',
      'unknown variable case.due_date, which renders blank — did you mean case.dueDate?',
    ])
    expect(checkLiquid('{{ links.opt_out }}')[0]!.message).toContain('did you mean links.optout?')
  })

  it('lists the fields when nothing is close, and names each unknown variable once', () => {
    expect(checkLiquid('{{ debtor.shoeSize }} {{ debtor.shoeSize }}')).toEqual([
      { severity: 'warning', message: `unknown variable debtor.shoeSize, which renders blank — debtor has ${templateFields.debtor.join(', ')}` },
    ])
  })

  it('an unknown root stays an error', () => {
    expect(checkLiquid('{{ password }}')).toEqual([{ severity: 'error', message: 'unknown variable password (use case, debtor, event, links, sender)' }])
  })

  it('accepts every declared field, anything below attributes, event.data and the address, loop variables and assigns', () => {
    const fields = Object.entries(templateFields).flatMap(([root, names]) => names.map((name) => `{{ ${root}.${name} }}`))
    expect(checkLiquid(fields.join(' '))).toEqual([])
    const own = [
      '{{ case.attributes.segment }} {{ debtor.attributes.tier }} {{ event.data.amount }} {{ debtor.address.city }}',
      '{% for line in debtor.address.lines %}{{ line }}{{ forloop.index }}{% endfor %}',
      '{% assign name = debtor.firstName | default: "there" %}Hi {{ name }}',
      '{% capture total %}{{ case.balance | money }}{% endcapture %}{{ total }}',
      '{{ case[debtor.locale] }} {{ debtor["lastName"] }}',
    ]
    for (const source of own) expect(checkLiquid(source), source).toEqual([])
  })

  it('validate names the template, the part and the locale, as a warning', () => {
    const journey = sampleJourney() as { templates: Record<string, { body: Record<string, string> }> }
    journey.templates.nudge!.body.de = 'Hallo {{ debtor.firstNme }}: {{ links.pay }} STOP zum Abmelden'
    const diagnostics = validate(journey)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'bad-template',
        message: 'template "nudge" body (de): unknown variable debtor.firstNme, which renders blank — did you mean debtor.firstName?',
        path: ['templates', 'nudge', 'body', 'de'],
      }),
    ])
  })

  it('refuses a template over its render budget for an ordinary case, at publish, in words; a stored version still loads', () => {
    const journey = sampleJourney() as { templates: Record<string, { body: Record<string, string> }> }
    journey.templates.nudge!.body.de =
      "{% assign s = 'STOP' %}{% for i in (1..30) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s }} {{ links.pay }}"
    const diagnostics = validate(journey)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'bad-template',
        message: expect.stringMatching(/^template "nudge" body \(de\): Liquid: the template renders more than 500,000 characters, the limit of one message/),
        path: ['templates', 'nudge', 'body', 'de'],
      }),
    ])
    expect(compile(journey).ok).toBe(false)
    // Published before the budget existed: the runtime loads it and fails each of its messages instead.
    expect(compile(journey, { published: true }).ok).toBe(true)
    expect(checkLiquid('{% for a in (1..200) %}{% for b in (1..200) %}{% endfor %}{% endfor %}')[0]!.message).toContain(
      'repeats its loops more than 10,000 times',
    )
  })
})
