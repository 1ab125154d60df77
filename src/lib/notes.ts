/**
 * Whether people wrote notes in a paper's body, the MDX below the frontmatter that the ingest
 * leaves empty. The one rule for it: only a body with notes is compiled and shown
 * (src/lib/papers-loader.ts, the paper page), and in a large catalog only a paper with notes has
 * a preview card of its own (scripts/cards.ts), which its page's og:image must then point at.
 * Pure, so the scripts and the pages both import it.
 */
export function hasNotes(body: string | undefined): boolean {
  return Boolean(body?.trim());
}
