import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileBoundedExpression, ExpressionBudgetError } from './bounded-expression'
import { celEnvironment } from './cel-environment'
import { checkCondition } from './check-expression'

const facts = (firstName: string) => ({
  case: { id: 'C-1', balance: 84.5, daysPastDue: 12n, attributes: { tags: ['vip', 'b2b'], invoices: [{ lines: [1n, 2n] }, { lines: [] }] } },
  debtor: { firstName, lastName: 'Muster', attributes: {} },
  event: { type: 'invoice.overdue', data: {} },
})

describe('compileBoundedExpression', () => {
  it('matches with RE2: a pattern that backtracks exponentially in JavaScript answers at once, and correctly', () => {
    // In V8's RegExp this pattern took 24 s for a 33-character name and doubles with each further character.
    const check = compileBoundedExpression("debtor.firstName.matches('^([A-Za-z]+ ?)+$')")
    expect(check(facts(`${'A'.repeat(33)}!`))).toBe(false)
    expect(check(facts(`${'Abcdefgh '.repeat(2000)}1`))).toBe(false)
    expect(check(facts('Anna Maria'))).toBe(true)
    expect(compileBoundedExpression("debtor.firstName.matches('ria$')")(facts('Anna Maria'))).toBe(true)
    expect(compileBoundedExpression("(debtor.firstName + '!').matches('^ann')")(facts('Anna'))).toBe(false)
  })

  it('refuses at run time a pattern RE2 does not accept, without quoting it', () => {
    const check = compileBoundedExpression('debtor.firstName.matches(case.id)')
    expect(() => check({ ...facts('Anna'), case: { ...facts('Anna').case, id: '(Anna)\\1' } })).toThrow(/not a regular expression in RE2 syntax/)
    try {
      check({ ...facts('Anna'), case: { ...facts('Anna').case, id: '(Anna)\\1' } })
    } catch (error) {
      expect(String(error)).not.toContain('Anna')
    }
  })

  it('gives what the library gives for expressions within the budget', () => {
    const expressions = [
      "case.attributes.tags.exists(t, t == 'vip')",
      "case.attributes.tags.all(t, t.size() == 3) && !case.attributes.tags.exists_one( t , ( t == 'x' ) )",
      "case.attributes.tags.map(t, t + '!').filter(t, t.size() > 3) == ['vip!', 'b2b!']",
      "case.attributes.tags.map(t, t.startsWith('v'), (t + '?'))",
      'case.attributes.invoices.exists(i, i.lines.exists(l, l > 1))',
      'case.attributes.invoices.map(i, i.lines.map(l, l * 2))',
      "cel.bind(name, debtor.firstName + ' ' + debtor.lastName, name.size() > 5)",
      "(debtor.firstName.split('')).exists(c, (c == 'n')) || case.balance > 1000.0",
      'case.daysPastDue > 10 && case.balance >= 84.5',
      "case.attributes.tags[0].matches('^v') && case.attributes.tags.exists(t // a tag, or two\n, t.matches( // RE2\n 'b$'))",
    ]
    for (const source of expressions) {
      expect(compileBoundedExpression(source)(facts('Anna')), source).toEqual(celEnvironment.evaluate(source, facts('Anna')))
    }
  })

  it('ends an evaluation whose loops take more steps than the budget, naming the limit and no value', () => {
    // Five levels of `exists` over the letters of a name: 300^5 steps without a budget.
    const letters = "debtor.firstName.split('')"
    const nested = `${letters}.exists(a, ${letters}.exists(b, ${letters}.exists(c, ${letters}.exists(d, ${letters}.exists(e, a + b + c + d + e == 'zzzzz')))))`
    const name = `Hostile${'x'.repeat(293)}`
    const evaluate = compileBoundedExpression(nested)
    let caught: unknown
    try {
      evaluate(facts(name))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ExpressionBudgetError)
    expect(String(caught)).toMatch(/more than 200,000 steps in its loops/)
    expect(String(caught)).not.toContain('Hostile')
    // The same expression within budget on a short name, and the budget is per evaluation.
    expect(evaluate(facts('ab'))).toBe(false)
    expect(compileBoundedExpression(`${letters}.all(a, ${letters}.map(b, b + a).size() > 0)`)(facts('x'.repeat(100)))).toBe(true)
  })

  it('refuses a huge value named by cel.bind', () => {
    const doubling = 'cel.bind(a, debtor.firstName + debtor.firstName, cel.bind(b, a + a + a + a, cel.bind(c, b + b + b + b, c.size() > 0)))'
    expect(() => compileBoundedExpression(doubling)(facts('x'.repeat(10_000)))).toThrow(ExpressionBudgetError)
    expect(compileBoundedExpression(doubling)(facts('x'))).toBe(true)
  })
})

/** Random conditions of loops, binds, patterns and logic over the facts, written with odd spacing and comments. */
function condition(depth: number, names: string[]): fc.Arbitrary<string> {
  const text: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom("'vip'", "'a'", 'debtor.firstName', ...names),
    fc.constantFrom(...names, 'debtor.lastName').map((name) => `(${name} + '!')`),
  )
  const leaf = fc.oneof(
    fc.tuple(text, fc.constantFrom("'^v'", "'^[a-zA-Z]+!?$'", "'b2'", "'^$'", "'a|b'")).map(([t, pattern]) => `${t}.matches(${pattern})`),
    fc.tuple(text, text).map(([a, b]) => `${a} == ${b}`),
    fc.constantFrom('true', 'case.balance > 80.0', 'case.daysPastDue < 3'),
  )
  if (depth === 0) return leaf
  const name = `v${depth}`
  const list = fc.constantFrom('case.attributes.tags', "debtor.firstName.split('')", "['x', 'vip']")
  const inner = condition(depth - 1, [...names, name])
  const loop = fc
    .tuple(list, fc.constantFrom('exists', 'all', 'exists_one'), fc.constantFrom('', ' ', ' // why\n '), inner)
    .map(([over, macro, gap, body]) => `${over}.${macro}(${name},${gap}(${body}))`)
  const filtered = fc.tuple(list, inner).map(([over, body]) => `${over}.filter(${name}, ${body}).size() > 0`)
  const mapped = fc.tuple(list, inner).map(([over, body]) => `${over}.map(${name}, ${body}).exists(r, r)`)
  const bound = fc.tuple(text, inner).map(([value, body]) => `cel.bind(${name}, ${value}, ${body})`)
  const both = fc.tuple(condition(depth - 1, names), condition(depth - 1, names), fc.constantFrom('&&', '||')).map(([a, b, op]) => `(${a}) ${op} !(${b})`)
  return fc.oneof(leaf, loop, filtered, mapped, bound, both)
}

describe('compileBoundedExpression against the library', () => {
  it('gives the value (or the failure) the library gives, for random conditions within the budget', () => {
    fc.assert(
      fc.property(condition(2, []), fc.constantFrom('Anna', 'vip', 'Bob Ray', ''), (source, firstName) => {
        const expected = (() => {
          try {
            return { value: celEnvironment.evaluate(source, facts(firstName)) }
          } catch {
            return { failed: true }
          }
        })()
        let actual: { value: unknown } | { failed: true }
        try {
          actual = { value: compileBoundedExpression(source)(facts(firstName)) }
        } catch {
          actual = { failed: true }
        }
        expect(actual, source).toEqual(expected)
      }),
      { numRuns: 300, seed: 10 },
    )
  })
})

describe('checkCondition within the budget', () => {
  it('refuses loops nested three deep, naming the loop and the limit', () => {
    const check = checkCondition(
      "debtor.firstName.split('').exists(a, debtor.firstName.split('').exists(b, debtor.firstName.split('').all(c, a + b + c != 'abc')))",
    )
    expect(check).toMatchObject({ ok: false, range: { start: 74 } })
    expect(check.ok === false && check.message).toContain(
      '`all(…)` is a loop inside 2 other loops (exists › exists): at most 2 loops (exists, all, exists_one, map, filter) may be nested',
    )
    expect(checkCondition('case.attributes.invoices.exists(i, i.lines.exists(l, l > 1))')).toEqual({ ok: true })
  })

  it('refuses a literal pattern that is not RE2, and nesting deeper than the parser allows, in words', () => {
    expect(checkCondition("debtor.firstName.matches('^(?=A)')")).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a regular expression in RE2 syntax'),
    })
    expect(checkCondition(`${'('.repeat(40)}case.balance > 1.0${')'.repeat(40)}`)).toMatchObject({
      ok: false,
      message: expect.stringContaining('is nested more than 32 levels deep'),
    })
    expect(checkCondition('cel.bind(a, 1, cel.bind(b, a, cel.bind(c, b, cel.bind(d, c, d > 0))))')).toMatchObject({
      ok: false,
      message: expect.stringContaining('`cel.bind` is nested 4 deep: at most 3'),
    })
  })
})
