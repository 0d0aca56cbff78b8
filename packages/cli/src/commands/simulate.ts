import { caseInputSchema, eventInputSchema, parseContactPolicy, parseJsonl, simulate, type SimulationReport } from '@dunwell/runtime'
import { describeDiagnostic, parseJson, validate } from '@dunwell/journey'
import { type Command, policyOption } from '../command'
import { errorMessage, UsageError, type CliIo } from '../io'

export const simulateJourney: Command = {
  name: 'simulate',
  synopsis: ['dunwell simulate <journey.json> --cases <cases.jsonl> [--events <events.jsonl>] [--policy <policy.json>] --start <ISO time> --days <n> [--json]'],
  summary: 'run a journey on a virtual clock over sample cases and report what happened',
  description:
    'Runs the journey\'s real engine on a virtual clock and a throwaway database: every case enters at --start,\nevents fire at their "at". Prints a readable summary, or one JSON object with --json.\nExits 1 when the journey has errors or a line of the cases or events is refused.',
  options: {
    cases: { type: 'string', value: 'cases.jsonl', description: 'the cases, one JSON object per line (required)' },
    events: { type: 'string', value: 'events.jsonl', description: 'events, one JSON object per line, each with its "at"' },
    policy: policyOption,
    start: { type: 'string', value: 'ISO time', description: 'when every case enters, e.g. 2026-11-23T09:00:00Z (required)' },
    days: { type: 'string', value: 'n', description: 'how many days to run, 1 to 3650 (required)' },
    json: { type: 'boolean', description: 'print the whole report as one JSON object' },
  },
  run: (io, files, options) => simulateCommand(io, files, options as unknown as SimulateOptions),
}

export interface SimulateOptions {
  cases?: string
  events?: string
  policy?: string
  start?: string
  days?: string
  json: boolean
}

async function read(io: CliIo, file: string, what: string): Promise<string> {
  try {
    return await io.readFile(io.resolvePath(file))
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${errorMessage(error)}`)
  }
}

export async function simulateCommand(io: CliIo, files: string[], options: SimulateOptions): Promise<number> {
  const [journeyFile, ...extra] = files
  if (!journeyFile || extra.length > 0) throw new UsageError('simulate takes exactly one journey file')
  if (!options.cases) throw new UsageError('simulate needs --cases <cases.jsonl>')
  if (!options.start || Number.isNaN(Date.parse(options.start))) throw new UsageError('simulate needs --start <ISO time>, e.g. 2026-11-23T09:00:00Z')
  const days = Number(options.days)
  if (!options.days || !Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError('simulate needs --days <n>, a whole number from 1 to 3650')

  const parsed = parseJson(await read(io, journeyFile, 'journey'))
  const diagnostics = parsed.ok ? validate(parsed.value) : [parsed.diagnostic]
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) {
    for (const diagnostic of errors) io.stderr(`${journeyFile}: ${describeDiagnostic(diagnostic)}\n`)
    return 1
  }
  const cases = parseJsonl(await read(io, options.cases, 'cases'), caseInputSchema)
  const events = options.events ? parseJsonl(await read(io, options.events, 'events'), eventInputSchema) : { items: [], errors: [] }
  for (const error of cases.errors) io.stderr(`${options.cases}:${error.line}: ${error.message}\n`)
  for (const error of events.errors) io.stderr(`${options.events}:${error.line}: ${error.message}\n`)
  let policy
  if (options.policy) {
    const policyJson = parseJson(await read(io, options.policy, 'policy'))
    const result = policyJson.ok ? parseContactPolicy(policyJson.value) : { ok: false as const, errors: [policyJson.diagnostic.message] }
    if (!result.ok) {
      for (const message of result.errors) io.stderr(`${options.policy}: ${message}\n`)
      return 1
    }
    policy = result.policy
  }

  const showProgress = !options.json && cases.items.length >= 1000
  const report = await simulate({
    journey: (parsed as { value: unknown }).value,
    cases: cases.items.map((item) => item.value),
    events: events.items.map((item) => item.value),
    ...(policy ? { policy } : {}),
    start: new Date(options.start),
    days,
    onProgress: showProgress ? (done, day) => io.stderr(`\rsimulating day ${day} of ${days} (${Math.round(done * 100)}%)${done === 1 ? '\n' : ''}`) : undefined,
  })
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : summary(report, days))
  return cases.errors.length + events.errors.length > 0 ? 1 : 0
}

function table(rows: [string, string][]): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length))
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n')
}

function summary(report: SimulationReport, days: number): string {
  const cases = Object.entries(report.cases)
  const enrolled = cases.filter(([, c]) => c.status !== 'not-enrolled').length
  const percent = (count: number) => (enrolled > 0 ? ` (${Math.round((count / enrolled) * 100)}%)` : '')
  const sent = report.messages.filter((m) => m.status === 'sent')
  const suppressed = report.messages.filter((m) => m.status === 'suppressed')
  const reasons = new Map<string, number>()
  for (const message of suppressed) reasons.set(message.reason ?? 'unknown', (reasons.get(message.reason ?? 'unknown') ?? 0) + 1)
  const byChannel = new Map<string, number>()
  for (const message of sent) byChannel.set(message.channel, (byChannel.get(message.channel) ?? 0) + 1)
  const still = cases.filter(([, c]) => c.status === 'active' || c.status === 'paused').length
  const lines = [
    `Journey ${report.journey}: ${cases.length} cases, ${enrolled} enrolled, ${report.start.slice(0, 10)} to ${report.end.slice(0, 10)} (${days} days)`,
    '',
    'Outcomes',
    table([
      ...Object.entries(report.outcomes)
        .sort((a, b) => b[1] - a[1])
        .map(([o, n]): [string, string] => [o, `${n}${percent(n)}`]),
      ...(still > 0 ? [['still in the journey', `${still}${percent(still)}`] as [string, string]] : []),
    ]),
    '',
    'Nodes entered',
    table(Object.entries(report.nodes).map(([id, n]) => [id, String(n.entered)])),
    '',
    `Messages: ${sent.length} sent${sent.length > 0 ? ` (${[...byChannel].map(([c, n]) => `${n} ${c}`).join(', ')})` : ''}, ${suppressed.length} suppressed`,
    ...[...reasons].map(([reason, n]) => `  ${n} × ${reason}`),
    '',
    ...Object.entries(report.splits).flatMap(([nodeId, variants]) => [
      `Split ${nodeId}: outcome by variant`,
      table(
        Object.entries(variants).map(([variant, result]): [string, string] => [
          variant,
          `${result.cases} cases: ${Object.entries(result.outcomes)
            .sort((a, b) => b[1] - a[1])
            .map(([outcome, n]) => `${outcome} ${n} (${Math.round((n / result.cases) * 100)}%)`)
            .join(', ')}`,
        ]),
      ),
      '',
    ]),
    'Cases',
    table(cases.slice(0, 20).map(([id, c]) => [id, `${c.outcome ?? c.status}${c.reason ? ` (${c.reason})` : ''}  ${c.path.join(' → ')}`])),
    ...(cases.length > 20 ? [`  … and ${cases.length - 20} more (use --json for all)`] : []),
    ...(report.rejected.length > 0 ? ['', 'Rejected', ...report.rejected.map((r) => `  ${r.caseId ?? ''} ${r.message}`)] : []),
  ]
  return `${lines.join('\n')}\n`
}
