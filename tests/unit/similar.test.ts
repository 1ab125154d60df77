import { describe, expect, it } from 'vitest';
import { relatedPapers, termSpace } from '../../src/lib/related.ts';
import { packSimilar, SimilarIndex } from '../../src/lib/similar.ts';

const paper = (id: string, title: string, abstract: string) => ({ id, title, abstract });

const papers = [
  paper('rf-1', 'Rectified Flow for One-Step Generation', 'We distill a rectified flow into a one-step generator with straight paths and few steps.'),
  paper('rf-2', 'Faster Rectified Flow Sampling', 'Straight paths make rectified flow sampling fast; we distill it to one step.'),
  paper('rf-3', 'Rectified Flow Transformers for Images', 'Scaling rectified flow transformers for image synthesis with straight paths.'),
  paper('ctc-1', 'CTC Alignment for Speech Recognition', 'Connectionist temporal classification aligns speech frames with transcripts for speech recognition.'),
  paper('ctc-2', 'Streaming Speech Recognition with CTC', 'A streaming recognizer trained with connectionist temporal classification.'),
  paper('ctc-3', 'CTC Decoding for Speech Transcripts', 'Fast decoding of connectionist temporal classification for speech transcripts.'),
  paper('moe-1', 'Sparse Mixture of Experts Routing', 'Experts are chosen by a learned router for each token.'),
  paper('moe-2', 'Balanced Routing for Mixture of Experts', 'A router that balances load across experts.'),
  paper('moe-3', 'Expert Routing at Scale', 'Sparse experts at scale: a learned router with capacity limits.'),
];
/**
 * Papers that share nothing, so the catalog is large enough (30) for a term in three papers to
 * count: terms in more than a tenth of the papers relate everything, so nothing, and are left out.
 */
const WORDS = ['amber', 'basalt', 'cobalt', 'dune', 'ember', 'fjord', 'garnet', 'heron', 'iris', 'jade', 'kelp', 'lichen', 'moss', 'nectar', 'opal', 'pumice', 'quartz', 'reef', 'slate', 'tundra', 'umber'];
const catalog = [...papers, ...WORDS.map((w) => paper(`x-${w}`, `On ${w}`, `A study of ${w}, ${w}s and ${w}-like things.`))];

const space = termSpace(catalog);
/** Through JSON, as the browser gets it. */
const index = new SimilarIndex(JSON.parse(JSON.stringify(packSimilar(catalog, space, (id) => `papers/${id}/`))));

describe('find similar', () => {
  it('finds the paper whose title and abstract were pasted first', () => {
    // One-sentence abstracts are too short to tell papers apart alone; the bench and the
    // end-to-end tests paste real abstracts without their titles.
    for (const p of papers) expect(index.like(`${p.title}. ${p.abstract}`)[0]!.url, p.id).toBe(`papers/${p.id}/`);
  });

  it('finds papers on the subject of any paragraph, with the terms that make them close', () => {
    const hits = index.like('How should a router send each token to sparse experts?');
    expect(hits.slice(0, 3).map((h) => h.url).sort()).toEqual(['papers/moe-1/', 'papers/moe-2/', 'papers/moe-3/']);
    expect(hits[0]!.terms.length).toBeGreaterThan(0);
    expect(hits[0]!.terms.every((t) => /router|experts|token|sparse/.test(t))).toBe(true);
    expect(hits.map((h) => h.score)).toEqual(hits.map((h) => h.score).toSorted((a, b) => b - a));
  });

  it('from a paper, ranks its neighbours as its related-papers list does, and leaves it out', () => {
    const related = relatedPapers(catalog, 5, space);
    for (const p of papers) {
      const found = index.likePaper(`papers/${p.id}/`, 5)!;
      expect(found.title).toBe(p.title);
      expect(found.hits.map((h) => h.url)).not.toContain(`papers/${p.id}/`);
      expect(found.hits[0]?.url, p.id).toBe(`papers/${related.get(p.id)![0]!.id}/`);
    }
    expect(index.likePaper('papers/nope/')).toBeNull();
  });

  it('finds nothing for text that shares no telling term, and at most the count asked for', () => {
    expect(index.like('')).toEqual([]);
    expect(index.like('the of and with')).toEqual([]);
    expect(index.like(papers.map((p) => p.abstract).join(' '), 4)).toHaveLength(4);
    expect(index.size).toBe(catalog.length);
  });
});
