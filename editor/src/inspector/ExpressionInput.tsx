import { Component, lazy, Suspense, useRef, type ReactNode } from 'react'
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
    <PlainOnError fallback={fallback}>
      <Suspense fallback={fallback}>
        <CelEditor {...props} autoFocus={focused.current} />
      </Suspense>
    </PlainOnError>
  )
}

/** Should the editor's chunk fail to load (a deploy replaced it, the network dropped), the plain field stays. */
class PlainOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
