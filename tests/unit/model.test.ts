/** The theme model: TF-IDF features, logistic regression, calibrated scores, explanations. */
import { describe, expect, it } from 'vitest';
import { buildVocabulary, foldOf, score, strongestTerms, trainModel, vectorize } from '../../src/ingest/model.ts';
import { madeUpPapers } from '../support/theme-corpus.ts';

const papers = madeUpPapers(60);
const vocabulary = buildVocabulary(papers);
const vectors = papers.map((p) => vectorize(vocabulary, p));
// No second signal: every paper's is 0.
const train = () => trainModel(papers.map((p) => p.id), vectors, papers.map(() => 0), papers.map((p) => p.labels.get('speech')!), vocabulary.terms.length);

describe('the features of a paper', () => {
  it('are the terms two or more training papers share, in sorted order', () => {
    expect(vocabulary.terms).toEqual([...vocabulary.terms].sort());
    expect(vocabulary.terms).toContain('speech recognition');
    expect(vocabulary.terms).toContain('speech');
    const once = buildVocabulary([{ title: 'unique words', abstract: 'nothing shared' }, { title: 'other', abstract: 'text' }]);
    expect(once.terms).toEqual([]);
  });

  it('form a unit-length vector whose title terms weigh more than the same terms in the abstract', () => {
    const v = vectorize(vocabulary, { title: 'speech recognition', abstract: 'image synthesis' });
    expect(Math.hypot(...v.values)).toBeCloseTo(1, 12);
    const weight = (term: string) => v.values[[...v.indices].indexOf(vocabulary.terms.indexOf(term))]!;
    expect(weight('speech')).toBeGreaterThan(weight('image'));
  });

  it('ignore words the training papers never used', () => {
    expect(vectorize(vocabulary, { title: 'zebra', abstract: 'quokka' }).indices).toHaveLength(0);
  });
});

describe('a trained model', () => {
  it('scores papers like its positives high and papers like its negatives low', () => {
    const model = train();
    expect(score(model, vectorize(vocabulary, { title: 'Acoustic model for speech recognition', abstract: 'Lower word error rate in transcription.' }), 0)).toBeGreaterThan(0.8);
    expect(score(model, vectorize(vocabulary, { title: 'Image synthesis', abstract: 'Photorealistic samples with texture details.' }), 0)).toBeLessThan(0.2);
  });

  it('is calibrated: a paper with no known terms and no second signal scores near the share of positives', () => {
    const p = score(train(), vectorize(vocabulary, { title: 'zebra', abstract: 'quokka' }), 0.5);
    expect(p).toBeGreaterThan(0.25);
    expect(p).toBeLessThan(0.75);
  });

  it('weighs the second signal as much as the held-out papers show it is worth', () => {
    // Forty papers whose words say nothing about the label; only the second signal tells.
    const vague = Array.from({ length: 40 }, (_, i) => ({ id: `vague-${i}`, title: 'We propose a transformer', abstract: 'Experiments show strong baselines.', yes: i % 2 === 0 }));
    const all = [...papers.map((p) => ({ ...p, yes: p.labels.get('speech')! })), ...vague];
    const space = buildVocabulary(all);
    const xs = all.map((p) => vectorize(space, p));
    const fit = (signal: (p: (typeof all)[number], i: number) => number) => trainModel(all.map((p) => p.id), xs, all.map(signal), all.map((p) => p.yes), space.terms.length);
    const telling = fit((p) => (p.yes ? 1 : 0));
    const noise = fit((_, i) => (i % 4 < 2 ? 1 : 0));
    const x = vectorize(space, vague[0]!);
    expect(score(telling, x, 1)).toBeGreaterThan(0.7);
    expect(score(telling, x, 0)).toBeLessThan(0.3);
    expect(Math.abs(noise.c)).toBeLessThan(telling.c / 4);
  });

  it('is the same, weight for weight, every time it is trained on the same labels', () => {
    const [a, b] = [train(), train()];
    expect([...a.weights]).toEqual([...b.weights]);
    expect([a.bias, a.a, a.b, a.c]).toEqual([b.bias, b.a, b.b, b.c]);
  });

  it('names the terms of a paper that raise its score most, strongest first', () => {
    const terms = strongestTerms(train(), vocabulary, vectorize(vocabulary, { title: 'Speech recognition', abstract: 'We propose a transformer.' }), 3);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.some((t) => t.includes('speech') || t.includes('recognition'))).toBe(true);
    expect(terms).not.toContain('image');
  });
});

describe('folds', () => {
  it('depend on the id alone, and spread ids over every fold', () => {
    expect(foldOf('mamba', 5)).toBe(foldOf('mamba', 5));
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 500; i++) counts[foldOf(`paper-${i}`, 5)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(70);
  });
});
