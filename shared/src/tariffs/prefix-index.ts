/** A node's ten child slots, by digit; node 0 is the root, so 0 in a slot means "no child". */
const FANOUT = 10;

/**
 * Dialled-digit trie for longest-prefix match. The nodes live in one typed array (ten child slots per node), not
 * as objects: a lookup reads a few contiguous slots instead of chasing pointers across the heap, which is what
 * made routing's 20 cards of 50k prefixes slow (each walk a string of cache misses) and big (about 50 bytes a node
 * here against several hundred as objects).
 */
export class PrefixIndex<T> {
  private children = new Int32Array(FANOUT * 64);
  private values: Array<T | undefined> = [undefined];
  size = 0;

  set(prefix: string, value: T): void {
    let node = 0;
    for (let i = 0; i < prefix.length; i++) {
      const digit = prefix.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) throw new RangeError(`prefix '${prefix}' must be digits only`);
      let child = this.children[node * FANOUT + digit];
      if (child === 0) {
        child = this.values.length;
        this.values.push(undefined);
        if ((child + 1) * FANOUT > this.children.length) {
          const grown = new Int32Array(this.children.length * 2);
          grown.set(this.children);
          this.children = grown;
        }
        this.children[node * FANOUT + digit] = child;
      }
      node = child;
    }
    if (this.values[node] === undefined) this.size++;
    this.values[node] = value;
  }

  get(prefix: string): T | undefined {
    let node = 0;
    for (let i = 0; i < prefix.length; i++) {
      node = this.child(node, prefix.charCodeAt(i) - 48);
      if (node === 0) return undefined;
    }
    return this.values[node];
  }

  /** Visits every prefix of `digits` holding a value, shortest first (so a longer one's visit can overrule a shorter's). */
  forEachMatch<C>(digits: string, visit: (value: T, length: number, context: C) => void, context: C): void {
    let node = 0;
    for (let i = 0; i < digits.length; i++) {
      node = this.child(node, digits.charCodeAt(i) - 48);
      if (node === 0) return;
      const value = this.values[node];
      if (value !== undefined) visit(value, i + 1, context);
    }
  }

  /**
   * A copy with each value mapped, visited in ascending prefix order and laid out in that order, so the nodes of a
   * stretch of numbers sit together. Copies the structure without making a string per prefix.
   */
  mapValues<U>(map: (value: T) => U): PrefixIndex<U> {
    const copy = new PrefixIndex<U>();
    copy.children = new Int32Array(Math.max(FANOUT * 64, this.values.length * FANOUT));
    // Depth first, children by digit: new numbers are handed out in the order nodes are reached.
    const stack = [0];
    const renumbered = new Int32Array(this.values.length);
    copy.values = new Array<U | undefined>(this.values.length).fill(undefined);
    let next = 1;
    while (stack.length > 0) {
      const node = stack.pop()!;
      const at = renumbered[node];
      const value = this.values[node];
      copy.values[at] = value === undefined ? undefined : map(value);
      if (value !== undefined) copy.size++;
      for (let digit = 9; digit >= 0; digit--) if (this.children[node * FANOUT + digit] !== 0) stack.push(this.children[node * FANOUT + digit]);
      // Children are numbered as they are popped, so assign them their numbers when their parent is reached.
      for (let digit = 0; digit <= 9; digit++) {
        const child = this.children[node * FANOUT + digit];
        if (child !== 0) copy.children[at * FANOUT + digit] = renumbered[child] = next++;
      }
    }
    return copy;
  }

  /** Every prefix with its value in ascending text order ("4" < "44" < "45"), as a stream: exports walk whole cards. */
  *entries(): Generator<[string, T]> {
    const stack: Array<{ node: number; prefix: string }> = [{ node: 0, prefix: "" }];
    while (stack.length > 0) {
      const { node, prefix } = stack.pop()!;
      const value = this.values[node];
      if (value !== undefined) yield [prefix, value];
      for (let digit = 9; digit >= 0; digit--) {
        const child = this.children[node * FANOUT + digit];
        if (child !== 0) stack.push({ node: child, prefix: prefix + digit });
      }
    }
  }

  /** The longest prefix of `digits` holding a value that `accept` takes (given `context`: no closure per lookup). */
  longestMatch<C = undefined>(digits: string, accept: (value: T, context: C) => boolean = () => true, context?: C): { prefix: string; value: T } | undefined {
    let node = 0;
    let length = 0;
    let found: T | undefined;
    for (let i = 0; i < digits.length; i++) {
      node = this.child(node, digits.charCodeAt(i) - 48);
      if (node === 0) break;
      const value = this.values[node];
      if (value !== undefined && accept(value, context as C)) {
        length = i + 1;
        found = value;
      }
    }
    return found === undefined ? undefined : { prefix: digits.slice(0, length), value: found };
  }

  /** The value of the longest accepted prefix alone: what rating needs per call, with nothing allocated. */
  longestValue<C = undefined>(digits: string, accept: (value: T, context: C) => boolean, context: C): T | undefined {
    let node = 0;
    let found: T | undefined;
    for (let i = 0; i < digits.length; i++) {
      node = this.child(node, digits.charCodeAt(i) - 48);
      if (node === 0) break;
      const value = this.values[node];
      if (value !== undefined && accept(value, context)) found = value;
    }
    return found;
  }

  /** The child of `node` for a digit; 0 (none) for anything that is not a digit. */
  private child(node: number, digit: number): number {
    return digit >= 0 && digit <= 9 ? this.children[node * FANOUT + digit] : 0;
  }
}

/** Digits of a dialled number: spaces and punctuation dropped, a leading + or 00 international prefix removed. */
export function dialledDigits(number: string): string {
  if (isDigits(number) && !number.startsWith("00")) return number;
  const digits = number.replace(/[^0-9]/g, "");
  return number.trim().startsWith("+") ? digits : digits.replace(/^00/, "");
}

/** True when the text is nothing but digits (E.164 numbers after normalization): most numbers, checked per call. */
export function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}
