import type { DunwellClient } from '@dunwell/client'
import { authHeaders, reportUnauthorized } from './api-key-store'

/** The API client's part of the session: the key on every request, and a 401 anywhere asks to sign in again. */
export const sessionMiddleware: Parameters<DunwellClient['use']>[0] = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value)
    return request
  },
  onResponse({ request, response }) {
    // The session check itself reads /api/me's 401 as "signed out"; reporting it would only ask again.
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/api/me')) reportUnauthorized()
    return response
  },
}
