import t from 'tap';
import type { ParapetMetadata, RuleMetadata } from '../bundle/types.js';
import { Rollup } from './rollup.js';
import type { Outcome } from './types.js';

const rule = (id: string, controls: string[]): RuleMetadata => ({
  id, title: id, description: '', severity: 'high', resource_types: ['T'], scope: 'resource', facts: [],
  frameworks: { fw: controls }, remediation: { text: '' }, package: id, path: '',
});
const control = (id: string, automated = true) => ({ id, title: id, section: 's', automated });
const meta = {
  bundle: { name: 'b', version: '1.0.0', opa_version: '1.22.3' },
  frameworks: { fw: { name: 'FW', version: '1', controls: [control('1'), control('2'), control('3'), control('4'), control('5'), control('6', false)] } },
  rules: [rule('pass', ['1']), rule('fail', ['2']), rule('err', ['3']), rule('unused', ['4'])],
  dispatch: { resource: {}, account: {} },
} as ParapetMetadata;
const outcome = (rule_id: string, status: Outcome['status']): Outcome => ({
  rule_id, status, resource_id: 'r', resource_type: 'T', provider: 'aws', account: '1', region: 'r', severity: 'high',
});

t.test('control statuses, counts and score', async (t) => {
  const rollup = new Rollup();
  for (const o of [outcome('pass', 'PASS'), outcome('fail', 'PASS'), outcome('fail', 'FAIL'), outcome('err', 'PASS'), outcome('err', 'ERROR')]) rollup.add(o);
  const result = rollup.result(meta);
  const fw = result.frameworks[0];
  t.same(fw.controls.map((c) => [c.id, c.status]), [['1', 'passed'], ['2', 'failed'], ['3', 'error'], ['4', 'no_resources'], ['5', 'not_covered'], ['6', 'manual']]);
  t.same(fw.counts, { passed: 1, failed: 1, error: 1, not_covered: 1, manual: 1, no_resources: 1 });
  t.equal(fw.score, 33.3);
  t.same(result.totals, { PASS: 3, FAIL: 1, ERROR: 1 });
  t.equal(result.failedBySeverity.high, 1);
});

t.test('withdrawn controls are left out of the roll-up', async (t) => {
  const withWithdrawn = {
    ...meta,
    frameworks: { fw: { name: 'FW', version: '1', controls: [control('1'), { ...control('AC-99', false), withdrawn: true }] } },
  } as ParapetMetadata;
  const rollup = new Rollup();
  rollup.add(outcome('pass', 'PASS'));
  const fw = rollup.result(withWithdrawn).frameworks[0];
  t.same(fw.controls.map((c) => c.id), ['1']);
  t.equal(fw.counts.manual, 0, 'a withdrawn control is not counted as manual');
});
