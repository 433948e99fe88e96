/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// No @vitejs/plugin-react: Vite's built-in esbuild handles TSX with the automatic JSX runtime.
// (Fast refresh is therefore unavailable in `npm run dev`; full reloads work fine.)
export default defineConfig({
  // Absolute asset paths: deep links such as /sellers/<id> load the same index.html and must find /assets/.
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      // Libraries mark their modules "use client" for server-rendering frameworks; a SPA has nothing to do with it.
      onwarn: (warning, warn) => {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        // The charts library is most of the weight; it and the other libraries (React, TanStack, the router) have chunks of
        // their own, which browsers keep cached across releases of the console's code.
        manualChunks: (id) =>
          /node_modules\/(recharts|d3-|victory-vendor)/.test(id) ? 'charts' : id.includes('node_modules') ? 'libraries' : undefined,
      },
    },
  },
  server: {
    // `npm run dev` against a locally running gateway (default port 8080; override with SPGATE_URL).
    proxy: {
      '/health': process.env.SPGATE_URL ?? 'http://127.0.0.1:8080',
      '/v1': process.env.SPGATE_URL ?? 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    restoreMocks: true,
  },
});
