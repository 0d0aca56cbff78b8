import { diffJourneys, isMoveOnly, type Journey, type JourneyChange } from '@dunwell/journey'
import type { Command } from '../command'
import { errorMessage, UsageError, type CliIo } from '../io'
import { readJourneyText } from '../journey-file'

/** What `diff` exits with, as diff(1) does. */
export const diffExit = { same: 0, different: 1, trouble: 2 } as const

export const diffVersions: Command = {
  name: 'diff',
  synopsis: ['dunwell diff [--json] <before.json> <after.json>'],
  summary: 'print what changed between two versions of a journey, in words',
  description:
    "Prints what changed from the first journey to the second, in the words of the editor's version history: each\nchange on a line of its own (+ added, - removed, ~ changed), steps that only moved on the canvas last.\nExits 0 when the two are the same journey, 1 when they differ, 2 when a file cannot be read as a journey.",
  options: { json: { type: 'boolean', description: 'print the changes as a JSON array ({ kind, subject, id, nodeId, fields, message })' } },
  run: (io, files, options) => diffCommand(io, files, { json: options.json === true }),
}

const marks = { added: '+', removed: '-', changed: '~' } as const

async function read(io: CliIo, file: string): Promise<Journey | undefined> {
  let text: string
  try {
    text = await io.readFile(io.resolvePath(file))
  } catch (error) {
    io.stderr(`${file}: cannot read: ${errorMessage(error)}\n`)
    return undefined
  }
  const journey = readJourneyText(text)
  if (!journey.ok) io.stderr(`${file}: cannot compare: ${journey.reason}\n`)
  return journey.ok ? journey.journey : undefined
}

function summary(changes: JourneyChange[], moved: number): string {
  const content = changes.length - moved
  const parts = [content > 0 && `${content} change${content === 1 ? '' : 's'}`, moved > 0 && `${moved} step${moved === 1 ? '' : 's'} only moved on the canvas`]
  return parts.filter(Boolean).join(' and ')
}

export async function diffCommand(io: CliIo, files: string[], options: { json: boolean }): Promise<number> {
  if (files.length !== 2) throw new UsageError('diff takes exactly two journey files: before and after')
  const [before, after] = [await read(io, files[0]!), await read(io, files[1]!)]
  if (!before || !after) return diffExit.trouble
  const changes = diffJourneys(before, after)
  if (options.json) {
    io.stdout(`${JSON.stringify(changes, null, 2)}\n`)
    return changes.length === 0 ? diffExit.same : diffExit.different
  }
  if (changes.length === 0) {
    io.stdout('No differences: the two are the same journey.\n')
    return diffExit.same
  }
  const moves = changes.filter(isMoveOnly)
  const lines = [...changes.filter((change) => !isMoveOnly(change)), ...moves].map((change) => `${marks[change.kind]} ${change.message}`)
  io.stdout(`${lines.join('\n')}\n${summary(changes, moves.length)} from ${files[0]} to ${files[1]}\n`)
  return diffExit.different
}
