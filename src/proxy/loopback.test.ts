import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback.ts';

describe('isLoopbackHost', () => {
  it('knows loopback by name and address, never by a prefix of a name', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]', ' 127.0.0.1 '])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '127.attacker.example',
      '0.0.0.0',
      '10.0.0.1',
      'localhost.example',
      '::',
      '1127.0.0.1',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
