/**
 * Links in people's notes, through the MDX compiler the site uses, with the site's plugins:
 * written in Markdown or as HTML (which MDX reads as JSX), they behave the same.
 */
import { mdxToJs, type MdxToJsResult } from 'satteri';
import { describe, expect, it } from 'vitest';
import { externalLinks, noteHeadingIds, rootLinks } from '../../src/lib/notes-links.ts';

/** The value of every `attribute` in the compiled notes, in order. */
function compiled(notes: string, base: string, attribute: 'href' | 'src' | 'rel' | 'srcset' | 'poster'): string[] {
  // Synchronous plugins give a result, not a promise of one.
  const { code } = mdxToJs(notes, { hastPlugins: [externalLinks, rootLinks(base)] }) as MdxToJsResult;
  return [...code.matchAll(new RegExp(`\\b${attribute}: ("(?:[^"\\\\]|\\\\.)*")`, 'g'))].map((m) => JSON.parse(m[1]!) as string);
}

describe('links in people\'s notes', () => {
  it('a link to another site gets rel="noopener noreferrer"; a link within the site does not', () => {
    expect(compiled('[arXiv](https://arxiv.org/abs/2312.00752) and [Mamba](/papers/mamba/)', '/', 'rel')).toEqual(['noopener noreferrer']);
    expect(compiled('<a href="https://arxiv.org/abs/2312.00752">arXiv</a> and <a href="/papers/mamba/">Mamba</a>', '/', 'rel')).toEqual(['noopener noreferrer']);
  });

  it('under /<repo>/, a link or image by a path from the site root gets the base, once, in Markdown or in HTML', () => {
    const notes = [
      'See [GAT](/papers/graph-attention-networks/) and <a href="/papers/gcn/">GCN</a>.',
      '',
      '![a figure](/figures/gat.png)',
      '',
      '<p>Also <a href="/papers/dgn/#notes">DGN</a> <img src="/figures/dgn.png" alt="" /></p>',
    ].join('\n');
    expect(compiled(notes, '/reading-list/', 'href')).toEqual(['/reading-list/papers/graph-attention-networks/', '/reading-list/papers/gcn/', '/reading-list/papers/dgn/#notes']);
    expect(compiled(notes, '/reading-list/', 'src')).toEqual(['/reading-list/figures/gat.png', '/reading-list/figures/dgn.png']);
    const already = ['/reading-list/papers/x/', '/reading-list', '/reading-list#top', '/reading-list?q=x'];
    expect(compiled(already.map((href) => `<a href="${href}">x</a> [x](${href})`).join('\n\n'), '/reading-list/', 'href')).toEqual(already.flatMap((href) => [href, href]));
    expect(compiled('<a href="/reading-listing/">x</a>', '/reading-list/', 'href')).toEqual(['/reading-list/reading-listing/']);
  });

  it('under /<repo>/, each address of a srcset, and a video\'s, audio\'s, track\'s, frame\'s or poster\'s, gets the base', () => {
    const notes = [
      '<img src="/f/a.png" srcset="/f/a.png 1x, /f/a@2x.png 2x" alt="" />',
      '',
      '<picture><source srcset="/f/a.webp 640w,https://cdn.example/b.webp 1280w" type="image/webp" /><img src="/f/a.png" alt="" /></picture>',
      '',
      '<video src="/media/clip.mp4" poster="/media/poster.png" controls><track src="/media/clip.vtt" /></video>',
      '',
      '<audio src="/media/talk.mp3" controls></audio>',
      '',
      '<iframe src="/demo/"></iframe>',
    ].join('\n');
    expect(compiled(notes, '/reading-list/', 'srcset')).toEqual(['/reading-list/f/a.png 1x, /reading-list/f/a@2x.png 2x', '/reading-list/f/a.webp 640w,https://cdn.example/b.webp 1280w']);
    expect(compiled(notes, '/reading-list/', 'src')).toEqual(['/reading-list/f/a.png', '/reading-list/f/a.png', '/reading-list/media/clip.mp4', '/reading-list/media/clip.vtt', '/reading-list/media/talk.mp3', '/reading-list/demo/']);
    expect(compiled(notes, '/reading-list/', 'poster')).toEqual(['/reading-list/media/poster.png']);
  });

  it('leaves other sites, relative paths and anchors alone, and everything at the root base', () => {
    const others = ['//cdn.example/x', 'https://example.org/', '../x/', 'x/', '#notes', 'mailto:a@b.c'];
    expect(compiled(others.map((href) => `<a href="${href}">x</a> [x](${href})`).join('\n\n'), '/reading-list/', 'href')).toEqual(others.flatMap((href) => [href, href]));
    expect(compiled('<a href="/papers/x/">x</a> [x](/papers/x/)', '/', 'href')).toEqual(['/papers/x/', '/papers/x/']);
  });
});

describe('headings in people\'s notes', () => {
  const ids = (notes: string) => {
    const { code } = mdxToJs(notes, { hastPlugins: [noteHeadingIds] }) as MdxToJsResult;
    return [...code.matchAll(/\bid: ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
  };

  it('never take an id the paper page has ("Notes", "Abstract", "Cite"), and count from there in each note afresh', () => {
    expect(ids('## Notes\n\n## My method\n\n### Abstract\n\n## Notes\n\n# Cite')).toEqual(['notes-1', 'my-method', 'abstract-1', 'notes-2', 'cite-1']);
    expect(ids('## Notes')).toEqual(['notes-1']);
  });
});
