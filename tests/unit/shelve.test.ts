/**
 * Which shelves a paper goes on: a person's label first, then the theme's model with the rules
 * as a second signal, and the rules alone for a theme nobody has labelled.
 */
import { describe, expect, it } from 'vitest';
import { createJudge, createShelver, MIN_EXAMPLES, trainThemeModels, type LabelledPaper } from '../../src/ingest/shelve.ts';
import type { Theme } from '../../src/schemas/theme.ts';
import { madeUpPapers } from '../support/theme-corpus.ts';

const taxonomy: Theme[] = [
  {
    id: 'speech',
    name: 'Speech',
    description: 'Speech recognition.',
    threshold: 3,
    phrases: [
      { match: 'speech recognition', weight: 3 },
      { match: 'lipreading', weight: 3 },
      { match: 'text to speech', weight: -3 },
      // Made of stopwords, which the text model never sees: only the rules can tell these apart.
      { match: 'new approach', weight: 6 },
      { match: 'well based', weight: -6 },
    ],
  },
  { id: 'vision', name: 'Vision', description: 'Images.', threshold: 3, phrases: [{ match: 'image*', weight: 3 }] },
];
const VAGUE = { title: 'A transformer study', abstract: 'Experiments show strong baselines.' };
// Papers whose words say nothing; the ones in the theme have the rules' stopword phrase.
const vague = Array.from({ length: 40 }, (_, i) => ({ id: `vague-${i}`, title: VAGUE.title, abstract: `${VAGUE.abstract}${i % 2 === 0 ? ' A new approach.' : ''}`, labels: new Map([['speech', i % 2 === 0]]) }));
const labelled = [...madeUpPapers(60), ...vague];
const trained = trainThemeModels(taxonomy, labelled);
const labels = new Map(labelled.map((p) => [p.id, p.labels]));
const shelve = createShelver(taxonomy, trained, labels);
const paper = (title: string, abstract: string, id = 'new-paper') => shelve({ id, title, abstract });

describe('a theme with labelled papers', () => {
  it('gets a model; a theme without labels does not', () => {
    expect([...trained.models.keys()]).toEqual(['speech']);
  });

  it('shelves an unlabelled paper by the model, with its score, phrases and strongest terms', () => {
    const { themes, evidence } = paper('An acoustic model for transcription', 'Lower word error rate on spoken utterances.');
    expect(themes).toEqual(['speech']);
    expect(evidence.speech!.by).toBe('model');
    expect(evidence.speech!.score).toBeGreaterThanOrEqual(0.5);
    expect(evidence.speech!.score).toBe(Math.round(evidence.speech!.score! * 100) / 100);
    expect(evidence.speech!.phrases).toEqual([]);
    expect(evidence.speech!.terms.length).toBeGreaterThan(0);
  });

  it('keeps a paper the model finds unlikely off the shelf, even with a weak rule match', () => {
    expect(paper('Image synthesis', 'Photorealistic samples; speech recognition is mentioned once.').themes).not.toContain('speech');
  });

  it('weighs the rules beside the words: a strong match adds a paper whose words say nothing', () => {
    expect(paper(VAGUE.title, `${VAGUE.abstract} A new approach.`).themes).toContain('speech');
    expect(paper(VAGUE.title, VAGUE.abstract).themes).not.toContain('speech');
    expect(paper(VAGUE.title, `${VAGUE.abstract} A new approach.`).evidence.speech!.phrases).toEqual([{ phrase: 'new approach', field: 'abstract' }]);
  });

  it('lowers the score of a paper with strong false friends', () => {
    const judge = createJudge(taxonomy, trained, new Map());
    const probability = (abstract: string) => judge({ id: 'x', title: 'An acoustic model', abstract }).judgements[0]!.probability!;
    expect(probability('Transcription of spoken utterances, well based.')).toBeLessThan(probability('Transcription of spoken utterances.'));
    expect(paper(VAGUE.title, `${VAGUE.abstract} Well based.`).themes).not.toContain('speech');
  });

  it('gives a labelled paper its label, whatever the model and the rules say', () => {
    const positive = labelled.find((p) => p.labels.get('speech'))!;
    const relabelled = createShelver(taxonomy, trained, new Map([[positive.id, new Map([['speech', false]])]]));
    expect(relabelled(positive).themes).not.toContain('speech');
    const negative = labelled.find((p) => !p.labels.get('speech'))!;
    const { themes, evidence } = createShelver(taxonomy, trained, new Map([[negative.id, new Map([['speech', true]])]]))(negative);
    expect(themes).toContain('speech');
    expect(evidence.speech).toMatchObject({ by: 'label', score: null, terms: [] });
  });
});

describe('a theme without enough labels', () => {
  it(`is decided by its rules until it has ${MIN_EXAMPLES} papers labelled in and out`, () => {
    expect(paper('Image editing', 'Texture details.').evidence.vision).toEqual({ by: 'rules', score: null, phrases: [{ phrase: 'image*', field: 'title' }], terms: [] });
    const few = trainThemeModels(taxonomy, madeUpPapers(2 * MIN_EXAMPLES - 2));
    expect(few.models.size).toBe(0);
    expect(trainThemeModels(taxonomy, madeUpPapers(2 * MIN_EXAMPLES)).models.size).toBe(1);
  });
});

describe('shelving', () => {
  it('does not depend on the order the labels were read in', () => {
    const reversed = trainThemeModels(taxonomy, [...labelled].reverse());
    expect([...reversed.models.get('speech')!.weights]).toEqual([...trained.models.get('speech')!.weights]);
  });
});

describe('teaching one theme', () => {
  // Papers labelled for vision only, in words the speech papers never use: a reviewer's new batch.
  const visionPapers = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `vision-${String(i).padStart(3, '0')}`,
      title: i % 2 === 0 ? `Generative adversarial image synthesis ${i}` : `Convolutional pixel grid classifier ${i}`,
      abstract: i % 2 === 0 ? 'Sharper photorealistic samples from a latent image prior.' : 'Residual layers for object detection on benchmark datasets.',
      labels: new Map([['vision', i % 2 === 0]]),
    }));
  // The speech papers, a few of them also labelled for vision.
  const speechOnly = madeUpPapers(60);
  const alsoVision = speechOnly.map((p, i) => (i < 6 ? { ...p, labels: new Map([...p.labels, ['vision', false]]) } : p));
  const probes = [
    ...speechOnly,
    ...visionPapers(2 * MIN_EXAMPLES + 4),
    { id: 'unseen-1', title: 'Speech recognition for spoken utterances', abstract: 'A generative image prior lowers word error rate.' },
    { id: 'unseen-2', title: 'Image editing with texture details', abstract: 'Photorealistic samples; an acoustic model is mentioned once.' },
  ];
  /** What speech's model says of every probe paper: its probability, decision and strongest terms. */
  const speechSays = (labelled: LabelledPaper[]) => {
    const judge = createJudge(taxonomy, trainThemeModels(taxonomy, labelled), new Map());
    return probes.map((p) => {
      const { judgements, terms } = judge(p);
      const speech = judgements.find((j) => j.theme === 'speech')!;
      return { paper: p.id, probability: speech.probability, in: speech.in, by: speech.by, terms: terms('speech') };
    });
  };
  const before = speechSays(speechOnly);

  it.each([
    ['enough for a model of its own', 2 * MIN_EXAMPLES + 4],
    ['too few for a model', 2 * MIN_EXAMPLES - 4],
  ])("does not move another theme's scores or decisions when its labels are added or removed (%s)", (_, n) => {
    const withVision = [...alsoVision, ...visionPapers(n)];
    expect(trainThemeModels(taxonomy, withVision).models.has('vision')).toBe(n >= 2 * MIN_EXAMPLES);
    expect(before.every((s) => s.by === 'model')).toBe(true);
    expect(new Set(before.map((s) => s.in))).toEqual(new Set([true, false]));
    // Added: the speech model reads every paper as it did before the vision labels.
    expect(speechSays(withVision)).toEqual(before);
    // Some removed again (half the vision papers, and the vision labels on speech papers): still the same.
    const fewer = [...speechOnly, ...visionPapers(n).filter((_, i) => i % 4 < 2)];
    expect(speechSays(fewer)).toEqual(before);
  });
});
