// How each published package is built (tsdown, from the package's tsdown.config.ts): its entries bundled to ES
// modules for Node, its dependencies left as imports, and its declarations bundled beside them, so that an installed
// package needs neither tsx nor TypeScript sources. The workspace itself never reads dist/: a package's `exports`
// name its sources and `publishConfig.exports` (what `pnpm pack` writes into the tarball) the build.
// Type-only import: tsdown is each built package's own dev dependency, not this folder's.
import type { UserConfig } from 'tsdown'

export function libraryBuild(entry: Record<string, string>): UserConfig {
  return { entry, format: 'esm', platform: 'node', target: 'node20.19', dts: true, outDir: 'dist', clean: true }
}
