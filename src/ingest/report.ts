import type { CatalogPlan } from './catalog.ts';
import { MIN_EXAMPLES } from './shelve.ts';
import type { Theme } from '../schemas/theme.ts';

/** The short summary printed after an ingest: what was read, what came out, what to look at. */
export function summarize(plan: CatalogPlan, taxonomy: readonly Theme[]): string {
  const { listings, occurrences, duplicates, withoutAbstract } = plan.stats;
  // The shelves as the site shows them: a paper hidden by hand is on none.
  const shown = plan.papers.filter((p) => !p.hidden);
  const perTheme = taxonomy.map((theme) => [theme.id, shown.filter((p) => p.themes.includes(theme.id)).length] as const);
  const unsorted = shown.filter((p) => p.themes.length === 0).length;
  const hidden = plan.papers.length - shown.length;
  const width = Math.max(...perTheme.map(([id]) => id.length), 'unsorted'.length);
  const lines = [
    `sources read:      ${listings}`,
    `papers found:      ${occurrences} (${duplicates} duplicates merged)`,
    `papers in catalog: ${plan.papers.length}${hidden ? ` (${hidden} hidden by hand)` : ''}${plan.orphans.length ? ` (+${plan.orphans.length} kept for their notes)` : ''}`,
    `without abstract:  ${withoutAbstract}${withoutAbstract ? ' (shelved by title; their pages say the abstract is missing)' : ''}`,
    'papers per theme:',
    ...perTheme.map(([id, n]) => `  ${id.padEnd(width)}  ${n}`),
    `  ${'unsorted'.padEnd(width)}  ${unsorted}`,
    plan.shelving.trained.models.size > 0
      ? `theme models:      ${[...plan.shelving.trained.models.keys()].join(', ')} (from ${plan.shelving.labelled.length} labelled papers); other themes by their rules`
      : 'theme models:      none (no theme has enough labelled papers); every theme by its rules',
    // A theme being taught (themes:review) says how far it is from a model of its own.
    ...taxonomy
      .filter((theme) => !plan.shelving.trained.models.has(theme.id))
      .map((theme) => [theme.id, ...[true, false].map((yes) => plan.shelving.labelled.filter((p) => p.labels.get(theme.id) === yes).length)] as const)
      .filter(([, yes, no]) => yes + no > 0)
      .map(([id, yes, no]) => `  ${id}: by its rules until ${MIN_EXAMPLES} papers are labelled in and ${MIN_EXAMPLES} out (now ${yes} in, ${no} out)`),
  ];
  return lines.join('\n');
}
