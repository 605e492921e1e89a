import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const { users } = JSON.parse(readFileSync(join(root, 'tools', 'nats', 'nats-users.json'), 'utf8')) as {
  users: Record<string, { publishes?: string; consumers?: Array<{ durable: string }> }>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Durable consumer names a service's code declares (IdempotentConsumer classes, the person directory). */
function declaredConsumers(service: string): string[] {
  const names: string[] = [];
  for (const file of sources(join(root, 'services', service, 'src'))) {
    const text = readFileSync(file, 'utf8');
    if (/extends IdempotentConsumer/.test(text)) names.push(...[...text.matchAll(/readonly name = '([a-z0-9-]+)'/g)].map((match) => match[1]));
    names.push(...[...text.matchAll(/personDirectoryConsumer\('([a-z0-9-]+)'\)/g)].map((match) => `${match[1]}-person-directory`));
  }
  return [...new Set(names)].sort();
}

/** Issue 14: NATS only lets a service use the consumers declared for it; code and table must agree. */
describe('tools/nats/nats-users.json', () => {
  const services = readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'src', 'app.module.ts')));

  it('finds the consumers in the code (the check below is not empty)', () => {
    expect(declaredConsumers('cases')).toEqual(expect.arrayContaining(['cases-grid-names', 'cases-hazard-reported', 'cases-person-directory']));
    expect(declaredConsumers('volunteers')).toEqual(expect.arrayContaining(['volunteers-case-verified', 'volunteers-person-directory']));
  });

  it.each(services)('gives %s its own user, publishing its domain, with every consumer its code declares', (service) => {
    const user = users[service];
    expect(user).toBeDefined();
    expect(user.publishes).toBe(service);
    expect((user.consumers ?? []).map((consumer) => consumer.durable).sort()).toEqual(expect.arrayContaining(declaredConsumers(service)));
  });
});
