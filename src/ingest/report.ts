import type { CatalogPlan } from './catalog.ts';
import type { Theme } from '../schemas/theme.ts';

/** The short summary printed after an ingest: what was read, what came out, what to look at. */
export function summarize(plan: CatalogPlan, taxonomy: readonly Theme[]): string {
  const { listings, occurrences, duplicates, withoutAbstract } = plan.stats;
  const perTheme = taxonomy.map((theme) => [theme.id, plan.papers.filter((p) => p.themes.includes(theme.id)).length] as const);
  const unsorted = plan.papers.filter((p) => p.themes.length === 0).length;
  const width = Math.max(...perTheme.map(([id]) => id.length), 'unsorted'.length);
  const lines = [
    `sources read:      ${listings}`,
    `papers found:      ${occurrences} (${duplicates} duplicates merged)`,
    `papers in catalog: ${plan.papers.length}${plan.orphans.length ? ` (+${plan.orphans.length} kept for their notes)` : ''}`,
    `without abstract:  ${withoutAbstract}${withoutAbstract ? ' (shelved by title; their pages say the abstract is missing)' : ''}`,
    'papers per theme:',
    ...perTheme.map(([id, n]) => `  ${id.padEnd(width)}  ${n}`),
    `  ${'unsorted'.padEnd(width)}  ${unsorted}`,
    plan.shelving.trained.models.size > 0
      ? `theme models:      ${[...plan.shelving.trained.models.keys()].join(', ')} (from ${plan.shelving.labelled.length} labelled papers); other themes by their rules`
      : 'theme models:      none (no theme has enough labelled papers); every theme by its rules',
  ];
  return lines.join('\n');
}
