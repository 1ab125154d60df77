/**
 * Entry of the search UI bundle. `loader.ts` imports it with Vite's `?worker&url`, which
 * bundles it as one self-contained classic script and gives back its URL; the loader then
 * adds it as a `<script>`, which works from a server and from `file://` alike (module
 * scripts don't load from `file://`). The UI is handed over on `window`.
 */
import { mountPage, openDialog } from './ui.ts';

(window as unknown as { shelfmarkSearchUI: unknown }).shelfmarkSearchUI = { mountPage, openDialog };
