/**
 * The fetch command's limits: how much it asks for, how long it waits, how often it tries.
 * The defaults are the manners the services ask for; `--max-pages` and `--timeout` change two
 * of them, and a test may shorten arXiv's interval for a server on this machine.
 */
import { FetchError } from './errors.ts';
import type { Service } from './spec.ts';
import { isLoopback } from './urls.ts';
import { typedNumber } from '../lib/numbers.ts';

export interface FetchSettings {
  /** Papers asked for per request: Hugging Face's default page, a twentieth of arXiv's largest slice, Zotero's largest page, half OpenAlex's, a tenth of Crossref's. */
  pageSize: Readonly<Record<Service, number>>;
  /** Requests per spec at most; a spec with more results stops there and says so. */
  maxPages: number;
  /** Milliseconds one attempt may take, from sending the request to the last byte of the body. */
  timeoutMs: number;
  /** Waits before the first, second, … retry of a failed attempt; as many retries as waits. */
  backoffMs: readonly number[];
  /** The longest wait a 429's `Retry-After` is honoured for; a server asking for more is left alone. */
  retryAfterCapMs: number;
  /** Least time from the end of one request to a service to the start of the next. */
  intervalMs: Readonly<Record<Service, number>>;
  /** Largest response accepted, in bytes; a larger one is refused, not buffered. */
  maxBytes: number;
  /**
   * Results a service pages through at most: OpenAlex's `page` and Crossref's `offset` stop at
   * the 10,000th work (beyond, they answer 400 and ask for cursor paging), so a fetch stops
   * there and says so.
   */
  mostPaged: Readonly<Partial<Record<Service, number>>>;
}

export const DEFAULT_SETTINGS: FetchSettings = {
  pageSize: { hf: 50, arxiv: 100, zotero: 100, openalex: 100, crossref: 100 },
  maxPages: 10,
  timeoutMs: 30_000,
  backoffMs: [1_000, 2_000, 4_000],
  retryAfterCapMs: 120_000,
  // arXiv's terms of use: "no more than one request every three seconds".
  intervalMs: { hf: 0, arxiv: 3_000, zotero: 0, openalex: 0, crossref: 0 },
  maxBytes: 50 * 1024 * 1024,
  mostPaged: { openalex: 10_000, crossref: 10_000 },
};

/** The most pages of a service's results a fetch asks for, and whether the service's own limit (`mostPaged`), not `--max-pages`, is what sets it. */
export function pageLimit(settings: FetchSettings, service: Service): { pages: number; byService: boolean } {
  const serviceLimit = Math.floor((settings.mostPaged[service] ?? Infinity) / settings.pageSize[service]);
  return { pages: Math.min(settings.maxPages, serviceLimit), byService: serviceLimit < settings.maxPages };
}

/** What the command line may change. */
export interface SettingsOptions {
  maxPages?: number | undefined;
  timeoutSeconds?: number | undefined;
}

const TEST_INTERVAL = 'SHELFMARK_TEST_ARXIV_INTERVAL_MS';

/**
 * The longest timer Node keeps (2^31 - 1 ms, about 24 days): a longer one fires after 1 ms,
 * with a warning, and so does one rounded to 0 ms; either would fail every attempt at once.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The settings for one run; throws `FetchError` for a limit that is not a positive number,
 * and for a shortened arXiv interval unless arXiv's URL is this machine's: the real arXiv
 * always gets its three seconds.
 */
export function fetchSettings(options: SettingsOptions, env: NodeJS.ProcessEnv, arxivBase: string): FetchSettings {
  const settings = { ...DEFAULT_SETTINGS, intervalMs: { ...DEFAULT_SETTINGS.intervalMs } };
  if (options.maxPages !== undefined) {
    if (!Number.isInteger(options.maxPages) || options.maxPages < 1) throw new FetchError(`--max-pages must be a whole number of pages, 1 or more`);
    settings.maxPages = options.maxPages;
  }
  if (options.timeoutSeconds !== undefined) {
    const ms = Math.round(options.timeoutSeconds * 1000);
    if (!(ms >= 1 && ms <= MAX_TIMER_MS)) throw new FetchError(`--timeout must be a number of seconds from 0.001 to ${Math.floor(MAX_TIMER_MS / 1000)}`);
    settings.timeoutMs = ms;
  }
  const interval = env[TEST_INTERVAL];
  if (interval !== undefined && interval !== '') {
    if (!isLoopback(arxivBase)) throw new FetchError(`${TEST_INTERVAL} is for tests against a server on this machine, but SHELFMARK_ARXIV_URL is ${arxivBase}; arXiv asks for three seconds between requests`);
    if (Number.isNaN(typedNumber(interval))) throw new FetchError(`${TEST_INTERVAL} must be a whole number of milliseconds`);
    settings.intervalMs.arxiv = Number(interval);
  }
  return settings;
}
