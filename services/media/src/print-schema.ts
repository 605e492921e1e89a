// Standard output carries the SDL alone: logs go to standard error (imported first, before the app).
import '@lianxin/platform/stderr-logs';
import { printSubgraphSchema } from '@lianxin/platform';
import { AppModule } from './app.module.js';

process.stdout.write(await printSubgraphSchema(AppModule));
