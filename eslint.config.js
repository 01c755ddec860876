import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers (STYLE.md): lib ← timeline ← providers ← features ← app. ui depends on lib only. The browser never
 * imports the proxy or a simulator; a feature never imports another feature's internals.
 */
const layerZones = [
  {
    target: './src/lib',
    from: [
      './src/timeline',
      './src/providers',
      './src/features',
      './src/app',
      './src/ui',
      './src/url-state',
      './src/proxy',
    ],
    message: 'lib is the bottom layer: it imports nothing of the app.',
  },
  {
    target: './src/timeline',
    from: ['./src/providers', './src/features', './src/app', './src/ui', './src/url-state', './src/proxy'],
    message: 'timeline is the pure core: no providers, no React, no proxy.',
  },
  {
    target: './src/ui',
    from: [
      './src/timeline',
      './src/providers',
      './src/features',
      './src/app',
      './src/url-state',
      './src/proxy',
    ],
    message: 'ui holds primitives with no domain words: it may import lib only.',
  },
  {
    target: './src/providers',
    from: ['./src/features', './src/app', './src/proxy', './src/url-state'],
    message: 'providers sit below features and app, and never import the proxy.',
  },
  {
    target: './src/url-state',
    from: ['./src/features', './src/app', './src/proxy', './src/providers'],
    message: 'url-state sits beside providers, below features.',
  },
  {
    target: './src/features',
    from: ['./src/app', './src/proxy'],
    message: 'features never import the app or the proxy.',
  },
  { target: './src/app', from: ['./src/proxy'], message: 'the browser never imports the proxy.' },
  {
    target: ['./src/app', './src/features', './src/timeline', './src/ui', './src/url-state', './src/lib'],
    from: ['./src/providers/*/simulator/**', './src/providers/simulator-kit/**', './src/testing/**'],
    message: 'simulators run on the server side only; test helpers are for tests.',
  },
];

export default defineConfig([
  globalIgnores([
    'dist',
    'dist-*',
    'node_modules',
    'playwright-report',
    'test-results',
    '.reports',
    'coverage',
  ]),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [
      js.configs.recommended,
      tseslint.configs.strictTypeChecked,
      reactHooks.configs.flat.recommended,
    ],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver()] },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never render raw HTML: audit data is attacker-controlled.',
        },
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Never write raw HTML: audit data is attacker-controlled.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Never write raw HTML: audit data is attacker-controlled.',
        },
      ],
    },
  },
  {
    files: ['src/timeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', '@tanstack/*'], message: 'timeline/ is framework-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'src/testing/**/*.ts', 'src/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['eslint.config.js', 'tailwind.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
]);
