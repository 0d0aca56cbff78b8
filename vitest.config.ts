import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'editor/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
})
