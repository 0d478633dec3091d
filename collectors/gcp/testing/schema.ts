/**
 * Validates inventory lines against collectors/schema/inventory.schema.json
 * for the collector tests (ajv, draft 2020-12, with formats).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fromRoot } from '../../../common/paths.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface InventoryValidator {
  header(value: unknown): string[];
  resource(value: unknown): string[];
}

export function inventoryValidator(): InventoryValidator {
  const schema = JSON.parse(readFileSync(fromRoot('collectors', 'schema', 'inventory.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(schema);
  const id = schema.$id as string;
  const check = (ref: string) => {
    const validate = ajv.getSchema(`${id}#/$defs/${ref}`)!;
    return (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  };
  return { header: check('header'), resource: check('resource') };
}
