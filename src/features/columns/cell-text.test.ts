import { describe, expect, it } from 'vitest';
import { testEvent } from '../../timeline/test-event.ts';
import { actorText, cellText, columnLabel, targetText } from './cell-text.ts';

describe('cell texts', () => {
  it('shows actor and target as the table and the export do', () => {
    expect(actorText({ actor: { id: 'u', name: 'n' } })).toBe('n');
    expect(actorText({ actor: {} })).toBe('—');
    expect(actorText({ actor: { email: '', name: '', id: 'u-7' } })).toBe('u-7');
    expect(targetText({ target: { type: 'app' } })).toBe('app');
    expect(targetText({ target: { id: 'x' } })).toBe('x');
    expect(targetText({ target: {} })).toBe('—');
    expect(cellText(testEvent({ key: 'k', time: 0, ip: undefined }), 'ip', 'UTC')).toBe('');
  });

  it('names the time column with its zone', () => {
    expect(columnLabel('time', 'UTC')).toBe('Time (UTC)');
    expect(columnLabel('time', 'Europe/Berlin')).toBe('Time (Europe/Berlin)');
    expect(columnLabel('ip', 'UTC')).toBe('IP');
  });
});
