import type { CliIo } from './io'

/** One option of a command: what `parseArgs` needs, and what its help says. */
export interface CommandOption {
  type: 'string' | 'boolean'
  /** The value's name in the help (`--port <port>`); string options only. */
  value?: string
  description: string
}

export type OptionValues = Record<string, string | boolean | undefined>

/**
 * A `dunwell` command. The general help lists every command by its synopsis and summary, `dunwell <name> --help`
 * prints its synopsis, description and options, and only its options are accepted on its command line.
 */
export interface Command {
  name: string
  /** The command line, one line per form (`dunwell keys create …`, `dunwell keys list …`). */
  synopsis: string[]
  /** One line for the list of commands. */
  summary: string
  /** What it does and how it exits, for its own help. */
  description: string
  options: Record<string, CommandOption>
  /** Boolean options arrive as true or false, string options as given or undefined. */
  run: (io: CliIo, args: string[], options: OptionValues) => Promise<number>
}

/** Help for every command's `--help`, accepted by all of them. */
export const helpOption: CommandOption = { type: 'boolean', description: 'print this help' }

function optionLines(options: Record<string, CommandOption>): string[] {
  const entries = Object.entries({ ...options, help: helpOption }).map(([name, option]) => [
    `--${name}${option.type === 'string' ? ` <${option.value ?? 'value'}>` : ''}${name === 'help' ? ', -h' : ''}`,
    option.description,
  ])
  const width = Math.max(...entries.map(([flag]) => flag!.length))
  return entries.map(([flag, description]) => `  ${flag!.padEnd(width)}  ${description}`)
}

/** `dunwell <name> --help`. */
export function commandHelp(command: Command): string {
  return [`Usage: ${command.synopsis.join('\n       ')}`, '', command.description, '', 'Options:', ...optionLines(command.options), ''].join('\n')
}

/** `dunwell --help`: every command, one line each. */
export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length))
  return [
    'Usage: dunwell <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  this text (dunwell help <command>: that command's help)`,
    '',
    'Run `dunwell <command> --help` for its options.',
    '',
  ].join('\n')
}

/** `--policy`, as `serve` and `simulate` read it. */
export const policyOption: CommandOption = { type: 'string', value: 'policy.json', description: 'the contact policy (what it changes of the defaults)' }
