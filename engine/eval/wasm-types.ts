/**
 * The few WebAssembly JS API shapes the evaluator uses. The project's TypeScript lib
 * (ES2023, no DOM) does not declare the `WebAssembly` global, so it is typed here.
 */
export interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
export interface WasmGlobal { value: unknown }
export interface WasmInstance { readonly exports: Record<string, unknown> }
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WasmModule {}

interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
}

export const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
