import { describe, expect, it } from 'vitest';
import { externalLinks, rootLinks } from '../../src/lib/notes-links.ts';

type Plugin = typeof externalLinks;
interface FakeNode {
  tagName: string;
  properties: Record<string, unknown>;
}

/** Runs a plugin's element visitor on one element, as the processor would, and returns its properties after. */
function visit(plugin: Plugin, tagName: string, properties: Record<string, unknown>): Record<string, unknown> {
  const node: FakeNode = { tagName, properties: { ...properties } };
  const ctx = { setProperty: (target: FakeNode, name: string, value: unknown) => void (target.properties[name] = value) };
  (plugin as unknown as { element: { visit: (node: unknown, ctx: unknown) => void } }).element.visit(node, ctx);
  return node.properties;
}

describe('links in people\'s notes', () => {
  it('a link to another site gets rel="noopener noreferrer"; a link within the site does not', () => {
    expect(visit(externalLinks, 'a', { href: 'https://arxiv.org/abs/2312.00752' }).rel).toEqual(['noopener', 'noreferrer']);
    expect(visit(externalLinks, 'a', { href: '/papers/mamba/' }).rel).toBeUndefined();
  });

  it('under /<repo>/, a link or image by a path from the site root gets the base, once', () => {
    const plugin = rootLinks('/reading-list/');
    expect(visit(plugin, 'a', { href: '/papers/graph-attention-networks/' }).href).toBe('/reading-list/papers/graph-attention-networks/');
    expect(visit(plugin, 'img', { src: '/figures/gat.png' }).src).toBe('/reading-list/figures/gat.png');
    for (const href of ['/reading-list/papers/x/', '/reading-list', '/reading-list#top', '/reading-list?q=x']) expect(visit(plugin, 'a', { href }).href, href).toBe(href);
    expect(visit(plugin, 'a', { href: '/reading-listing/' }).href).toBe('/reading-list/reading-listing/');
  });

  it('leaves other sites, relative paths and anchors alone, and everything at the root base', () => {
    const plugin = rootLinks('/reading-list/');
    for (const href of ['//cdn.example/x', 'https://example.org/', '../x/', 'x/', '#notes', 'mailto:a@b.c']) expect(visit(plugin, 'a', { href }).href, href).toBe(href);
    expect(visit(rootLinks('/'), 'a', { href: '/papers/x/' }).href).toBe('/papers/x/');
  });
});
