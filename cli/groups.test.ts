import t from 'tap';
import { Command } from 'commander';
import { groups } from './groups.js';

// main.ts loads only the group whose commands include argv[2]: each group's list must
// be exactly the top-level commands it registers, or a command would be unreachable.
t.test('each command group registers exactly the commands it is listed with', async (t) => {
  const seen = new Set<string>();
  for (const group of groups) {
    const program = new Command('parapet');
    (await group.load()).register(program);
    const registered = program.commands.map((c) => c.name()).sort();
    t.same(registered, [...group.commands].sort(), `group of ${group.commands.join(', ')}`);
    for (const name of registered) {
      t.notOk(seen.has(name), `${name} is registered by one group only`);
      seen.add(name);
    }
  }
});
