import { describe, expect, it } from 'vitest'
import { liquidEngines } from './liquid'
import { renderWithinBudget } from './render-template'
import { TemplateBudgetError, templateBudget } from './template-budget'

const scope = {
  case: { balance: 84.5, currency: 'EUR', attributes: { invoices: [{ no: 'R-1' }, { no: 'R-2' }] } },
  debtor: { firstName: 'Lena' },
  locale: 'de',
}

function render(source: string, engine: 'html' | 'text' = 'text'): string {
  return renderWithinBudget(liquidEngines[engine], liquidEngines[engine].parse(source), scope)
}

function failure(source: string): TemplateBudgetError {
  try {
    render(source)
  } catch (error) {
    if (error instanceof TemplateBudgetError) return error
    throw error
  }
  throw new Error(`rendered within budget: ${source}`)
}

describe('renderWithinBudget', () => {
  it('renders what liquidjs renders for templates within the budget', () => {
    const templates = [
      'Hallo {{ debtor.firstName }}, {{ case.balance | money }} sind offen.',
      '{% for invoice in case.attributes.invoices %}{{ forloop.index }}. {{ invoice.no }}{% unless forloop.last %}, {% endunless %}{% endfor %}',
      '{% capture greeting %}Hallo {{ debtor.firstName | upcase }}{% endcapture %}{{ greeting }}! {{ greeting | size }}',
      '{% for i in (1..10) limit: 3 %}{{ i }}{% else %}none{% endfor %}{% for x in case.nothing %}{% else %} empty{% endfor %}',
      '{% tablerow n in (1..4) cols: 2 %}{{ n }}{% endtablerow %}',
      '{% assign words = "a,b,c" | split: "," %}{% for w in words reversed %}{{ w }}{% break %}{% endfor %}',
      '<p>{{ "<b>" }} & {{ debtor.firstName }}</p>',
    ]
    for (const source of templates) {
      for (const engine of ['text', 'html'] as const) {
        expect(render(source, engine), source).toBe(liquidEngines[engine].parseAndRenderSync(source, scope))
      }
    }
  })

  it('cuts a capture that doubles a string in a loop, however the loop is written, at the output limit', () => {
    // Without the budget this template builds 2^40 characters: liquidjs's memoryLimit does not see what capture writes.
    const error = failure("{% assign s = 'x' %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s }}")
    expect(error.message).toMatch(/^renders more than 500,000 characters, the limit of one message .* \(at line 1, column \d+\)$/)
    expect(
      failure('{% capture s %}ab{% endcapture %}{% for i in (1..30) %}{% capture t %}{{ s }}{{ s }}{% endcapture %}{% assign s = t %}{% endfor %}{{ s }}')
        .message,
    ).toContain('renders more than 500,000 characters')
    // Written straight into the message: every character counts, inside loops too.
    expect(
      failure(
        "{% assign s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' %}{% for i in (1..9000) %}{{ s }}{% endfor %}",
      ).message,
    ).toContain('renders more than 500,000 characters')
    const within = Math.floor(templateBudget.maxOutputCharacters / 100) - 1
    expect(render(`{% for i in (1..${within}) %}${'y'.repeat(100)}{% endfor %}`)).toHaveLength(within * 100)
  })

  it('cuts an assign that doubles a string through a filter, at liquidjs’s memory limit, in words', () => {
    expect(failure("{% assign s = 'x' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}").message).toMatch(
      /^builds more text or lists in its filters than one message may \(the memory limit\)/,
    )
  })

  it('refuses loops that repeat more than the loop limit, nested or not, even when they write nothing', () => {
    expect(failure('{% for a in (1..1000) %}{% for b in (1..1000) %}{% endfor %}{% endfor %}done').message).toMatch(
      /^repeats its loops more than 10,000 times, the limit of one message \(at line 1, column \d+\)$/,
    )
    expect(failure('{% for a in (1..100) %}{% tablerow b in (1..200) %}{% endtablerow %}{% endfor %}').message).toContain(
      'repeats its loops more than 10,000 times',
    )
    expect(render('{% for a in (1..100) %}{% for b in (1..99) %}{% endfor %}{% endfor %}done')).toBe('done')
    expect(render('{% for a in (1..1000000) limit: 2 %}{{ a }}{% endfor %}')).toBe('12')
  })

  it('names the limit, never a value of the case', () => {
    const hostile = { ...scope, debtor: { firstName: `Geheim${'x'.repeat(600_000)}` } }
    let caught: unknown
    try {
      renderWithinBudget(liquidEngines.text, liquidEngines.text.parse('Hi {{ debtor.firstName }}'), hostile)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(TemplateBudgetError)
    expect(String(caught)).not.toContain('Geheim')
  })
})
