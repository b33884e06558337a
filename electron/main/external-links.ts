/**
 * Which links the app opens in the user's browser. A page of the window can
 * ask to open any URL (a link in a file's text, a name in a dataset), so only
 * the project's own pages and the references its help text cites are opened;
 * anything else is refused and logged, never handed to the OS.
 */
export const EXTERNAL_LINK_PREFIXES: readonly string[] = [
  // The project's own pages and documentation.
  'https://github.com/seqwire/',
  'https://seqwire.org/',
  // What the help text and node descriptions cite.
  'https://www.tensorflow.org/js/',
  'https://js.tensorflow.org/api/',
  'https://keras.io/',
  'https://quickdraw.withgoogle.com/',
  'https://arxiv.org/abs/',
];

/** True when `url` may be opened in the user's browser: https, no credentials, under an allowed prefix. */
export function isAllowedExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  // Compare the normalised form, so `https://keras.io.evil.example/` or `https://keras.io@evil/` cannot pass.
  const normal = parsed.href;
  return EXTERNAL_LINK_PREFIXES.some((prefix) => normal.startsWith(prefix));
}
