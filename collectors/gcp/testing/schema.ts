/**
 * Checks inventory lines against collectors/schema/inventory.schema.json for
 * the collector tests, through the schema module's own validators.
 */
import { describeErrors, validators } from '../../schema/validate.js';

export interface InventoryValidator {
  header(value: unknown): string[];
  resource(value: unknown): string[];
}

export function inventoryValidator(): InventoryValidator {
  const v = validators();
  return {
    header: (value) => (v.header(value) ? [] : describeErrors(v.header.errors)),
    resource: (value) => (v.resource(value) ? [] : describeErrors(v.resource.errors)),
  };
}
