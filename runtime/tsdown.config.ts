import { libraryBuild } from '../scripts/library-build'

// The simulation's thread starts from dist/simulate-worker.mjs, where simulate-in-worker looks for it.
export default libraryBuild({ index: 'src/index.ts', 'simulate-worker': 'src/simulate/simulate-worker-main.ts' })
