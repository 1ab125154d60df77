import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { HtmlValidate } from 'html-validate';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, searchInDialog, test } from './fixtures.ts';

/**
 * Every kind of page is valid HTML and has no accessibility violation axe can find, in
 * light and in dark mode; the search page is checked with results showing and the search
 * dialog open, since most of what they show is made by script.
 *
 * html-validate runs with the project's `.htmlvalidaterc.json`: `html-validate:recommended`
 * with four rules adjusted for choices the site makes on purpose —
 * - `long-title` off: a paper page's title is the paper's title, which can be 400
 *   characters; shortening it would hide the paper's real name from tabs, bookmarks and
 *   screen readers (search engines shorten what they show themselves);
 * - `form-dup-name` allows shared checkbox names: the theme filters are `theme` checkboxes,
 *   HTML's own way to submit several values (`?theme=a&theme=b`);
 * - `prefer-native-element` allows `role="listbox"`: the search dialog's results follow the
 *   ARIA combobox pattern, whose popup of links cannot be a `<select>`;
 * - `wcag/h32` off: the search dialog's form has no submit button by design — it searches
 *   as you type, Enter opens the chosen result, and without script Enter still submits it
 *   (a form with one text field submits implicitly). Every other form has a button.
 *
 * Both run against the build at `/` only: the base path changes URLs, not markup.
 */
const PAGES: [kind: string, path: string][] = [
  ['home', './'],
  ['theme', 'themes/rectified-flow/'],
  ['unsorted', 'themes/unsorted/'],
  ['paper', 'papers/{rich}/'],
  ['all papers', 'papers/'],
  ['search', 'search/'],
  ['404', '404.html'],
];

interface Row {
  id: string;
  links: string[];
  themes: string[];
  listedOn: string | null;
  upvotes: number | null;
}

/** `{rich}` is a paper page with every part a paper page can have: links, themes, a date, upvotes. */
async function resolve(path: string, request: APIRequestContext): Promise<string> {
  if (!path.includes('{rich}')) return path;
  const papers = (await (await request.get('papers.json')).json()) as Row[];
  const rich = papers.find((p) => p.links.length > 0 && p.themes.length > 1 && p.listedOn && p.upvotes !== null) ?? papers[0]!;
  return path.replace('{rich}', rich.id);
}

test.describe('valid HTML', () => {
  test.skip(({ baseURL }) => new URL(baseURL!).pathname !== '/', 'the markup is the same under a base path');
  const validator = new HtmlValidate(JSON.parse(readFileSync('.htmlvalidaterc.json', 'utf8')));

  for (const [kind, path] of PAGES) {
    test(`${kind} page`, async ({ request }) => {
      const response = await request.get(await resolve(path, request));
      expect(response.ok()).toBe(true);
      const report = await validator.validateString(await response.text(), path);
      const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message} (${m.selector ?? ''})`));
      expect(problems).toEqual([]);
    });
  }

  test('a sample of paper pages: every twentieth, and each with notes, links or an organisation', async ({ request }) => {
    test.setTimeout(60_000);
    const papers = (await (await request.get('papers.json')).json()) as (Row & { org: string | null })[];
    const sample = papers.filter((p, i) => i % 20 === 0 || p.org || p.links.length > 2);
    const problems: string[] = [];
    for (const { id } of sample) {
      const report = await validator.validateString(await (await request.get(`papers/${id}/`)).text(), id);
      problems.push(...report.results.flatMap((r) => r.messages.map((m) => `${id} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`)));
    }
    expect(problems).toEqual([]);
  });
});

/** Violations axe finds on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`accessible in ${colorScheme} mode`, () => {
    test.skip(({ baseURL }) => new URL(baseURL!).pathname !== '/', 'the markup is the same under a base path');
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    for (const [kind, path] of PAGES) {
      test(`${kind} page`, async ({ page }) => {
        await page.goto(await resolve(path, page.request));
        // The theme evidence and other disclosures are checked open as well as closed.
        await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        expect(await violations(page)).toEqual([]);
      });
    }

    test('search results', async ({ page }) => {
      await page.goto('search/?q=rectified+flow');
      await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
      expect(await violations(page)).toEqual([]);
    });

    test('the search dialog, open with results', async ({ page }) => {
      await page.goto('./');
      await searchInDialog(page, 'attention');
      expect(await violations(page)).toEqual([]);
    });
  });
}
