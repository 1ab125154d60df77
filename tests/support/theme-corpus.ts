/**
 * A small made-up corpus for the theme model's tests: papers about speech recognition or
 * about image generation, written from word lists, so what a model should learn is known.
 */
import type { LabelledPaper } from '../../src/ingest/shelve.ts';

const speech = ['speech recognition', 'acoustic model', 'word error rate', 'transcription', 'spoken utterances', 'phoneme decoding'];
const images = ['image synthesis', 'pixel grid', 'photorealistic samples', 'visual quality', 'image editing', 'texture details'];
const shared = ['we propose', 'a transformer', 'experiments show', 'strong baselines', 'large scale training', 'our code is public'];

/** `n` papers, alternating speech (labelled in `theme`) and images (labelled out). */
export function madeUpPapers(n: number, theme = 'speech'): LabelledPaper[] {
  return Array.from({ length: n }, (_, i) => {
    const topic = i % 2 === 0 ? speech : images;
    const pick = (list: string[], k: number) => list[(i * 7 + k * 3) % list.length]!;
    return {
      id: `paper-${String(i).padStart(3, '0')}`,
      title: `${pick(topic, 0)} with ${pick(shared, 1)}`,
      abstract: `${pick(shared, 2)} for ${pick(topic, 3)}. It improves ${pick(topic, 4)} and ${pick(topic, 5)}; ${pick(shared, 6)}.`,
      labels: new Map([[theme, i % 2 === 0]]),
    };
  });
}
