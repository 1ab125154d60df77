/**
 * How a result looks, in the dialog and on the results page alike: the title and an
 * excerpt with the matched words in `<mark>`, the themes, and when the paper was listed and
 * its upvotes when the listing said. Highlighting is ours for both engines, so it looks the same.
 */
import { formatDate, plural } from '../../lib/format.ts';
import { highlight, hitExcerpt, type QueryTerm } from '../../lib/search-text.ts';
import type { HitData } from './engine.ts';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, html?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  // Only ever our own escaped output (highlight/excerpt escape the text first).
  if (html !== undefined) el.innerHTML = html;
  return el;
}

/** Themes · Listed Jan 5, 2024 · 12 upvotes */
function describeHit(hit: HitData): string {
  const parts = [hit.themes.join(', ')];
  const listed = formatDate(hit.listed);
  if (listed) parts.push(`Listed ${listed}`);
  if (hit.upvotes !== undefined) parts.push(plural(hit.upvotes, 'upvote'));
  return parts.filter(Boolean).join(' · ');
}

/** A result on the results page: `<li>` with a linked heading, the excerpt and the facts line. */
export function renderResult(hit: HitData, terms: readonly QueryTerm[]): HTMLLIElement {
  const item = element('li', 'search-result');
  const heading = element('h2');
  const link = element('a', undefined, highlight(hit.title, terms));
  link.href = hit.url;
  link.dir = 'auto';
  heading.append(link);
  item.append(heading, element('p', 'excerpt', hitExcerpt(hit.text, terms)));
  const facts = describeHit(hit);
  if (facts) {
    const line = element('p', 'facts');
    line.textContent = facts;
    item.append(line);
  }
  return item;
}

/**
 * "Showing results for *searched* — search instead for *typed*", the typed query inside
 * `control` (the dialog's button, the results page's link), for `replaceChildren`. Text nodes
 * only: both queries are what someone typed.
 */
/** Longest query the live regions quote whole. */
const QUOTED_MAX = 60;

/** A query as the live regions quote it: a pasted abstract is cut to its first words, not read out whole. */
export function quoted(query: string): string {
  return `“${query.length > QUOTED_MAX ? `${query.slice(0, QUOTED_MAX).replace(/\s+\S*$/, '')}…` : query}”`;
}

export function correctionNotice(searched: string, typed: string, control: HTMLElement): (string | Node)[] {
  const shown = element('strong');
  shown.append(Object.assign(element('em'), { textContent: searched }));
  control.append(Object.assign(element('em'), { textContent: typed }));
  return ['Showing results for ', shown, ' — search instead for ', control];
}

/**
 * A result in the dialog: a link that is itself the `option` of the listbox (an option may
 * hold no interactive element, and a link lets pointer users click, middle-click or copy
 * it), in an `<li>` with no role of its own. Its name is its text: title, excerpt, themes.
 */
export function renderOption(hit: HitData, terms: readonly QueryTerm[], id: string): HTMLLIElement {
  const item = element('li', 'hit');
  item.setAttribute('role', 'none');
  const option = element('a');
  option.id = id;
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  option.href = hit.url;
  option.tabIndex = -1;
  const title = element('span', 'hit-title', highlight(hit.title, terms));
  // A title may be Arabic or Hebrew: its own direction keeps its words in order.
  title.dir = 'auto';
  option.append(title, element('span', 'hit-excerpt', hitExcerpt(hit.text, terms, 22)));
  if (hit.themes.length) option.append(Object.assign(element('span', 'hit-themes'), { textContent: hit.themes.join(' · ') }));
  item.append(option);
  return item;
}
