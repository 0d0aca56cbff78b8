import { parseArgs } from 'node:util'
import { compileCommand, compileHelp } from './commands/compile'
import { formatCommand, formatHelp } from './commands/format'
import { keysCommand, keysHelp } from './commands/keys'
import { policyCommand, policyHelp } from './commands/policy'
import { serveCommand } from './commands/serve'
import { simulateCommand, simulateHelp } from './commands/simulate'
import { validateCommand, validateHelp } from './commands/validate'
import { errorMessage, UsageError, type CliIo } from './io'

export { nodeIo, type CliIo } from './io'

const usage = `Usage: dunwell <command> [options]

Commands:
${[validateHelp, compileHelp, formatHelp, simulateHelp, keysHelp, policyHelp].map((text) => `  ${text.replace(/\n/g, '\n  ')}`).join('\n\n')}

  dunwell help    this text
`

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        json: { type: 'boolean', default: false },
        cases: { type: 'string' },
        events: { type: 'string' },
        policy: { type: 'string' },
        start: { type: 'string' },
        days: { type: 'string' },
        db: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        examples: { type: 'string' },
        dev: { type: 'boolean', default: false },
        'test-clock': { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        at: { type: 'string' },
      },
    })
    const [command, ...files] = positionals
    if (values.help || command === 'help' || command === undefined) {
      ;(command === undefined && !values.help ? io.stderr : io.stdout)(usage)
      return command === undefined && !values.help ? 2 : 0
    }
    switch (command) {
      case 'validate':
        return await validateCommand(io, files)
      case 'compile':
        return await compileCommand(io, files)
      case 'format':
        return await formatCommand(io, files, { check: values.check })
      case 'simulate':
        return await simulateCommand(io, files, values)
      case 'serve':
        return await serveCommand(io, values, new URL('../../../editor/dist', import.meta.url).pathname)
      case 'keys':
        return await keysCommand(io, files, values)
      case 'policy':
        return await policyCommand(io, files, values)
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`dunwell: ${error.message}\n\n${usage}`)
      return 2
    }
    io.stderr(`dunwell: ${errorMessage(error)}\n`)
    return 1
  }
}
