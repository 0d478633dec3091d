import t from 'tap';
import { OPA_VERSION, opaBinary, runOpa } from './opa.js';
import { isParapetError } from './errors.js';

t.test('finds the pinned OPA CLI and runs it', async (t) => {
  const version = await runOpa(['version']);
  t.match(version, `Version: ${OPA_VERSION}`);
  t.ok(opaBinary().length > 0);
});

t.test('a failing opa command rejects with its stderr and a code', async (t) => {
  const err = await runOpa(['eval', '--format', 'json', 'data.x[']).then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(isParapetError(err, 'opa_failed'), 'rejects with code opa_failed');
  t.match((err as Error).message, /rego_parse_error/);
});
