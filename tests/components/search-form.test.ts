import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { expect, it } from 'vitest';
import SearchForm from '../../src/components/SearchForm.astro';
import { site } from '../../src/site.ts';

it("suggests the catalog's own example query from src/site.ts, not the demo's", async () => {
  const container = await AstroContainer.create();
  const html = await container.renderToString(SearchForm);
  expect(html).toContain(`placeholder="e.g. ${site.searchExample}"`);
  // A catalog that sets another example gets it: nothing else in the component names one.
  const demo = site.searchExample;
  site.searchExample = 'protein language models';
  try {
    expect(await container.renderToString(SearchForm)).toContain('placeholder="e.g. protein language models"');
  } finally {
    site.searchExample = demo;
  }
});
