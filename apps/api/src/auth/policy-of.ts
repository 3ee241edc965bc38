/** One policy per request's caller, built on first use. */
import { forbidden } from '../common/http-errors';
import { Policy } from './policy';
import type { Principal } from './principal';

const built = new WeakMap<Principal, Policy>();

/** The caller's policy. */
export function policyOf(p: Principal): Policy {
  let policy = built.get(p);
  if (!policy) built.set(p, (policy = new Policy(p)));
  return policy;
}

/** Refuses (403) a change of the installation-wide records (calendar, forms) by anyone but the root organisation's admin. */
export function assertProvinceWide(p: Principal, type: 'Calendar' | 'Form' | 'Law'): void {
  // The law is the province's as the catalogue is: who may edit one may add the other.
  if (!policyOf(p).can('write', type === 'Law' ? 'Form' : type, { orgId: p.orgId }))
    throw forbidden(
      {
        Calendar: 'Lịch làm việc dùng chung cho cả tỉnh: chỉ quản trị cấp tỉnh sửa được',
        Form: 'Danh mục hình thức khen thưởng dùng chung cho cả tỉnh: chỉ quản trị cấp tỉnh sửa được',
        Law: 'Văn bản pháp luật dùng chung cho cả tỉnh: chỉ quản trị cấp tỉnh thêm, gỡ được',
      }[type],
    );
}
