import { describe, expect, it } from 'vitest'
import { wrapStructuralLiquid } from './wrap-structural-liquid'

describe('wrapStructuralLiquid', () => {
  it('wraps Liquid between components in mj-raw', () => {
    expect(wrapStructuralLiquid('<mj-body>{% if debtor.vip %}<mj-section></mj-section>{% endif %}</mj-body>')).toBe(
      '<mj-body><mj-raw>{% if debtor.vip %}</mj-raw><mj-section></mj-section><mj-raw>{% endif %}</mj-raw></mj-body>',
    )
  })

  it('leaves Liquid in text content and attributes alone', () => {
    const source =
      '<mj-column><mj-text>Hi {{ debtor.firstName }}{% if case.balance > 100 %}!{% endif %} <a href="{{ links.optout }}">x</a></mj-text>' +
      '<mj-button href="{{ links.pay | append: \'?a=1&b=2\' }}">Pay</mj-button><mj-image src="{{ sender.logo }}" /></mj-column>'
    expect(wrapStructuralLiquid(source)).toBe(source)
  })

  it('does not take a < or > inside a Liquid tag for markup', () => {
    expect(wrapStructuralLiquid('<mj-column>{% if case.balance <mj-text %}<mj-text>{% if a > b %}x{% endif %}</mj-text></mj-column>')).toBe(
      '<mj-column><mj-raw>{% if case.balance <mj-text %}</mj-raw><mj-text>{% if a > b %}x{% endif %}</mj-text></mj-column>',
    )
  })

  it('counts a self-closing ending tag as closed', () => {
    expect(wrapStructuralLiquid('<mj-column><mj-text />{{ a }}</mj-column>')).toBe('<mj-column><mj-text /><mj-raw>{{ a }}</mj-raw></mj-column>')
  })

  it('leaves comments alone', () => {
    expect(wrapStructuralLiquid('<mj-body><!-- {{ a }} --></mj-body>')).toBe('<mj-body><!-- {{ a }} --></mj-body>')
  })
})
