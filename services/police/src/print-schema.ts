// Standard output carries the SDL alone: logs go to standard error, set before the app is loaded.
process.env.LOG_DEST = 'stderr';
const { printSubgraphSchema } = await import('@lianxin/platform');
const { AppModule } = await import('./app.module.js');

process.stdout.write(await printSubgraphSchema(AppModule));
