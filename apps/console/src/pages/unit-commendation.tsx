/** A unit's page of the commendation stage: its individuals, the posted list and its objections, the decision and its certificates. */
import { useState } from 'react';
import { AttachmentList, FilePicker, ReportPicker } from './attachments';
import { get, post, type Session } from '../api';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { Link } from '../router';
import type { UnitCommendationView } from '../types';
import { ErrorBox, Field, Loading, useData } from '../ui';
import { nomineeName, type AttachmentRef, type PersonNomination } from '@thidua/contracts';
import { Action, fieldError, formTitle, Papers, Result, TZ } from './commendation-parts';

/** A unit's page of one campaign's commendation stage. */
/** A person as the form holds them: the achievement report by reference until it is sent. */
type PersonRow = Omit<PersonNomination, 'achievementReport'> & { report?: { fileId: string; form: string } };

export function UnitCommendationPage({ campaignId, session }: { campaignId: string; session: Session }) {
  const { t } = useT();
  const unitId = session.unitId ?? '';
  const path = `/api/campaigns/${campaignId}/units/${unitId}/commendation`;
  const view = useData(() => get<UnitCommendationView>(path), [path], 10_000, { campaign: campaignId });
  const [people, setPeople] = useState<PersonRow[]>([]);
  const [objection, setObjection] = useState<{ nomineeId: string; reason: string; attachments: AttachmentRef[] }>({
    nomineeId: '',
    reason: '',
    attachments: [],
  });
  const v = view.data;
  if (!v) return view.error ? <ErrorBox error={view.error} /> : <Loading />;
  const task = v.unit.task;
  const individualForms = v.forms.filter((f) => f.recipient === 'individual');
  const change = (i: number, k: keyof PersonNomination, value: PersonRow[keyof PersonRow]): void =>
    setPeople(people.map((p, j) => (j === i ? { ...p, [k]: value } : p)));
  return (
    <>
      <p>
        <Link to="/tasks">← {t('myTasks')}</Link>
      </p>
      <h1>{t('commendationStage')}</h1>
      <p className="muted">{v.campaignTitle}</p>
      {task && (task.status === 'open' || task.status === 'returned') && v.stage === 'nominating' && (
        <section>
          <h2>{t('individuals')}</h2>
          <p>
            {t('deadline')}: <strong>{formatDateTime(task.dueAt, TZ)}</strong>
          </p>
          {task.returnedReason && task.status === 'returned' && (
            <p className="alert">
              {t('returnedReason')}: {task.returnedReason}
            </p>
          )}
          <p className="muted">{t('noIndividuals')}</p>
          <Action
            label={t('sendIndividuals')}
            run={() =>
              post(`${path}/individuals`, {
                people: people.map(({ report, ...p }) => ({
                  ...p,
                  initiative: p.initiative?.trim() ? p.initiative : undefined,
                  ...(report ? { achievementReport: report } : {}),
                })),
              })
            }
            onDone={view.reload}
          >
            {(error) => (
              <>
                {people.map((p, i) => (
                  <fieldset key={i}>
                    <legend>
                      {i + 1}. {p.name || t('personName')}
                    </legend>
                    {(['name', 'position', 'achievement', 'initiative'] as const).map((k) => (
                      <Field key={k} label={t(k === 'name' ? 'personName' : k)} error={fieldError(error, `people.${i}.${k}`)}>
                        {(id, d) =>
                          k === 'achievement' ? (
                            <textarea
                              id={id}
                              rows={3}
                              value={p[k] ?? ''}
                              onChange={(e) => change(i, k, e.target.value)}
                              aria-invalid={d ? true : undefined}
                              aria-describedby={d}
                            />
                          ) : (
                            <input
                              id={id}
                              value={p[k] ?? ''}
                              onChange={(e) => change(i, k, e.target.value)}
                              aria-invalid={d ? true : undefined}
                              aria-describedby={d}
                            />
                          )
                        }
                      </Field>
                    ))}
                    <Field label={t('form')} error={fieldError(error, `people.${i}.formId`)}>
                      {(id, d) => (
                        <select
                          id={id}
                          value={p.formId}
                          onChange={(e) => change(i, 'formId', e.target.value)}
                          aria-invalid={d ? true : undefined}
                          aria-describedby={d}
                        >
                          {individualForms.map((f) => (
                            <option key={f.id} value={f.id}>
                              {f.title}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <ReportPicker
                      onChange={(report) => setPeople(people.map((x, j) => (j === i ? { ...x, report } : x)))}
                      fieldError={fieldError(error, `people.${i}.achievementReport`)}
                    />
                    <button type="button" onClick={() => setPeople(people.filter((_, j) => j !== i))}>
                      {t('removePerson')}
                    </button>
                  </fieldset>
                ))}
                <button
                  type="button"
                  onClick={() => setPeople([...people, { name: '', position: '', achievement: '', formId: individualForms[0]?.id ?? '' }])}
                >
                  {t('addPerson')}
                </button>
              </>
            )}
          </Action>
        </section>
      )}
      {task?.status === 'submitted' && v.stage === 'nominating' && (
        <p className="notice" role="status">
          {t('individualsSent')}
        </p>
      )}
      {v.nominees.length > 0 && (
        <section>
          <h2>{t('nominations')}</h2>
          <ul>
            {v.nominees.map((n) => (
              <li key={n.id}>
                {nomineeName(n)} — {formTitle(v.forms, n.formId)} <Result nominee={n} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {v.posting && (
        <section>
          <h2>{t('postedList')}</h2>
          <p>
            {t('postingUntil')} <strong>{formatDateTime(v.posting.endsAt, TZ)}</strong>
          </p>
          <ol>
            {v.posting.list.map((n) => (
              <li key={n.id}>
                {n.name} — {n.form}
              </li>
            ))}
          </ol>
          {!v.posting.ended && (
            <Action
              label={t('raiseObjection')}
              run={() => {
                const { attachments, ...said } = objection;
                return post(`${path}/objections`, { ...said, ...(attachments.length ? { attachments } : {}) });
              }}
              onDone={view.reload}
            >
              {(error) => (
                <>
                  <Field label={t('nominee')} error={fieldError(error, 'nomineeId')}>
                    {(id, d) => (
                      <select
                        id={id}
                        value={objection.nomineeId}
                        onChange={(e) => setObjection({ ...objection, nomineeId: e.target.value })}
                        aria-invalid={d ? true : undefined}
                        aria-describedby={d}
                      >
                        <option value="">—</option>
                        {v.posting!.list.map((n) => (
                          <option key={n.id} value={n.id}>
                            {n.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label={t('objectionReason')} error={fieldError(error, 'reason')}>
                    {(id, d) => (
                      <textarea
                        id={id}
                        rows={3}
                        value={objection.reason}
                        onChange={(e) => setObjection({ ...objection, reason: e.target.value })}
                        aria-invalid={d ? true : undefined}
                        aria-describedby={d}
                      />
                    )}
                  </Field>
                  <FilePicker onChange={(attachments) => setObjection((o) => ({ ...o, attachments }))} defaultKind="opinion" />
                </>
              )}
            </Action>
          )}
          {v.objections.map((o) => (
            <div key={o.id}>
              <p>
                {o.reason} — {o.status === 'open' ? t('objectionOpen') : o.resolution}
              </p>
              <AttachmentList campaignId={campaignId} files={o.attachments} />
            </div>
          ))}
        </section>
      )}
      {(v.posting || v.decision) && (
        <Papers
          campaignId={campaignId}
          nominations={v.nominees.length}
          nominee={v.nominees.find((n) => v.decision?.awarded.includes(n.id))?.id}
          only={
            v.decision
              ? ['danh-sach', 'quyet-dinh', ...(v.nominees.some((n) => v.decision!.awarded.includes(n.id)) ? ['giay-khen'] : [])]
              : ['danh-sach']
          }
        />
      )}
    </>
  );
}
