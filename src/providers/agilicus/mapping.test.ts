import { describe, expect, it } from 'vitest';
import { agilicusAuditCategory, agilicusAuditOutcome, agilicusAuthOutcome } from './mapping.ts';

describe('Agilicus category and outcome table', () => {
  it.each([
    ['Success', undefined, 'success'],
    ['Failure', undefined, 'failure'],
    ['Denied', 'Failure', 'failure'],
    ['Timeout', undefined, 'failure'],
    ['SessionExpired', undefined, 'failure'],
    ['InProgress', 'Success', 'unknown'],
    ['Authenticate', undefined, 'unknown'],
    ['DoMfa', undefined, 'unknown'],
    ['CodeIssued', undefined, 'unknown'],
    ['Create', undefined, 'unknown'],
    ['SomethingNew', undefined, 'unknown'],
    [undefined, 'Success', 'success'],
    [undefined, 'Failure', 'failure'],
    ['Success', 'Failure', 'failure'],
    [undefined, undefined, 'unknown'],
  ] as const)('auth result %s / event %s → %s', (result, event, outcome) => {
    expect(agilicusAuthOutcome(result, event)).toBe(outcome);
  });

  it.each([
    [{ action: 'CREATE', target_resource_type: 'token' }, 'lifecycle'],
    [{ action: 'DELETE', target_resource_type: 'application' }, 'lifecycle'],
    [{ action: 'deleted' }, 'lifecycle'],
    [{ action: 'UPDATE', target_resource_type: 'application' }, 'configuration'],
    [{ action: 'REPLACE' }, 'configuration'],
    [{ action: 'GRANT_PERMISSION' }, 'authorization'],
    [{ action: 'AddRole' }, 'authorization'],
    [{ action: 'REVOKE' }, 'authorization'],
    [{ action: 'CREATE', target_resource_type: 'user_role', api_name: 'users' }, 'authorization'],
    [{ action: 'DELETE', target_resource_type: 'application_permission' }, 'authorization'],
    [{ action: 'UPDATE', target_resource_type: 'user', api_name: 'users' }, 'configuration'],
    [{ action: 'LOGIN', target_resource_type: 'user_role' }, 'authorization'],
    [{ action: 'EXPORT', api_name: 'permissions' }, 'authorization'],
    [{ action: 'EXPORT', api_name: 'files' }, 'other'],
    [{}, 'other'],
  ] as const)('audit %j → %s', (record, category) => {
    expect(agilicusAuditCategory(record)).toBe(category);
  });

  it('calls an audit a success unless the record says otherwise', () => {
    expect(agilicusAuditOutcome({ action: 'UPDATE' })).toBe('success');
    expect(agilicusAuditOutcome({ action: 'UPDATE', result: 'Failure' })).toBe('failure');
    expect(agilicusAuditOutcome({ action: 'UPDATE', status: 'denied' })).toBe('failure');
    expect(agilicusAuditOutcome({ action: 'CREATE_FAILED' })).toBe('failure');
    expect(agilicusAuditOutcome({ action: 'UPDATE', outcome: 'Success' })).toBe('success');
  });
});
