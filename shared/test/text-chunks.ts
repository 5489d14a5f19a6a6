/** `text` cut into pieces of the given lengths and the rest: a file as a stream might deliver it. */
export function cutInto(text: string, lengths: number[]): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const length of lengths) {
    pieces.push(text.slice(at, at + length));
    at += length;
  }
  pieces.push(text.slice(at));
  return pieces;
}
