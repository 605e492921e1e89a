import { bootstrapSubgraph } from '@lianxin/platform';
import { AppModule } from './app.module.js';

await bootstrapSubgraph(AppModule, { defaultPort: 4107 });
