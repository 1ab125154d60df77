/**
 * `npm run themes:review [-- --theme ID] [--limit N] [--json] [--by NAME]` — teach the shelves.
 * Lists the papers they are least sure of and, in a terminal, asks yes / no / skip / quit for
 * each. Every answer is added to content/theme-labels.yaml at once (atomically), so quitting
 * loses nothing; the next `npm run ingest` retrains the models with it. With --json, or when
 * standard input is not a terminal, it prints the queue and asks nothing.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { buildCatalog } from '../src/ingest/catalog.ts';
import { IngestError } from '../src/ingest/diagnostics.ts';
import { reviewQueue, type ReviewItem } from '../src/ingest/review.ts';
import { appendLabel, contentPaths, readCatalogInput } from '../src/ingest/store.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { theme: { type: 'string' }, limit: { type: 'string', default: '20' }, json: { type: 'boolean', default: false }, by: { type: 'string', default: process.env.USER || 'maintainer' } },
  });
  // Digits only: Number() alone would take "0x5", "1e2" and " 5".
  const limit = /^\d+$/.test(values.limit) ? Number(values.limit) : 0;
  if (limit < 1) throw new Error(`--limit takes a whole number above 0, not "${values.limit}"`);
  // An empty --theme would read as no theme, and review them all.
  if (values.theme === '') throw new Error('--theme names a theme of content/themes.yaml; leave it out to review them all');
  // Checked before anything is asked: the labels file's schema refuses a blank "by", and so would the next ingest.
  if (!values.by!.trim()) throw new Error('--by names who decides, and cannot be blank');
  const paths = contentPaths(process.cwd());
  const input = readCatalogInput(paths);
  if (values.theme && !input.taxonomy.some((t) => t.id === values.theme)) throw new Error(`there is no theme "${values.theme}" in content/themes.yaml`);
  const plan = buildCatalog(input);
  const labels = new Map(plan.shelving.labelled.map((p) => [p.id, p.labels]));
  const queue = reviewQueue(input.taxonomy, plan.papers, plan.shelving.trained, labels, { theme: values.theme, limit });

  if (values.json) {
    console.log(JSON.stringify(queue, null, 2));
    return 0;
  }
  if (!process.stdin.isTTY) {
    for (const item of queue) console.log(`${item.theme}\t${item.paper}\t${item.reason}`);
    console.error('themes:review: standard input is not a terminal, so nothing was asked; run it in a terminal to answer.');
    return 0;
  }
  if (queue.length === 0) {
    console.log('Nothing to review: the shelves are sure of every unlabelled paper.');
    return 0;
  }

  const names = new Map(input.taxonomy.map((t) => [t.id, t.name]));
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  // Ctrl-C or Ctrl-D ends the review like "quit": every answer so far is already saved.
  const ended = new AbortController();
  terminal.on('SIGINT', () => terminal.close());
  terminal.on('close', () => ended.abort());
  let saved = 0;
  try {
    for (const [i, item] of queue.entries()) {
      console.log(`\n${describe(item, names.get(item.theme)!, i + 1, queue.length)}`);
      const answer = await ask(terminal, ended.signal, `Is it ${names.get(item.theme)}? [y]es / [n]o / [s]kip / [q]uit: `);
      if (answer === 'q') break;
      if (answer === 's') continue;
      appendLabel(paths, { paper: item.paper, theme: item.theme, label: answer === 'y' ? 'yes' : 'no', by: values.by! });
      saved++;
    }
  } finally {
    terminal.close();
    console.log(`\n${saved} answer(s) saved to content/theme-labels.yaml; run \`npm run ingest\` to retrain the shelves.`);
  }
  return 0;
}

function describe(item: ReviewItem, themeName: string, n: number, total: number): string {
  const phrases = item.phrases.map((p) => `“${p.phrase}” (${p.field})`).join(', ') || 'none';
  return [
    `[${n}/${total}] ${themeName} — ${item.reason}; now ${item.shelved ? 'on' : 'off'} the shelf`,
    `  ${item.title}`,
    `  ${item.excerpt}`,
    `  phrases: ${phrases}`,
    ...(item.terms.length > 0 ? [`  model terms: ${item.terms.join(', ')}`] : []),
  ].join('\n');
}

async function ask(terminal: ReturnType<typeof createInterface>, ended: AbortSignal, question: string): Promise<'y' | 'n' | 's' | 'q'> {
  for (;;) {
    const answer = await terminal.question(question, { signal: ended }).catch(() => 'q');
    const key = answer.trim().toLowerCase().charAt(0);
    if (key === 'y' || key === 'n' || key === 's' || key === 'q') return key;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    // An ingest error lists its diagnostics a line each; anything else is one line (parseArgs's messages have several).
    console.error(e instanceof IngestError ? e.message : `themes:review: ${(e as Error).message.replace(/\s*\n\s*/g, ' ')}`);
    process.exitCode = 1;
  },
);
