import { parseArgs, type ParseArgsConfig } from 'node:util'
import { commandHelp, generalHelp, type Command, type OptionValues } from './command'
import { commands } from './commands'
import { errorMessage, UsageError, type CliIo } from './io'

export { nodeIo, type CliIo } from './io'

const usage = generalHelp(commands)

function find(name: string): Command {
  const command = commands.find((candidate) => candidate.name === name)
  if (!command) throw new UsageError(`unknown command "${name}"`)
  return command
}

/** The command's own options for `parseArgs`, and `--help` / `-h`; booleans default to false. */
function parseOptions(command: Command): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h', default: false } }
  for (const [name, option] of Object.entries(command.options))
    options[name] = option.type === 'boolean' ? { type: 'boolean', default: false } : { type: 'string' }
  return options
}

function isParseError(error: unknown): error is TypeError {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
}

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  let command: Command | undefined
  try {
    if (name === undefined) {
      io.stderr(usage)
      return 2
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout(rest[0] ? commandHelp(find(rest[0])) : usage)
      return 0
    }
    command = find(name)
    const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: parseOptions(command) })
    if (values.help) {
      io.stdout(commandHelp(command))
      return 0
    }
    return await command.run(io, positionals, values as OptionValues)
  } catch (error) {
    if (error instanceof UsageError || isParseError(error)) {
      const help = command ? `${commandHelp(command)}\n(dunwell --help lists every command)\n` : usage
      io.stderr(`dunwell: ${error.message}\n\n${help}`)
      return 2
    }
    io.stderr(`dunwell: ${errorMessage(error)}\n`)
    return 1
  }
}
