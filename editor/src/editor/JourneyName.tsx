import { useEffect, useState } from 'react'
import { useApplyChange, useDocument } from '../store'

/** The journey's name, edited in place; a rename is one undoable change, made on Enter or on leaving the field. */
export function JourneyName() {
  const name = useDocument().name
  const applyChange = useApplyChange()
  const [text, setText] = useState(name)
  useEffect(() => setText(name), [name])

  const commit = () => {
    const next = text.trim()
    if (next && next !== name) applyChange({ type: 'rename', name: next })
    else setText(name)
  }
  return (
    <input
      className="journey-name"
      aria-label="Journey name"
      value={text}
      size={Math.min(Math.max(text.length + 2, 12), 40)}
      maxLength={200}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur()
        if (event.key === 'Escape') {
          setText(name)
          event.currentTarget.blur()
        }
      }}
    />
  )
}
