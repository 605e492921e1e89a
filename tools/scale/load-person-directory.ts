import type { LoadContext } from './context.ts';
import { databaseName } from './copy-sink.ts';
import { streamRows } from './row-stream.ts';

/**
 * The person directory (DOMAIN.md §8.7; libs/events person-directory.ts) of the services that keep
 * one — cases and, when built, volunteers: one known_person row per person of the loaded people
 * database, with the grid they live in, as each service's people-event consumer would have left it
 * (version 1, no account linked: the scale data links no logins to persons). Without it every write
 * that names a person (registerVolunteer, a staff-reported case's reporter) is refused on scale data
 * as "not registered in your area". Runs after people (it reads the people database).
 */
export async function loadPersonDirectory(context: LoadContext, services: string[]): Promise<void> {
  // Only the progress bar's estimate; the real count replaces it at the end.
  const expected = 1_000_000;
  const sinks = services.map((service) =>
    context.sink(service, 'known_person', ['person_id', 'grid_code', 'user_id', 'version', 'link_version', 'link_changed_at'], expected),
  );
  const rows = streamRows(context.connection, databaseName('people'), 'select id, grid_code from person where grid_code is not null order by id');
  let count = 0;
  for await (const [personId, gridCode] of rows) {
    for (const sink of sinks) sink.add([personId, gridCode, null, 1, 0, null]);
    if (++count % 5_000 === 0) await Promise.all(sinks.map((sink) => sink.ready()));
  }
  for (const sink of sinks) context.reporter.expect(sink, sink.rows);
  await Promise.all(sinks.map((sink) => sink.end()));
}
