/**
 * `npm run themes:review [-- --theme ID] [--limit N] [--json] [--by NAME]` — teach the shelves.
 * Lists the papers they are least sure of and, in a terminal, asks yes / no / skip / quit for
 * each. Every answer is added to content/theme-labels.yaml at once (atomically), so quitting
 * loses nothing; the next `npm run ingest` retrains the models with it. With --json, or when
 * standard input is not a terminal, it prints the queue and asks nothing.
 */
import { createInterface } from 'node:readline';
import { buildCatalog } from '../src/ingest/catalog.ts';
import { failureMessage } from '../src/ingest/diagnostics.ts';
import { reviewQueue, type ReviewItem } from '../src/ingest/review.ts';
import { appendLabel, readCatalogInput } from '../src/ingest/store.ts';
import { contentPaths, shownPaths } from '../src/lib/content-dir.ts';
import { readOptions } from '../src/lib/cli.ts';
import { excerpt } from '../src/lib/format.ts';
import { typedNumber } from '../src/lib/numbers.ts';
import { didYouMean } from '../src/lib/spelling.ts';

const USAGE = `npm run themes:review [-- OPTIONS]

Lists the papers the shelves are least sure of and, in a terminal, asks yes / no / skip / quit
for each; every answer is saved to the labels file at once, for the next \`npm run ingest\`.

  --theme ID    review only this theme (default: all of them)
  --limit N     ask about at most N papers (default 20)
  --json        print the queue as JSON and ask nothing
  --by NAME     who decides, recorded with each answer (default $USER)
  --help        print this`;

/** Few enough themes to list them all when --theme names none of them. */
const FEW_THEMES = 20;

async function main(): Promise<number> {
  const values = readOptions('themes:review', USAGE, {
    theme: { type: 'string' },
    limit: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
    by: { type: 'string', default: process.env.USER || 'maintainer' },
  });
  const limit = typedNumber(values.limit);
  if (!(limit >= 1)) throw new Error(`--limit takes a whole number above 0, not "${values.limit}"`);
  const paths = contentPaths(process.cwd());
  const themesFile = shownPaths(paths).themes;
  // An empty --theme would read as no theme, and review them all.
  if (values.theme === '') throw new Error(`--theme names a theme of ${themesFile}; leave it out to review them all`);
  // Checked before anything is asked: the labels file's schema refuses a blank "by", and so would the next ingest.
  if (!values.by.trim()) throw new Error('--by names who decides, and cannot be blank');
  const input = readCatalogInput(paths);
  const ids = input.taxonomy.map((t) => t.id);
  if (values.theme !== undefined && !ids.includes(values.theme)) throw new Error(noSuchTheme(values.theme, ids, themesFile));
  const plan = buildCatalog(input);
  const labels = new Map(plan.shelving.labelled.map((p) => [p.id, p.labels]));
  const queue = reviewQueue(input.taxonomy, plan.papers, plan.shelving.trained, labels, { theme: values.theme, limit });

  if (values.json) {
    console.log(JSON.stringify(queue, null, 2));
    return 0;
  }
  if (queue.length === 0) {
    console.log('Nothing to review: the shelves are sure of every unlabelled paper.');
    return 0;
  }
  if (!process.stdin.isTTY) {
    for (const item of queue) console.log(`${item.theme}\t${item.paper}\t${item.reason}`);
    console.error('themes:review: standard input is not a terminal, so nothing was asked; run it in a terminal to answer.');
    return 0;
  }

  const names = new Map(input.taxonomy.map((t) => [t.id, t.name]));
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  // One reader of lines for the whole review, made before the first question: it keeps lines
  // typed or pasted ahead of their question (which readline's question() drops) and hands them
  // out in order. Ctrl-C or Ctrl-D ends it, after the lines already typed, like "quit".
  const answers = terminal[Symbol.asyncIterator]();
  terminal.on('SIGINT', () => terminal.close());
  // Readline would stop the process: under npm, which stays in the foreground, the terminal then
  // hung; run directly, `fg` ended the review at once. Answers are saved as they are given, so
  // "q" is the way to stop.
  terminal.on('SIGTSTP', () => {
    process.stdout.write('\n(a review does not pause: answer q to stop, and every answer so far is saved)\n');
    terminal.prompt();
  });
  let open = true;
  terminal.on('close', () => (open = false));
  const prompt = (question: string) => {
    // Once it has ended, the lines typed before still answer; readline's prompt() would start
    // reading the terminal again (and keep the script running), so the question is written plainly.
    if (open) {
      terminal.setPrompt(question);
      terminal.prompt();
    } else process.stdout.write(question);
  };
  let saved = 0;
  try {
    for (const [i, item] of queue.entries()) {
      console.log(`\n${describe(item, names.get(item.theme)!, i + 1, queue.length)}`);
      const answer = await ask(answers, prompt, `Is it ${names.get(item.theme)}? [y]es / [n]o / [s]kip / [q]uit: `);
      if (answer === 'q') break;
      if (answer === 's') continue;
      appendLabel(paths, { paper: item.paper, theme: item.theme, label: answer === 'y' ? 'yes' : 'no', by: values.by });
      saved++;
    }
  } finally {
    terminal.close();
    console.log(saved > 0 ? `\n${saved} answer(s) saved to ${input.files.labels}; run \`npm run ingest\` to retrain the shelves.` : `\nNo answer saved; ${input.files.labels} is as it was.`);
  }
  return 0;
}

/** Why --theme names no theme, with the ids it is likely a typo of, or else all ids when there are few. */
function noSuchTheme(theme: string, ids: string[], themesFile: string): string {
  const meant = didYouMean(theme, ids);
  const hint = meant ? `; ${meant}` : ids.length <= FEW_THEMES ? `; its themes are ${ids.join(', ')}` : '';
  return `there is no theme "${theme}" in ${themesFile}${hint}`;
}

function describe(item: ReviewItem, themeName: string, n: number, total: number): string {
  const phrases = item.phrases.map((p) => `“${p.phrase}” (${p.field})`).join(', ') || 'none';
  return [
    `[${n}/${total}] ${themeName} — ${item.reason}; now ${item.shelved ? 'on' : 'off'} the shelf`,
    // A title as long as a page (one source's was 6,626 characters) would push the question off the screen.
    `  ${excerpt(item.title, 300)}`,
    `  ${item.excerpt}`,
    `  phrases: ${phrases}`,
    ...(item.terms.length > 0 ? [`  model terms: ${item.terms.join(', ')}`] : []),
  ].join('\n');
}

/** The first key of the next answer that is one; an ended terminal (Ctrl-C, Ctrl-D) answers "q". */
async function ask(answers: AsyncIterator<string>, prompt: (question: string) => void, question: string): Promise<'y' | 'n' | 's' | 'q'> {
  for (;;) {
    prompt(question);
    const line = await answers.next();
    if (line.done) return 'q';
    const key = line.value.trim().toLowerCase().charAt(0);
    if (key === 'y' || key === 'n' || key === 's' || key === 'q') return key;
    console.log('answer y, n, s or q');
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(failureMessage('themes:review', e));
    process.exitCode = 1;
  },
);
