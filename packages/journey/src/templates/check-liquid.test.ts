import { describe, expect, it } from 'vitest'
import { checkLiquid, compile, templateFields, validate } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'

describe('checkLiquid: variables no case has', () => {
  it('refuses a misspelt field of a known variable and suggests the one meant', () => {
    expect(checkLiquid('Hi {{ debtor.firstNme }},')).toEqual([
      { severity: 'error', message: 'unknown variable debtor.firstNme, which renders blank — did you mean debtor.firstName?' },
    ])
    expect(checkLiquid('{{ case.balanse | money }} by {{ case.due_date }}').map((p) => p.message)).toEqual([
      'unknown variable case.balanse, which renders blank — did you mean case.balance?',
      'unknown variable case.due_date, which renders blank — did you mean case.dueDate?',
    ])
    expect(checkLiquid('{{ links.opt_out }}')[0]!.message).toContain('did you mean links.optout?')
  })

  it('lists the fields when nothing is close, and names each unknown variable once', () => {
    expect(checkLiquid('{{ debtor.shoeSize }} {{ debtor.shoeSize }}')).toEqual([
      { severity: 'error', message: `unknown variable debtor.shoeSize, which renders blank — debtor has ${templateFields.debtor.join(', ')}` },
    ])
  })

  it('an unknown root stays an error', () => {
    expect(checkLiquid('{{ password }}')).toEqual([{ severity: 'error', message: 'unknown variable password (use case, debtor, event, links, sender)' }])
  })

  it('refuses a field some cases are without, printed bare; a default or an {% if %} on it makes it fine', () => {
    expect(checkLiquid('You are {{ debtor.age }}.')).toEqual([
      {
        severity: 'error',
        message:
          'debtor.age renders blank for a case without a birth date: give it a default ({{ debtor.age | default: "…" }}) or print it inside {% if debtor.age %}',
      },
    ])
    expect(checkLiquid('Dear {{ debtor.firstName | upcase }} {{ debtor["lastName"] }}').map((p) => p.message.split(' renders')[0])).toEqual([
      'debtor.firstName',
      'debtor.lastName',
    ])
    // In a loop, or guarded by another field, it is still bare.
    expect(checkLiquid('{% for i in (1..2) %}{{ debtor.phone }}{% endfor %}{% if debtor.lastName %}{{ debtor.firstName }}{% endif %}')).toHaveLength(2)
    for (const fine of [
      'Hello {{ debtor.firstName | default: "there" }},',
      'Hello{% if debtor.firstName %} {{ debtor.firstName }}{% endif %},',
      '{% if debtor.age %}{{ debtor.age }}{% else %}{{ case.balance | money }}{% endif %}',
      '{{ debtor.age | plus: 1 | default: "" }}',
    ]) {
      expect(checkLiquid(fine), fine).toEqual([])
    }
  })

  it('accepts every declared field (with a default where a case may lack it), anything below attributes, event.data and the address, loop variables and assigns', () => {
    const fields = Object.entries(templateFields).flatMap(([root, names]) => names.map((name) => `{{ ${root}.${name} | default: "" }}`))
    expect(checkLiquid(fields.join(' '))).toEqual([])
    const own = [
      '{{ case.attributes.segment }} {{ debtor.attributes.tier }} {{ event.data.amount }} {{ debtor.address.city | default: "" }}',
      '{% for line in debtor.address.lines %}{{ line }}{{ forloop.index }}{% endfor %}',
      '{% assign name = debtor.firstName | default: "there" %}Hi {{ name }}',
      '{% capture total %}{{ case.balance | money }}{% endcapture %}{{ total }}',
      '{{ case[debtor.locale] }} {{ debtor["lastName"] | default: "" }}',
    ]
    for (const source of own) expect(checkLiquid(source), source).toEqual([])
  })

  it('validate names the template, the part and the locale, as an error that stops publishing', () => {
    const journey = sampleJourney() as { templates: Record<string, { body: Record<string, string> }> }
    journey.templates.nudge!.body.de = 'Hallo {{ debtor.firstNme }}: {{ links.pay }} STOP zum Abmelden'
    const diagnostics = validate(journey)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
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
