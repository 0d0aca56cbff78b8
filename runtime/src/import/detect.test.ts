import { describe, expect, it } from 'vitest'
import { resolveColumns } from './column-targets'
import { detectEncoding } from './detect-encoding'
import { detectSeparator } from './detect-separator'

describe('detection', () => {
  it('finds the separator that gives every line the header’s columns, quotes respected', () => {
    expect(detectSeparator('a;b;c\n1;"2;x";3\n4;5;6\n')).toEqual({ value: 'semicolon', source: 'detected' })
    expect(detectSeparator('a,b\n"1,5",2\n')).toEqual({ value: 'comma', source: 'detected' })
    expect(detectSeparator('a\tb,c\n1\t2,3\n')).toEqual({ value: 'tab', source: 'detected' })
    expect(detectSeparator('sep=|\r\na|b\n')).toEqual({ value: 'pipe', source: 'detected' })
    expect(detectSeparator('id\nk-1\n')).toEqual({ value: 'comma', source: 'default' })
  })

  it('reads the encoding from a BOM, a declared charset, or the bytes', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ value: 'utf-8', source: 'bom' })
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toEqual({ value: 'utf-16le', source: 'bom' })
    expect(detectEncoding(Buffer.from('Jürgen', 'latin1'), undefined, 'ISO-8859-1')).toEqual({ value: 'iso-8859-1', source: 'charset' })
    expect(detectEncoding(Buffer.from('Jürgen Groß, München', 'utf8'))).toEqual({ value: 'utf-8', source: 'detected' })
    expect(['iso-8859-1', 'windows-1252']).toContain(detectEncoding(Buffer.from('Name;Ort\nJürgen Groß;München\nZoë Weiß;Köln\n', 'latin1')).value)
    expect(detectEncoding(Buffer.from('x'), 'windows-1252', undefined, true)).toEqual({ value: 'windows-1252', source: 'mapping' })
  })

  it('maps headers by name and by English and German aliases, whatever their case, spaces or dashes', () => {
    const columns = resolveColumns(['E-MAIL ', 'fällig am', 'Due_Date', 'attr.segment', 'country', 'addressCountry', 'Bemerkung', 'constructor', '__proto__'])
    expect(columns.map((c) => [c.target, c.source])).toEqual([
      ['debtor.email', 'name'],
      ['dueDate', 'alias'],
      ['dueDate', 'name'],
      ['attributes.segment', 'name'],
      ['debtor.country', 'name'],
      ['debtor.address.country', 'name'],
      [null, 'unmapped'],
      [null, 'unmapped'],
      [null, 'unmapped'],
    ])
    expect(resolveColumns(['constructor', '__proto__', 'toString'], { Notiz: 'ignore' }).map((c) => c.source)).toEqual(['unmapped', 'unmapped', 'unmapped'])
    expect(resolveColumns(['attr.__proto__', 'attr.constructor', 'x'], { x: 'attributes.__proto__' }).map((c) => c.target)).toEqual([null, null, null])
    expect(resolveColumns(['Notiz'], {}, { notiz: 'attributes.note' })[0]).toMatchObject({ target: 'attributes.note', source: 'mapping' })
    expect(resolveColumns(['Notiz'], { Notiz: 'ignore' }, { Notiz: 'attributes.note' })[0]).toMatchObject({ target: 'ignore', source: 'ignored' })
  })
})
