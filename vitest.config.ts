import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'e2e/support/**/*.test.ts'],
    setupFiles: ['./src/testing/vitest-setup.ts'],
    css: false,
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
});
