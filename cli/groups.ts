/**
 * The command groups of the `parapet` CLI: each lives in its own file under cli/ and
 * exports `register(program)`. Listed with the top-level commands each registers, so
 * that main.ts loads only the group a command needs.
 */
import type { Command } from 'commander';

export type Register = (program: Command) => void;

// One import a command group, by the top-level commands it registers; keep the list sorted.
export const groups: Array<{ commands: string[]; load: () => Promise<{ register: Register }> }> = [
  { commands: ['bundle'], load: () => import('./bundle.js') },
  { commands: ['collect'], load: () => import('./collect.js') },
  { commands: ['diff'], load: () => import('./diff.js') },
  { commands: ['eval'], load: () => import('./eval.js') },
  { commands: ['exception'], load: () => import('./exceptions.js') },
  { commands: ['policy'], load: () => import('./policy.js') },
  { commands: ['scan', 'scans', 'score'], load: () => import('./scan.js') },
  { commands: ['schedule'], load: () => import('./schedule.js') },
  { commands: ['serve'], load: () => import('./serve.js') },
  { commands: ['token'], load: () => import('./token.js') },
];

