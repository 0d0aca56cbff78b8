import { parseContactPolicy, type ContactPolicy } from '@dunwell/runtime'
import { parseJson } from '@dunwell/journey'
import { errorMessage, UsageError, type CliIo } from '../io'

/** Reads a `--policy` file; its problems go to stderr, each naming the field (undefined then). */
export async function readPolicyFile(io: CliIo, path: string): Promise<ContactPolicy | undefined> {
  const text = await io.readFile(io.resolvePath(path)).catch((error) => {
    throw new UsageError(`cannot read policy ${path}: ${errorMessage(error)}`)
  })
  const json = parseJson(text)
  const parsed = json.ok ? parseContactPolicy(json.value) : { ok: false as const, errors: [json.diagnostic.message] }
  if (parsed.ok) return parsed.policy
  for (const message of parsed.errors) io.stderr(`${path}: ${message}\n`)
  return undefined
}
