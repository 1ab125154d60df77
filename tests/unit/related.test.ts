import { describe, expect, it } from 'vitest';
import { relatedPapers } from '../../src/lib/related.ts';

const paper = (id: string, title: string, abstract: string) => ({ id, title, abstract });

const papers = [
  paper('rf-1', 'Rectified Flow for One-Step Generation', 'We distill a rectified flow into a one-step generator with straight paths.'),
  paper('rf-2', 'Faster Rectified Flow Sampling', 'Straight paths make rectified flow sampling fast; we distill it to one step.'),
  paper('ctc-1', 'CTC Alignment for Speech Recognition', 'Connectionist temporal classification aligns speech frames with transcripts.'),
  paper('ctc-2', 'Streaming Speech Recognition with CTC', 'A streaming recognizer trained with connectionist temporal classification.'),
  paper('moe-1', 'Sparse Mixture of Experts Routing', 'Experts are chosen by a learned router for each token.'),
  paper('moe-2', 'Balanced Routing for Mixture of Experts', 'A router that balances load across experts.'),
];

describe('related papers', () => {
  const related = relatedPapers(papers);

  it('finds the paper on the same subject first, never the paper itself', () => {
    expect(related.get('rf-1')![0]!.id).toBe('rf-2');
    expect(related.get('ctc-2')![0]!.id).toBe('ctc-1');
    expect(related.get('moe-1')![0]!.id).toBe('moe-2');
    for (const [id, list] of related) expect(list.map((r) => r.id)).not.toContain(id);
  });

  it('explains each match with terms both papers share, phrases before their words', () => {
    const terms = related.get('rf-1')![0]!.terms;
    expect(terms).toContain('rectified flow');
    expect(terms).not.toContain('rectified');
    expect(terms.length).toBeLessThanOrEqual(3);
  });

  it('reads no web address as words: two papers with code on GitHub are not related by "https" or "com"', () => {
    const linked = [
      paper('a', 'Linear Attention Kernels', 'Kernels speed up attention: https://github.com/thuml/Flowformer and www.example.com/a'),
      paper('b', 'Speech Enhancement Networks', 'Denoising recorded voices: https://github.com/thuml/Speech-Enhance'),
      paper('c', 'Fast Linear Attention', 'Kernels make attention linear in time.'),
    ];
    const found = relatedPapers(linked);
    expect(found.get('a')!.map((r) => r.id)).toEqual(['c']);
    expect(found.get('b') ?? []).toEqual([]);
  });

  it('gives at most the requested number, strongest first', () => {
    // A paper that shares a different subject with each of three others: more related papers than asked for.
    const hub = [
      paper('hub', 'Quantization, Tokenizers and Diffusion', 'Quantization of quantization grids; tokenizer merges; diffusion samplers.'),
      paper('q', 'Post-Training Quantization', 'Rounding weights to fewer bits.'),
      paper('t', 'Tokenizer Design', 'Merging byte pairs into a vocabulary.'),
      paper('d', 'Diffusion Samplers', 'Denoising images step by step.'),
      paper('g', 'Graph Neural Networks', 'Message passing over edges.'),
    ];
    const all = relatedPapers(hub).get('hub')!;
    expect(all.map((r) => r.id).toSorted()).toEqual(['d', 'q', 't']);
    expect(all.map((r) => r.score)).toEqual(all.map((r) => r.score).toSorted((a, b) => b - a));
    expect(relatedPapers(hub, 2).get('hub')).toEqual(all.slice(0, 2));
  });

  it('does not depend on the order papers come in', () => {
    const reversed = relatedPapers(papers.toReversed());
    for (const { id } of papers) expect(reversed.get(id)).toEqual(related.get(id));
  });

  it('relates nothing through words every paper uses', () => {
    const same = [paper('a', 'Transformer', 'A transformer model.'), paper('b', 'Transformer', 'A transformer model.'), paper('c', 'Transformer', 'A transformer model.')];
    for (const list of relatedPapers(same).values()) expect(list).toEqual([]);
  });
});
