import { lazy, Suspense, useRef } from 'react'
import type { CelEditorProps } from '../monaco/CelEditor'

// Monaco stays out of the first load: a plain field stands in until the CEL editor's chunk is there.
const CelEditor = lazy(() => import('../monaco/CelEditor'))

/** A CEL condition or value expression: Monaco with highlighting, suggestions and inline errors once it has loaded. */
export function ExpressionInput(props: Omit<CelEditorProps, 'autoFocus'>) {
  const focused = useRef(false)
  const { id, value, label, describedBy, invalid, placeholder, onChange, onFocus, onBlur } = props
  const fallback = (
    <input
      id={id}
      type="text"
      className="mono cel-editor__fallback"
      value={value}
      aria-label={label}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      placeholder={placeholder}
      spellCheck={false}
      autoComplete="off"
      onFocus={() => {
        focused.current = true
        onFocus?.()
      }}
      onBlur={() => {
        focused.current = false
        onBlur?.()
      }}
      onChange={(event) => onChange(event.target.value)}
    />
  )
  return (
    <Suspense fallback={fallback}>
      <CelEditor {...props} autoFocus={focused.current} />
    </Suspense>
  )
}
