import type { Clock } from '../clock'
import type { ChannelAdapter } from '../channels/channel-adapter'
import type { PortalStep } from '../channels/links'
import type { EngineStore } from '../db/engine-store'
import type { MessageRenderer } from '../messages'
import type { ContactPolicy } from '../policy'
import type { CompiledVersion, JourneyCache } from './journey-cache'
import type { GuardScope } from './guard-scope'

export interface Links {
  /** The debtor's portal for this case, bound to the step whose message carries it. */
  portal?: string
  /** The portal too (templates written for the pay page keep working). */
  pay?: string
  optout?: string
  [name: string]: string | undefined
}

/** The links for a message on a channel; `step` is the message (its outbox id) and what its step offers. */
export type LinksFor = (caseId: string, channel: string, step?: PortalStep) => Links

/** What a batch needs from the engine around it. */
export interface EngineDeps {
  store: EngineStore
  journeys: JourneyCache
  /** Loads a published version the cache does not hold yet. */
  loadVersion: (journeyId: string, version: number) => Promise<CompiledVersion | undefined>
  /** The latest version of every active journey, by trigger event. */
  triggers: () => Map<string, CompiledVersion[]>
  policy: ContactPolicy
  clock: Clock & { set?: (time: number) => void }
  render: MessageRenderer
  links: LinksFor
  sender: { name: string; [key: string]: unknown }
  scope: GuardScope
  channels: Map<string, ChannelAdapter>
}
