import { Policy } from './policy';
import type { Principal } from './principal';
import { OrgTree } from '../organisations/org-tree';

const tree = new OrgTree([
  { id: 'root', parentId: null, kind: 'province', name: 'Thành phố', shortName: null, code: '79', settings: {} },
  { id: 'pa', parentId: 'root', kind: 'ward', name: 'Phường A', shortName: 'A', code: '1', settings: {} },
  { id: 'pa-kp', parentId: 'pa', kind: 'office', name: 'Khu phố 1', shortName: null, code: null, settings: {} },
  { id: 'pb', parentId: 'root', kind: 'ward', name: 'Phường B', shortName: 'B', code: '2', settings: {} },
]);
const who = (role: Principal['role'], orgId: string): Principal => ({
  accountId: 'a',
  username: 'u',
  role,
  orgId,
  scope: tree.subtree(orgId),
  above: tree.ancestors(orgId),
  ...(role === 'unit' ? { unitId: 'dv' } : {}),
});

describe('the tree', () => {
  it('knows who is below and above whom', () => {
    expect(tree.subtree('root')).toEqual(['root', 'pa', 'pb', 'pa-kp']);
    expect(tree.subtree('pa')).toEqual(['pa', 'pa-kp']);
    expect(tree.subtree('nowhere')).toEqual([]);
    expect(tree.ancestors('pa-kp')).toEqual(['pa', 'root']);
    expect(tree.depth('pa-kp', 'root')).toBe(2);
    expect(tree.within('pa-kp', 'pa')).toBe(true);
    expect(tree.within('pb', 'pa')).toBe(false);
  });
});

describe('the policy', () => {
  it('lets staff read their organisation and those below, and change only their own', () => {
    const city = new Policy(who('coordinator', 'root'));
    expect(city.can('read', 'Campaign', { orgId: 'pa' })).toBe(true);
    expect(city.can('write', 'Campaign', { orgId: 'pa' })).toBe(false);
    expect(city.can('write', 'Campaign', { orgId: 'root' })).toBe(true);
    const ward = new Policy(who('admin', 'pa'));
    expect(ward.can('read', 'Campaign', { orgId: 'pb' })).toBe(false);
    expect(ward.can('read', 'Campaign', { orgId: 'root' })).toBe(false);
    expect(ward.can('read', 'Unit', { orgId: 'pa-kp' })).toBe(true);
    expect(ward.can('write', 'Unit', { orgId: 'pa-kp' })).toBe(false);
  });

  it('lets an admin manage the accounts and organisations below, and only the root admin the province-wide records', () => {
    const ward = new Policy(who('admin', 'pa'));
    expect(ward.can('write', 'Account', { orgId: 'pa-kp' })).toBe(true);
    expect(ward.can('write', 'Account', { orgId: 'root' })).toBe(false);
    expect(ward.can('write', 'Organisation', { orgId: 'pa' })).toBe(true);
    expect(ward.can('write', 'Calendar', { orgId: 'pa' })).toBe(false);
    expect(ward.can('read', 'Calendar', { orgId: 'root' })).toBe(true);
    expect(new Policy(who('admin', 'root')).can('write', 'Form', { orgId: 'root' })).toBe(true);
    expect(new Policy(who('coordinator', 'root')).can('write', 'Account', { orgId: 'root' })).toBe(false);
  });

  it('offers a template shared by an organisation above, never one kept private there', () => {
    const ward = new Policy(who('coordinator', 'pa-kp'));
    expect(ward.can('read', 'Template', { orgId: 'root', shared: true })).toBe(true);
    expect(ward.can('read', 'Template', { orgId: 'root', shared: false })).toBe(false);
    expect(ward.can('read', 'Template', { orgId: 'pb', shared: true })).toBe(false);
  });

  it('gives a leader and a council member reading only, and a clerk no staff reading at all', () => {
    for (const role of ['leader', 'council'] as const) {
      const p = new Policy(who(role, 'pa'));
      expect(p.can('read', 'Campaign', { orgId: 'pa' })).toBe(true);
      expect(p.can('write', 'Campaign', { orgId: 'pa' })).toBe(false);
    }
    const clerk = new Policy(who('unit', 'pa'));
    expect(clerk.can('read', 'Campaign', { orgId: 'pa' })).toBe(false);
    expect(clerk.orgs('read', 'Campaign')).toEqual([]);
  });

  it('turns its rules into the SQL condition of a list, numbered from the parameter asked', () => {
    const ward = new Policy(who('coordinator', 'pa'));
    expect(ward.where('read', 'Template', { orgId: 't.org_id', shared: 't.shared' }, 3)).toEqual({
      // (CASL gives the later rule first: the order of an OR does not matter.)
      sql: '((t.org_id = ANY($3) AND t.shared = $4) OR (t.org_id = ANY($5)))',
      params: [['root'], true, ['pa', 'pa-kp']],
    });
    expect(new Policy(who('unit', 'pa')).where('read', 'Campaign', { orgId: 'c.org_id' }, 1)).toEqual({ sql: 'FALSE', params: [] });
    expect(ward.orgs('read', 'Template')).toEqual(['pa', 'pa-kp']);
  });
});
