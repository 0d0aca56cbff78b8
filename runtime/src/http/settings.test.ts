import { describe, expect, it } from 'vitest'
import { TINY_PNG } from '../public-pages/testing'
import { startApi } from './testing'

describe('creditor settings', () => {
  it('stores name, logo, colour and bank account (IBAN and BIC in electronic form) and reads them back', async () => {
    const api = await startApi()
    await api.expectStatus(404, 'GET', '/api/settings/creditor')
    const body = {
      name: 'Stadtwerke Musterstadt',
      logo: TINY_PNG,
      primaryColor: '#1D4ED8',
      bank: { iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' },
    }
    const saved = await api.expectStatus(200, 'PUT', '/api/settings/creditor', { body })
    expect(saved).toEqual({ ...body, primaryColor: '#1d4ed8', bank: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } })
    expect(await api.expectStatus(200, 'GET', '/api/settings/creditor')).toEqual(saved)
  })

  it('refuses, naming the field: a wrong IBAN check digit, a colour too light to read on white, a logo that is not a PNG or JPEG', async () => {
    const api = await startApi()
    const refused = async (body: unknown, path: string) => {
      const problem = (await api.expectStatus(400, 'PUT', '/api/settings/creditor', { body })) as { errors: { path: string; message: string }[] }
      expect(problem.errors.map((e) => e.path)).toContain(path)
      return problem.errors.find((e) => e.path === path)!.message
    }
    expect(await refused({ name: 'X', bank: { iban: 'DE89370400440532013001' } }, 'bank.iban')).toContain('check digits')
    expect(await refused({ name: 'X', primaryColor: '#ffcc00' }, 'primaryColor')).toContain('4.5:1')
    const html = `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`
    expect(await refused({ name: 'X', logo: html }, 'logo')).toContain('PNG or JPEG')
    expect(await refused({ name: 'X', logo: 'data:image/svg+xml;base64,PHN2Zz4=' }, 'logo')).toContain('PNG or JPEG')
    await api.expectStatus(404, 'GET', '/api/settings/creditor')
  })
})
