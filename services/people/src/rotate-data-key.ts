import { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { ormConfig } from './mikro-orm.config.js';
import { rotateDataKey, type KeyRotationProgress } from './personal-data/key-rotation.js';
import { PersonalDataVault } from './personal-data/personal-data-vault.js';

/**
 * Personal-data key rotation (services/people/README.md, "Rotating the personal-data key"):
 *   node services/people/dist/rotate-data-key.js [--check] [--batch-size 1000]
 * Re-seals every person's ID number and phone with PEOPLE_DATA_KEY and recomputes the look-up hash;
 * what PEOPLE_DATA_PREVIOUS_KEYS sealed is read. Rows already under the current key are skipped, so a
 * run that stopped is resumed by running it again. --check writes nothing. Exit 1 when, afterwards, some
 * person is not under the current key (--check: not yet rotated; both: sealed values no configured key
 * opens, listed); exit 2 on bad arguments.
 * The database comes from DATABASE_PREFIX / DATABASE_NAME as for migrate.
 */
const logger = pino({ name: 'people-rotate-data-key' });
const args = process.argv.slice(2);
const check = args.includes('--check');
const sizeAt = args.indexOf('--batch-size');
const batchSize = sizeAt >= 0 ? Number(args[sizeAt + 1]) : 1000;
const known = args.every((arg, index) => arg === '--check' || arg === '--batch-size' || (index > 0 && args[index - 1] === '--batch-size'));
if (!known || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  logger.error({ args }, 'usage: rotate-data-key.js [--check] [--batch-size 1..10000]');
  process.exit(2);
}

const WIDTH = 24;
/** `[████████░░░░]  120000/1039289 re-sealed 118000` on a terminal, redrawn at most every 100 ms. */
function progressBar(): (progress: KeyRotationProgress) => void {
  let lastDraw = 0;
  return (progress) => {
    if (Date.now() - lastDraw < 100 && progress.scanned < progress.total) return;
    lastDraw = Date.now();
    const share = progress.total > 0 ? Math.min(1, progress.scanned / progress.total) : 1;
    const filled = Math.round(share * WIDTH);
    const count = `${progress.scanned}/${progress.total}`.padStart(17);
    process.stderr.write(`\r\x1b[2K[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${count} ${check ? 'not yet rotated' : 're-sealed'} ${progress.pending}`);
  };
}
const terminal = process.stderr.isTTY === true;
const onProgress = terminal ? progressBar() : (progress: KeyRotationProgress) => logger.info(progress, check ? 'checking' : 're-sealing');

const vault = PersonalDataVault.fromEnvironment(process.env, (message) => logger.warn(message));
const config = ormConfig({ pool: { min: 0, max: 2 } });
const orm = await MikroORM.init(config);
try {
  logger.info({ database: config.dbName, currentKeyId: vault.currentKeyId, previousKeyIds: vault.previousKeyIds, batchSize }, check ? 'checking the personal-data key' : 'rotating the personal-data key');
  const report = await rotateDataKey(orm.em.fork(), vault, { check, batchSize, onProgress });
  if (terminal) process.stderr.write('\n');
  const fields = { database: config.dbName, ...report };
  if (report.unreadable > 0) {
    logger.error(fields, 'some sealed values open with no configured key: add the key they name to PEOPLE_DATA_PREVIOUS_KEYS and run again');
    process.exitCode = 1;
  } else if (check && report.pending > 0) {
    logger.error(fields, 'persons not yet under the current key: run rotate-data-key.js');
    process.exitCode = 1;
  } else {
    logger.info(fields, check ? 'every person is under the current key: the previous keys may be removed' : 'personal data re-sealed with the current key');
  }
} finally {
  await orm.close(true);
}
