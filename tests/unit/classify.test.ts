import { describe, expect, it } from 'vitest';
import { createClassifier, phraseParts, phrasePattern, sentences } from '../../src/ingest/classify.ts';
import { taxonomySchema } from '../../src/schemas/theme.ts';
import type { Theme } from '../../src/schemas/theme.ts';

/** A one-theme taxonomy: `threshold` and the phrases with their weights. */
function theme(id: string, threshold: number, phrases: Record<string, number>): Theme {
  return { id, name: id, description: `${id} papers`, threshold, phrases: Object.entries(phrases).map(([match, weight]) => ({ match, weight })) };
}

describe('phrase matching', () => {
  const matches = (phrase: string, text: string) => phrasePattern(phrase).test(text);

  it('ignores letter case', () => {
    expect(matches('asr', 'end-to-end ASR systems')).toBe(true);
  });

  it('matches whole words only', () => {
    expect(matches('asr', 'a laser beam')).toBe(false);
    expect(matches('flux', 'influx of data')).toBe(false);
    expect(matches('ctc', 'CTC-based decoding')).toBe(true);
  });

  it('a space in a phrase also matches a hyphen or several spaces', () => {
    expect(matches('kv cache', 'KV-cache compression')).toBe(true);
    expect(matches('kv cache', 'the kv  cache')).toBe(true);
    expect(matches('kv cache', 'kvcache')).toBe(false);
  });

  it('a trailing * matches any word ending, but not a longer word in front', () => {
    expect(matches('transformer*', 'Vision Transformers')).toBe(true);
    expect(matches('transformer*', 'transformer-based')).toBe(true);
    expect(matches('transformer*', 'pretransformer')).toBe(false);
  });

  it('a hyphen or space at either end of a phrase is no word: "-attention" is "attention", as the schema reads it', () => {
    expect(matches('-attention', 'sparse attention')).toBe(true);
    expect(matches('-attention', 'attention is all you need')).toBe(true);
    expect(matches('kv cache- ', 'a KV cache')).toBe(true);
  });

  it('a * can end any word of a phrase', () => {
    expect(matches('combin* convolution*', 'combining convolutions with attention')).toBe(true);
    expect(matches('combin* convolution*', 'combining the convolutions')).toBe(false);
  });

  it('without a *, a longer word does not match', () => {
    expect(matches('mamba', 'Mambaformer')).toBe(false);
  });

  it('regular-expression characters in a phrase match themselves', () => {
    expect(matches('c++', 'written in C++ code')).toBe(true);
    expect(matches('c++', 'written in C code')).toBe(false);
    expect(matches('d.c', 'a dxc b')).toBe(false);
  });

  it('matches letters beyond ASCII on word boundaries', () => {
    expect(matches('über', 'ein Über-Modell')).toBe(true);
    expect(matches('ber', 'ein Über-Modell')).toBe(false);
  });
});

describe('shelving a paper', () => {
  it('a match in the title counts twice', () => {
    const classify = createClassifier([theme('flows', 4, { 'flow matching': 2 })]);
    expect(classify('Flow Matching for Generative Modeling', 'We train models.').themes).toEqual(['flows']);
    expect(classify('Generative Modeling', 'We train models by flow matching.').themes).toEqual([]);
  });

  it('a phrase counts once per field, however often it occurs there', () => {
    const classify = createClassifier([theme('attention', 2, { attention: 1 })]);
    expect(classify('A title', 'attention, attention and more attention').themes).toEqual([]);
  });

  it('a score equal to the threshold is enough', () => {
    const classify = createClassifier([theme('asr', 3, { asr: 3 })]);
    expect(classify('A title', 'an ASR system').themes).toEqual(['asr']);
  });

  it('a negative weight keeps a false friend out', () => {
    const classify = createClassifier([theme('flows', 3, { 'flow*': 3, 'optical flow': -3 })]);
    expect(classify('Rectified Flow', 'fast sampling').themes).toEqual(['flows']);
    expect(classify('RAFT: Recurrent All-Pairs Field Transforms for Optical Flow', 'optical flow estimation').themes).toEqual([]);
  });

  it('a paper joins every theme that reaches its threshold, in taxonomy order', () => {
    const classify = createClassifier([theme('speech', 3, { speech: 3 }), theme('hybrid', 3, { hybrid: 3 }), theme('vision', 3, { image: 3 })]);
    expect(classify('Hybrid CTC for speech', 'no pictures').themes).toEqual(['speech', 'hybrid']);
  });

  it('evidence names each positive match and where it was found, for every theme with one', () => {
    const classify = createClassifier([
      theme('flows', 3, { 'rectified flow*': 3, reflow: 2, 'optical flow': -1 }),
      theme('speech', 3, { speech: 3 }),
    ]);
    const { evidence, scores } = classify('Rectified Flows and optical flow', 'We apply reflow to rectified flow models.');
    expect(scores).toEqual({ flows: 3 * 2 + 3 + 2 - 1 * 2, speech: 0 });
    expect(classify('Speech', 'Rectified flow, once.').evidence).toEqual({ speech: [{ phrase: 'speech', field: 'title' }], flows: [{ phrase: 'rectified flow*', field: 'abstract' }] });
    expect(evidence).toEqual({
      flows: [
        { phrase: 'rectified flow*', field: 'title' },
        { phrase: 'rectified flow*', field: 'abstract' },
        { phrase: 'reflow', field: 'abstract' },
      ],
    });
  });

  it('a phrase is found whatever words it needs: word starts only, short ones, words sharing first letters, words beyond ASCII', () => {
    const classify = createClassifier([theme('any', 1, { 'robot*': 1, 'ai*': 1, attention: 1, 'attend*': 1, 'kv cache': 1, 'überblick & robot*': 1 })]);
    const found = (title: string) => (classify(title, '').evidence.any ?? []).map(({ phrase }) => phrase);
    expect(found('Robotic grasping')).toEqual(['robot*']);
    expect(found('Sim-to-robot transfer')).toEqual(['robot*']);
    expect(found('Carobots')).toEqual([]);
    expect(found('AIGC pipelines')).toEqual(['ai*']);
    expect(found('Attend to attention')).toEqual(['attention', 'attend*']);
    expect(found('KV-cache eviction')).toEqual(['kv cache']);
    expect(found('Ein Überblick über Roboter')).toEqual(['robot*', 'überblick & robot*']);
  });

  it('a phrase "a & b" scores only when both parts are in the same field', () => {
    const classify = createClassifier([theme('hybrid', 3, { 'convolution* & attention': 3 })]);
    expect(classify('Convolutions meet attention', 'A study.').themes).toEqual(['hybrid']);
    expect(classify('A study', 'We mix convolutions and self attention.').themes).toEqual(['hybrid']);
    expect(classify('Convolutions everywhere', 'We revisit attention.').themes).toEqual([]);
    expect(classify('Convolutions meet attention', 'A study.').evidence).toEqual({ hybrid: [{ phrase: 'convolution* & attention', field: 'title' }] });
  });

  it('a phrase "a ~ b" scores only when both parts are in the same sentence', () => {
    const classify = createClassifier([theme('efficient', 1, { 'efficien* ~ attention': 1 })]);
    expect(classify('A study', 'We make attention efficient. It scales.').themes).toEqual(['efficient']);
    expect(classify('A study', 'Attention is everywhere. We propose an efficient decoder.').themes).toEqual([]);
    expect(classify('Efficient attention', 'A study.').evidence).toEqual({ efficient: [{ phrase: 'efficien* ~ attention', field: 'title' }] });
  });

  it('"~" can join more than two parts, all in one sentence', () => {
    const classify = createClassifier([theme('standin', 2, { 'replac* ~ attention ~ efficien*': 2 })]);
    expect(classify('A study', 'We replace self-attention with pooling for efficiency.').themes).toEqual(['standin']);
    expect(classify('A study', 'We replace self-attention with pooling. It is efficient.').themes).toEqual([]);
  });

  it('sentences end at . ! or ? before a capital, digit or bracket, not inside "e.g., ViT"', () => {
    expect(sentences('Attention is costly. We fix it! Does it work? (Yes) It is. 3x faster.')).toEqual(['Attention is costly.', 'We fix it!', 'Does it work?', '(Yes) It is.', '3x faster.']);
    expect(sentences('Backbones (e.g., ViT) and windows, i.e. local attention.')).toHaveLength(1);
  });

  it('a phrase uses one scope: "&" and "~" together are rejected', () => {
    expect(phraseParts('a & b')).toEqual({ scope: 'field', parts: ['a ', ' b'] });
    expect(phraseParts('a ~ b')).toEqual({ scope: 'sentence', parts: ['a ', ' b'] });
    expect(() => phraseParts('a & b ~ c')).toThrow(/mixes/);
    const mixed = [{ id: 'x', name: 'x', description: 'x', threshold: 1, phrases: [{ match: 'a & b ~ c', weight: 1 }] }];
    expect(taxonomySchema.safeParse(mixed).success).toBe(false);
  });

  it('a phrase with no word in it, blank or only "*", is rejected: it would match every paper', () => {
    const taxonomy = (match: string) => [{ id: 'x', name: 'x', description: 'x', threshold: 1, phrases: [{ match, weight: 1 }] }];
    expect(taxonomySchema.safeParse(taxonomy('  ')).success).toBe(false);
    expect(taxonomySchema.safeParse(taxonomy('*')).success).toBe(false);
  });

  it('a phrase with nothing on one side of "&" or "~" is rejected: that side would match every paper', () => {
    const taxonomy = (match: string) => [{ id: 'x', name: 'x', description: 'x', threshold: 1, phrases: [{ match, weight: 1 }] }];
    expect(taxonomySchema.safeParse(taxonomy('flow matching &')).success).toBe(false);
    expect(taxonomySchema.safeParse(taxonomy('~ attention')).success).toBe(false);
    expect(taxonomySchema.safeParse(taxonomy('a && b')).success).toBe(false);
  });

  it('a phrase is words: punctuation it would look for literally, or a "*" mid-word, is rejected with the word named', () => {
    const problem = (match: string) => {
      const result = taxonomySchema.safeParse([{ id: 'x', name: 'x', description: 'x', threshold: 1, phrases: [{ match, weight: 1 }] }]);
      return result.success ? undefined : result.error.issues.map((i) => i.message).join('; ');
    };
    expect(problem('(long context')).toMatch(/^"\(long" has "\("/);
    expect(problem('long.context')).toMatch(/"long\.context" has "\."/);
    expect(problem('long_context')).toMatch(/has "_"/);
    expect(problem('long context?')).toMatch(/"context\?" has "\?"/);
    expect(problem('long cont*xt')).toMatch(/"cont\*xt": "\*" goes only at the end of a word/);
    expect(problem('reflow *')).toBe('"*": "*" goes only at the end of a word, where it matches any ending');
    // What papers do write inside a word is still text to find.
    for (const fine of ['long-context', 'efficien* ~ attention', 'C++ kernels', "Bayes's rule", 'GPT-3.5', 'Mamba’s']) expect(problem(fine), fine).toBeUndefined();
  });

  it('a paper no phrase matches is in no theme', () => {
    const classify = createClassifier([theme('speech', 3, { speech: 3 })]);
    expect(classify('A ConvNet for the 2020s', 'We revisit convolutions.')).toEqual({ themes: [], scores: { speech: 0 }, evidence: {} });
  });
});
