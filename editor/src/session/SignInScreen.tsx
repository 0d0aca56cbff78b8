import { useState } from 'react'
import { Brand } from '../ui/Brand'
import { storeApiKey } from './api-key-store'
import { s } from './strings'

/** Asks for an API key; SessionGate checks it with the server and shows the editor, or this again with why. */
export function SignInScreen({ problem }: { problem?: 'wrong-key' | 'unreachable' }) {
  const [key, setKey] = useState('')
  const [sent, setSent] = useState(false)
  return (
    <div className="page">
      <header className="page__bar">
        <Brand />
      </header>
      <main className="page__main sign-in">
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
        <form
          className="sign-in__form"
          onSubmit={(event) => {
            event.preventDefault()
            if (!key.trim()) return
            setSent(true)
            storeApiKey(key)
          }}
        >
          <label className="field">
            <span>{s.keyLabel}</span>
            <input
              type="password"
              name="apiKey"
              autoComplete="current-password"
              spellCheck={false}
              required
              value={key}
              onChange={(event) => setKey(event.target.value)}
              aria-describedby="sign-in-hint"
            />
          </label>
          <p id="sign-in-hint" className="muted">
            {s.keyHint}
          </p>
          {problem && !sent && (
            <p className="sign-in__problem" role="alert">
              {problem === 'wrong-key' ? s.wrongKey : s.unreachable}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={sent}>
            {sent ? s.checking : s.submit}
          </button>
        </form>
      </main>
    </div>
  )
}
