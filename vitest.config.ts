import { getViteConfig } from 'astro/config';
import { defineConfig } from 'vitest/config';

/**
 * Three runs: `unit` (pure modules and in-process ingests) and `components` (Astro components
 * rendered alone, through Astro's container API and the site's own Vite config), seconds
 * together: `npm run test:unit`; and `integration` (whole-site builds and the CLIs run as a
 * person runs them, minutes: `npm run test:integration`). `npm test` runs them all, then the
 * browser tests.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Unit tests share no state through modules, so one worker may run file after file
          // instead of starting afresh for each: about half a second saved per file.
          isolate: false,
          // Seconds on a quiet machine; the margin is for CI machines shared with other jobs.
          testTimeout: 20_000,
        },
      },
      getViteConfig({ test: { name: 'components', include: ['tests/components/**/*.test.ts'] } }),
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Each file builds sites in its own project copy; two at once is all two cores take.
          maxWorkers: 2,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
