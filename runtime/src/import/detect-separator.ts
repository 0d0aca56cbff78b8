import { separators, type Separator, type Setting } from '@dunwell/contract'

/** Excel's first line `sep=;` names the separator; the line is not part of the data. */
export function excelSeparatorLine(text: string): Separator | undefined {
  const match = /^sep=(.)\r?\n/i.exec(text)
  if (!match) return undefined
  return (Object.entries(separators) as [Separator, string][]).find(([, char]) => char === match[1])?.[0]
}

/** How often each candidate separator occurs outside quotes on a line. */
function counts(line: string): Record<Separator, number> {
  const result = { comma: 0, semicolon: 0, tab: 0, pipe: 0 }
  let quoted = false
  for (const char of line) {
    if (char === '"') quoted = !quoted
    else if (!quoted) {
      if (char === ',') result.comma++
      else if (char === ';') result.semicolon++
      else if (char === '\t') result.tab++
      else if (char === '|') result.pipe++
    }
  }
  return result
}

/**
 * The separator that splits the first lines into the same number of columns as the header (quotes respected); a file
 * of one column has none to find (comma, by default).
 */
export function detectSeparator(sample: string): Setting<Separator> {
  const fromExcel = excelSeparatorLine(sample)
  if (fromExcel) return { value: fromExcel, source: 'detected' }
  const lines = sample
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 30)
  // The last line of a sample may be cut short.
  if (lines.length > 2) lines.pop()
  const [header, ...rest] = lines.map(counts)
  if (!header) return { value: 'comma', source: 'default' }
  let best: { separator: Separator; score: number } | undefined
  // On a tie, the separator least likely inside a value wins (a decimal comma in a tab-separated file).
  for (const separator of ['tab', 'semicolon', 'pipe', 'comma'] as const) {
    const columns = header[separator]
    if (columns === 0) continue
    const agreeing = rest.filter((line) => line[separator] === columns).length
    const score = (rest.length === 0 ? 1 : agreeing / rest.length) * 1000 + columns
    if (!best || score > best.score) best = { separator, score }
  }
  return best ? { value: best.separator, source: 'detected' } : { value: 'comma', source: 'default' }
}
