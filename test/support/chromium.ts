// Debian's Chromium (installed by .ci/run; playwright cannot download browsers here) and the
// flags it runs headless with: for the vitest `chromium` project and for tests that drive a page
// through playwright themselves.

/** The Chromium executable: CHROMIUM_PATH, or Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless flags for a machine without a sandbox, a GPU or a network to update from. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
