/**
 * Whether a host names this machine's loopback: `localhost`, an address in 127.0.0.0/8 (written as one,
 * never a name that only starts with `127.`) or `::1`, bracketed or not.
 *
 * @example isLoopbackHost('127.0.0.2') // true
 * @example isLoopbackHost('127.attacker.example') // false
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase();
  return name === 'localhost' || name === '::1' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}
