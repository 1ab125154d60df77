/**
 * "Find similar" on the results page: paste a paragraph, get the ten closest papers with the
 * terms that make them close; or arrive from a paper's "More like this" link (`?like=<path>`)
 * and get the papers closest to that one. The paper vectors (`search-similar.js`, made from the
 * same TF-IDF space as the related-papers lists) load on first use, from a server or from disk.
 */
import { plural } from '../../lib/format.ts';
import { SimilarIndex, type PackedSimilar, type SimilarHit } from '../../lib/similar.ts';
import { loadScript, pageUrlOf, type SearchConfig } from './engine.ts';

declare global {
  interface Window {
    shelfmarkSimilar?: PackedSimilar;
  }
}

const SHOWN = 10;

export class SimilarView {
  private readonly form: HTMLFormElement;
  private readonly text: HTMLTextAreaElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly config: SearchConfig;
  private index: Promise<SimilarIndex> | undefined;

  constructor(section: HTMLElement, config: SearchConfig) {
    this.config = config;
    this.form = section.querySelector('form')!;
    this.text = section.querySelector('textarea')!;
    this.status = section.querySelector('[role="status"]')!;
    this.list = section.querySelector('ol')!;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.like(this.text.value);
    });
    const paper = new URLSearchParams(location.search).get('like');
    if (paper) void this.likePaper(paper);
  }

  private load(): Promise<SimilarIndex> {
    this.index ??= (async () => {
      if (!window.shelfmarkSimilar) await loadScript(this.config.similarUrl);
      return new SimilarIndex(window.shelfmarkSimilar!);
    })();
    return this.index;
  }

  private async run(find: (index: SimilarIndex) => { hits: SimilarHit[]; what: string } | string): Promise<void> {
    this.form.dataset.state = 'searching';
    let index: SimilarIndex;
    try {
      index = await this.load();
    } catch {
      this.index = undefined;
      this.form.dataset.state = 'error';
      this.status.textContent = 'Find similar is unavailable: its data was not built.';
      return;
    }
    const found = find(index);
    if (typeof found === 'string') {
      this.list.replaceChildren();
      this.status.textContent = found;
    } else {
      this.list.replaceChildren(...found.hits.map((hit) => this.render(hit)));
      const n = found.hits.length;
      this.status.textContent = n === 0 ? `No paper shares a telling term with ${found.what}.` : `The ${plural(n, 'paper')} closest to ${found.what}.`;
    }
    this.form.dataset.state = 'done';
  }

  like(text: string): Promise<void> {
    return this.run((index) => (text.trim() ? { hits: index.like(text, SHOWN), what: 'the text you gave' } : 'Paste a paragraph to find papers like it.'));
  }

  likePaper(path: string): Promise<void> {
    return this.run((index) => {
      const found = index.likePaper(path, SHOWN);
      return found ? { hits: found.hits, what: `“${found.title}”` } : 'That paper is not in the catalog.';
    });
  }

  private render(hit: SimilarHit): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'search-result';
    const heading = document.createElement('h3');
    const link = document.createElement('a');
    link.href = pageUrlOf(hit.url, this.config);
    link.textContent = hit.title;
    heading.append(link);
    item.append(heading);
    if (hit.terms.length) {
      const why = document.createElement('p');
      why.className = 'facts';
      why.textContent = `Shares: ${hit.terms.join(', ')}`;
      item.append(why);
    }
    return item;
  }
}
