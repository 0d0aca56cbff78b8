import { libraryBuild } from '../../scripts/library-build'

export default libraryBuild({ main: 'src/main.ts' })
