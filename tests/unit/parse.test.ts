import { describe, expect, it } from 'vitest';
import { isChromeLine, stripGluedChrome } from '../../src/ingest/chrome.ts';
import { organisationName, parseListing } from '../../src/ingest/parse.ts';
import { errorsIn, lineOf, readListingFixture, warningsIn } from '../support/fixtures.ts';

/** Parses `tests/fixtures/listings/<name>`; diagnostics name it `listings/<name>`. */
function parseFixture(name: string) {
  const text = readListingFixture(name);
  return { text, file: `listings/${name}`, ...parseListing(`listings/${name}`, text) };
}

describe('line layout: a title line, then its abstract line, repeated', () => {
  const { text, papers, diagnostics } = parseFixture('line-layout.txt');

  it('gives one paper per title line, with the abstract from the next line', () => {
    expect(papers.map((p) => p.title)).toEqual([
      'Flow Matching for Generative Modeling',
      'Attention Is All You Need',
      'Conformer: Convolution-augmented Transformer for Speech Recognition',
    ]);
    expect(papers[1]!.abstract).toBe(text.split('\n')[lineOf(text, 'Attention Is All You Need')]);
  });

  it('page chrome lines are not papers', () => {
    expect(papers.some((p) => isChromeLine(p.title) || isChromeLine(p.abstract))).toBe(false);
  });

  it('each paper records the line of its title', () => {
    expect(papers.map((p) => p.line)).toEqual([4, 6, 8]);
  });

  it('a listing without metadata gives papers without metadata, and no diagnostics', () => {
    expect(papers.every((p) => p.authorsCount === null && p.org === null && p.date === null && p.dateLine === null)).toBe(true);
    expect(diagnostics).toEqual([]);
  });
});

describe('page chrome', () => {
  it('chrome glued to the first title is cut off, leaving the title', () => {
    const { papers, diagnostics } = parseFixture('chrome-glued-to-first-title.txt');
    expect(papers[0]).toMatchObject({ title: 'Scaling Rectified Flow Transformers for High-Resolution Image Synthesis', line: 3 });
    expect(diagnostics).toEqual([]);
  });

  it('a later title that starts with a chrome word is kept whole', () => {
    const { papers } = parseFixture('chrome-glued-to-first-title.txt');
    expect(papers[1]!.title).toBe('New Solutions on LLM Acceleration, Optimization, and Application');
  });

  it('only a glued phrase followed by more text is cut, the longest first', () => {
    expect(stripGluedChrome('SubscribeScaling Rectified Flow')).toBe('Scaling Rectified Flow');
    expect(stripGluedChrome('Get trending papers in your email inbox once a day!Mamba')).toBe('Mamba');
    expect(stripGluedChrome('Subscribe')).toBe('Subscribe');
    expect(stripGluedChrome('Attention Is All You Need')).toBe('Attention Is All You Need');
  });

  it('a paper titled like chrome after the page header is a paper, between others or last', () => {
    const abstract = 'A paper whose title is one short word that the listing site also prints as a badge or button.';
    const other = 'Attention Is All You Need';
    const otherAbstract = 'The Transformer, a network built on attention alone, without recurrence or convolutions.';
    for (const [title, text] of [
      ['new', `${other}\n${otherAbstract}\nnew\n${abstract}\n${other} Again\n${otherAbstract}\n`],
      ['Subscribe', `${other}\n${otherAbstract}\n\nSubscribe\n\n${abstract}\n\n${other}\n${otherAbstract}\n`],
      ['Daily Papers', `${other}\n${otherAbstract}\nDaily Papers\n${abstract}\n`],
      ['new', `${other}\n${otherAbstract}\nnew\n${abstract}\n• 3 authors\n·\nDec 8, 2024\n`],
      // An abstract shorter than the next paper's title: it ends a sentence, a title does not.
      ['Spaces', `${other}\n${otherAbstract}\nSpaces\nA short abstract of some sixty characters.\nA Much Longer Title of the Paper That Follows It in the Same Listing Page\n${otherAbstract}\n`],
    ] as const) {
      const { papers, diagnostics } = parseListing('l.txt', text);
      expect(diagnostics).toEqual([]);
      expect(papers.map((p) => p.title)).toContain(title);
      expect(papers.find((p) => p.title === title)!.abstract).toBe(title === 'Spaces' ? 'A short abstract of some sixty characters.' : abstract);
    }
  });

  it('chrome between papers and at the end of the page is still chrome', () => {
    const text = 'new\nSubscribe\nFlow Matching for Generative Modeling\nA way to train continuous normalizing flows by regressing vector fields.\nnew\nAttention Is All You Need\nThe Transformer, a network built on attention alone.\nSubscribe\nDaily Papers\n';
    const { papers, diagnostics } = parseListing('l.txt', text);
    expect(diagnostics).toEqual([]);
    expect(papers.map((p) => p.title)).toEqual(['Flow Matching for Generative Modeling', 'Attention Is All You Need']);
  });

  it('a second page pasted below the first: its header, chrome and page date, is not a paper', () => {
    const page = (title: string) => `new\n\nSubscribe\n\nbyAK and the research community\n\nDec 11\n\n${title}\n\nAn abstract long enough to be read as one, about attention in transformers.\n\n`;
    const { papers, diagnostics } = parseListing('l.txt', `${page('Flow Matching for Generative Modeling')}${page('Attention Is All You Need')}`);
    expect(diagnostics).toEqual([]);
    expect(papers.map((p) => p.title)).toEqual(['Flow Matching for Generative Modeling', 'Attention Is All You Need']);
  });

  it('a page date glued to the header is the page\'s date; a first title that starts with a chrome word and goes on is kept whole', () => {
    const abstract = 'An abstract long enough to be read as one, about attention in transformers.';
    expect(parseListing('l.txt', `Daily Papers\nSubscribeDec 11\nFlow Matching\n${abstract}\n`)).toMatchObject({ papers: [{ title: 'Flow Matching' }], diagnostics: [] });
    for (const title of ['Datasets: A Community Library for Natural Language Processing', 'Docstring Generation with Transformers', 'Models of Attention']) {
      expect(parseListing('l.txt', `Hugging Face\nModels\n${title}\n${abstract}\n`).papers.map((p) => p.title), title).toEqual([title]);
    }
  });

  it('a page selected whole brings the site\'s navigation bar and spaces of any kind: chrome too', () => {
    const nav = ['Hugging Face', 'Models', 'Datasets', 'Spaces', 'Community', 'Docs', 'Pricing', 'Log In', 'Sign Up', 'Daily\u00a0Papers', 'by AK and the research  community'];
    const { papers, diagnostics } = parseListing('l.txt', `${nav.join('\n')}\nDec 11\nFlow Matching for Generative Modeling\nAn abstract long enough to be read as one, about flows.\n`);
    expect(diagnostics).toEqual([]);
    expect(papers.map((p) => p.title)).toEqual(['Flow Matching for Generative Modeling']);
  });

  it('a title that starts with a word of the site\'s navigation bar keeps it: the bar is never glued to a title', () => {
    const abstract = 'An abstract long enough to be read as one, about language models and graphs.';
    for (const title of ['CommunityLM: Probing Partisan Worldviews from Language Models', 'Docs2KG: Unified Knowledge Graph Construction', 'ModelsLab: A Benchmark']) {
      expect(parseListing('l.txt', `Hugging Face\nModels\nCommunity\nDocs\nSubscribe\n${title}\n${abstract}\n`).papers.map((p) => p.title), title).toEqual([title]);
    }
  });

  it('the page\'s chrome glued to a page\'s first title is cut: by a tab, or below a second page\'s chrome', () => {
    const abstract = 'An abstract long enough to be read as one, about attention in transformers.';
    for (const text of [
      `Daily Papers\nSubscribe\tLinear Recurrences at Scale\n${abstract}\n`,
      `Flow Matching\n${abstract}\nnew\nSubscribeLinear Recurrences at Scale\n${abstract}\n`,
    ]) {
      expect(parseListing('l.txt', text).papers.map((p) => p.title).at(-1), text).toBe('Linear Recurrences at Scale');
    }
  });

  it('a title whose "abstract" is a word or two is page text (a user name, a footer link): an error at that line, and no paper', () => {
    const abstract = 'An abstract long enough to be read as one, about attention in transformers.';
    const { papers, diagnostics } = parseListing('l.txt', `Linear Recurrences at Scale\n${abstract}\nSubmitted by\nakhaliq\nOne-Step Flow\n${abstract}\nTOS\nPrivacy\n`);
    expect(papers.map((p) => p.title)).toEqual(['Linear Recurrences at Scale', 'One-Step Flow']);
    expect(errorsIn(diagnostics)).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringMatching(/^"akhaliq" \(7 characters\) is no abstract of "Submitted by"/) }),
      expect.objectContaining({ line: 8, message: expect.stringMatching(/^"Privacy" \(7 characters\) is no abstract of "TOS"/) }),
    ]);
  });

  it('a short abstract that is a sentence, in any script, is only worth a warning', () => {
    const { papers, diagnostics } = parseListing('l.txt', 'Tiny Paper\n我们发布了中文预训练模型。\nAnother Paper\nAn abstract long enough to be read as one, about attention.\nThird Paper\nAn abstract long enough to be read as one, about flows and more.\n');
    expect(papers).toHaveLength(3);
    expect(errorsIn(diagnostics)).toEqual([]);
    expect(warningsIn(diagnostics)).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('chrome is recognised as a whole line, in any case, with surrounding spaces', () => {
    expect(isChromeLine('  daily papers ')).toBe(true);
    expect(isChromeLine('Daily Papers: a survey')).toBe(false);
  });
});

describe('block layout: blocks separated by blank lines', () => {
  const { text, papers, diagnostics } = parseFixture('block-layout.txt');

  it('reads title and abstract blocks like lines, with the title\'s line number', () => {
    expect(papers.map((p) => [p.title, p.line])).toEqual([
      ['Multi-Objective Decision Transformers for Offline Reinforcement Learning', lineOf(text, 'Multi-Objective Decision Transformers for Offline Reinforcement Learning')],
      ['Transformers in Reinforcement Learning: A Survey', lineOf(text, 'Transformers in Reinforcement Learning: A Survey')],
    ]);
    expect(papers[1]!.abstract).toMatch(/^Transformers have significantly impacted domains/);
  });

  it('a date alone before the first paper is the page\'s date and belongs to no paper', () => {
    expect(papers.every((p) => p.date === null)).toBe(true);
    expect(papers.some((p) => p.title === 'Mar 17')).toBe(false);
    expect(diagnostics).toEqual([]);
  });
});

describe('block layout with a metadata block after an abstract', () => {
  const { text, papers, diagnostics } = parseFixture('block-layout-with-metadata.txt');
  const byTitle = (start: string) => papers.find((p) => p.title.startsWith(start))!;

  it('reads every paper, with or without metadata, and reports nothing', () => {
    expect(papers).toHaveLength(5);
    expect(diagnostics).toEqual([]);
  });

  it('"• N authors" is the number of authors, and "1 author" counts too', () => {
    expect(byTitle('VPNeXt').authorsCount).toBe(4);
    expect(byTitle('Attention Is Not All You Need').authorsCount).toBe(1);
  });

  it('a count of authors in the thousands, written with a comma, is a count, not an organisation', () => {
    const { papers } = parseListing('l.txt', 'Gemini: A Family of Highly Capable Multimodal Models\nThis report introduces a new family of multimodal models.\n  • 1,350 authors\n·\nDec 19, 2023\n');
    expect(papers[0]).toMatchObject({ authorsCount: 1350, org: null });
  });

  it('a date without a year is kept without one, with the line it is on', () => {
    expect(byTitle('VPNeXt')).toMatchObject({ date: { month: 2, day: 23 }, dateLine: lineOf(text, 'Feb 23') });
    expect(byTitle('VPNeXt').date).not.toHaveProperty('year');
  });

  it('a number after the date is the upvote count', () => {
    expect(byTitle('PixArt').date).toEqual({ month: 9, day: 30, year: 2023, upvotes: 11 });
  });

  it('an organisation shown as "handle Name" in place of authors is the organisation, by name', () => {
    expect(byTitle('InfLLM-V2')).toMatchObject({ org: 'OpenBMB', authorsCount: null, date: { month: 9, day: 29, upvotes: 2 } });
  });

  it('the page\'s own date ("Dec 11") is given to no paper', () => {
    expect(papers.some((p) => p.date?.month === 12 && p.date.day === 11)).toBe(false);
  });

  it('a paper without a metadata block has no metadata', () => {
    expect(byTitle('A Paper Listed Without Metadata')).toMatchObject({ authorsCount: null, org: null, date: null });
  });

  it('titles keep LaTeX and symbols as written', () => {
    expect(byTitle('PixArt').title).toBe('PixArt-$α$: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis');
  });
});

describe('both layouts in one listing', () => {
  it('line-layout papers and blank-line blocks with metadata read together', () => {
    const { papers, diagnostics } = parseFixture('mixed-layouts.txt');
    expect(papers.map((p) => [p.title, p.authorsCount, p.date])).toEqual([
      ['Attention Is All You Need', null, null],
      ['Mamba: Linear-Time Sequence Modeling with Selective State Spaces', 2, { month: 12, day: 1, year: 2023, upvotes: 12 }],
    ]);
    expect(diagnostics).toEqual([]);
  });
});

describe('organisation names', () => {
  it('"handle Name" becomes the name', () => {
    expect(organisationName('openbmb OpenBMB')).toBe('OpenBMB');
  });

  it('a line that is not handle-then-name is kept as written', () => {
    expect(organisationName('Meta AI')).toBe('Meta AI');
    expect(organisationName('  NVIDIA  ')).toBe('NVIDIA');
  });
});

describe('listings that are out of step', () => {
  it('a title followed directly by its metadata is an error at the title\'s line; the papers around it are read', () => {
    const { text, file, papers, diagnostics } = parseFixture('title-without-abstract.txt');
    expect(errorsIn(diagnostics)[0]).toMatchObject({ file, line: lineOf(text, 'A Title Whose Abstract Was Lost') });
    expect(papers.map((p) => p.title)).toEqual([
      'FlexDiT: Dynamic Token Density Control for Diffusion Transformer',
      'ViT-CoMer: Vision Transformer with Convolutional Multi-scale Feature Interaction for Dense Predictions',
    ]);
    expect(papers[1]).toMatchObject({ authorsCount: 5, date: { month: 3, day: 12, year: 2024 } });
  });

  it('a title without an abstract is one error: its metadata is not reported again as belonging to no paper', () => {
    const { diagnostics } = parseFixture('title-without-abstract.txt');
    expect(errorsIn(diagnostics)).toHaveLength(1);
  });

  it('a title followed directly by an organisation line is an error, not a paper whose abstract is the organisation', () => {
    const { text, papers, diagnostics } = parseFixture('title-without-abstract-before-organisation.txt');
    expect(papers.map((p) => p.abstract)).not.toContain('openbmb OpenBMB');
    expect(errorsIn(diagnostics).map((d) => d.line)).toContain(lineOf(text, 'A Title Whose Abstract Was Lost'));
  });

  it('a title on the last line is an error at that line (the file ends)', () => {
    const { text, file, papers, diagnostics } = parseFixture('title-at-end-of-file.txt');
    expect(errorsIn(diagnostics)).toEqual([expect.objectContaining({ file, line: lineOf(text, 'A Title On The Last Line') })]);
    expect(errorsIn(diagnostics)[0]!.message).toMatch(/file ends/);
    expect(papers.map((p) => p.title)).toEqual(['Attention Is All You Need']);
  });

  it('an abstract where a title should be is an error at its line; the titles after it are read in step again', () => {
    const { text, papers, diagnostics } = parseFixture('abstract-without-title.txt');
    const lines = text.split('\n');
    const strayAbstract = lines.findIndex((l) => l.startsWith('This paper introduces Goku')) + 1;
    expect(errorsIn(diagnostics).map((d) => d.line)).toEqual([strayAbstract]);
    expect(papers.map((p) => p.title)).toEqual([
      'FluxSpace: Disentangled Semantic Editing in Rectified Flow Transformers',
      'OmniFlow: Any-to-Any Generation with Multi-Modal Rectified Flows',
    ]);
    expect(papers.every((p) => p.abstract.length > 500)).toBe(true);
  });

  it('metadata before any paper is an error at its line, and the paper after it is read', () => {
    const { text, papers, diagnostics } = parseFixture('metadata-before-first-paper.txt');
    expect(errorsIn(diagnostics).map((d) => d.line)).toEqual([lineOf(text, '• 4 authors')]);
    expect(papers).toEqual([expect.objectContaining({ title: 'VPNeXt -- Rethinking Dense Decoding for Plain Vision Transformer', date: null })]);
  });

  it('a `·` line without a date after it is an error at that line; the author count is kept', () => {
    const { text, papers, diagnostics } = parseFixture('separator-without-date.txt');
    expect(errorsIn(diagnostics).map((d) => d.line)).toEqual([lineOf(text, '·')]);
    expect(papers.map((p) => [p.title.split(':')[0], p.authorsCount, p.date])).toEqual([
      ['VPNeXt -- Rethinking Dense Decoding for Plain Vision Transformer', 4, null],
      ['FlexDiT', null, null],
    ]);
  });

  it('an abstract too short to be one is a warning at its line', () => {
    const { text, diagnostics } = parseFixture('short-abstract.txt');
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: lineOf(text, 'Transformers are all you need.') })]);
  });

  it('a title where an abstract belongs (the abstract above it left out) is a warning at its line, naming the paper', () => {
    const abstract = 'We propose a method and show that it works on several benchmarks, at length.';
    const text = ['Flow Matching for Generative Modeling', abstract, 'Attention Is All You Need', 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces', abstract].join('\n');
    const { diagnostics } = parseListing('a.txt', text);
    // The out-of-step lines after it also leave the last "title" without an abstract: an error of its own.
    expect(warningsIn(diagnostics)).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('reads as a title') })]);
    expect(warningsIn(diagnostics)[0]!.message).toContain('"Attention Is All You Need"');
  });

  it('an abstract with capitalised names in it, or a short sentence, is no title', () => {
    for (const abstract of ['We Present Diffusion Transformers With Rectified Flow Objectives And Show Results.', 'Large Language Models (LLMs) are Transformers; we study their Attention Heads and KV Cache.']) {
      expect(parseListing('a.txt', `A Title Here\n${abstract}\n`).diagnostics, abstract).toEqual([]);
    }
  });
});

describe('metadata and page dates as other copies and views of the page write them', () => {
  const abstract = 'An abstract long enough to be read as one, about attention in transformers.';
  const read = (meta: string, header = '') => parseListing('l.txt', `${header}Linear Recurrences at Scale\n\n${abstract}\n\n${meta}\n\nOne-Step Flow\n\n${abstract}\n`);

  it('the same paper and date whether the "·" has a line of its own, joins the others on one line, or is left out', () => {
    for (const meta of ['  • 4 authors\n·\nDec 9', '  • 4 authors · Dec 9', '  • 4 authors\nDec 9', '•\n4 authors\n·\nDec 9']) {
      const { papers, diagnostics } = read(meta);
      expect(diagnostics, meta).toEqual([]);
      expect(papers.map((p) => p.title), meta).toEqual(['Linear Recurrences at Scale', 'One-Step Flow']);
      expect(papers[0], meta).toMatchObject({ authorsCount: 4, date: { month: 12, day: 9 } });
    }
    for (const meta of ['openbmb OpenBMB · Dec 9', 'openbmb OpenBMB\n·\nDec 9', 'Dec 9']) {
      const { papers, diagnostics } = read(meta);
      expect(diagnostics, meta).toEqual([]);
      expect(papers[0], meta).toMatchObject({ date: { month: 12, day: 9 }, org: meta.startsWith('Dec') ? null : 'OpenBMB' });
    }
  });

  it('upvotes on a line of their own below the date are its upvotes', () => {
    expect(read('  • 4 authors\n·\nDec 9\n12').papers[0]).toMatchObject({ date: { month: 12, day: 9, upvotes: 12 } });
  });

  it('a week\'s or a month\'s view dates the page above its papers, and dates no paper', () => {
    for (const header of ['Dec 8 - Dec 14', 'Dec 8 – 14, 2025', 'Week 50, 2025', 'December 2025']) {
      const { papers, diagnostics } = read('  • 4 authors\n·\nDec 9', `Daily Papers\n\n${header}\n\n`);
      expect(diagnostics, header).toEqual([]);
      expect(papers.map((p) => p.title), header).toEqual(['Linear Recurrences at Scale', 'One-Step Flow']);
    }
  });
});

describe('files with no papers', () => {
  it('an empty listing is an error for the whole file: an empty save must not remove its papers\' pages', () => {
    const { file, papers, diagnostics } = parseFixture('empty.txt');
    expect(papers).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', file, line: 0, message: expect.stringMatching(/remove the file to remove its papers/) })]);
  });

  it('a listing of nothing but page chrome is the same error', () => {
    const { papers, diagnostics } = parseFixture('only-chrome.txt');
    expect(papers).toEqual([]);
    expect(errorsIn(diagnostics)).toEqual([expect.objectContaining({ line: 0, message: expect.stringMatching(/empty or only page chrome/) })]);
    expect(warningsIn(diagnostics)).toEqual([]);
  });

  it('a text file that is not a listing (short notes, no abstracts) is an error, not a set of papers', () => {
    const { diagnostics } = parseFixture('not-a-listing.txt');
    expect(errorsIn(diagnostics).length).toBeGreaterThan(0);
  });
});
