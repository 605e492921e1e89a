import { runMigrationCommand } from '@lianxin/db';
import { ormConfig } from './mikro-orm.config.js';

process.exitCode = await runMigrationCommand(ormConfig(), process.argv[2] ?? 'up');
