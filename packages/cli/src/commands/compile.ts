import { compileText, describeDiagnostic } from '@dunwell/journey'
import type { Command } from '../command'
import { errorMessage, UsageError, type CliIo } from '../io'

export const compileJourney: Command = {
  name: 'compile',
  synopsis: ['dunwell compile <file>'],
  summary: 'print the XState machine config a journey compiles to',
  description: 'Prints the XState machine config the journey compiles to, as JSON.\nExits 1 (and prints the problems) when the journey has errors.',
  options: {},
  run: (io, files) => compileCommand(io, files),
}

export async function compileCommand(io: CliIo, files: string[]): Promise<number> {
  const [file, ...extra] = files
  if (!file || extra.length > 0) throw new UsageError('compile takes exactly one file')
  let text: string
  try {
    text = await io.readFile(io.resolvePath(file))
  } catch (error) {
    io.stderr(`${file}: cannot read: ${errorMessage(error)}\n`)
    return 1
  }
  const result = compileText(text)
  if (!result.ok) {
    for (const diagnostic of result.diagnostics.filter((d) => d.severity === 'error')) io.stderr(`${file}: ${describeDiagnostic(diagnostic)}\n`)
    return 1
  }
  io.stdout(`${JSON.stringify(result.config, null, 2)}\n`)
  return 0
}
