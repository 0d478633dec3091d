/**
 * The store: one connection (SQLite file or PostgreSQL URL) and a repository
 * per concern. `openStore()` migrates to the latest schema before returning.
 */
import { openConnection, type Connection, type OpenOptions } from './db.js';
import { BundleRepository } from './bundles.js';
import { DecisionLogRepository } from './decisions.js';
import { ExceptionRepository } from './exceptions.js';
import { FindingRepository } from './findings.js';
import { ScanRepository, type ScanOptions } from './scans.js';
import { ScheduleRepository } from './schedules.js';
import { ScoreRepository } from './scores.js';
import { TokenRepository } from './tokens.js';

export interface StoreOptions extends OpenOptions, ScanOptions {
  /** Input paths masked before decision logs are stored (`/input/user/password`). */
  decisionMaskPaths?: readonly string[];
}

export interface Store extends Connection {
  scans: ScanRepository;
  findings: FindingRepository;
  exceptions: ExceptionRepository;
  scores: ScoreRepository;
  schedules: ScheduleRepository;
  bundles: BundleRepository;
  decisions: DecisionLogRepository;
  tokens: TokenRepository;
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const connection = await openConnection(options);
  const { db } = connection;
  return {
    ...connection,
    scans: new ScanRepository(db, options),
    findings: new FindingRepository(db),
    exceptions: new ExceptionRepository(db),
    scores: new ScoreRepository(db),
    schedules: new ScheduleRepository(db),
    bundles: new BundleRepository(db),
    decisions: new DecisionLogRepository(db, options.decisionMaskPaths ?? []),
    tokens: new TokenRepository(db),
  };
}

export { storeLocation, DEFAULT_DB_PATH, type Dialect } from './db.js';
