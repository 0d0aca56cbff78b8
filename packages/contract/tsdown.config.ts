import { libraryBuild } from '../../scripts/library-build'

export default libraryBuild({ index: 'src/index.ts' })
