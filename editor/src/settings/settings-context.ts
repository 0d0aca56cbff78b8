import type { Settings } from '@dunwell/journey'
import { createContext, useContext } from 'react'
import type { SettingProblems } from './setting-fields'

export interface SettingsContextValue {
  settings: Settings
  problems: SettingProblems
  /** One change of the settings; `edit` names the editing gesture that makes it one undo step. */
  update: (settings: Settings, edit?: string) => void
}

export const SettingsContext = createContext<SettingsContextValue | null>(null)

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext)
  if (!value) throw new Error('useSettings needs a SettingsContext')
  return value
}

/** The settings with one key set, or removed when `value` is undefined. */
export function withSetting<K extends keyof Settings>(settings: Settings, key: K, value: Settings[K] | undefined): Settings {
  const next = { ...settings }
  if (value === undefined) delete next[key]
  else next[key] = value
  return next
}
