// Builds the workbench into dist/web. pdf.js's worker, character maps and standard fonts are
// copied next to the app, so the browser loads nothing from anywhere but our own server.
// (A .mjs file: eslint-plugin-import-x cannot resolve vite's own modules, see eslint.config.js.)

import { cpSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

/** @param {string} path */
const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const outDir = here('../dist/web')

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    preact(),
    {
      name: 'daleel-pdfjs-data',
      apply: 'build',
      closeBundle() {
        for (const folder of ['cmaps', 'standard_fonts', 'wasm'])
          cpSync(here(`../node_modules/pdfjs-dist/${folder}`), `${outDir}/pdfjs/${folder}`, {
            recursive: true,
          })
      },
    },
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    sourcemap: false,
  },
})
