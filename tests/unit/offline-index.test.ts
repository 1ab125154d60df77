import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePostings, encodePostings, type Posting } from '../../src/lib/packed-index.ts';
import { extractPage } from '../../src/offline/extract.ts';
import { OfflineIndex } from '../../src/browser/search/offline-index.ts';
import { buildIndex, type SourceDoc } from '../../src/offline/search-index.ts';
import { fold, hasPhrase, highlight, hitExcerpt, isPhraseQuery, pagefindQuery, plainSpellings, queryTerms, stem, words } from '../../src/lib/search-text.ts';
import { makeZip } from '../../src/offline/zip.ts';

const doc = (title: string, text: string, extra: Partial<SourceDoc> = {}): SourceDoc => ({
  url: `papers/${title.toLowerCase().replace(/\W+/g, '-')}/`,
  title,
  text,
  filters: { theme: ['Other'], listed: ['none'], upvotes: ['none'] },
  meta: {},
  ...extra,
});

const corpus: SourceDoc[] = [
  doc('Linear attention for long sequences', 'We study rectified flow in passing, among many other things.', {
    filters: { theme: ['Efficient attention'], year: ['2024'], listed: ['2024-05-01'], upvotes: ['3'] },
    meta: { listed: '2024-05-01', upvotes: '3' },
  }),
  doc('Rectified flow transformers', 'Scaling generative models.', { filters: { theme: ['Rectified flow'], year: ['Undated'], listed: ['none'], upvotes: ['none'] } }),
  doc('Improving rectified flows', 'Training tricks for flow models.', {
    filters: { theme: ['Rectified flow', 'Efficient attention'], year: ['2023'], listed: ['2023-01-09'], upvotes: ['10'] },
    meta: { listed: '2023-01-09', upvotes: '10' },
  }),
  // No sort values at all: counts as having none, as a page built before the sort filters would.
  doc('Speech recognition with CTC', 'Connectionist temporal classification for speech.', { filters: { theme: ['Speech'], year: ['Undated'] } }),
];

describe('text: terms and highlighting', () => {
  it('folds case and accents and stems English words as Pagefind does (Porter2): inflections share a term', () => {
    expect(queryTerms('Schrödinger FLOWS studies')).toEqual([{ word: 'schrodinger', stem: 'schroding' }, { word: 'flows', stem: 'flow' }, { word: 'studies', stem: 'studi' }]);
    expect(stem('class')).toBe('class');
    expect(stem('models')).toBe('model');
    expect(stem('corpus')).toBe('corpus');
    // Porter2 strips an "s" only after a vowel; an acronym's plural is its singular all the same.
    for (const [term, inflections] of Object.entries({ distil: ['distilled', 'distilling', 'distillation'], transform: ['transformer', 'transformers'], scale: ['scaling', 'scaled', 'scales'], token: ['tokenized', 'tokenization'], cnn: ['cnns'], llm: ['llms'], mlp: ['mlps'] })) {
      for (const word of inflections) expect(stem(word), word).toBe(term);
    }
  });

  it('folds the letters no accent makes (ł, ø, ß, æ) to plain ones, and names the words the hosted index needs spelled so', () => {
    expect(queryTerms('Łukasz Ørsted').map((t) => t.word)).toEqual(['lukasz', 'orsted']);
    expect(fold('Straße ÆSOP œuvre')).toBe('strasse aesop oeuvre');
    // Pagefind takes accents off by itself ("Müller"), but not these letters.
    expect(plainSpellings('Łukasz Kaiser, Jürgen Müller and Jørgen; Łukasz again')).toEqual(['lukasz', 'jorgen']);
    const index = new OfflineIndex(buildIndex([doc('Łukasz and Ørsted', 'Straße.')]));
    for (const query of ['lukasz', 'Łukasz', 'orsted', 'strasse']) expect(index.search({ query }).hits, query).toHaveLength(1);
  });

  it('gives Pagefind the later parts of joined names in mixed case, which it finds only whole and by their first part', () => {
    expect(plainSpellings('a CNN-ViT hybrid beats V-MoE and LV-ViT-L')).toEqual(['vit', 'moe']);
    // Lower case, a name with a digit, a part of one letter, and a part the text has alone are indexed already.
    expect(plainSpellings('state-space models, GPT-4-Turbo, Swin-T, and ViT with a CNN-ViT')).toEqual([]);
    // A part with a capital only at its start, beside a name that has one inside, is indexed as it is.
    expect(plainSpellings('LLM-based and BERT-style CNN-ViT, Vision-Language')).toEqual(['vit']);
  });

  it('names a Greek letter or a symbol that stands alone, so "beta-VAE" finds "β-VAE"; a Greek word keeps its letters', () => {
    expect(plainSpellings('β-VAE and ∞-former beat PixArt-α; λόγος')).toEqual(['beta', 'infinity', 'alpha', 'vae']);
    expect(plainSpellings('No letters here')).toEqual([]);
  });

  it('finds a page by the plain spellings it gives Pagefind, but shows and keeps them nowhere: no excerpt says "lukasz"', () => {
    const html = '<main data-pagefind-body><h1 data-pagefind-meta="title">Letters</h1><p>By Łukasz of Łódź.</p><p hidden data-pagefind-meta="plain">lukasz lodz</p><p>Cite it.</p></main>';
    const page = extractPage(html)!;
    const packed = buildIndex([{ url: 'papers/letters/', ...page }]);
    expect(packed.docs[0]).toMatchObject({ x: 'By Łukasz of Łódź. Cite it.', m: {} });
    expect(new OfflineIndex(packed).search({ query: 'lodz' }).hits).toHaveLength(1);
  });

  it('keeps whole a word with a digit, which is a name ("gpt3", not Porter2\'s "gpti"), and a run longer than any word', () => {
    expect(queryTerms('GPT3 yolo3 16bits').map((t) => t.stem)).toEqual(['gpt3', 'yolo3', '16bits']);
    const run = `${'ab'.repeat(40)}ing`;
    expect(stem(run)).toBe(run);
  });

  it('tells a phrase query and finds a phrase by its terms', () => {
    expect(isPhraseQuery('further improve the performance of')).toBe(true);
    expect(isPhraseQuery('rectified flow models')).toBe(false);
    expect(isPhraseQuery('"rectified flow" models in practice')).toBe(false);
    const phrase = (text: string) => words(text).map((w) => w.term);
    expect(hasPhrase('We further improve the performance of flows.', phrase('Improve the Performance'))).toBe(true);
    expect(hasPhrase('We improve the speed and performance.', phrase('improve the performance'))).toBe(false);
  });

  it('marks words that start with a query term, and escapes the rest', () => {
    expect(highlight('Rectified <Flows> & more', queryTerms('rectif flow'))).toBe('<mark>Rectified</mark> &lt;<mark>Flows</mark>&gt; &amp; more');
    expect(highlight('a < b', [])).toBe('a &lt; b');
  });

  it('marks the inflections a query matched by its stem, and the words a half-typed word begins', () => {
    expect(highlight('Distillation distills distilled models', queryTerms('distilling'))).toBe('<mark>Distillation</mark> <mark>distills</mark> <mark>distilled</mark> models');
    // "generation" is `generat`, which "generati" does not begin; the word itself does.
    expect(highlight('Image generation', queryTerms('generati'))).toBe('Image <mark>generation</mark>');
    expect(hitExcerpt(`${'filler '.repeat(40)}we scaled it ${'tail '.repeat(40)}`.trim(), queryTerms('scaling'), 6)).toContain('<mark>scaled</mark>');
  });

  it('does not mark the words a short stem begins: "being" is `be`, which is no start of "Benchmarks"', () => {
    expect(highlight('Being better benchmarks', queryTerms('being'))).toBe('<mark>Being</mark> better benchmarks');
    expect(highlight('Modelling the models', queryTerms('models'))).toBe('<mark>Modelling</mark> the <mark>models</mark>');
    // A word typed on past a stem marks the words of that stem: "analyses" is `analys`, which "analysis" goes on from.
    expect(highlight('Ørsted analyses', queryTerms('analysis'))).toBe('Ørsted <mark>analyses</mark>');
  });

  it('excerpts the densest window around the matches', () => {
    const text = `${'filler '.repeat(50)}the rectified flow here ${'tail '.repeat(50)}`.trim();
    const cut = hitExcerpt(text, queryTerms('rectified flow'), 10);
    expect(cut.startsWith('… ')).toBe(true);
    expect(cut.endsWith(' …')).toBe(true);
    expect(cut).toContain('<mark>rectified</mark> <mark>flow</mark>');
    expect(hitExcerpt('short text', queryTerms('zzz'))).toBe('short text');
    // Nothing matches in the text (the title matched): its start.
    expect(hitExcerpt(text, queryTerms('zzz'), 3)).toBe('filler filler filler …');
  });
});

describe('the offline index', () => {
  const index = new OfflineIndex(JSON.parse(JSON.stringify(buildIndex(corpus))));
  const titles = (hits: { doc: number }[]) => hits.map((h) => index.doc(h.doc).title);

  it('ranks title matches above abstract-only matches, and needs every word', () => {
    const { hits } = index.search({ query: 'rectified flow' });
    expect(titles(hits).slice(0, 2).sort()).toEqual(['Improving rectified flows', 'Rectified flow transformers']);
    expect(titles(hits)[2]).toBe('Linear attention for long sequences');
    expect(titles(index.search({ query: 'rectified speech' }).hits)).toEqual([]);
  });

  it('puts pages with a query of four words or more as a phrase first, as the online search does', () => {
    const phrased = new OfflineIndex(
      buildIndex([
        doc('Flow models trained fast', 'Models of flow, trained for speed, are fast.'),
        doc('Another paper', 'We show that fast flow models trained here work.'),
        doc('Fast flow', 'Flow models trained on images; fast.'),
      ]),
    );
    const order = (query: string) => phrased.search({ query }).hits.map((h) => phrased.doc(h.doc).title);
    // Every page has all four words; only the second has them together, in this order.
    expect(order('fast flow models trained')[0]).toBe('Another paper');
    expect(order('fast flow models trained')).toHaveLength(3);
    // Three words are loose words: the title matches lead.
    expect(order('flow models trained')[0]).not.toBe('Another paper');
  });

  it('a quoted phrase needs its words together, in order, as Pagefind\'s syntax says', () => {
    const phrased = new OfflineIndex(buildIndex([doc('State space models', 'Selective state space layers.'), doc('Space of states', 'A state in a space.')]));
    const order = (query: string) => phrased.search({ query }).hits.map((h) => phrased.doc(h.doc).title);
    expect(order('space state')).toHaveLength(2);
    expect(order('"state space"')).toEqual(['State space models']);
    expect(order('"space state"')).toEqual([]);
  });

  it('a name joined with a digit is found as typed either way: GPT-4, gpt4', () => {
    const named = new OfflineIndex(buildIndex([doc('Scaling GPT-4', 'Trained on ImageNet-1K.'), doc('Four GPT models', 'Version 4 of GPT.'), doc('GPT at 4096 tokens', 'Long GPT.')]));
    const order = (query: string) => named.search({ query }).hits.map((h) => named.doc(h.doc).title);
    expect(order('gpt4')).toEqual(['Scaling GPT-4']);
    expect(order('imagenet1k')).toEqual(['Scaling GPT-4']);
    // Whole, as online: not the papers that have "GPT" and a number starting with 4.
    expect(order('GPT-4')).toEqual(['Scaling GPT-4']);
    expect(order('GPT-4/GPT-3.5')).toEqual([]);
  });

  it('a query with no word in it (punctuation, an emoji) finds nothing, as on the hosted site', () => {
    for (const query of ['???', '🚀', '-', '""']) expect(index.search({ query }).hits, query).toEqual([]);
  });

  it('matches prefixes as the query is typed', () => {
    expect(titles(index.search({ query: 'connectionist tempo' }).hits)).toEqual(['Speech recognition with CTC']);
  });

  describe('inflections, as Pagefind finds them by their stems', () => {
    const stemmed = new OfflineIndex(
      buildIndex([
        doc('Knowledge distillation for speech', 'A student learns from a teacher.'),
        doc('Transformer language models', 'Scaled up.'),
        doc('Vision transformers', 'Attention over patches, at scale.'),
        doc('Image generation with diffusion', 'A denoiser.'),
        doc('YOLO3 in real time', 'Detection.'),
      ]),
    );
    const order = (query: string) => stemmed.search({ query }).hits.map((h) => stemmed.doc(h.doc).title).sort();

    it('"distilled" finds a paper that only says "distillation"', () => {
      expect(order('distilled')).toEqual(['Knowledge distillation for speech']);
      expect(order('distilling')).toEqual(['Knowledge distillation for speech']);
    });

    it('"transformer" and "transformers" find the same papers; "scaling" finds "scaled" and "scale"', () => {
      expect(order('transformer')).toEqual(['Transformer language models', 'Vision transformers']);
      expect(order('transformers')).toEqual(order('transformer'));
      expect(order('scaling')).toEqual(['Transformer language models', 'Vision transformers']);
    });

    it('a word half typed past its stem finds the words it begins ("generati", `generat`), whatever other word it also begins', () => {
      const typed = new OfflineIndex(buildIndex([doc('Attention is all you need', 'Sequence transduction.'), doc('Linear attention', 'Fast.'), doc('Attentionless token mixers', 'No attention here.'), doc('Experiments on sparse models', 'Many runs.'), doc('An experimental study', 'Of flows.')]));
      const found = (query: string) => typed.search({ query }).hits.map((h) => typed.doc(h.doc).title).sort();
      // "attentionless" begins with "attenti" too: it is one more hit, not the only one.
      expect(found('attenti')).toEqual(['Attention is all you need', 'Attentionless token mixers', 'Linear attention']);
      expect(found('attentio')).toEqual(found('attenti'));
      // "experiments" is `experi`, which "experimen" begins with; "experimental" is `experiment`, which begins with it.
      expect(found('experimen')).toEqual(['An experimental study', 'Experiments on sparse models']);
      expect(order('generati')).toEqual(['Image generation with diffusion']);
      expect(order('genxxxxx')).toEqual([]);
    });

    it('a short stem finds its own words, not every word it begins: "being" is `be`', () => {
      const short = new OfflineIndex(buildIndex([doc('Being efficient', 'A note.'), doc('Better benchmarks', 'Be careful.'), doc('BERT', 'Encoders.')]));
      const found = (query: string) => short.search({ query }).hits.map((h) => short.doc(h.doc).title).sort();
      expect(found('being')).toEqual(['Being efficient', 'Better benchmarks']);
      // A word typed is still a start: "be" begins them all.
      expect(found('be')).toEqual(['BERT', 'Being efficient', 'Better benchmarks']);
    });

    it('an acronym\'s plural finds its singular, and the other way round', () => {
      const acronyms = new OfflineIndex(buildIndex([doc('CNNs for speech', 'Deep.'), doc('A CNN baseline', 'Shallow.')]));
      const found = (query: string) => acronyms.search({ query }).hits.map((h) => acronyms.doc(h.doc).title).sort();
      expect(found('CNNs')).toEqual(['A CNN baseline', 'CNNs for speech']);
      expect(found('cnn')).toEqual(found('CNNs'));
    });

    it('a name with a digit stays whole: "yolo3" finds YOLO3, "yolo4" finds nothing', () => {
      expect(order('yolo3')).toEqual(['YOLO3 in real time']);
      expect(order('yolo4')).toEqual([]);
    });
  });

  it('filters with any-of within a facet and counts values over the results', () => {
    const result = index.search({ query: 'flow', filters: { theme: ['Efficient attention'] } });
    expect(titles(result.hits)).toEqual(['Improving rectified flows', 'Linear attention for long sequences']);
    expect(result.counts.theme).toEqual({ 'Efficient attention': 2, 'Rectified flow': 1, Speech: 0 });
    expect(index.search({ query: 'flow', filters: { theme: ['Speech', 'Rectified flow'] } }).hits).toHaveLength(2);
  });

  it('sorts by newest or most upvoted, unknown values last, ties by relevance', () => {
    const newest = index.search({ query: 'flow', sort: 'listed' });
    expect(titles(newest.hits)).toEqual(['Linear attention for long sequences', 'Improving rectified flows', 'Rectified flow transformers']);
    const upvoted = index.search({ query: null, sort: 'upvotes' });
    expect(titles(upvoted.hits).slice(0, 2)).toEqual(['Improving rectified flows', 'Linear attention for long sequences']);
  });

  it('without words lists every page that passes the filters, in the given order', () => {
    expect(index.search({ query: null }).hits.map((h) => h.doc)).toEqual([0, 1, 2, 3]);
    expect(index.search({ query: '  ', filters: { year: ['Undated'] } }).hits.map((h) => h.doc)).toEqual([1, 3]);
  });

  it('keeps postings exact for document numbers past one base-36 digit and high frequencies', () => {
    const many = Array.from({ length: 120 }, (_, i) => doc(`Paper ${i}`, i % 7 === 0 ? 'needle '.repeat(i % 11) + 'hay' : 'hay'));
    const big = new OfflineIndex(buildIndex(many));
    const found = big.search({ query: 'needle' }).hits.map((h) => h.doc).sort((a, b) => a - b);
    expect(found).toEqual(many.flatMap((d, i) => (i % 7 === 0 && i % 11 !== 0 ? [i] : [])));
    expect(big.search({ query: 'hay' }).hits).toHaveLength(120);
  });

  it('packs postings as the reader unpacks them, hit counts capped at 7 in the body and 2 in the title', () => {
    const written: Posting[] = [[0, 1, 0], [35, 7, 2], [36, 0, 1], [1300, 9, 5]];
    expect(decodePostings(encodePostings(written))).toEqual([[0, 1, 0], [35, 7, 2], [36, 0, 1], [1300, 7, 2]]);
  });
});

describe('reading a built page the way Pagefind does', () => {
  const html = `<!doctype html><html><body><nav><a href="/">Home</a> navigation words</nav>
    <article data-pagefind-body data-pagefind-filter="year:2024" data-pagefind-meta="listed:2024-01-05">
      <header data-pagefind-filter="upvotes:7">
        <h1 data-pagefind-meta="title" data-pagefind-weight="10">A &amp; B: Title</h1>
        <ul data-pagefind-ignore><li><span data-pagefind-filter="theme">Efficient attention</span></li></ul>
      </header>
      <p class="abstract">The abstract, with <em>emphasis</em>.</p>
      <section data-pagefind-ignore><h2>Found in</h2><ul>
        <li data-pagefind-filter="source:Listing: with a colon, and a comma">x</li>
        <li data-pagefind-filter="source:Another">y</li></ul></section>
      <section data-pagefind-ignore="all"><span data-pagefind-filter="theme">Hidden</span></section>
      <div data-pagefind-filter="mood, tag[data-tag]" data-tag="tagged">Calm</div>
    </article><footer>footer words</footer></body></html>`;

  it('takes the title, the indexed text, filters and metadata', () => {
    expect(extractPage(html)).toEqual({
      title: 'A & B: Title',
      text: 'The abstract, with emphasis. Calm',
      filters: {
        year: ['2024'],
        theme: ['Efficient attention'],
        source: ['Listing: with a colon, and a comma', 'Another'],
        mood: ['Calm'],
        tag: ['tagged'],
        upvotes: ['7'],
      },
      meta: { listed: '2024-01-05' },
    });
  });

  it('skips pages without data-pagefind-body, as Pagefind does when some page has one', () => {
    expect(extractPage('<html><body><h1>Moved</h1></body></html>')).toBeNull();
  });
});

describe('the offline zip', () => {
  const files = new Map<string, Uint8Array>([
    ['papers/x/index.html', new TextEncoder().encode('<p>x</p>'.repeat(100))],
    ['index.html', new TextEncoder().encode('<p>home</p>')],
    ['cards/a.png', new Uint8Array([137, 80, 78, 71])],
  ]);

  it('is the same bytes whatever the order files come in, under one folder, sorted', () => {
    const a = makeZip(files, 'shelfmark-offline');
    const b = makeZip(new Map([...files].reverse()), 'shelfmark-offline');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const entries = unzipSync(a);
    expect(Object.keys(entries)).toEqual(['shelfmark-offline/cards/a.png', 'shelfmark-offline/index.html', 'shelfmark-offline/papers/x/index.html']);
    expect(new TextDecoder().decode(entries['shelfmark-offline/index.html'])).toBe('<p>home</p>');
  });

  it('carries a fixed timestamp, not the time it was made', () => {
    const zip = makeZip(files, 'root');
    // Local file header: DOS time at offset 10, date at 12. 2000-01-01 00:00 → time 0, date (20 << 9) | (1 << 5) | 1.
    const view = new DataView(zip.buffer, zip.byteOffset);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe((20 << 9) | (1 << 5) | 1);
  });
});

describe('a query as Pagefind is asked it', () => {
  it('a hyphen, dash or slash inside a word parts it, as the index reads text; elsewhere it stays', () => {
    expect(pagefindQuery('state-space models')).toBe('state space models');
    expect(pagefindQuery('text-to-image CNN/Transformer a–b')).toBe('text to image CNN Transformer a b');
    // A slash parts two names, each kept whole.
    expect(pagefindQuery('GPT-4/GPT-3.5 on ImageNet-1K/CIFAR-10')).toBe('GPT-4 GPT-3.5 on ImageNet-1K CIFAR-10');
    // A name with a digit stays whole, as Pagefind finds it: apart, "4" would match every number starting with 4.
    expect(pagefindQuery('GPT-4 on ImageNet-1K with Llama2-7B and WSJ0-2mix')).toBe('GPT-4 on ImageNet-1K with Llama2-7B and WSJ0-2mix');
    expect(pagefindQuery('-negative "a quoted-phrase" x - y')).toBe('-negative "a quoted phrase" x - y');
  });

  it('quotes after the first phrase go: Pagefind read two phrases as one, from the first quote to the last, and found nothing', () => {
    expect(pagefindQuery('"linear attention" "state space"')).toBe('"linear attention"  state space ');
    expect(pagefindQuery('"linear attention" models')).toBe('"linear attention" models');
  });

  it('symbols are spaces, as the offline index reads them: Pagefind found nothing for "<flow>" or "c++ code"', () => {
    expect(pagefindQuery('<flow>')).toBe(' flow ');
    expect(pagefindQuery('c++ code, a=b | x^2 $5 ✓')).toBe('c   code, a b   x 2  5  ');
    // Punctuation stays: a phrase's quotes, a negation's hyphen, an apostrophe.
    expect(pagefindQuery('"linear attention" WMT\'14 (flow)')).toBe('"linear attention" WMT\'14 (flow)');
  });
});
