/** The review queue: what the shelves are least sure of, most informative first. */
import { describe, expect, it } from 'vitest';
import { reviewQueue } from '../../src/ingest/review.ts';
import { trainThemeModels } from '../../src/ingest/shelve.ts';
import type { Theme } from '../../src/schemas/theme.ts';
import { madeUpPapers } from '../support/theme-corpus.ts';

const taxonomy: Theme[] = [
  { id: 'speech', name: 'Speech', description: 'Speech recognition.', threshold: 3, phrases: [{ match: 'speech recognition', weight: 3 }] },
  { id: 'vision', name: 'Vision', description: 'Images.', threshold: 4, phrases: [{ match: 'image*', weight: 2 }, { match: 'pixel*', weight: 2 }] },
];
const labelled = madeUpPapers(60);
const trained = trainThemeModels(taxonomy, labelled);
const labels = new Map(labelled.map((p) => [p.id, p.labels]));
const catalog = [
  { id: 'sure-speech', title: 'Speech recognition acoustic model', abstract: 'Word error rate of transcription on spoken utterances.', hidden: false },
  { id: 'sure-image', title: 'Image synthesis', abstract: 'Photorealistic samples, pixel textures and image editing.', hidden: false },
  { id: 'unclear', title: 'A transformer', abstract: 'We propose a transformer; experiments show strong baselines.', hidden: false },
  { id: 'rules-disagree', title: 'Image synthesis and speech recognition', abstract: 'Photorealistic samples with texture details.', hidden: false },
  { id: 'hidden-unclear', title: 'A transformer', abstract: 'We propose a transformer.', hidden: true },
  ...labelled.slice(0, 4).map((p) => ({ ...p, hidden: false })),
];
const queue = (options: { theme?: string; limit?: number } = {}) => reviewQueue(taxonomy, catalog, trained, labels, { limit: 50, ...options });

describe('the review queue', () => {
  it('asks about unclear papers and disagreements, never about sure, labelled or hidden ones', () => {
    const asked = queue({ theme: 'speech' }).map((i) => i.paper);
    expect(asked).toContain('unclear');
    expect(asked).toContain('rules-disagree');
    expect(asked).not.toContain('sure-speech');
    expect(asked).not.toContain('sure-image');
    expect(asked).not.toContain('hidden-unclear');
    expect(asked.filter((id) => id.startsWith('paper-'))).toEqual([]);
  });

  it('says why it asks: the model score, and the rules when they disagree', () => {
    const item = queue({ theme: 'speech' }).find((i) => i.paper === 'rules-disagree')!;
    expect(item.probability).not.toBeNull();
    expect(item.reason).toMatch(/^model 0\.\d\d, but the rules say in$/);
    expect(item.phrases).toEqual([{ phrase: 'speech recognition', field: 'title' }]);
  });

  it('a shelf curation.yaml decides is shown as curation left it, and the answer is said to teach the model only', () => {
    const curated = catalog.map((p) => (p.id === 'rules-disagree' ? { ...p, curated: { added: [], removed: ['speech'] } } : p));
    const item = reviewQueue(taxonomy, curated, trained, labels, { limit: 50, theme: 'speech' }).find((i) => i.paper === 'rules-disagree')!;
    expect(item.shelved).toBe(false);
    expect(item.reason).toMatch(/; curation\.yaml decides its shelf, and the answer teaches the model$/);
    expect(queue({ theme: 'speech' }).find((i) => i.paper === 'rules-disagree')!.reason).not.toContain('curation');
  });

  it('for a theme decided by rules, asks about papers whose score is near the threshold', () => {
    const items = queue({ theme: 'vision' });
    expect(items.map((i) => [i.paper, i.ruleScore])).toContainEqual(['rules-disagree', 4]);
    expect(items.every((i) => i.probability === null)).toBe(true);
  });

  it('for a theme decided by rules, asks about its clearest matches too, after the near ones', () => {
    // A new theme needs papers in as well as out before a model can learn it.
    const items = queue({ theme: 'vision' });
    const asked = items.map((i) => i.paper);
    expect(items.find((i) => i.paper === 'sure-image')!.ruleScore).toBeGreaterThanOrEqual(8);
    expect(asked.indexOf('sure-image')).toBeGreaterThan(asked.indexOf('rules-disagree'));
  });

  it('for a theme decided by rules, takes the rules\' ins and outs in turn, so that the first answers teach it both', () => {
    // Many weak matches just below the threshold, and a few clear ones far above it.
    const weak = Array.from({ length: 8 }, (_, i) => ({ id: `weak-${i}`, title: `Study ${i}`, abstract: 'An image of a cat.', hidden: false }));
    const clear = Array.from({ length: 3 }, (_, i) => ({ id: `clear-${i}`, title: `Image pixel image ${i}`, abstract: 'Pixels of an image, image by image.', hidden: false }));
    const items = reviewQueue(taxonomy, [...weak, ...clear], trained, new Map(), { limit: 50, theme: 'vision' });
    expect(items.slice(0, 6).map((i) => i.rulesIn)).toEqual([true, false, true, false, true, false]);
    expect(items.slice(6).every((i) => !i.rulesIn)).toBe(true);
  });

  it('for a theme decided by rules, asks last about papers no phrase matches, so that "no" answers come too', () => {
    // Honest answers about matches alone are mostly "yes"; a model needs ten papers out as well.
    const items = queue({ theme: 'vision' });
    const unmatched = items.filter((i) => i.phrases.length === 0);
    expect(unmatched.map((i) => i.paper)).toContain('unclear');
    const firstUnmatched = items.indexOf(unmatched[0]!);
    expect(items.slice(0, firstUnmatched).every((i) => i.phrases.length > 0)).toBe(true);
    expect(items.slice(firstUnmatched).every((i) => i.phrases.length === 0)).toBe(true);
  });

  it('puts the most informative first and keeps to the limit', () => {
    const items = queue();
    expect(items.length).toBeGreaterThan(2);
    const priorities = items.map((i) => i.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(queue({ limit: 2 })).toEqual(items.slice(0, 2));
  });
});
