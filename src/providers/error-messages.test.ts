import { describe, expect, it } from 'vitest';
import { agilicusEndpoint } from './agilicus/client.ts';
import { cloudFoundryEndpoint } from './cloudfoundry/client.ts';
import { contaboEndpoint } from './contabo/client.ts';
import type { ProviderEndpoint } from './http/fetch-json.ts';
import { openAiEndpoint } from './openai/client.ts';
import { parallelClusterEndpoint } from './parallelcluster/client.ts';

// Error bodies are the least documented part of every API: a field of an unexpected type must not hide
// the provider's own message (each read on its own).
describe.each<[string, ProviderEndpoint, unknown, string]>([
  [
    'Contabo',
    contaboEndpoint,
    { statusCode: 400, message: 'size too large', error: { code: 'E1' } },
    'size too large',
  ],
  ['Contabo', contaboEndpoint, { statusCode: '400', message: 'size too large' }, 'size too large'],
  ['Contabo', contaboEndpoint, { statusCode: 400, message: ['a', 'b'] }, 'a; b'],
  [
    'Contabo',
    contaboEndpoint,
    { error: 'invalid_grant', error_description: 'Account disabled' },
    'Account disabled',
  ],
  [
    'Agilicus',
    agilicusEndpoint,
    { error_message: 'dt_from invalid', detail: [{ msg: 'x' }] },
    'dt_from invalid',
  ],
  ['Agilicus', agilicusEndpoint, { error_message: null, detail: 'Not authenticated' }, 'Not authenticated'],
  [
    'ParallelCluster',
    parallelClusterEndpoint,
    { message: null, Message: 'User is not authorized' },
    'User is not authorized',
  ],
  [
    'OpenAI',
    openAiEndpoint,
    { error: { message: 'Invalid key', type: 'invalid_request_error', code: 401 } },
    'Invalid key',
  ],
  [
    'Cloud Foundry',
    cloudFoundryEndpoint,
    { errors: [{ code: '10005', title: 'CF-BadQueryParameter', detail: 'bad' }] },
    'bad (CF-BadQueryParameter)',
  ],
])('%s error body %j', (_name, endpoint, body, message) => {
  it(`reads ${JSON.stringify(message)}`, () => {
    expect(endpoint.errorMessage(body)).toBe(message);
  });
});
