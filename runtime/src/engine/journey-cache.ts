import {
  actionNames,
  compile,
  createJourneyMachine,
  type Journey,
  type JourneyGuards,
  type JourneyMachineConfig,
  type JourneyTrigger,
  type SendParams,
} from '@dunwell/journey'

export interface CompiledVersion {
  key: string
  journeyId: string
  version: number
  journey: Journey
  config: JourneyMachineConfig
  trigger: JourneyTrigger
  machine: ReturnType<typeof createJourneyMachine>
  /** What each channel node sends, for retrying a deferred message. */
  sends: Map<string, SendParams>
  /** The events each node reacts to: any other event leaves a resting enrolment as it is. */
  handles: Map<string, Set<string>>
}

/**
 * Machines compiled once per journey version. Their guards call back into whatever the engine is stepping right
 * now (`guards`), so that one machine serves every case.
 */
export class JourneyCache {
  #versions = new Map<string, CompiledVersion>()

  constructor(private readonly guards: JourneyGuards) {}

  get(journeyId: string, version: number): CompiledVersion | undefined {
    return this.#versions.get(`${journeyId}@${version}`)
  }

  add(journeyId: string, version: number, document: unknown): CompiledVersion {
    const key = `${journeyId}@${version}`
    const existing = this.#versions.get(key)
    if (existing) return existing
    // Stored versions load as published, even if a budget rule added since refuses them: the budget then fails
    // their messages and decisions one by one.
    const result = compile(document, { published: true })
    if (!result.ok) throw new Error(`journey ${key} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`)
    const sends = new Map<string, SendParams>()
    for (const [nodeId, state] of Object.entries(result.config.states)) {
      const send = state.entry?.find((action) => action.type === actionNames.send)
      if (send) sends.set(nodeId, send.params as SendParams)
    }
    const handles = new Map<string, Set<string>>()
    for (const [nodeId, state] of Object.entries(result.config.states)) handles.set(nodeId, new Set(Object.keys(state.on ?? {})))
    const compiled: CompiledVersion = {
      key,
      journeyId,
      version,
      journey: result.journey,
      config: result.config,
      trigger: result.trigger,
      machine: createJourneyMachine(result.config, this.guards),
      sends,
      handles,
    }
    this.#versions.set(key, compiled)
    return compiled
  }
}
