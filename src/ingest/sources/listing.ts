/**
 * Hugging Face listing pages saved as text (`.txt`), both layouts: `parse.ts` reads the
 * lines, this turns what it read into records, resolving year-less dates against the day
 * the page was captured (`sources.yaml`).
 */
import { resolveDate } from '../dates.ts';
import { warning, type Diagnostic } from '../diagnostics.ts';
import { parseListing } from '../parse.ts';
import { emptyRecord, type SourceRead } from './record.ts';

export function readListing(path: string, text: string, captured: string | undefined): SourceRead {
  const parsed = parseListing(path, text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const undated: number[] = [];
  const records = parsed.papers.map((listed) => {
    const listedOn = listed.date ? resolveDate(listed.date, captured) : null;
    if (listed.date && !listedOn && listed.dateLine !== null) {
      if (captured) diagnostics.push(warning(path, listed.dateLine, `this date is not a day of ${captured.slice(0, 4)} or the year before (the listing was captured ${captured}); it is left out`));
      else undated.push(listed.dateLine);
    }
    return {
      ...emptyRecord(listed.line, null, listed.title),
      abstract: listed.abstract,
      authorsCount: listed.authorsCount,
      org: listed.org,
      listedOn,
      upvotes: listed.date?.upvotes ?? null,
    };
  });
  if (undated.length > 0) {
    const file = path.split('/').at(-1);
    // Papers come in file order, so the first is the earliest line.
    diagnostics.push(warning(path, undated[0]!, `${undated.length} listing date(s) have no year and this listing has no capture date; add \`captured: YYYY-MM-DD\` for ${file} in sources.yaml, beside it (until then these dates are left out, never guessed)`));
  }
  return { records, diagnostics };
}
