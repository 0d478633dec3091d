/**
 * Validation of inventory headers and resources against inventory.schema.json (the
 * normative form), compiled once with ajv (JSON Schema 2020-12, formats).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { fromRoot } from '../../common/paths.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

export interface Validators {
  header: ValidateFunction;
  resource: ValidateFunction;
  document: ValidateFunction;
}

let compiled: Validators | undefined;

export function validators(): Validators {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(fromRoot('collectors', 'schema', 'inventory.schema.json'), 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats(ajv);
  ajv.addSchema(schema);
  const get = (ref: string): ValidateFunction => {
    const fn = ajv.getSchema(`${schema.$id}${ref}`);
    if (!fn) throw new Error(`inventory.schema.json has no ${ref}`);
    return fn;
  };
  compiled = { header: get('#/$defs/header'), resource: get('#/$defs/resource'), document: get('') };
  return compiled;
}

/** ajv errors as one readable line each, e.g. `/config/Foo must be string`. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`.trim());
}
