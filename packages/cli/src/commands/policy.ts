import { existsSync } from 'node:fs'
import { defaultContactPolicy, explainPolicy, openSqlite, type CasePolicy } from '@dunwell/runtime'
import { type Command, policyOption } from '../command'
import { UsageError, type CliIo } from '../io'
import { readPolicyFile } from './policy-file'

export const explainPolicyCommand: Command = {
  name: 'policy',
  synopsis: ['dunwell policy explain <case-id> [--db <file>] [--policy <policy.json>] [--at <ISO time>] [--json]'],
  summary: "the contact rules in force for a case's debtor, and why",
  description:
    "The contact rules in force for a case's debtor now: which jurisdictions apply and why (country, region), the contact\nhours and what the debtor's preferred time of day makes of them, every frequency cap with the contacts of all\njourneys that count against it, the quiet periods running and until when. Give the --policy the runtime runs with\n(the default policy otherwise); --at another moment than now.",
  options: {
    db: { type: 'string', value: 'file', description: 'the database (else $DUNWELL_DB, else ./dunwell.sqlite)' },
    policy: policyOption,
    at: { type: 'string', value: 'ISO time', description: 'explain at that moment instead of now' },
    json: { type: 'boolean', description: "print the explanation as JSON (the API's CasePolicy)" },
  },
  run: (io, args, options) => policyCommand(io, args, options as unknown as PolicyOptions),
}

export interface PolicyOptions {
  db?: string
  policy?: string
  at?: string
  json: boolean
}

export async function policyCommand(io: CliIo, args: string[], options: PolicyOptions): Promise<number> {
  const [action, caseId, ...extra] = args
  if (action !== 'explain')
    throw new UsageError(action ? `unknown policy command "${action}": use policy explain <case-id>` : 'policy needs a command: policy explain <case-id>')
  if (!caseId || extra.length > 0) throw new UsageError('policy explain takes exactly one case id')
  const at = options.at === undefined ? Date.now() : Date.parse(options.at)
  if (Number.isNaN(at)) throw new UsageError('--at must be an ISO time, e.g. 2026-11-23T09:00:00Z')
  const policy = options.policy ? await readPolicyFile(io, options.policy) : defaultContactPolicy
  if (!policy) return 1
  const path = io.resolvePath(options.db ?? (process.env.DUNWELL_DB || 'dunwell.sqlite'))
  if (!existsSync(path)) throw new Error(`no database at ${path} (pass --db <file> or set DUNWELL_DB)`)
  const opened = await openSqlite(path)
  try {
    const explained = await explainPolicy(opened.store, policy, caseId, at)
    if (!explained) throw new Error(`no case "${caseId}" in ${path}`)
    io.stdout(options.json ? `${JSON.stringify(explained, null, 2)}\n` : describePolicy(explained))
    return 0
  } finally {
    await opened.close()
  }
}

/** The rules in words, one per line. */
export function describePolicy(p: CasePolicy): string {
  const where = [p.place.country ?? 'no country', p.place.region].filter(Boolean).join('-')
  const hours = p.contactHours
  const lines = [
    `Case ${p.caseId}: debtor in ${where} (${p.place.timezone}), at ${p.at}`,
    `Jurisdictions: ${p.jurisdictions.length === 0 ? 'none (the policy’s own rules only)' : p.jurisdictions.map((j) => `${j.name} (${j.why})`).join('; ')}`,
    `Contact hours: ${hours.start}–${hours.end} ${hours.days.join(' ')}, debtor's local time, for ${hours.channels.join(', ')}${hours.holidays ? '; no public holidays' : ''}`,
    ...(p.preferredTimeOfDay
      ? [
          p.preferredTimeOfDay.applied
            ? `Preferred time of day: ${p.preferredTimeOfDay.timeOfDay} (${p.preferredTimeOfDay.start}–${p.preferredTimeOfDay.end}), so contact ${p.preferredTimeOfDay.hours.start}–${p.preferredTimeOfDay.hours.end} (a journey's own hours narrow it further)`
            : `Preferred time of day: ${p.preferredTimeOfDay.timeOfDay} (${p.preferredTimeOfDay.start}–${p.preferredTimeOfDay.end}), outside the contact hours: they hold`,
        ]
      : []),
    'Frequency caps (contacts of every journey count):',
    ...p.caps.map(
      (cap) =>
        `  ${cap.rule} [${cap.source}, ${cap.onCap}]: ${cap.counted} of ${cap.max}${cap.journeys.length > 0 ? ` (${cap.journeys.join(', ')})` : ''}${cap.allowedAgainAt ? `, full until ${cap.allowedAgainAt}` : ''}`,
    ),
    `Quiet periods:${p.quietPeriods.length === 0 ? ' none' : ''}`,
    ...p.quietPeriods.map(
      (period) => `  ${period.rule} [${period.source}]: ${period.until ? `running since ${period.since}, until ${period.until}` : 'not running'}`,
    ),
    `Opt-outs: ${p.optouts.length === 0 ? 'none' : p.optouts.join(', ')}`,
    `Holds: ${p.holds.length === 0 ? 'none' : p.holds.join(', ')}`,
    `Journeys: ${p.enrolments.length === 0 ? 'none' : p.enrolments.map((e) => `${e.journeyId} (${e.status}${e.outrankedBy ? `, waits for ${e.outrankedBy}` : ''})`).join(', ')}`,
  ]
  return `${lines.join('\n')}\n`
}
