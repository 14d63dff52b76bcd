/** Packages replaced by jest.mock / vi.mock (or mock.module) in a file's text: their calls there send nothing. */
export function mockedModules(text: string): Set<string> {
  const out = new Set<string>();
  const re = /\b(?:jest|vi|mock)\.(?:mock|doMock|module)\(\s*['"]([^'"]+)['"]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.add(m[1].replace(/^node:/, ''));
  return out;
}
