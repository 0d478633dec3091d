import t from 'tap';
import { classifyChange, nextStatus } from './lifecycle.js';

t.test('nextStatus follows new → open → resolved → reopened → open', async (t) => {
  t.same(nextStatus(undefined, 'FAIL', false), { to: 'new' });
  t.same(nextStatus({ status: 'new', suppressed: false }, 'FAIL', false), { to: 'open' });
  t.same(nextStatus({ status: 'open', suppressed: false }, 'PASS', false), { to: 'resolved' });
  t.same(nextStatus({ status: 'resolved', suppressed: false }, 'FAIL', false), { to: 'reopened' });
  t.same(nextStatus({ status: 'reopened', suppressed: false }, 'FAIL', false), { to: 'open' });
  t.same(nextStatus({ status: 'open', suppressed: false }, 'gone', false), { to: 'resolved', reason: 'resource_gone' });
});

t.test('ERROR and unseen never change a finding; PASS without one creates none', async (t) => {
  for (const status of ['new', 'open', 'reopened', 'resolved'] as const) {
    t.equal(nextStatus({ status, suppressed: false }, 'ERROR', false), null, status);
    t.equal(nextStatus({ status, suppressed: true }, 'unseen', false), null, status);
  }
  t.equal(nextStatus(undefined, 'PASS', false), null);
  t.equal(nextStatus({ status: 'resolved', suppressed: false }, 'PASS', false), null);
});

t.test('a finding whose exception stops suppressing it is reopened', async (t) => {
  t.same(nextStatus({ status: 'open', suppressed: true }, 'FAIL', false), { to: 'reopened', reason: 'exception_expired' });
  t.same(nextStatus({ status: 'open', suppressed: true }, 'FAIL', true), { to: 'open' });
  t.same(nextStatus({ status: 'new', suppressed: false }, 'FAIL', true), { to: 'open' });
});

t.test('classifyChange names what a reader calls a change', async (t) => {
  t.equal(classifyChange(null, 'new', ['new']), 'new');
  t.equal(classifyChange(null, 'open', ['new', 'open']), 'new');
  t.equal(classifyChange('resolved', 'reopened', ['reopened']), 'reopened');
  t.equal(classifyChange('open', 'resolved', ['resolved']), 'resolved');
  t.equal(classifyChange('new', 'open', ['open']), null);
  t.equal(classifyChange('open', 'open', ['resolved', 'reopened', 'open']), 'reopened');
  t.equal(classifyChange('resolved', 'resolved', ['reopened', 'resolved']), null);
});
