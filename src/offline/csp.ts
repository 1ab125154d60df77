/**
 * The pages' Content-Security-Policy `<meta>`, kept true when the offline edition changes a
 * page: an inline script or style it writes or rewrites runs only if the policy names its hash.
 */
import { createHash } from 'node:crypto';
import type { StartTag } from 'parse5-sax-parser';

/** A hash the policy must allow, and the directive it goes in. */
export interface AllowedSource {
  directive: 'script-src' | 'style-src';
  /** `'sha256-…'`, quotes included, as a policy writes it. */
  hash: string;
}

/** Allows the inline script or style `text` under `directive`. */
export function allowInline(directive: AllowedSource['directive'], text: string): AllowedSource {
  return { directive, hash: `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'` };
}

/** Whether a start tag is the page's policy: `<meta http-equiv="content-security-policy">`. */
export function isPolicyMeta(tag: StartTag): boolean {
  const httpEquiv = tag.attrs.find((a) => a.name === 'http-equiv')?.value ?? '';
  return tag.tagName === 'meta' && httpEquiv.toLowerCase() === 'content-security-policy';
}

/** The policy `<meta>` as written, or with the hashes added when there are any. */
export function policyMeta(tag: StartTag, raw: string, allowed: readonly AllowedSource[]): string {
  const content = tag.attrs.find((a) => a.name === 'content');
  if (allowed.length === 0 || !content) return raw;
  content.value = withHashes(content.value, allowed);
  const attrs = tag.attrs.map((a) => ` ${a.name}="${a.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
  return `<${tag.tagName}${attrs}${tag.selfClosing ? '/' : ''}>`;
}

/** A policy with hashes added to `script-src`/`style-src` (made from `default-src` when absent). */
export function withHashes(policy: string, allowed: readonly AllowedSource[]): string {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const find = (name: string) => directives.findIndex((d) => d.split(/\s+/)[0]!.toLowerCase() === name);
  for (const name of new Set(allowed.map((a) => a.directive))) {
    const hashes = [...new Set(allowed.filter((a) => a.directive === name).map((a) => a.hash))];
    let at = find(name);
    if (at === -1) {
      const fallback = directives[find('default-src')];
      // No policy for this kind and no default: anything goes, nothing to add.
      if (fallback === undefined) continue;
      directives.push(`${name}${fallback.slice('default-src'.length)}`);
      at = directives.length - 1;
    }
    directives[at] = `${directives[at]} ${hashes.join(' ')}`;
  }
  return directives.join('; ');
}
