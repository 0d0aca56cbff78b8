import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const runtime = 'http://127.0.0.1:3000'

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The journey package's validators (zod, CEL, Liquid, luxon) come along: one big chunk, served locally.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': runtime,
      '/openapi.json': runtime,
      '/health': runtime,
    },
  },
})
