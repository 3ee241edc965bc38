/** Admin operations on a running campaign, each confirmed first: move milestones and report rounds, add a unit, cancel. */
import { useState } from 'react';
import { api, get, post } from '../api';
import { fromLocalInput, toLocalInput } from '../format';
import { MILESTONES, useT } from '../i18n';
import { MILESTONE_ORDER, type CampaignSummary, type DirectoryUnit } from '../types';
import { ConfirmButton, DateTimeInput, Field, useData } from '../ui';
import { DatedRows, type DatedRow } from './plan-editors';

export function CampaignActions({ c, onDone }: { c: CampaignSummary; onDone: () => void }) {
  const { t, l } = useT();
  const [ms, setMs] = useState<Record<string, string>>(() =>
    Object.fromEntries(MILESTONE_ORDER.map((k) => [k, toLocalInput(c.milestones[k], c.timezone)])),
  );
  const [rounds, setRounds] = useState<DatedRow[]>(() =>
    c.reports.map((r) => ({ id: r.id, title: r.title, at: toLocalInput(r.due, c.timezone), cutoff: toLocalInput(r.cutoffAt, c.timezone) })),
  );
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  // Only the units the campaign does not have yet can be added.
  const directory = useData(
    () => get<DirectoryUnit[]>(`/api/units?notInCampaign=${encodeURIComponent(c.id)}`),
    [c.id, c.launch.unitsTotal],
  );
  return (
    <section className="actions" aria-label={t('moveMilestones')}>
      <h2>{t('moveMilestones')}</h2>
      <div className="grid">
        {MILESTONE_ORDER.filter((k) => c.milestones[k]).map((k) => (
          <Field key={k} label={l(MILESTONES, k)}>
            {(id) => <DateTimeInput id={id} value={ms[k]} onChange={(v) => setMs({ ...ms, [k]: v })} />}
          </Field>
        ))}
      </div>
      {/* A re-plan moves the rounds' dates too; rounds are neither added nor removed in a running campaign. */}
      {rounds.length > 0 && <DatedRows rows={rounds} set={setRounds} label={t('designerRounds')} cutoff fixed />}
      <ConfirmButton
        label={t('moveMilestones')}
        onConfirm={async () => {
          const milestones = Object.fromEntries(MILESTONE_ORDER.filter((k) => ms[k]).map((k) => [k, fromLocalInput(ms[k], c.timezone)]));
          const at = (v: string): string => fromLocalInput(v, c.timezone) ?? v;
          const reports = rounds.map((r) => ({
            id: r.id,
            title: r.title.trim(),
            due: at(r.at),
            ...(r.cutoff ? { cutoffAt: at(r.cutoff) } : {}),
          }));
          await api('PATCH', `/api/campaigns/${c.id}/milestones`, { milestones, ...(reports.length ? { reports } : {}) });
          onDone();
        }}
      />
      <h2>{t('addUnit')}</h2>
      <Field label={t('unit')}>
        {(id) => (
          <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">—</option>
            {directory.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ConfirmButton
        label={t('addUnit')}
        onConfirm={async () => {
          await post(`/api/campaigns/${c.id}/units`, { unitId });
          onDone();
        }}
      />
      <h2>{t('cancelCampaign')}</h2>
      <ConfirmButton
        danger
        label={t('cancelCampaign')}
        onConfirm={async () => {
          await post(`/api/campaigns/${c.id}/cancel`, reason.trim() ? { reason: reason.trim() } : {});
          onDone();
        }}
      >
        <Field label={t('reason')}>{(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
      </ConfirmButton>
    </section>
  );
}
