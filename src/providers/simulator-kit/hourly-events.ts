import { hashSeed, seededRandom, type Random } from './random.ts';
import { HISTORY_MS, HOUR_MS } from './clock.ts';

/**
 * Deterministic event history built hour by hour from absolute time: the events of an hour depend only on
 * the seed and the hour, so they are the same at every restart and a moving clock only adds newer ones
 * (the slow trickle). Generated hours are cached.
 */
export function createHourlyHistory<T extends { time: number }>(
  seed: string,
  generateHour: (random: Random, hourStart: number) => T[],
) {
  const cache = new Map<number, T[]>();
  const hour = (index: number): T[] => {
    let events = cache.get(index);
    if (!events) {
      events = generateHour(seededRandom(hashSeed(seed, index)), index * HOUR_MS);
      cache.set(index, events);
    }
    return events;
  };
  return {
    /** All events with time in [now - 30 days, now]. */
    window(now: number): T[] {
      const from = now - HISTORY_MS;
      const out: T[] = [];
      for (let index = Math.floor(from / HOUR_MS); index <= Math.floor(now / HOUR_MS); index++) {
        for (const event of hour(index)) if (event.time >= from && event.time <= now) out.push(event);
      }
      return out;
    },
  };
}

/** How many events an hour holds: more in working hours (UTC), scaled, at least zero. */
export function eventsThisHour(random: Random, hourStart: number, perHour: number, scale: number): number {
  const utcHour = new Date(hourStart).getUTCHours();
  const day = new Date(hourStart).getUTCDay();
  const workday = day !== 0 && day !== 6;
  const shape = utcHour >= 7 && utcHour <= 18 ? (workday ? 1.8 : 0.6) : 0.35;
  const mean = perHour * shape * scale;
  return Math.max(0, Math.round(mean * (0.5 + random())));
}
