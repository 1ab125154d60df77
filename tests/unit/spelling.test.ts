import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistance, packVocabulary, Speller } from '../../src/lib/spelling.ts';

const catalog = [
  'Transformers for speech recognition with CTC',
  'Efficient attention: linear transformers are RNNs',
  'Rectified flow: straight paths for fast generation',
  'Flow matching for generative modeling of speech',
  'Schrödinger bridges and rectified flow',
  'A transformer with sparse attention in 2024',
  'Scaling GPT-4 to ImageNet-1K',
];
const speller = new Speller(packVocabulary(catalog));

describe('the vocabulary', () => {
  it('lists each word once under the number of documents it is in, folded as search folds', () => {
    const packed = packVocabulary(['Flow flow FLOW', 'flow Schrödinger']);
    expect(packed.words).toEqual({ '1': 'schrodinger', '2': 'flow' });
  });

  it('leaves out short words; lists words with digits, and names joined with one whole as Pagefind reads them', () => {
    const all = Object.values(packVocabulary(catalog).words).join(' ').split(' ');
    expect(all).not.toContain('a');
    expect(all).toEqual(expect.arrayContaining(['ctc', '2024', 'gpt4', 'imagenet1k', 'imagenet']));
  });

  it('never corrects a word into a name with digits, nor corrects one', () => {
    expect(speller.correct('gpt').query).toBe('gpt');
    expect(speller.correct('imagenet1x').query).toBe('imagenet1x');
    expect(speller.correct('gpt5').query).toBe('gpt5');
  });

  it('is the same for the same documents in any order', () => {
    expect(JSON.stringify(packVocabulary(catalog.toReversed()))).toBe(JSON.stringify(packVocabulary(catalog)));
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('transformer', 'transformer')).toBe(0);
    expect(editDistance('trasnformer', 'transformer')).toBe(1);
    expect(editDistance('tansformer', 'transformer')).toBe(1);
    expect(editDistance('transformerr', 'transformer')).toBe(1);
    expect(editDistance('tramsformer', 'transformer')).toBe(1);
    expect(editDistance('rtasnformer', 'transformer')).toBe(2);
    expect(editDistance('abc', 'ca')).toBe(3);
  });

  it('stops early once past the limit, and never says less than the truth', () => {
    expect(editDistance('attention', 'generation', 1)).toBe(2);
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const full = editDistance(a, b);
        const capped = editDistance(a, b, max);
        expect(capped).toBe(full <= max ? full : max + 1);
        expect(editDistance(b, a)).toBe(full);
      }),
    );
  });

  it('allows one edit in short words and two in long ones', () => {
    expect(allowedEdits(4)).toBe(1);
    expect(allowedEdits(7)).toBe(1);
    expect(allowedEdits(8)).toBe(2);
  });
});

describe('correcting a query', () => {
  it('fixes one typo of each kind to the catalog word', () => {
    expect(speller.correct('trasnformers').query).toBe('transformers'); // swap
    expect(speller.correct('atention').query).toBe('attention'); // deletion
    expect(speller.correct('rectifoed flow').query).toBe('rectified flow'); // substitution
    expect(speller.correct('speeech').query).toBe('speech'); // insertion
  });

  it('says what it changed, and keeps everything else as typed', () => {
    const { query, corrections } = speller.correct('Sparse  ATENTION, 2024!');
    expect(query).toBe('Sparse  attention, 2024!');
    expect(corrections).toEqual([{ from: 'ATENTION', to: 'attention', options: ['attention'] }]);
  });

  it('never changes a word of the catalog, nor the start of one being typed', () => {
    for (const text of catalog) expect(speller.correct(text)).toEqual({ query: text, corrections: [] });
    expect(speller.correct('transf').corrections).toEqual([]);
    expect(speller.correct('schrodinger Schrödinger').corrections).toEqual([]);
  });

  it('leaves words of scripts written without spaces alone: any part of a run may be searched', () => {
    const s = new Speller(packVocabulary(['変換器の研究と評価', 'การเรียนรู้ของเครื่อง', 'Обучение трансформеров']));
    expect(s.correct('研究と評').corrections).toEqual([]);
    expect(s.correct('เรียนรู้').corrections).toEqual([]);
    // Scripts that space their words are corrected like Latin ones.
    expect(s.correct('трансформеорв').query).toBe('трансформеров');
  });

  it('leaves short words, numbers and words nothing is near alone', () => {
    expect(speller.correct('fl').corrections).toEqual([]);
    expect(speller.correct('2023').corrections).toEqual([]);
    expect(speller.correct('xyzzy quux').corrections).toEqual([]);
    // Two edits are too many for a short word, allowed for a long one.
    expect(speller.correct('fwol').corrections).toEqual([]);
    expect(speller.correct('genreatoin').query).toBe('generation');
  });

  it('parts two catalog words run together, when no word is a few edits away: flowmatching is "flow matching"', () => {
    expect(speller.correct('flowmatching rectifiedflow').query).toBe('flow matching rectified flow');
    expect(speller.correct('flowmatching').corrections).toEqual([{ from: 'flowmatching', to: 'flow matching', options: ['flow matching'] }]);
    // Of the cuts, the one whose rarer word is in more papers; parts of three letters or more only.
    const s = new Speller(packVocabulary(['sparse attention', 'sparse attention', 'spar seat tent ion']));
    expect(s.correct('sparseattention').query).toBe('sparse attention');
    expect(speller.correct('xyzzyquux').query).toBe('xyzzyquux');
  });

  it('prefers the fewest edits, then the word in more papers, then the alphabet', () => {
    const s = new Speller(packVocabulary(['cart', 'card card', 'card', 'care']));
    // "carx" is one edit from cart, card and care; card is in two papers.
    expect(s.correct('carx').query).toBe('card');
    expect(s.correct('carx').corrections[0]!.options).toEqual(['card', 'care', 'cart']);
    // A caller that knows better (the engine, from the results each gives) may pick another.
    expect(s.correct('carx carx', new Map([['carx', 'cart']])).query).toBe('cart cart');
    expect(s.correct('carx', new Map([['carx', 'nope']])).query).toBe('card');
    const t = new Speller(packVocabulary(['bat', 'cat']));
    expect(t.correct('zat').query).toBe('bat');
    // A word one edit away wins over a more common one two edits away.
    const u = new Speller(packVocabulary(['generation', 'generations', 'generative x', 'generative y', 'generative z']));
    expect(u.correct('generatiom').query).toBe('generation');
  });

  it('recovers any one typo of a catalog word of five letters or more, or leaves a word of the catalog', () => {
    // Names with digits are never corrected, nor corrected into.
    const known = new Set(Object.values(packVocabulary(catalog).words).join(' ').split(' ').filter((word) => !/\d/.test(word)));
    const words = [...known].filter((w) => w.length >= 5);
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.nat(), fc.constantFrom('swap', 'drop', 'change'), (word, at, kind) => {
        const i = at % (word.length - 1);
        const typo =
          kind === 'swap'
            ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
            : kind === 'drop'
              ? word.slice(0, i) + word.slice(i + 1)
              : word.slice(0, i) + (word[i] === 'q' ? 'z' : 'q') + word.slice(i + 1);
        const fixed = speller.correct(typo).query;
        // The typo may itself be (the start of) another catalog word, or share a stem with one; then it is searched as typed.
        if (fixed === typo) expect(speller.findable(typo)).toBe(true);
        else expect(known.has(fixed)).toBe(true);
        if (!speller.knows(typo)) expect(editDistance(typo, fixed)).toBeLessThanOrEqual(editDistance(typo, word));
      }),
    );
  });
});

describe('inflections', () => {
  const inflected = new Speller(packVocabulary(['Tokenizer-free models', 'Distilled tokens', 'Studies of speech']));

  it('are left alone when search finds them by their stem, which the catalog has: "tokenized" is no typo for "tokenizer"', () => {
    expect(inflected.correct('tokenized distills study').corrections).toEqual([]);
    expect(inflected.unmatched('tokenized distills study')).toEqual([]);
    // Its first half ("generali") no catalog word starts with, its stem (`general`) one does.
    expect(new Speller(packVocabulary(['General models'])).unmatched('generalizations')).toEqual([]);
  });

  it('are still corrected when misspelt, but for a slip in the ending the stem drops, which search absorbs', () => {
    expect(inflected.correct('tokeniezr').query).toBe('tokenizer');
    // "distiled" is `distil`, as "distilled" is: it finds the same papers as typed.
    expect(inflected.correct('distiled').query).toBe('distiled');
  });

  it('are corrected when their stem is no catalog word\'s, though a catalog word starts with it: "settinge" is `setting`, "settings" is `set`', () => {
    const speller = new Speller(packVocabulary(['Settings for optimization', 'Operations on sets']));
    expect(speller.correct('settinge optimizatios operatione').query).toBe('settings optimization operations');
  });
});

describe('names with a digit', () => {
  const names = new Speller(packVocabulary(['Apriel-Nemotron-15B-Thinker distils GPT-4 on WMT\'14', 'Phi is a constant']));

  it('are searched whole where the catalog has them whole, else by their parts when those are words search can tell', () => {
    expect(names.asIndexed('GPT-4 answers')).toBe('GPT-4 answers');
    expect(names.asIndexed('Nemotron-15B')).toBe('Nemotron 15B');
    // "5" would match every number starting with 5: a name no paper has stays whole, and finds nothing.
    expect(names.asIndexed('GPT-5')).toBe('GPT-5');
    expect(names.unmatched(names.asIndexed('GPT-5'))).toEqual(['gpt5']);
    expect(names.unmatched(names.asIndexed('Nemotron-15B'))).toEqual([]);
  });

  it('joined by an apostrophe are known as Pagefind indexes them: WMT\'14 is wmt14', () => {
    expect(names.unmatched('WMT14')).toEqual([]);
  });

  it('are never corrected, nor are their parts', () => {
    expect(names.correct('phy-3 and pho').query).toBe('phy-3 and phi');
  });
});

describe('words that can find no paper', () => {
  it('are the words no catalog word starts with, nor is an inflection of', () => {
    // "mallory" shares only "ma…" with the catalog; "flows" and "attentions" share their stems.
    expect(speller.unmatched('Mallory on flows and attentions')).toEqual(['Mallory']);
    expect(speller.unmatched('transf rect')).toEqual([]);
    // A first half in common is no match: "resume" is not "ResNet", which Pagefind's fallback to "res" would find.
    expect(new Speller(packVocabulary(['ResNet strikes back', 'Residual learning'])).unmatched('resume residuals')).toEqual(['resume']);
  });

  it('leave out what the vocabulary never lists: short words and unspaced scripts', () => {
    expect(speller.unmatched('zq 注意力')).toEqual([]);
  });

  it('include words and names with digits that no catalog word is or starts with: they are not stemmed, and Pagefind would answer with the prefixes it has', () => {
    expect(speller.unmatched('word2vec 2312.00752 GPT-4 gpt4 ImageNet-1K imagenet 2024 GPT-5')).toEqual(['word2vec', '2312', '00752', 'gpt5']);
  });
});
