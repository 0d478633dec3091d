/**
 * One compiled policy instance: opa-wasm's LoadedPolicy, instantiated with our own
 * import object so host built-ins get exact arguments (nanosecond integers beyond
 * 2^53 as BigInt, see json.ts) and results come back as raw JSON text. Data is set
 * once; each evaluation resets the heap to just above the data.
 */
import { createRequire } from 'node:module';
import { hostBuiltins, type HostBuiltin } from './builtins/index.js';
import { parseExact, stringifyExact } from './json.js';
import { Wasm, type WasmGlobal, type WasmInstance, type WasmMemory, type WasmModule } from './wasm-types.js';

const require = createRequire(import.meta.url);
interface LoadedPolicyLike {
  mem: WasmMemory;
  wasmInstance: WasmInstance;
  dataHeapPtr: number;
  dataAddr: number;
  entrypoints: Record<string, number>;
  minorVersion: number;
  setData(data: object | ArrayBuffer): void;
}
const { LoadedPolicy } = require('@open-policy-agent/opa-wasm') as {
  LoadedPolicy: new (instance: WasmInstance, memory: WasmMemory, minorVersion: number) => LoadedPolicyLike;
};
const sdkBuiltins = require(
  require.resolve('@open-policy-agent/opa-wasm').replace(/index\.cjs$/, 'builtins/index.js'),
) as Record<string, HostBuiltin | undefined>;

const PAGE = 64 * 1024;
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

export interface PolicyOptions {
  /** The fixed instant time.now_ns returns, in nanoseconds since the epoch (changeable with setNow). */
  nowNs: bigint;
  /** Upper bound of wasm linear memory, in 64 KiB pages. */
  maxMemoryPages: number;
  initialMemoryPages?: number;
}

type Exports = Record<string, (...args: number[]) => number>;

export class WasmPolicy {
  private readonly policy: LoadedPolicyLike;
  private readonly exports: Exports;
  readonly entrypoints: Record<string, number>;
  private nowNs: bigint;

  constructor(module: WasmModule, options: PolicyOptions) {
    const memory = new Wasm.Memory({ initial: options.initialMemoryPages ?? 5, maximum: options.maxMemoryPages });
    this.nowNs = options.nowNs;
    const ours: Record<string, HostBuiltin | undefined> = hostBuiltins(() => this.nowNs);
    let builtinNames: Record<number, string> = {};
    let exports: Exports | undefined;
    const decoder = new TextDecoder();
    const readString = (addr: number): string => {
      const bytes = new Uint8Array(memory.buffer);
      const end = bytes.indexOf(0, addr);
      return decoder.decode(bytes.subarray(addr, end < 0 ? bytes.length : end));
    };
    const loadJson = (text: string): number => {
      const length = Buffer.byteLength(text);
      const addr = exports!.opa_malloc(length);
      // After malloc: it may have grown (replaced) the memory's buffer.
      ENCODER.encodeInto(text, new Uint8Array(memory.buffer, addr, length));
      const parsed = exports!.opa_json_parse(addr, length);
      if (parsed === 0) throw new Error('failed to load a built-in result into wasm');
      return parsed;
    };
    const call = (id: number, args: number[]): number => {
      const name = builtinNames[id];
      const ourImpl = ours[name];
      const impl = ourImpl ?? sdkBuiltins[name];
      if (!impl) throw new Error(`not implemented: built-in function ${name}`);
      const values = args.map((addr) => {
        const text = readString(exports!.opa_json_dump(addr));
        return ourImpl ? parseExact(text) : JSON.parse(text);
      });
      const result = impl(...values);
      if (result === undefined) return 0;
      const text = ourImpl ? stringifyExact(result) : JSON.stringify(result);
      return text === undefined ? 0 : loadJson(text);
    };
    const env = {
      memory,
      opa_abort: (addr: number) => {
        throw new Error(`opa_abort: ${readString(addr)}`);
      },
      opa_println: (addr: number) => {
        process.stderr.write(readString(addr) + '\n');
      },
      opa_builtin0: (id: number) => call(id, []),
      opa_builtin1: (id: number, _c: number, a: number) => call(id, [a]),
      opa_builtin2: (id: number, _c: number, a: number, b: number) => call(id, [a, b]),
      opa_builtin3: (id: number, _c: number, a: number, b: number, c: number) => call(id, [a, b, c]),
      opa_builtin4: (id: number, _c: number, a: number, b: number, c: number, d: number) => call(id, [a, b, c, d]),
    };
    const instance = new Wasm.Instance(module, { env });
    exports = instance.exports as unknown as Exports;
    const abi = (instance.exports.opa_wasm_abi_version as WasmGlobal | undefined)?.value;
    const minor = (instance.exports.opa_wasm_abi_minor_version as WasmGlobal | undefined)?.value;
    if (abi !== 1 || typeof minor !== 'number' || minor < 2) {
      throw new Error(`unsupported opa wasm ABI ${abi}.${minor} (need 1.2 or later)`);
    }
    const declared = JSON.parse(readString(exports.opa_json_dump(exports.builtins()))) as Record<string, number>;
    builtinNames = Object.fromEntries(Object.entries(declared).map(([name, id]) => [id, name]));
    this.policy = new LoadedPolicy(instance, memory, minor);
    this.exports = exports;
    this.entrypoints = this.policy.entrypoints;
  }

  /** The instant time.now_ns returns from now on (one per scan, so a scan is reproducible). */
  setNow(nowNs: bigint): void {
    this.nowNs = nowNs;
  }

  /** Sets `data` once; later evaluations reuse it. */
  setData(data: object | ArrayBuffer): void {
    this.policy.setData(data);
  }

  /** Evaluates an entrypoint over input given as JSON text; returns the raw result set JSON text. */
  evaluateRaw(entrypoint: string, inputJson: string): string {
    const id = this.policy.entrypoints[entrypoint];
    if (id === undefined) throw new Error(`entrypoint ${entrypoint} is not in this bundle`);
    // Encode straight into wasm memory (no intermediate copy); read the result up to its NUL natively.
    const length = Buffer.byteLength(inputJson);
    const mem = this.policy.mem;
    const inputAddr = this.policy.dataHeapPtr;
    const needed = inputAddr + length - mem.buffer.byteLength;
    if (needed > 0) mem.grow(Math.ceil(needed / PAGE));
    ENCODER.encodeInto(inputJson, new Uint8Array(mem.buffer, inputAddr, length));
    const resultAddr = this.exports.opa_eval(0, id, this.policy.dataAddr, inputAddr, length, inputAddr + length, 0);
    const bytes = new Uint8Array(mem.buffer);
    const end = bytes.indexOf(0, resultAddr);
    return DECODER.decode(bytes.subarray(resultAddr, end < 0 ? bytes.length : end));
  }

  /** Bytes of wasm linear memory in use. */
  memoryBytes(): number {
    return this.policy.mem.buffer.byteLength;
  }
}
