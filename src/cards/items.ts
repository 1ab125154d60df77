/**
 * Which preview cards a catalog has, and what each shows: one per published paper (in a large
 * catalog, only those with notes: src/lib/large-catalog.ts), one per theme with its count of
 * papers, and the site's, with the catalog's size. What `npm run cards` renders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAuthors } from '../lib/authors.ts';
import { plural } from '../lib/format.ts';
import { isLargeCatalog, ownsCard } from '../lib/large-catalog.ts';
import { paperIdOfFile } from '../lib/content-dir.ts';
import { hasNotes } from '../lib/notes.ts';
import { parsePaperFile } from '../ingest/frontmatter.ts';
import { paperSchema, type Paper } from '../schemas/paper.ts';
import type { Theme } from '../schemas/theme.ts';
import type { CardItem } from './cache.ts';

/** What a card shows of a paper. Only this is kept: the rest (abstracts, evidence) would sit in memory beside Astro's. */
export type CardPaper = Pick<Paper, 'id' | 'title' | 'authors' | 'themes' | 'listedOn' | 'hidden'> & { notes: boolean };

/** The papers of `content/papers/`, as much of each as its card shows; an error names a file that does not read. */
export function readCardPapers(dir: string): CardPaper[] {
  const papers: CardPaper[] = [];
  for (const name of readdirSync(dir).filter((n) => paperIdOfFile(n) !== null).sort()) {
    const file = join(dir, name);
    try {
      const { data, body } = parsePaperFile(readFileSync(file, 'utf8'));
      const { id, title, authors, themes, listedOn, hidden } = paperSchema.parse(data);
      papers.push({ id, title, authors, themes, listedOn, hidden, notes: hasNotes(body) });
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return papers;
}

/** The cards of a catalog: its published papers' (hidden ones have no page), its themes' and the site's. */
export function cardItems(all: readonly CardPaper[], taxonomy: readonly Theme[], siteName: string): CardItem[] {
  const papers = all.filter((p) => !p.hidden);
  const themeName = new Map(taxonomy.map((t) => [t.id, t.name]));
  const large = isLargeCatalog(papers.length);
  return [
    ...papers
      .filter((paper) => ownsCard(paper, large))
      .map((paper): CardItem => ({
        id: paper.id,
        input: {
          kind: 'paper',
          title: paper.title,
          ...(paper.authors.length > 0 ? { subtitle: formatAuthors(paper.authors, { max: 3 }) } : {}),
          themes: paper.themes.flatMap((id) => themeName.get(id) ?? []),
          date: paper.listedOn,
          siteName,
        },
      })),
    ...taxonomy.map((theme): CardItem => {
      const count = papers.filter((p) => p.themes.includes(theme.id)).length;
      return { id: theme.id, input: { kind: 'theme', title: theme.name, subtitle: plural(count, 'paper'), themes: [], date: null, siteName } };
    }),
    {
      id: 'site',
      input: { kind: 'site', title: siteName, subtitle: `${plural(papers.length, 'paper')}, ${plural(taxonomy.length, 'theme')}`, themes: taxonomy.map((t) => t.name), date: null, siteName },
    },
  ];
}
