/**
 * A JSON body parser with a nesting-depth bound. The depth is measured on the
 * raw text before JSON.parse, so a hostile body (100,000 nested arrays) is
 * refused in linear time without building it.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

/** The deepest nesting of objects and arrays in a JSON text (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

export function installJsonParser(app: FastifyInstance, maxDepth: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, undefined);
    const depth = jsonDepth(text);
    if (depth > maxDepth) {
      return done(new ApiError(400, 'invalid_parameter', `request body nests ${depth} levels deep; the limit is ${maxDepth}`));
    }
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new ApiError(400, 'invalid_parameter', `request body is not valid JSON: ${(err as Error).message}`));
    }
  });
}
