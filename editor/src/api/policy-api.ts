import { unwrap } from '@dunwell/client'
import type { ContactPolicyView } from '@dunwell/contract'
import { client } from './journeys-api'

export type { ContactPolicyView }

/** The runtime's contact policy: the widest hours any journey may use, its caps and its rules by jurisdiction. */
export function loadContactPolicy(): Promise<ContactPolicyView> {
  return unwrap(client.GET('/api/policy')) as Promise<ContactPolicyView>
}
