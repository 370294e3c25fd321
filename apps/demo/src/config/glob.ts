/** Compiles a glob (`*` any run of characters, `?` one character) into a whole-string matcher. */
export function compileGlob(pattern: string): (value: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (char) =>
    char === '*' ? '.*' : char === '?' ? '.' : `\\${char}`,
  );
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => regex.test(value);
}
