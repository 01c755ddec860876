import '@testing-library/jest-dom/vitest';
import fc from 'fast-check';

// Property tests: a fixed seed in CI (reproducible), a fresh one locally; fast-check prints the seed of
// any failure, and FC_SEED replays it.
const seed = process.env.FC_SEED
  ? Number(process.env.FC_SEED)
  : process.env.CI
    ? 20261124
    : Date.now() % 2 ** 31;
fc.configureGlobal({ seed });
