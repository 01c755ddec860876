import { describe, expect, it } from 'vitest';
import { auditEventSchema } from '../../timeline/audit-event.ts';
import { CONTABO_MAPPING, contaboCategory, contaboOutcome } from './mapping.ts';
import { normalizeContaboAudit } from './normalize.ts';
import {
  contaboAuditListSchema,
  contaboAuditSchema,
  contaboErrorSchema,
  contaboTimeMs,
  paginationOf,
} from './schema.ts';

/** The example response of the provider doc (composed from the spec's field names). */
const PUBLISHED_EXAMPLE = {
  _pagination: { size: 2, totalElements: 3, totalPages: 2, page: 1 },
  data: [
    {
      id: 90211,
      action: 'UPDATED',
      timestamp: '2024-05-14T09:12:44.512Z',
      tenantId: 'DE',
      customerId: '54321',
      changedBy: 'c4c800ff-e524-47dd-9543-71dfc8b91113',
      username: 'ops.bot',
      requestId: '0c9d3c6e-4a43-4a55-9a4e-2d7f0d1f3a10',
      traceId: 'deploy-7781',
      imageId: 'e443eab5-647a-4bc3-b4f9-16f5a281224d',
      changes: { prev: { name: 'ubuntu-base' }, new: { name: 'ubuntu-base-v2' } },
    },
    {
      id: 90198,
      action: 'CREATED',
      timestamp: '2024-05-13T17:03:02.001Z',
      tenantId: 'DE',
      customerId: '54321',
      changedBy: 'c4c800ff-e524-47dd-9543-71dfc8b91113',
      username: 'ops.bot',
      requestId: '5b2a7f5e-9c61-4f0e-b7b9-8a3f44a0c2de',
      traceId: 'deploy-7770',
      imageId: 'e443eab5-647a-4bc3-b4f9-16f5a281224d',
      changes: { new: { name: 'ubuntu-base', osType: 'Linux' } },
    },
  ],
  _links: {
    self: '/v1/compute/images/audits?page=1&size=2&orderBy=timestamp:desc',
    first: '/v1/compute/images/audits?page=1&size=2',
    next: '/v1/compute/images/audits?page=2&size=2',
    last: '/v1/compute/images/audits?page=2&size=2',
  },
};

/** The spec's own example: `_pagination` is an empty string and the ids are not valid UUIDs. */
const SPEC_EXAMPLE = {
  _pagination: '',
  data: [
    {
      id: 12345,
      action: 'CREATED',
      timestamp: '2021-03-30T11:35:06.177Z',
      tenantId: 'DE',
      customerId: '54321',
      changedBy: '23cbb6d6-cb11-4330-bdff-7bb791df2e23',
      username: 'John.Doe',
      requestId: 'A2F56FAF-18N0-4893-11HG-R312M1E4FEC5',
      traceId: '78E9A428-94E9-4A2A-92F5-26038C6884F',
      imageId: 'e443eab5-647a-4bc3-b4f9-16f5a281224d',
      changes: {},
    },
  ],
  _links: {
    self: '/v1/compute/images/audits',
    first: '/v1/compute/images/audits?page=1',
    previous: '/v1/compute/images/audits?page=1',
    next: '/v1/compute/images/audits?page=1',
    last: '/v1/compute/images/audits?page=1',
  },
};

const [updated, created] = PUBLISHED_EXAMPLE.data as [
  (typeof PUBLISHED_EXAMPLE.data)[number],
  (typeof PUBLISHED_EXAMPLE.data)[number],
];

function without(record: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}

describe('Contabo schema', () => {
  it('validates the published example and keeps pagination', () => {
    const list = contaboAuditListSchema.parse(PUBLISHED_EXAMPLE);
    expect(list.data).toHaveLength(2);
    expect(paginationOf(list)).toEqual({ size: 2, totalElements: 3, totalPages: 2, page: 1 });
  });

  it('accepts the spec example whose _pagination is an empty string, as no pagination info', () => {
    const list = contaboAuditListSchema.parse(SPEC_EXAMPLE);
    expect(paginationOf(list)).toBeUndefined();
    expect(
      paginationOf(contaboAuditListSchema.parse({ ...SPEC_EXAMPLE, _pagination: null })),
    ).toBeUndefined();
    expect(paginationOf(contaboAuditListSchema.parse(without(SPEC_EXAMPLE, '_pagination')))).toBeUndefined();
  });

  it('reads timestamps with milliseconds and Z, and refuses what is not an instant', () => {
    expect(contaboTimeMs('2021-03-30T11:35:06.177Z')).toBe(Date.UTC(2021, 2, 30, 11, 35, 6, 177));
    expect(contaboTimeMs('2021-03-30T11:35:06Z')).toBe(Date.UTC(2021, 2, 30, 11, 35, 6));
    expect(contaboTimeMs('2021-03-30T11:35:06.177123Z')).toBe(Date.UTC(2021, 2, 30, 11, 35, 6, 177));
    expect(contaboTimeMs('2021-03-30T13:35:06.177+02:00')).toBe(Date.UTC(2021, 2, 30, 11, 35, 6, 177));
    for (const bad of ['2021-03-30 11:35:06', '2021-03-30', 'yesterday', '1970-01-01T00:00:00.000Z', '']) {
      expect(contaboTimeMs(bad)).toBeUndefined();
      expect(contaboAuditSchema.safeParse({ ...created, timestamp: bad }).success).toBe(false);
    }
  });

  it('accepts the three spec actions and an unknown one, but not an empty action', () => {
    for (const action of ['CREATED', 'UPDATED', 'DELETED', 'RESTORED'])
      expect(contaboAuditSchema.safeParse({ ...created, action }).success).toBe(true);
    expect(contaboAuditSchema.safeParse({ ...created, action: '' }).success).toBe(false);
  });

  it('keeps unknown fields, takes null for optional items, and refuses a missing id or image', () => {
    const parsed = contaboAuditSchema.parse({ ...created, changes: null, traceId: null, region: 'EU' });
    expect(parsed).toMatchObject({ region: 'EU', changes: null });
    expect(contaboAuditSchema.safeParse({ ...created, id: '90198' }).success).toBe(true);
    expect(contaboAuditSchema.safeParse(without(created, 'id')).success).toBe(false);
    expect(contaboAuditSchema.safeParse(without(created, 'imageId')).success).toBe(false);
  });

  it('takes an empty imageId (the spec sets no minimum length on it), as an event without an image', () => {
    const record = contaboAuditSchema.parse({ ...created, imageId: '' });
    const event = normalizeContaboAudit(record, false);
    expect(event.target.id).toBeUndefined();
    expect(event.scope.image).toBeUndefined();
    expect(event.summary).not.toMatch(/image $/);
  });

  it('reads Contabo error bodies', () => {
    expect(contaboErrorSchema.parse({ statusCode: 400, message: 'bad' })).toMatchObject({ message: 'bad' });
    expect(contaboErrorSchema.parse({ statusCode: 400, message: ['a', 'b'] }).message).toEqual(['a', 'b']);
  });
});

describe('Contabo normalizer', () => {
  it('turns the published example into sensible events', () => {
    const list = contaboAuditListSchema.parse(PUBLISHED_EXAMPLE);
    const [update, create] = list.data.map((record) => normalizeContaboAudit(record, false));
    expect(update).toEqual({
      key: 'contabo.images:90211',
      provider: 'contabo',
      source: 'contabo.images',
      time: Date.UTC(2024, 4, 14, 9, 12, 44, 512),
      action: 'UPDATED',
      category: 'configuration',
      outcome: 'success',
      actor: { id: 'c4c800ff-e524-47dd-9543-71dfc8b91113', name: 'ops.bot', email: undefined, type: 'user' },
      target: { id: 'e443eab5-647a-4bc3-b4f9-16f5a281224d', name: 'ubuntu-base-v2', type: 'image' },
      scope: { org: '54321', image: 'e443eab5-647a-4bc3-b4f9-16f5a281224d' },
      requestId: '0c9d3c6e-4a43-4a55-9a4e-2d7f0d1f3a10',
      traceId: 'deploy-7781',
      summary: 'ops.bot updated image "ubuntu-base-v2": name "ubuntu-base" → "ubuntu-base-v2"',
      demo: false,
      raw: updated,
    });
    expect(create).toMatchObject({
      action: 'CREATED',
      category: 'lifecycle',
      outcome: 'success',
      summary: 'ops.bot created image "ubuntu-base"',
    });
    for (const event of [update, create]) expect(auditEventSchema.safeParse(event).success).toBe(true);
  });

  it('keeps the wire record untouched in raw', () => {
    const record = contaboAuditSchema.parse({ ...updated, extra: { nested: true } });
    expect(normalizeContaboAudit(record, true).raw).toEqual({ ...updated, extra: { nested: true } });
  });

  it('summarises deletions, many changes, emails and unknown actions', () => {
    const deleted = normalizeContaboAudit(
      contaboAuditSchema.parse({
        ...created,
        action: 'DELETED',
        username: 'alice.nguyen@example.com',
        changes: { prev: { name: 'old-image' } },
      }),
      true,
    );
    expect(deleted).toMatchObject({
      category: 'lifecycle',
      summary: 'alice.nguyen@example.com deleted image "old-image"',
      actor: { email: 'alice.nguyen@example.com' },
    });
    const many = normalizeContaboAudit(
      contaboAuditSchema.parse({
        ...updated,
        changes: {
          prev: { name: 'a', description: 'x'.repeat(80), url: 'u1', tags: ['a'] },
          new: { name: 'b', description: 'y', url: 'u2', tags: ['b'], osType: 'Linux' },
        },
      }),
      false,
    );
    expect(many.summary).toBe(
      'ops.bot updated image "b": name "a" → "b", description changed, url "u1" → "u2" and 2 more',
    );
    const unknown = normalizeContaboAudit(
      contaboAuditSchema.parse({ ...created, action: 'RESTORED', username: '', changes: undefined }),
      false,
    );
    expect(unknown).toMatchObject({
      category: 'other',
      outcome: 'unknown',
      summary: 'c4c800ff-e524-47dd-9543-71dfc8b91113 restored image e443eab5-647a-4bc3-b4f9-16f5a281224d',
    });
  });

  it('maps actions through one table: CREATED/DELETED lifecycle, UPDATED configuration, all success', () => {
    expect(CONTABO_MAPPING).toEqual({
      CREATED: { category: 'lifecycle', outcome: 'success' },
      UPDATED: { category: 'configuration', outcome: 'success' },
      DELETED: { category: 'lifecycle', outcome: 'success' },
    });
    expect(contaboCategory('toString')).toBe('other');
    expect(contaboOutcome('constructor')).toBe('unknown');
  });
});
