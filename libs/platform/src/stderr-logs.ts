/**
 * Imported first by commands whose standard output is data (print-schema prints the SDL that is piped
 * into `supergraph check`): every logger created after it writes to standard error (see logFileDescriptor).
 * ES modules evaluate their imports in order, so this runs before the app's modules create loggers.
 */
process.env.LOG_DEST = 'stderr';

export {};
