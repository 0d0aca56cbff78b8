// The entry of a simulation's worker thread: the runtime runs from its TypeScript sources, so the thread registers
// tsx (as the dunwell command does) before it loads the simulation.
import { register } from 'tsx/esm/api'

register()
await import('./simulate-worker-main.ts')
