import { describe, expect, it } from 'vitest'
import { csvRows, UnreadableFile, UnreadableRow } from './read-rows'

async function* chunks(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}
async function read(text: string, size: number) {
  const rows: (number | string)[][] = []
  try {
    for await (const row of csvRows(chunks(text, size), 'semicolon'))
      rows.push(row instanceof UnreadableRow ? [row.line, `unreadable: ${row.reason}`] : [row.line, ...(row.cells as string[])])
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error
    rows.push([error.line, error.message])
  }
  return rows
}

describe('CSV rows', () => {
  it('number each row by the file’s own line, however the file arrives in chunks', async () => {
    const text = 'sep=;\r\na;b\r\n1;"x\r\ny"\r\n\r\n2;z\r\n3;"never closed\r\n'
    const expected = [
      [2, 'a', 'b'],
      [3, '1', 'x\r\ny'],
      [6, '2', 'z'],
      [7, 'unreadable: a quoted value is never closed'],
    ]
    for (const size of [1, 3, 7, 64, 10_000]) expect(await read(text, size)).toEqual(expected)
  })

  it('stop at a line longer than 1 MB, at the same line whatever the chunks, having read what came before', async () => {
    const text = `a;b\n1;2\n3;${'9'.repeat(1_100_000)}\n4;5\n`
    for (const size of [65_536, 1_000_000, 5_000_000]) {
      expect(await read(text, size)).toEqual([
        [1, 'a', 'b'],
        [2, '1', '2'],
        [3, 'the file cannot be read from line 3 on: the line is longer than 1 MB'],
      ])
    }
  })
})
