import { printSubgraphSchema } from '@lianxin/platform';
import { AppModule } from './app.module.js';

process.stdout.write(await printSubgraphSchema(AppModule));
