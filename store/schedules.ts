/**
 * Scan schedules: one cron expression per target (croner syntax: five fields,
 * or six with seconds first) and what to scan. The server's scheduler
 * (posture/scheduler.ts) reads them; `lastRun` records each run.
 */
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import { ParapetError, errorMessage } from '../common/errors.js';
import { fromJson, nowIso, num, toJson, type DB } from './db.js';
import type { SchedulesTable } from './schema.js';

export interface ScheduleSpec {
  /** Native export files or folders to import… */
  imports?: string[];
  /** …or a parapet.inventory/v1 file. */
  inventory?: string;
  /** A bundle archive or a definition name under bundles/. */
  bundle: string;
  /** PEM public key the bundle's signature must verify with. */
  publicKey?: string;
}

export interface Schedule {
  id: string;
  target: string;
  cron: string;
  spec: ScheduleSpec;
  enabled: boolean;
  created_at: string;
  last_run_at: string | null;
  last_scan_id: number | null;
}

function toSchedule(row: SchedulesTable): Schedule {
  return {
    id: row.id,
    target: row.target,
    cron: row.cron,
    spec: fromJson<ScheduleSpec>(row.spec, { bundle: '' }),
    enabled: num(row.enabled) === 1,
    created_at: row.created_at,
    last_run_at: row.last_run_at,
    last_scan_id: row.last_scan_id === null ? null : Number(row.last_scan_id),
  };
}

/** Throws `schedule_invalid` unless croner accepts the expression. */
export function checkCron(expression: string): void {
  try {
    new Cron(expression, { paused: true }).stop();
  } catch (err) {
    throw new ParapetError('schedule_invalid', `invalid cron expression ${JSON.stringify(expression)}: ${errorMessage(err)}`);
  }
}

export class ScheduleRepository {
  constructor(private readonly db: DB) {}

  /** Creates or replaces the schedule of a target. */
  async put(input: { target: string; cron: string; spec: ScheduleSpec; enabled?: boolean }): Promise<Schedule> {
    if (!input.target?.trim()) throw new ParapetError('schedule_invalid', 'a schedule needs a target');
    checkCron(input.cron);
    if (!input.spec?.bundle) throw new ParapetError('schedule_invalid', `schedule of ${input.target}: the spec needs a bundle`);
    if (!!input.spec.imports?.length === !!input.spec.inventory) {
      throw new ParapetError('schedule_invalid', `schedule of ${input.target}: the spec reads either imports or one inventory`);
    }
    const row: SchedulesTable = {
      id: `sch_${randomBytes(6).toString('hex')}`,
      target: input.target,
      cron: input.cron,
      spec: toJson(input.spec),
      enabled: input.enabled === false ? 0 : 1,
      created_at: nowIso(),
      last_run_at: null,
      last_scan_id: null,
    };
    await this.db
      .insertInto('schedules')
      .values(row)
      .onConflict((oc) => oc.column('target').doUpdateSet((eb) => ({ cron: eb.ref('excluded.cron'), spec: eb.ref('excluded.spec'), enabled: eb.ref('excluded.enabled') })))
      .execute();
    return this.get(input.target);
  }

  async get(target: string): Promise<Schedule> {
    const row = await this.db.selectFrom('schedules').selectAll().where('target', '=', target).executeTakeFirst();
    if (!row) throw new ParapetError('schedule_not_found', `no schedule for target ${JSON.stringify(target)}`);
    return toSchedule(row);
  }

  async list(options: { enabledOnly?: boolean } = {}): Promise<Schedule[]> {
    let query = this.db.selectFrom('schedules').selectAll();
    if (options.enabledOnly) query = query.where('enabled', '=', 1);
    return (await query.orderBy('target').execute()).map(toSchedule);
  }

  async remove(target: string): Promise<void> {
    const res = await this.db.deleteFrom('schedules').where('target', '=', target).executeTakeFirst();
    if (num(res.numDeletedRows) === 0) throw new ParapetError('schedule_not_found', `no schedule for target ${JSON.stringify(target)}`);
  }

  async recordRun(target: string, scanId: number | null, at: string = nowIso()): Promise<void> {
    await this.db.updateTable('schedules').set({ last_run_at: at, last_scan_id: scanId }).where('target', '=', target).execute();
  }
}
