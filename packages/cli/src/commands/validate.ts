import { describeDiagnostic, parseJson, validate, type Diagnostic } from '@dunwell/journey'
import type { Command } from '../command'
import { errorMessage, UsageError, type CliIo } from '../io'

export const validateJourneys: Command = {
  name: 'validate',
  synopsis: ['dunwell validate <files…>'],
  summary: 'check journey documents and print every problem',
  description: 'Checks journey documents and prints every problem as `file: node <id>: message`.\nExits 1 when any file has an error (warnings alone exit 0).',
  options: {},
  run: (io, files) => validateCommand(io, files),
}

async function diagnose(io: CliIo, file: string): Promise<Diagnostic[]> {
  let text: string
  try {
    text = await io.readFile(io.resolvePath(file))
  } catch (error) {
    return [{ severity: 'error', code: 'not-a-journey', message: `cannot read: ${errorMessage(error)}`, path: [] }]
  }
  const parsed = parseJson(text)
  return parsed.ok ? validate(parsed.value) : [parsed.diagnostic]
}

export async function validateCommand(io: CliIo, files: string[]): Promise<number> {
  if (files.length === 0) throw new UsageError('validate needs at least one file')
  let errors = 0
  let warnings = 0
  for (const file of files) {
    const diagnostics = await diagnose(io, file)
    for (const diagnostic of diagnostics) {
      const line = `${file}: ${diagnostic.code === 'not-a-journey' ? diagnostic.message : describeDiagnostic(diagnostic)}\n`
      if (diagnostic.severity === 'error') {
        errors++
        io.stderr(line)
      } else {
        warnings++
        io.stdout(line)
      }
    }
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  const summary = `${plural(files.length, 'journey')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`
  ;(errors > 0 ? io.stderr : io.stdout)(summary)
  return errors > 0 ? 1 : 0
}
