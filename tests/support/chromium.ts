/**
 * The Chromium that drives the site in a browser: Debian's package (`apt-get install chromium`),
 * or the one CHROMIUM_PATH names. Playwright cannot download its own here, so the browser tests,
 * the search benchmarks and Lighthouse all run this one.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
