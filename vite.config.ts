import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { readServerEnv, bindHost, listenPort } from './src/proxy/server-env.ts';
import { auditLensProxy } from './src/proxy/vite-plugin.ts';

export default defineConfig(({ mode, command }) => {
  const env = readServerEnv(mode, process.cwd());
  const serving = command === 'serve';
  const host = serving ? bindHost(env) : '127.0.0.1';
  return {
    plugins: [react(), tailwindcss(), auditLensProxy(env)],
    server: { host, port: listenPort(env, 5173), strictPort: true },
    preview: { host, port: listenPort(env, 4173), strictPort: true },
    build: { sourcemap: false, chunkSizeWarningLimit: 600 },
  };
});
