import { describe, expect, it } from 'vitest'
import { liquidEngines } from '@dunwell/journey'

const scope = { locale: 'de', case: { balance: 84.5, currency: 'EUR' } }

describe('the money filter', () => {
  it('keeps amount and currency together in HTML, but writes a plain space in texts (an SMS stays GSM-7)', async () => {
    expect(await liquidEngines.html.parseAndRender('{{ case.balance | money }}', scope)).toBe('84,50\u00a0€')
    expect(await liquidEngines.text.parseAndRender('{{ case.balance | money }}', scope)).toBe('84,50 €')
  })
})
