/** Where the repository and its test fixtures are, for every kind of test (vitest and Playwright alike). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesDir = join(repoRoot, 'tests/fixtures');
