import { hashSeed, pick, randomUuid, seededRandom } from './random.ts';

/** The people and machines that act in every simulator, so one person can be followed across providers. */
export interface Person {
  /** Stable UUID, used where an API carries a user id. */
  uuid: string;
  /** OpenAI style user id. */
  userId: string;
  name: string;
  username: string;
  email: string;
  /** The person's usual addresses; stories add unusual ones. */
  ips: string[];
  userAgent: string;
  country: string;
  city: string;
}

const FIRST = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'yasmin',
  'zoe',
  'amir',
  'bea',
  'chen',
  'dana',
  'eli',
  'fatima',
  'gus',
  'hana',
  'igor',
  'jonas',
  'kiri',
  'lena',
  'mateo',
  'noor',
  'omar',
  'priya',
  'quinn',
  'rosa',
  'sami',
] as const;
const LAST = [
  'nguyen',
  'smith',
  'garcia',
  'mueller',
  'rossi',
  'tanaka',
  'okafor',
  'silva',
  'kowalski',
  'haddad',
  'larsen',
  'dubois',
  'ivanova',
  'patel',
  'kim',
  'moreau',
] as const;
const PLACES = [
  ['DE', 'Berlin'],
  ['US', 'Seattle'],
  ['GB', 'London'],
  ['CA', 'Toronto'],
  ['NL', 'Amsterdam'],
  ['US', 'Austin'],
  ['FR', 'Paris'],
  ['IN', 'Bengaluru'],
  ['JP', 'Tokyo'],
  ['BR', 'Sao Paulo'],
] as const;
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
] as const;

function documentationIp(index: number): string {
  // RFC 5737 documentation ranges: realistic looking, never a real host.
  const nets = ['192.0.2', '198.51.100', '203.0.113'] as const;
  return `${nets[index % 3]}.${((index * 37) % 254) + 1}`;
}

function buildCast(count: number): Person[] {
  const random = seededRandom(hashSeed('cast'));
  const people: Person[] = [];
  const seen = new Set<string>();
  for (let i = 0; people.length < count; i++) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    let username = `${first}.${last}`;
    if (seen.has(username)) username = `${username}${i}`;
    seen.add(username);
    const [country, city] = pick(random, PLACES);
    const display = `${first[0]?.toUpperCase()}${first.slice(1)} ${last[0]?.toUpperCase()}${last.slice(1)}`;
    people.push({
      uuid: randomUuid(random),
      userId: `user-${randomUuid(random).replace(/-/g, '').slice(0, 24)}`,
      name: display,
      username,
      email: `${username}@example.com`,
      ips: [documentationIp(i * 2), documentationIp(i * 2 + 1)],
      userAgent: pick(random, AGENTS),
      country,
      city,
    });
  }
  // The protagonist of the cross-provider story keeps a recognisable name.
  const alice = people[0];
  if (alice) {
    alice.username = 'alice.nguyen';
    alice.name = 'Alice Nguyen';
    alice.email = 'alice.nguyen@example.com';
  }
  return people;
}

/** 300 people, the same in every simulator and at every start. */
export const CAST: readonly Person[] = buildCast(300);

/** The address the compromised-account story comes from: unusual for everyone in the cast. */
export const INTRUDER_IP = '198.51.100.66';
export const INTRUDER_AGENT = 'python-requests/2.32.3';
