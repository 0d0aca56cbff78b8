import { describeDiagnostic, format, journeySchema, migrateJourney, parseJson } from '@dunwell/journey'
import { errorMessage, UsageError, type CliIo } from '../io'

export const formatHelp = `dunwell format [--check] <files…>
  Rewrites journeys in the stable form (keys in a fixed order, two-space indent) so versions diff line by line.
  --check  change nothing; exit 1 when a file is not in the stable form.`

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
    const parsed = parseJson(text)
    const migrated = parsed.ok ? migrateJourney(parsed.value) : undefined
    const document = migrated?.ok ? migrated.document : undefined
    const checked = document ? journeySchema.safeParse(document) : undefined
    if (!checked?.success) {
      const reason = !parsed.ok
        ? parsed.diagnostic.message
        : migrated && !migrated.ok
          ? describeDiagnostic(migrated.diagnostic)
          : 'does not fit the journey schema; run `dunwell validate` to see why'
      io.stderr(`${file}: cannot format: ${reason}\n`)
      failed++
      continue
    }
    const stable = format(checked.data)
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
