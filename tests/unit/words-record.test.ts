import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/offline/extract.ts';
import { addWords, wordForm } from '../../src/build/words-record.ts';

describe('the words record of an index in parts', () => {
  it('holds each word once, however the pages capitalise or punctuate it', () => {
    for (const token of ['Transformer', 'transformer,', '(TRANSFORMER)', 'transformer…”', '“Transformer']) expect(wordForm(token), token).toBe('transformer');
  });

  it('keeps a word that mixes cases inside as written, since Pagefind splits it there', () => {
    expect(wordForm('FlashAttention-2')).toBe('FlashAttention-2');
    expect(wordForm('iTransformer.')).toBe('iTransformer');
  });

  it('keeps what is inside a word: hyphens, apostrophes, digits', () => {
    expect(wordForm('state-of-the-art')).toBe('state-of-the-art');
    expect(wordForm("model's")).toBe("model's");
    expect(wordForm('GPT-4')).toBe('gpt-4');
  });

  it('drops tokens that are only punctuation', () => {
    expect(wordForm('—')).toBe('');
  });

  it('reads only what Pagefind indexes: not the citation or links a page leaves out', () => {
    const page = extractPage(`<article data-pagefind-body>
      <h1>Linear Attention &amp; Friends</h1>
      <p class="abstract">Linear attention, revisited.</p>
      <section data-pagefind-ignore><pre>@misc{linear-attention-and-friends, url = {https://example.org/papers/linear-attention-and-friends/}}</pre></section>
    </article>`)!;
    const words = new Set<string>();
    addWords(words, page);
    expect([...words].sort()).toEqual(['attention', 'friends', 'linear', 'revisited']);
  });
});
