import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assignIds, slugForTitle, sourceKey, type KnownPaper, type PaperToName } from '../../src/ingest/slug.ts';
import { titleKey } from '../../src/ingest/normalize.ts';
import { paperSchema } from '../../src/schemas/paper.ts';

const idIsValid = (id: string) => paperSchema.shape.id.safeParse(id).success;

describe('slug for a title', () => {
  it('is lowercase ASCII words joined by hyphens', () => {
    expect(slugForTitle('Mamba: Linear-Time Sequence Modeling with Selective State Spaces')).toBe('mamba-linear-time-sequence-modeling-with-selective-state-spaces');
  });

  it('keeps camel-cased names as one word', () => {
    expect(slugForTitle('FlexDiT and PixArt')).toBe('flexdit-and-pixart');
  });

  it('transliterates accented letters and Greek words rather than dropping them, and names a lone Greek letter or symbol', () => {
    expect(slugForTitle('Über Größe')).toBe('ueber-groesse');
    expect(slugForTitle('PixArt-α: Fast Training')).toBe('pixart-alpha-fast-training');
    expect(slugForTitle('β-VAE: Learning Basic Visual Concepts')).toBe('beta-vae-learning-basic-visual-concepts');
    expect(slugForTitle('∞-former: Infinite Memory Transformer')).toBe('infinity-former-infinite-memory-transformer');
    expect(slugForTitle('Scaling Δ-networks with µ-P')).toBe('scaling-delta-networks-with-mu-p');
    expect(slugForTitle('Λόγος')).toBe('logos');
    // A Greek look-alike inside a Latin word is that word's letter.
    expect(slugForTitle('Τransformers for All')).toBe('transformers-for-all');
  });

  it('gives each training paper its id: a paper of a catalog with the same title is that paper, and takes its labels', () => {
    const training = (parse(readFileSync(new URL('../../content/training-papers.yaml', import.meta.url), 'utf8')) as { papers: { id: string; title: string }[] }).papers;
    expect(training.filter((p) => slugForTitle(p.title) !== p.id).map((p) => p.id)).toEqual([]);
  });

  it('spells out "&" and drops other punctuation', () => {
    expect(slugForTitle('C++ & Rust: 50% faster?')).toBe('c-and-rust-50-faster');
  });

  it('a long title is cut at a word boundary, to at most 80 characters', () => {
    const title = 'Scalable High-Resolution Pixel-Space Image Synthesis with Hourglass Diffusion Transformers for Everyone';
    const slug = slugForTitle(title);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('scalable-high-resolution-pixel-space-image-synthesis-with-hourglass-diffusion');
    expect(slug.endsWith('-')).toBe(false);
  });

  it('a single word longer than 80 characters is cut at 80', () => {
    expect(slugForTitle('A'.repeat(100))).toBe('a'.repeat(80));
  });

  it('a title with nothing to transliterate gets a stable slug from its hash', () => {
    const slug = slugForTitle('深度学习');
    expect(slug).toMatch(/^paper-[0-9a-f]{10}$/);
    expect(slugForTitle('深度学习')).toBe(slug);
    expect(slugForTitle('机器学习')).not.toBe(slug);
  });

  it('a title that slugs to a Windows device name gets "-paper" after it, so its file can be checked out on Windows', () => {
    for (const title of ['AUX', 'Con', 'NUL', 'COM1', 'lpt9']) expect(slugForTitle(title), title).toBe(`${title.toLowerCase()}-paper`);
    expect(slugForTitle('Aux Losses')).toBe('aux-losses');
  });

  it('every slug is a valid paper id', () => {
    for (const title of ['???', '深度学习', 'PIXART-δ: Fast', '  spaced  out  ', 'x'.repeat(200), 'End with dash -']) {
      expect(idIsValid(slugForTitle(title)), title).toBe(true);
    }
  });
});

describe('assigning ids', () => {
  const ABSTRACT = 'We propose a new method and show that it works.';
  /** A listed paper: its title, and an abstract that tells it apart from the others by default. */
  const listed = (title: string, abstract = `${ABSTRACT} (${title})`, more: Partial<PaperToName> = {}): PaperToName => ({ key: titleKey(title), title, titleKeys: [titleKey(title)], abstractKeys: [titleKey(abstract)], arxivId: null, doiKey: null, sourceKeys: [], sourceFiles: [], firstAuthor: null, ...more });
  /** A paper already in content/papers/ under `id`. */
  const known = (id: string, title: string, more: Partial<KnownPaper> = {}): KnownPaper => ({ id, aliases: [], titleKey: titleKey(title), abstractKey: titleKey(`${ABSTRACT} (${title})`), arxivId: null, doiKey: null, sourceKeys: [], sourceFiles: [], firstAuthor: null, ...more });
  const idsOf = (papers: ReturnType<typeof listed>[], history: KnownPaper[] = []) => {
    const assigned = assignIds(papers, history);
    return papers.map((p) => assigned.get(p.key)!.id);
  };

  it('a new paper takes its title\'s slug', () => {
    expect(idsOf([listed('Attention Is All You Need')])).toEqual(['attention-is-all-you-need']);
  });

  it('titles with the same slug get -2, -3 in the order given', () => {
    expect(idsOf([listed('Flow Matching'), listed('Flow matching?'), listed('Flow-Matching!')])).toEqual(['flow-matching', 'flow-matching-2', 'flow-matching-3']);
  });

  it('a numbered id of a long title stays within 80 characters too, cut at a word', () => {
    const title = `${'Aaaa '.repeat(16)}bbbb`;
    const ids = idsOf([listed(title), listed(`${title}!`), ...Array.from({ length: 9 }, (_, i) => listed(`${title}${'?'.repeat(i + 1)}`))]);
    expect(ids.slice(0, 2)).toEqual(['aaaa-'.repeat(15) + 'aaaa', 'aaaa-'.repeat(15) + '2']);
    expect(ids.at(-1)).toBe('aaaa-'.repeat(15) + '11');
    for (const id of ids) expect(id.length, id).toBeLessThanOrEqual(80);
  });

  it('a numbered id is never the natural slug of another title', () => {
    expect(idsOf([listed('Flow Matching 2'), listed('Flow Matching'), listed('Flow Matching!')])).toEqual(['flow-matching-2', 'flow-matching', 'flow-matching-3']);
  });

  it('an existing paper keeps its id even if another paper now slugs the same', () => {
    // Without history, "Flow Matching" comes first and would take "flow-matching".
    expect(idsOf([listed('Flow Matching'), listed('Flow Matching!')])).toEqual(['flow-matching', 'flow-matching-2']);
    expect(idsOf([listed('Flow Matching'), listed('Flow Matching!')], [known('flow-matching', 'Flow Matching!')])).toEqual(['flow-matching-2', 'flow-matching']);
  });

  it('a file whose arXiv id, DOI or title was edited by hand to another paper\'s takes neither that paper nor its address: each paper keeps its own file', () => {
    // Two .bib entries without abstracts, each with its file; a person pastes Zeta's identifier into Beta's file, whose name sorts first.
    const entry = (key: string, title: string, ids: Partial<PaperToName>) => ({ ...listed(title), abstractKeys: [], sourceKeys: [sourceKey('lib.bib', key)], sourceFiles: ['lib.bib'], ...ids });
    const file = (id: string, key: string, title: string, ids: Partial<KnownPaper>) => known(id, title, { abstractKey: '', sourceKeys: [sourceKey('lib.bib', key)], sourceFiles: ['lib.bib'], ...ids });
    const cases: [Partial<PaperToName>, Partial<PaperToName>, Partial<KnownPaper>][] = [
      [{ arxivId: '2301.00001' }, { arxivId: '2202.00002' }, { arxivId: '2301.00001' }],
      [{ doiKey: '10.1000/zeta' }, { doiKey: '10.1000/beta' }, { doiKey: '10.1000/zeta' }],
      [{}, {}, { titleKey: titleKey('Zeta Paper About Flows') }],
    ];
    for (const [zetaIds, betaIds, edit] of cases) {
      const papers = [entry('z1', 'Zeta Paper About Flows', zetaIds), entry('b1', 'Beta Paper About Attention', betaIds)];
      const history = [file('beta-paper-about-attention', 'b1', 'Beta Paper About Attention', { ...betaIds, ...edit }), file('zeta-paper-about-flows', 'z1', 'Zeta Paper About Flows', zetaIds)];
      const assigned = assignIds(papers, history);
      expect(papers.map((p) => assigned.get(p.key)), JSON.stringify(edit)).toMatchObject([
        { id: 'zeta-paper-about-flows', aliases: [] },
        { id: 'beta-paper-about-attention', aliases: [] },
      ]);
    }
  });

  it('an existing id is kept even when it is not the title\'s slug', () => {
    expect(idsOf([listed('Attention Is All You Need')], [known('transformer', 'Attention Is All You Need')])).toEqual(['transformer']);
  });

  it('a .bib entry without an abstract whose title typo was corrected, and its key made anew from it, keeps its id', () => {
    const typo = 'Tactile Maniplation Policies from Human Video';
    const history = [known('tactile-maniplation-policies-from-human-video', typo, { abstractKey: '', firstAuthor: 'Jiwon Park', sourceKeys: [sourceKey('lib.bib', 'parkTactileManiplationPolicies2024')], sourceFiles: ['lib.bib'] })];
    const fixed = (title: string, more: Partial<PaperToName> = {}) => ({ ...listed(title), abstractKeys: [], firstAuthor: 'Jiwon Park', sourceKeys: [sourceKey('lib.bib', 'parkTactileManipulationPolicies2024')], sourceFiles: ['lib.bib'], ...more });
    expect(idsOf([fixed('Tactile Manipulation Policies from Human Video')], history)).toEqual(['tactile-maniplation-policies-from-human-video']);
    // Not another file's entry, another first author, a number changed, nor two words changed: those may be other papers.
    for (const other of [
      fixed('Tactile Manipulation Policies from Human Video', { sourceKeys: [sourceKey('other.bib', 'parkTactileManipulationPolicies2024')], sourceFiles: ['other.bib'] }),
      fixed('Tactile Manipulation Policies from Human Video', { firstAuthor: 'Maja Lindqvist' }),
      fixed('Tactile Maniplation Policies from Human Video 2'),
      fixed('Tactile Manipulation Policies from Human Videos'.replace('Tactile', 'Tactful')),
    ]) {
      expect(idsOf([other], history), other.title).not.toEqual(['tactile-maniplation-policies-from-human-video']);
    }
    const versions = [known('llama-2-open-models', 'Llama 2: Open Models', { abstractKey: '', sourceKeys: [sourceKey('lib.bib', 'llama2')], sourceFiles: ['lib.bib'] })];
    expect(idsOf([{ ...listed('Llama 3: Open Models'), abstractKeys: [], sourceKeys: [sourceKey('lib.bib', 'llama3')], sourceFiles: ['lib.bib'] }], versions)).toEqual(['llama-3-open-models']);
    // A title of thousands of words (CSL-JSON, RIS and the Zotero API set no limit) is not looked up word by word: that was quadratic.
    const huge = `${'word '.repeat(9_000)}end`;
    const started = performance.now();
    idsOf([{ ...listed(huge), abstractKeys: [], sourceKeys: [sourceKey('lib.json', 'huge')], sourceFiles: ['lib.json'] }], [known('old', `${huge}s`, { abstractKey: '', sourceKeys: [sourceKey('lib.json', 'old')], sourceFiles: ['lib.json'] })]);
    expect(performance.now() - started).toBeLessThan(1000);
    // Nor is part II part I, though one letter apart and by the same authors.
    const parts = [known('visual-servo-control-part-i', 'Visual Servo Control, Part I', { abstractKey: '', firstAuthor: 'F. Chaumette', sourceKeys: [sourceKey('lib.bib', 'chaumette2006')], sourceFiles: ['lib.bib'] })];
    expect(idsOf([{ ...listed('Visual Servo Control, Part II'), abstractKeys: [], firstAuthor: 'F. Chaumette', sourceKeys: [sourceKey('lib.bib', 'chaumette2007')], sourceFiles: ['lib.bib'] }], parts)).toEqual(['visual-servo-control-part-ii']);
  });

  it('an entry with no key and no abstract (RIS, Google Scholar) whose title typo was corrected keeps its id, recognised in the same file', () => {
    const history = [known('graph-neural-networks-in-particle-physic', 'Graph neural networks in particle physic', { abstractKey: '', firstAuthor: 'Jonathan Shlomi', sourceFiles: ['group.ris'] })];
    const fixed = { ...listed('Graph neural networks in particle physics'), abstractKeys: [], firstAuthor: 'Jonathan Shlomi', sourceFiles: ['group.ris'] };
    expect(idsOf([fixed], history)).toEqual(['graph-neural-networks-in-particle-physic']);
    expect(idsOf([{ ...fixed, sourceFiles: ['other.ris'] }], history)).toEqual(['graph-neural-networks-in-particle-physics']);
  });

  it('a paper whose title was corrected keeps its id, recognised by its abstract', () => {
    const history = [known('atention-is-all-you-need', 'Atention Is All You Need', { abstractKey: titleKey(ABSTRACT) })];
    expect(idsOf([listed('Attention Is All You Need', ABSTRACT)], history)).toEqual(['atention-is-all-you-need']);
  });

  it('a .bib entry whose title was corrected keeps its id, recognised by its key in the same file', () => {
    const history = [known('efficent-attention', 'Efficent Attention', { abstractKey: '', sourceKeys: [sourceKey('lib.bib', 'doe2023')], sourceFiles: ['lib.bib'] })];
    // It had no abstract and has one now: neither title nor abstract matches, the entry does.
    const fixed = listed('Efficient Attention', `${ABSTRACT} Now with its abstract.`, { sourceKeys: [sourceKey('lib.bib', 'doe2023')], sourceFiles: ['lib.bib'] });
    expect(idsOf([fixed], history)).toEqual(['efficent-attention']);
    // The same key in another file, or another key in the same file, is another entry (unless its title is the old one with a typo corrected, below).
    expect(idsOf([{ ...fixed, sourceKeys: [sourceKey('other.bib', 'doe2023')], sourceFiles: ['other.bib'] }], history)).toEqual(['efficient-attention']);
    expect(idsOf([{ ...fixed, title: 'Efficient Attention Everywhere', titleKeys: [titleKey('Efficient Attention Everywhere')], sourceKeys: [sourceKey('lib.bib', 'doe2024')], sourceFiles: ['lib.bib'] }], history)).toEqual(['efficient-attention-everywhere']);
  });

  it('a key given to another paper (its abstract quite different) is not the paper it named before', () => {
    const history = [known('efficent-attention', 'Efficent Attention', { sourceKeys: [sourceKey('lib.bib', 'k')], sourceFiles: ['lib.bib'] })];
    const other = listed('Rectified Flow', 'Straight paths between noise and data, learned by regression, sampled in one step.', { sourceKeys: [sourceKey('lib.bib', 'k')], sourceFiles: ['lib.bib'] });
    expect(idsOf([other], history)).toEqual(['rectified-flow']);
  });

  it('a title and an abstract revised together (a listing of the next arXiv version) keep the id of the paper no source has any more', () => {
    const v1 = 'We scale rectified flow transformers for text to image synthesis and study the noise samplers.';
    const v2 = 'We scale rectified flow transformers for text to image synthesis, study the noise samplers, and release the weights.';
    const history = [known('scaling-rectifed-flow-transformers', 'Scaling Rectifed Flow Transformers for Image Synthesis', { abstractKey: titleKey(v1) })];
    expect(idsOf([listed('Scaling Rectified Flow Transformers for High-Resolution Image Synthesis', v2)], history)).toEqual(['scaling-rectifed-flow-transformers']);
    // A record a paper still claims is not another's earlier version, however alike.
    const both = [listed('Scaling Rectifed Flow Transformers for Image Synthesis', v1), listed('Scaling Rectified Flow Transformers for High-Resolution Image Synthesis', v2)];
    expect(idsOf(both, history)).toEqual(['scaling-rectifed-flow-transformers', 'scaling-rectified-flow-transformers-for-high-resolution-image-synthesis']);
    // A journal extension keeps the conference paper's name and abstract, and adds as much again: another paper.
    const journal = `${v1} We extend it to video, audio and 3D, with new samplers, distillation, a larger autoencoder, human studies and ablations of every choice we made.`;
    expect(idsOf([listed('Scaling Rectified Flow Transformers for Image and Video Synthesis', journal)], history)).toEqual(['scaling-rectified-flow-transformers-for-image-and-video-synthesis']);
    // A record a paper matches exactly is that paper's, not another's earlier version.
    const exact = known('scaling-rectified-flow-transformers-v2', 'Scaling Rectified Flow Transformers for High-Resolution Image Synthesis', { abstractKey: titleKey(v2) });
    const held = known('sd3', 'Stable Diffusion 3', { arxivId: '2403.03206' });
    const sd3 = listed('Scaling Rectified Flow Transformers for High-Resolution Image Synthesis', v2, { arxivId: '2403.03206' });
    const alike = listed('Scaling Rectified Flow Transformers for Image Synthesis at Scale', `${v2} Also.`);
    expect(idsOf([alike, sd3], [held, exact])).toEqual(['scaling-rectified-flow-transformers-for-image-synthesis-at-scale', 'sd3']);
    // Alike titles with abstracts that do not agree are two papers.
    expect(idsOf([listed('Scaling Rectified Flow Transformers for Video Synthesis', 'Video generation at scale with spatiotemporal patches and a new autoencoder.')], history)).toEqual(['scaling-rectified-flow-transformers-for-video-synthesis']);
  });

  it('a paper keeps the aliases it was published under', () => {
    const assigned = assignIds([listed('Mamba')], [known('mamba-ssm', 'Mamba', { aliases: ['mamba', 'mamba-v1'] })]);
    expect(assigned.get(titleKey('Mamba'))).toMatchObject({ id: 'mamba-ssm', aliases: ['mamba', 'mamba-v1'] });
  });

  it('a new paper gets no aliases', () => {
    expect(assignIds([listed('Mamba')], []).get(titleKey('Mamba'))).toEqual({ id: 'mamba', aliases: [] });
  });

  it('the id or alias of a paper no longer listed is never given to a new one', () => {
    const history = [known('flow-matching', 'A title no longer listed', { aliases: ['flow-matching-2'] })];
    expect(idsOf([listed('Flow Matching')], history)).toEqual(['flow-matching-3']);
  });

  it('two papers never share an id, even if the history claims they do', () => {
    const ids = idsOf([listed('A'), listed('B')], [known('same', 'A'), known('same', 'B')]);
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toBe('same');
  });

  it('every id is a valid paper id', () => {
    const ids = idsOf([listed('???'), listed('深度学习'), listed('Flow Matching'), listed('Flow Matching!')]);
    expect(ids.every(idIsValid)).toBe(true);
  });

  it('a paper whose title changed when it gained an arXiv source keeps its id, recognised by the arXiv id', () => {
    const history = [known('flow-straight-and-fast', 'Flow Straight and Fast', { arxivId: '2209.03003', abstractKey: 'old abstract' })];
    const now = listed('Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow', 'A new abstract', { arxivId: '2209.03003' });
    expect(idsOf([now], history)).toEqual(['flow-straight-and-fast']);
  });

  it('a paper is recognised by its DOI, and by the title of any of its sources', () => {
    const history = [known('by-doi', 'Old Title', { doiKey: '10.1000/xyz', abstractKey: 'x' }), known('by-title', 'Listed Title', { abstractKey: 'y' })];
    const doiPaper = listed('New Title', 'z', { doiKey: '10.1000/xyz' });
    const titlePaper = listed('Richer Title From A Bib File', '', { titleKeys: [titleKey('Richer Title From A Bib File'), titleKey('Listed Title')], abstractKeys: [] });
    expect(idsOf([doiPaper, titlePaper], history)).toEqual(['by-doi', 'by-title']);
  });

  it('of two papers with an existing paper\'s title, the one with its abstract keeps its id, whichever comes first', () => {
    const history = [known('transformers', 'Transformers', { abstractKey: titleKey('We study attention in sequence models.') })];
    const newcomer = listed('Transformers', 'We build toy robots that change shape.', { key: 'a' });
    const original = listed('Transformers', 'We study attention in sequence models.', { key: 'b' });
    expect(idsOf([newcomer, original], history)).toEqual(['transformers-2', 'transformers']);
  });

  it('a paper with an existing paper\'s title but a clearly different abstract is a new paper', () => {
    const history = [known('transformers', 'Transformers', { abstractKey: titleKey('We study attention in sequence models.') })];
    expect(idsOf([listed('Transformers', 'We build toy robots that change shape.')], history)).toEqual(['transformers-2']);
  });

  it('a paper with an existing paper\'s title but another arXiv id or DOI is a new paper', () => {
    const history = [known('transformers', 'Transformers', { arxivId: '1706.03762', doiKey: '10.1000/a', abstractKey: '' })];
    expect(idsOf([listed('Transformers', '', { abstractKeys: [], arxivId: '2401.00001' })], history)).toEqual(['transformers-2']);
    expect(idsOf([listed('Transformers', '', { abstractKeys: [], doiKey: '10.1000/b' })], history)).toEqual(['transformers-2']);
  });

  it('a paper that matches two published papers no other paper claims keeps the first\'s id, and the second\'s id and aliases become its aliases', () => {
    const history = [known('preprint', 'Preprint Title', { arxivId: '2312.00752' }), known('listed', 'Listed Title', { aliases: ['listed-old'] })];
    const joined = listed('Listed Title', `${ABSTRACT} (Listed Title)`, { arxivId: '2312.00752' });
    const assigned = assignIds([joined], history).get(joined.key)!;
    expect(assigned).toMatchObject({ id: 'preprint', aliases: ['listed', 'listed-old'], absorbed: [history[1]] });
  });

  it('a published paper that another listed paper claims is not absorbed', () => {
    const history = [known('preprint', 'Preprint Title', { arxivId: '2312.00752' }), known('listed', 'Listed Title')];
    const joined = listed('Listed Title', 'Another abstract entirely, about something else.', { key: 'a', arxivId: '2312.00752' });
    const itself = listed('Listed Title', `${ABSTRACT} (Listed Title)`, { key: 'b' });
    expect(idsOf([joined, itself], history)).toEqual(['preprint', 'listed']);
    expect(assignIds([joined, itself], history).get('a')!.aliases).toEqual([]);
  });

  it('two papers without an abstract are not taken for each other', () => {
    const history = [known('no-abstract', 'Some Title', { abstractKey: '' })];
    expect(idsOf([listed('Another Title', '', { abstractKeys: [] })], history)).toEqual(['another-title']);
  });
});
