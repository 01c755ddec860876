/** @type {import('tailwindcss').Config} */
export default {
  darkMode: 'class',
  theme: {
    extend: {
      fontFamily: {
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
      colors: {
        provider: {
          contabo: '#1f6feb',
          agilicus: '#8250df',
          cloudfoundry: '#0c8a5f',
          openai: '#10a37f',
          parallelcluster: '#d97706',
        },
      },
    },
  },
};
