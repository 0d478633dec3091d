/**
 * A JSON body parser with a nesting-depth bound. The depth is measured on the
 * raw text before JSON.parse, so a hostile body (100,000 nested arrays) is
 * refused in linear time without building it. The same pass finds the text of
 * the body's top-level `input` member, which the Data API hands to the evaluator
 * as it came instead of serializing the parsed value again.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON text of the parsed body's top-level `input` member, when it has one (see `parseJsonBody`). */
    inputJson?: string;
  }
}

/** The deepest nesting of objects and arrays in a JSON text (strings skipped). */
export function jsonDepth(text: string): number {
  return scanJson(text).depth;
}

/**
 * One pass over a JSON text: its deepest nesting, and where the value of the
 * top-level object's last `"input"` member lies (the member JSON.parse keeps).
 * The span is meaningful only for text that parses; it is left out when a
 * top-level key is written with escapes (it might spell `input`).
 */
export function scanJson(text: string): { depth: number; input?: [number, number] } {
  let depth = 0;
  let max = 0;
  let inString = false;
  let escapes = false;
  let keyStart = -1;
  let keyEnd = -1;
  let keyEscaped = false;
  let escapedKey = false;
  let valueStart = -1;
  let input: [number, number] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) {
        i++;
        escapes = true;
      } else if (c === 34 /* " */) {
        inString = false;
        if (depth === 1) {
          keyEnd = i + 1;
          keyEscaped = escapes;
        }
      }
    } else if (c === 34) {
      inString = true;
      escapes = false;
      if (depth === 1) keyStart = i;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (--depth === 0 && valueStart >= 0) {
        input = [valueStart, i];
        valueStart = -1;
      }
    } else if (depth === 1) {
      // In a valid object a ':' at depth 1 follows its key, the last string closed at depth 1.
      if (c === 58 /* : */) {
        if (keyEscaped) escapedKey = true;
        else if (keyEnd - keyStart === 7 && text.startsWith('"input"', keyStart)) valueStart = i + 1;
      } else if (c === 44 /* , */ && valueStart >= 0) {
        input = [valueStart, i];
        valueStart = -1;
      }
    }
  }
  return escapedKey || !input ? { depth: max } : { depth: max, input };
}

/**
 * Parses a JSON request body within the depth bound; a body that is an object
 * with an `input` member also gets that member's text in `request.inputJson`.
 */
export function parseJsonBody(request: FastifyRequest, text: string, maxDepth: number): unknown {
  if (text.length === 0) return undefined;
  const scan = scanJson(text);
  if (scan.depth > maxDepth) throw new ApiError(400, 'invalid_parameter', `request body nests ${scan.depth} levels deep; the limit is ${maxDepth}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, 'invalid_parameter', `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (scan.input && body !== null && typeof body === 'object' && !Array.isArray(body)) {
    request.inputJson = text.slice(scan.input[0], scan.input[1]).trim();
  }
  return body;
}

export function installJsonParser(app: FastifyInstance, maxDepth: number): void {
  app.decorateRequest('inputJson', undefined);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as string, maxDepth));
    } catch (err) {
      done(err as Error);
    }
  });
}
