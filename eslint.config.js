// Lint rules, including the layer map of STYLE.md: an import that goes the wrong way is an error.
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'daleel-data/**',
      'examples/**',
      'web/dist/**',
      'bin/**',
      'eslint.config.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/domain', from: './src', except: ['./domain'] },
            { target: './src/analysis', from: './src', except: ['./analysis', './domain'] },
            {
              target: ['./src/ingest', './src/search', './src/api', './src/cli'],
              from: ['./src/store/sqlite', './src/store/postgres'],
            },
            { target: './web', from: './src', except: ['./domain'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
)
