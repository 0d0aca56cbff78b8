import { forgetApiKey } from './api-key-store'
import { s } from './strings'
import { useSession } from './use-session'

/** Who is signed in, with their role, and a way out; in development mode, only that no key is needed. */
export function SessionMenu() {
  const me = useSession()
  if (!me) return null
  if (me.openMode) return <span className="session-menu muted">{s.openMode}</span>
  return (
    <span className="session-menu">
      <span className="muted" {...(me.permissions.includes('journeys:write') ? {} : { title: s.readOnly })}>
        {s.signedInAs(me.name, s.roles[me.role] ?? me.role)}
      </span>
      <button type="button" className="button button--ghost" onClick={forgetApiKey}>
        {s.signOut}
      </button>
    </span>
  )
}
