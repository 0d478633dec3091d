/**
 * Turns the objects the gRPC client decodes (proto-loader form: every field
 * present with its default, Structs as `{fields: {k: {stringValue}}}`, bytes as
 * Buffers, Timestamps as `{seconds, nanos}`) into proto3 JSON, the form the
 * Cloud Asset REST API and `gcloud` print: defaults omitted, Struct/Value as
 * plain JSON, Timestamps as RFC 3339, bytes as base64, int64 as strings.
 * The message types guide the walk, so nothing is guessed from a value's shape.
 */
import { createRequire } from 'node:module';
import { protobuf } from 'google-gax';

const require = createRequire(import.meta.url);
let root: protobuf.Root | undefined;

function assetRoot(): protobuf.Root {
  if (!root) {
    root = protobuf.Root.fromJSON(require('@google-cloud/asset/build/protos/protos.json'));
    root.resolveAll();
  }
  return root;
}

/** A message type of the Cloud Asset protos, e.g. `google.cloud.asset.v1.Asset`. */
export function messageType(fullName: string): protobuf.Type {
  return assetRoot().lookupType(fullName);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** google.protobuf.Value (decoded) → plain JSON. */
export function valueToJson(value: any): Json {
  if (value === null || value === undefined) return null;
  const kind: string | undefined = value.kind ?? Object.keys(value).find((k) => value[k] !== null && value[k] !== undefined && k !== 'kind');
  switch (kind) {
    case 'nullValue': return null;
    case 'numberValue': return Number(value.numberValue);
    case 'stringValue': return String(value.stringValue);
    case 'boolValue': return Boolean(value.boolValue);
    case 'structValue': return structToJson(value.structValue);
    case 'listValue': return (value.listValue?.values ?? []).map(valueToJson);
    default: return null;
  }
}

/** google.protobuf.Struct (decoded) → plain JSON object. */
export function structToJson(struct: any): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(struct?.fields ?? {})) out[key] = valueToJson(value);
  return out;
}

function timestampToJson(ts: any): string {
  const ms = Number(ts.seconds ?? 0) * 1000 + Math.floor(Number(ts.nanos ?? 0) / 1e6);
  return new Date(ms).toISOString();
}

function durationToJson(d: any): string {
  const nanos = Number(d.nanos ?? 0);
  return `${String(d.seconds ?? 0)}${nanos ? '.' + String(Math.abs(nanos)).padStart(9, '0').replace(/0+$/, '') : ''}s`;
}

const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue']);

function isDefault(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false || value === '0') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value.length === 0;
  return false;
}

function scalarToJson(field: protobuf.Field, value: unknown): Json {
  if (field.resolvedType instanceof protobuf.Enum) {
    return typeof value === 'number' ? (field.resolvedType.valuesById[value] ?? value) : String(value);
  }
  if (field.resolvedType instanceof protobuf.Type) return messageToJson(field.resolvedType, value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object' && value !== null && 'low' in value) return String(value); // Long
  return value as Json;
}

/** A decoded message of type `type` → proto3 JSON (camelCase keys, defaults omitted). */
export function messageToJson(type: protobuf.Type, message: any): Json {
  if (message === null || message === undefined) return null;
  switch (type.fullName) {
    case '.google.protobuf.Struct': return structToJson(message);
    case '.google.protobuf.Value': return valueToJson(message);
    case '.google.protobuf.ListValue': return (message.values ?? []).map(valueToJson);
    case '.google.protobuf.Timestamp': return timestampToJson(message);
    case '.google.protobuf.Duration': return durationToJson(message);
  }
  if (type.fullName.startsWith('.google.protobuf.') && WRAPPERS.has(type.name)) {
    return scalarToJson(type.fields.value!, message.value);
  }
  const out: { [key: string]: Json } = {};
  for (const field of type.fieldsArray) {
    const name = field.name; // protobufjs camel-cases names from protos.json already
    const value = message[name];
    if (field.map) {
      const entries = Object.entries((value ?? {}) as Record<string, unknown>);
      if (entries.length === 0) continue;
      const obj: { [key: string]: Json } = {};
      for (const [k, v] of entries) obj[k] = scalarToJson(field, v);
      out[name] = obj;
    } else if (field.repeated) {
      if (!Array.isArray(value) || value.length === 0) continue;
      out[name] = value.map((v) => scalarToJson(field, v));
    } else if (field.resolvedType instanceof protobuf.Type) {
      if (value === null || value === undefined) continue;
      // In a oneof, proto-loader names the chosen member; a message outside one is present when non-null.
      if (field.partOf && message[field.partOf.name] !== undefined && message[field.partOf.name] !== name) continue;
      out[name] = messageToJson(field.resolvedType, value);
    } else {
      const member = field.partOf && message[field.partOf.name] === name;
      if (!member && isDefault(value)) continue;
      if (field.resolvedType instanceof protobuf.Enum && (value === 0 || value === field.resolvedType.valuesById[0])) continue;
      out[name] = scalarToJson(field, value);
    }
  }
  return out;
}
