import { join } from 'node:path';
import { buildSite, type BuiltSite } from '../support/site-build.ts';
import { repoRoot } from '../support/repo.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { expect, test as base } from './fixtures.ts';

/**
 * The catalog of every kind of source (tests/fixtures/many-sources/: a listing, an arXiv
 * response, Hugging Face responses, a Better BibTeX and a CSL-JSON export) built and opened
 * in Chromium: a paper found in four of them is one page with its authors, direct arXiv
 * links, a full BibTeX entry and the citation_* tags Zotero's connector and Google Scholar
 * read; authors have pages; search finds them by name and filters by author and by year of publication.
 *
 * Built once per worker, in a project copy, and served on a free port.
 */
const test = base.extend<{}, { sourcesSite: { site: BuiltSite; server: StaticServer } }>({
  sourcesSite: [
    async ({}, use) => {
      const site = await buildSite({ content: join(repoRoot, 'tests/fixtures/many-sources/content'), siteUrl: 'https://shelfmark.example' });
      const server = await serveStatic(site.dist);
      await use({ site, server });
      await server.close();
      site.remove();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ sourcesSite }, use) => use(sourcesSite.server.url),
});

test.describe.configure({ mode: 'serial' });
test.beforeAll(({}, info) => test.skip(info.project.name !== 'root', 'one build, served once, is enough'));

const MAMBA = 'papers/mamba-linear-time-sequence-modeling-with-selective-state-spaces/';

test('a paper page carries the citation_* tags Zotero and Google Scholar read', async ({ page }) => {
  await page.goto(MAMBA);
  const tags = await page.locator('head meta[name^="citation_"]').evaluateAll((metas) => metas.map((m) => [m.getAttribute('name'), m.getAttribute('content')]));
  expect(tags).toEqual([
    ['citation_title', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces'],
    ['citation_author', 'Gu, Albert'],
    ['citation_author', 'Dao, Tri'],
    ['citation_publication_date', '2023/12/01'],
    ['citation_arxiv_id', '2312.00752'],
    ['citation_pdf_url', 'https://arxiv.org/pdf/2312.00752'],
    ['citation_abstract_html_url', `https://shelfmark.example/${MAMBA}`],
  ]);
});

test('a paper from four sources is one page: authors, arXiv links, every source, a full BibTeX entry', async ({ page }) => {
  await page.goto(MAMBA);
  await expect(page.locator('.paper .authors')).toHaveText('Albert Gu and Tri Dao');
  await expect(page.getByRole('link', { name: 'arXiv:2312.00752' })).toHaveAttribute('href', 'https://arxiv.org/abs/2312.00752');
  await expect(page.getByRole('link', { name: 'https://arxiv.org/pdf/2312.00752' })).toBeVisible();
  await expect(page.locator('section[aria-labelledby="found-in"] li')).toHaveCount(4);
  const entry = await page.locator('#cite-bibtex').textContent();
  // The Better BibTeX export states each family name, so the entry writes them family-first.
  for (const field of ['author = {Gu, Albert and Dao, Tri}', 'year = {2023}', 'eprint = {2312.00752}', 'archivePrefix = {arXiv}', 'primaryClass = {cs.LG}']) expect(entry).toContain(field);
  // Identified papers need no title look-ups.
  await expect(page.locator('.cite .lookup')).toHaveCount(0);
});

test('a paper no source gives an abstract for says so; its DOI is a link', async ({ page }) => {
  await page.goto('papers/long-short-term-memory/');
  await expect(page.locator('.abstract')).toHaveText('The sources give no abstract for this paper.');
  await expect(page.getByRole('link', { name: '10.1162/neco.1997.9.8.1735' })).toHaveAttribute('href', 'https://doi.org/10.1162/neco.1997.9.8.1735');
  await expect(page.locator('#cite-bibtex')).toContainText('@article{long-short-term-memory,');
});

test('an author\'s page lists their papers, and the author index lists them', async ({ page }) => {
  await page.goto(MAMBA);
  await page.getByRole('link', { name: 'Albert Gu' }).click();
  await expect(page).toHaveURL(/\/authors\/albert-gu\/$/);
  await expect(page.locator('.card h2')).toHaveText([/^Transformers are SSMs/, /^Mamba/]);
  await page.goto('authors/');
  await expect(page.getByRole('link', { name: 'Jürgen Schmidhuber' })).toBeVisible();
});

test('search filters by author and by year of publication', async ({ page }) => {
  await page.goto('search/?author=tri-dao');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-results > li')).toHaveCount(2);
  await page.goto('search/?published=1997');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-results > li')).toHaveCount(1);
  await expect(page.locator('#search-status')).toContainText('published in 1997');
});

test('a link to the papers of an author the facet does not offer (it shows the 30 with most) filters by them all the same', async ({ page }) => {
  await page.goto('search/');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  const offered = await page.locator('input[name="author"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await page.goto('authors/');
  const everyone = await page.locator('.author-list li').evaluateAll((items) => items.map((li) => [li.querySelector('a')!.getAttribute('href')!.split('/').at(-2)!, Number(li.querySelector('.muted')!.textContent)] as const));
  const [unoffered, papers] = everyone.find(([slug]) => !offered.includes(slug))!;
  expect(unoffered).toBeDefined();
  await page.goto(`search/?author=${unoffered}`);
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator(`input[name="author"][value="${unoffered}"]`)).toBeChecked();
  await expect(page.locator('#search-results > li')).toHaveCount(papers);
  await expect(page.locator('#search-status')).toContainText(`by ${unoffered.replaceAll('-', ' ')}`);
});

test('an author\'s name typed in the box finds their papers, and is not corrected into another word', async ({ page }) => {
  await page.goto('search/?q=Dao');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-correction')).toBeHidden();
  await expect(page.locator('#search-results > li')).toHaveCount(2);
  await page.goto('search/?q=Hochreiter');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-results > li h2')).toHaveText(['Long Short-Term Memory']);
});

test('an arXiv id, a DOI or a link to either, pasted into the box, finds that paper', async ({ page }) => {
  for (const [query, title] of [
    ['https://arxiv.org/abs/2312.00752v2', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces'],
    ['10.1162/NECO.1997.9.8.1735', 'Long Short-Term Memory'],
  ]) {
    await page.goto(`search/?q=${encodeURIComponent(query!)}`);
    await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
    await expect(page.locator('#search-results > li h2')).toHaveText([title!]);
    await page.locator('#search-results > li h2 a').click();
    await expect(page.locator('h1')).toHaveText(title!);
  }
  // Whatever the filters, and the status says they do not apply, rather than that the paper is in them.
  await page.goto(`search/?q=${encodeURIComponent('arXiv:2312.00752')}&theme=flows`);
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-results > li h2')).toHaveText(['Mamba: Linear-Time Sequence Modeling with Selective State Spaces']);
  await expect(page.locator('#search-status')).toHaveText('1 paper has the id “arXiv:2312.00752”; the filters do not apply to an id.');
  // An id the catalog does not have finds nothing, rather than papers that share its digits.
  await page.goto('search/?q=2401.09999');
  await expect(page.locator('#search-page')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('#search-results > li')).toHaveCount(0);
});

test('a theme offers its papers as one .bib file', async ({ request }) => {
  const response = await request.get('themes/attention/papers.bib');
  expect(response.ok()).toBe(true);
  expect(await response.text()).toContain('@inproceedings{attention-is-all-you-need,');
});

test('RIS and CSL-JSON are copied from the page, with the same facts as the BibTeX entry', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(MAMBA);
  const cite = page.getByRole('region', { name: 'Link and cite' });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await cite.getByRole('button', { name: 'Copy RIS' }).click();
  await expect(cite.getByRole('status')).toHaveText('RIS copied.');
  expect(await clipboard()).toContain('AU  - Gu, Albert\nAU  - Dao, Tri\nPY  - 2023\n');
  await cite.getByRole('button', { name: 'Copy CSL-JSON' }).click();
  expect(JSON.parse(await clipboard())).toEqual([expect.objectContaining({ number: 'arXiv:2312.00752', author: [{ family: 'Gu', given: 'Albert' }, { family: 'Dao', given: 'Tri' }] })]);
});
