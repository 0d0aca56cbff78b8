import type { Database } from '../db/database'

/** A CSV cell, quoted when it must be, and defused when a spreadsheet would run it as a formula. */
function cell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** An import's report as CSV, streamed: UTF-8 with a BOM and CRLF, as Excel reads it without asking. */
export function reportCsv(lines: AsyncIterable<Database['case_import_lines']>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = lines[Symbol.asyncIterator]()
  let started = false
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode('\uFEFFline,id,outcome,column,message\r\n'))
        return
      }
      const rows: string[] = []
      for (let i = 0; i < 500; i++) {
        const next = await iterator.next()
        if (next.done) {
          if (rows.length) controller.enqueue(encoder.encode(rows.join('')))
          controller.close()
          return
        }
        const line = next.value
        rows.push(`${[line.line, line.case_id, line.outcome, line.column_name, line.message].map(cell).join(',')}\r\n`)
      }
      controller.enqueue(encoder.encode(rows.join('')))
    },
  })
}
