/**
 * Everything behind the search button, loaded on first use by `loader.ts` as one classic
 * script (`classic.ts`), on the web and in the offline edition alike. One engine is shared by
 * the dialog and the results page.
 */
import { openEngine, readConfig, type SearchConfig, type SearchEngine } from './engine.ts';
import { SearchDialog } from './dialog.ts';
import { SearchPage } from './page.ts';
import { SimilarView } from './similar.ts';

let config: SearchConfig | undefined;
let engine: Promise<SearchEngine> | undefined;
let dialog: SearchDialog | undefined;
let page: SearchPage | undefined;
let similar: SimilarView | undefined;

function element(): HTMLDialogElement {
  return document.querySelector<HTMLDialogElement>('#search-dialog')!;
}

function getEngine(): Promise<SearchEngine> {
  config ??= readConfig(element());
  engine ??= openEngine(config);
  return engine;
}

/** Opens the dialog; on the results page, focuses its query box instead. */
export function openDialog(opener: Element | null = null): void {
  if (page) return page.focus();
  config ??= readConfig(element());
  dialog ??= new SearchDialog(element(), config, getEngine);
  dialog.open(opener);
}

/** Starts the results page (its form is `#search-page`) and its "Find similar" section (`#similar`). */
export function mountPage(form: HTMLFormElement): void {
  page ??= new SearchPage(form, getEngine);
  const section = document.getElementById('similar');
  config ??= readConfig(element());
  if (section) similar ??= new SimilarView(section, config);
}
