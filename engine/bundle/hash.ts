/**
 * File digests exactly as OPA computes them for `.signatures.json`
 * (v1/bundle/hash.go, verify.go): raw bytes for most files, but structured documents
 * (`data.json`, `data.yaml`, `.manifest`) are parsed and re-encoded canonically —
 * object keys sorted bytewise, no whitespace, numbers as written (Go's json.Number),
 * strings escaped like Go's encoding/json with HTML escaping off.
 */
import { createHash, type Hash } from 'node:crypto';
import { posix } from 'node:path';

/** The file hashes Parapet accepts in a signature (OPA also allows MD5 and SHA-1; they are refused here). */
export const NODE_HASHES = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;
export type HashAlgorithm = keyof typeof NODE_HASHES;

export function isStructuredDoc(path: string): boolean {
  const base = posix.basename(path);
  return base === 'data.json' || base === '.manifest' || base === 'data.yaml' || base === 'data.yml';
}

/** Hex SHA-256 of a bundle file, the way OPA hashes it for signatures. */
export function hashBundleFile(path: string, data: Buffer, algorithm: HashAlgorithm = 'SHA-256'): string {
  const hash = createHash(NODE_HASHES[algorithm]);
  if (isStructuredDoc(path)) {
    if (posix.extname(path) === '.yaml' || posix.extname(path) === '.yml') {
      throw new Error(`${path}: YAML data files are not supported in Parapet bundles`);
    }
    writeCanonical(hash, parseJsonPreservingNumbers(stripBom(data).toString('utf8')));
  } else {
    hash.update(data);
  }
  return hash.digest('hex');
}

function stripBom(data: Buffer): Buffer {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

/** A JSON number kept as its literal text (Go decodes with UseNumber and re-emits it verbatim). */
class JsonNumber {
  constructor(readonly literal: string) {}
}
type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | Map<string, JsonValue>;

function parseJsonPreservingNumbers(text: string): JsonValue {
  JSON.parse(text); // rejects anything that is not JSON, with the platform's message
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i]!;
    if (c === '{') {
      i++;
      const obj = new Map<string, JsonValue>();
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        const key = string();
        ws();
        i++; // ':'
        obj.set(key, value());
        ws();
        if (text[i++] === '}') return obj;
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i++] === ']') return arr;
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    i += m![0].length;
    return new JsonNumber(m![0]);
  };
  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  return value();
}

function writeCanonical(hash: Hash, v: JsonValue): void {
  if (v instanceof Map) {
    const keys = [...v.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    hash.update('{');
    keys.forEach((key, n) => {
      if (n > 0) hash.update(',');
      hash.update(goString(key));
      hash.update(':');
      writeCanonical(hash, v.get(key)!);
    });
    hash.update('}');
  } else if (Array.isArray(v)) {
    hash.update('[');
    v.forEach((e, n) => {
      if (n > 0) hash.update(',');
      writeCanonical(hash, e);
    });
    hash.update(']');
  } else if (v instanceof JsonNumber) {
    hash.update(v.literal);
  } else if (typeof v === 'string') {
    hash.update(goString(v));
  } else {
    hash.update(JSON.stringify(v));
  }
}

/**
 * A string as Go's encoding/json writes it with SetEscapeHTML(false): like
 * JSON.stringify, except U+2028/U+2029 are escaped and lone surrogates become U+FFFD.
 */
function goString(s: string): string {
  const wellFormed = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return JSON.stringify(wellFormed).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
