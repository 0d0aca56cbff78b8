import { format } from '@dunwell/journey'
import type { Command } from '../command'
import { errorMessage, UsageError, type CliIo } from '../io'
import { readJourneyText } from '../journey-file'

export const formatJourneys: Command = {
  name: 'format',
  synopsis: ['dunwell format [--check] <files…>'],
  summary: 'rewrite journeys in the stable, diff-friendly form',
  description: 'Rewrites journeys in the stable form (keys in a fixed order, two-space indent) so versions diff line by line.',
  options: { check: { type: 'boolean', description: 'change nothing; exit 1 when a file is not in the stable form' } },
  run: (io, files, options) => formatCommand(io, files, { check: options.check === true }),
}

export async function formatCommand(io: CliIo, files: string[], options: { check: boolean }): Promise<number> {
  if (files.length === 0) throw new UsageError('format needs at least one file')
  let failed = 0
  for (const file of files) {
    const path = io.resolvePath(file)
    let text: string
    try {
      text = await io.readFile(path)
    } catch (error) {
      io.stderr(`${file}: cannot read: ${errorMessage(error)}\n`)
      failed++
      continue
    }
    const read = readJourneyText(text)
    if (!read.ok) {
      io.stderr(`${file}: cannot format: ${read.reason}\n`)
      failed++
      continue
    }
    const stable = format(read.journey)
    if (stable === text) continue
    if (options.check) {
      io.stderr(`${file}: not in the stable form (run dunwell format ${file})\n`)
      failed++
    } else {
      await io.writeFile(path, stable)
      io.stdout(`${file}: formatted\n`)
    }
  }
  return failed > 0 ? 1 : 0
}
