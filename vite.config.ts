import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { publicHosts } from './src/proxy/public-hosts.ts';
import { readServerEnv, bindHost, listenPort } from './src/proxy/server-env.ts';
import { auditLensProxy } from './src/proxy/vite-plugin.ts';

export default defineConfig(({ mode, command }) => {
  const env = readServerEnv(mode, process.cwd());
  const serving = command === 'serve';
  const host = serving ? bindHost(env) : '127.0.0.1';
  // Vite's own Host check (pages and assets) answers to these names too; the proxy's guard covers /api.
  const allowedHosts = serving ? publicHosts(env) : [];
  return {
    plugins: [react(), tailwindcss(), auditLensProxy(env)],
    server: { host, port: listenPort(env, 5173), strictPort: true, allowedHosts },
    preview: { host, port: listenPort(env, 4173), strictPort: true, allowedHosts },
    build: { sourcemap: false, chunkSizeWarningLimit: 600 },
  };
});
