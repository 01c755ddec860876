/**
 * How much of a foundation a Cloud Foundry token can see. Cloud Controller scopes audit event lists to the
 * caller without saying so: only `cloud_controller.admin`, `.admin_read_only` and `.global_auditor` read
 * every org and space; any other token (`cloud_controller.read` with org or space roles) lists only the
 * events of the orgs and spaces its roles cover. The proxy, which holds the token, tells the browser which
 * in this header; the browser never sees the token.
 */
export const CF_REACH_HEADER = 'x-audit-lens-cf-reach';

export const CF_GLOBAL_READ_SCOPES = [
  'cloud_controller.admin',
  'cloud_controller.admin_read_only',
  'cloud_controller.global_auditor',
] as const;

export type CfReach = 'global' | 'roles';

/** `undefined` when the scopes are not known (an opaque token): then nothing is claimed either way. */
export function cfReachOfScopes(scopes: readonly string[] | undefined): CfReach | undefined {
  if (!scopes) return undefined;
  return scopes.some((scope) => (CF_GLOBAL_READ_SCOPES as readonly string[]).includes(scope))
    ? 'global'
    : 'roles';
}

export const CF_ROLES_REACH_NOTE =
  "lists only the events of the orgs and spaces this token's roles cover (it has no global read scope: cloud_controller.admin, admin_read_only or global_auditor)";
