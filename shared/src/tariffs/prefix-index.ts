interface TrieNode<T> {
  children: Array<TrieNode<T> | undefined>;
  value?: T;
}

/** Dialled-digit trie for longest-prefix match; 50k prefixes take a few MB and a lookup walks ≤ 15 nodes. */
export class PrefixIndex<T> {
  private readonly root: TrieNode<T> = { children: [] };
  size = 0;

  set(prefix: string, value: T): void {
    let node = this.root;
    for (let i = 0; i < prefix.length; i++) {
      const digit = prefix.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) throw new RangeError(`prefix '${prefix}' must be digits only`);
      node = node.children[digit] ??= { children: [] };
    }
    if (node.value === undefined) this.size++;
    node.value = value;
  }

  get(prefix: string): T | undefined {
    let node: TrieNode<T> | undefined = this.root;
    for (let i = 0; i < prefix.length && node; i++) node = node.children[prefix.charCodeAt(i) - 48];
    return node?.value;
  }

  /** Visits every prefix of `digits` holding a value, shortest first (so a longer one's visit can overrule a shorter's). */
  forEachMatch<C>(digits: string, visit: (value: T, length: number, context: C) => void, context: C): void {
    let node: TrieNode<T> | undefined = this.root;
    for (let i = 0; i < digits.length; i++) {
      node = node.children[digits.charCodeAt(i) - 48];
      if (!node) return;
      if (node.value !== undefined) visit(node.value, i + 1, context);
    }
  }

  /** Every prefix with its value in ascending text order ("4" < "44" < "45"), as a stream: exports walk whole cards. */
  *entries(): Generator<[string, T]> {
    const stack: Array<{ node: TrieNode<T>; prefix: string }> = [{ node: this.root, prefix: "" }];
    while (stack.length > 0) {
      const { node, prefix } = stack.pop()!;
      if (node.value !== undefined) yield [prefix, node.value];
      for (let digit = 9; digit >= 0; digit--) {
        const child = node.children[digit];
        if (child) stack.push({ node: child, prefix: prefix + digit });
      }
    }
  }

  /** The longest prefix of `digits` holding a value that `accept` takes (given `context`: no closure per lookup). */
  longestMatch<C = undefined>(digits: string, accept: (value: T, context: C) => boolean = () => true, context?: C): { prefix: string; value: T } | undefined {
    let node: TrieNode<T> | undefined = this.root;
    let length = 0;
    let value: T | undefined;
    for (let i = 0; i < digits.length; i++) {
      node = node.children[digits.charCodeAt(i) - 48];
      if (!node) break;
      if (node.value !== undefined && accept(node.value, context as C)) {
        length = i + 1;
        value = node.value;
      }
    }
    return value === undefined ? undefined : { prefix: digits.slice(0, length), value };
  }

  /** The value of the longest accepted prefix alone: what rating needs per call, with nothing allocated. */
  longestValue<C = undefined>(digits: string, accept: (value: T, context: C) => boolean, context: C): T | undefined {
    let node: TrieNode<T> | undefined = this.root;
    let value: T | undefined;
    for (let i = 0; i < digits.length; i++) {
      node = node.children[digits.charCodeAt(i) - 48];
      if (!node) break;
      if (node.value !== undefined && accept(node.value, context)) value = node.value;
    }
    return value;
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
