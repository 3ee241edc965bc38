/**
 * The commendation stage in the console: the coordinator's page (open, nominate, the council and its
 * ballots, judged scores, posting, objections, the decision, the papers) and the unit's page (its
 * individuals, the posted list and its objections, the decision and its certificates).
 */
import { useState, type ReactNode } from 'react';
import { api, ApiError, download, get, loadSession, plainMessage, post, type Session } from '../api';
import { formatDateTime, fromLocalInput, toLocalInput } from '../format';
import { useT } from '../i18n';
import { Link } from '../router';
import { DateTimeInput, ErrorBox, Field, Loading, useData } from '../ui';
import type { CommendationForm, CommendationState, Nominee, Objection, PersonNomination } from '../../../../libs/contracts/src/campaign/commendation';

const TZ = 'Asia/Ho_Chi_Minh';
const PAPERS = [
  ['danh-sach', 'Danh sách đề nghị khen thưởng'],
  ['bien-ban', 'Biên bản họp Hội đồng'],
  ['to-trinh', 'Tờ trình'],
  ['quyet-dinh', 'Quyết định'],
  ['giay-khen', 'Giấy khen'],
] as const;

/** The message of a field from an API refusal (`details[].field`, or a field under it), for the field itself. */
function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const problem = error.details.find((d) => d.field === field || d.field?.startsWith(`${field}.`));
  return problem && plainMessage(problem);
}

const nomineeName = (n: Nominee): string => (n.person ? `${n.person.name} (${n.unitName})` : n.unitName);
const formTitle = (forms: readonly CommendationForm[], id: string): string => forms.find((f) => f.id === id)?.title ?? id;

/** A form that sends once and shows the refusal beside its fields or above its button. */
function Action({ label, run, children, onDone }: { label: string; run: () => Promise<unknown>; children?: (error: unknown) => ReactNode; onDone: () => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="action"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        run().then(
          () => {
            setBusy(false);
            onDone();
          },
          (err: unknown) => {
            setBusy(false);
            setError(err);
          },
        );
      }}
    >
      {children?.(error)}
      {!(error instanceof ApiError && error.details.some((d) => d.field)) && <ErrorBox error={error} />}
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
    </form>
  );
}

/** Opens a PDF the API serves (with the session's token) in a new tab, or downloads it. */
async function openPdf(path: string, filename: string, save: boolean): Promise<void> {
  if (save) return download(path, filename);
  const session = loadSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  if (!res.ok) throw new ApiError(res.status, ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `Lỗi ${res.status}`);
  window.open(URL.createObjectURL(await res.blob()), '_blank');
}

function Papers({ campaignId, nominations, nominee, only }: { campaignId: string; nominations: number; nominee?: string; only?: readonly string[] }) {
  const { t } = useT();
  const [error, setError] = useState<unknown>();
  const base = `/api/campaigns/${campaignId}/commendation`;
  return (
    <section>
      <h2>{t('papers')}</h2>
      <ul className="papers">
        {PAPERS.filter(([id]) => !only || only.includes(id)).map(([id, title]) => {
          const path = `${base}/papers/${id}.pdf${nominee && id === 'giay-khen' ? `?nominee=${encodeURIComponent(nominee)}` : ''}`;
          return (
            <li key={id}>
              {title}{' '}
              <button type="button" onClick={() => void openPdf(path, `${id}-${campaignId}.pdf`, false).catch(setError)}>
                {t('preview')}
              </button>{' '}
              <button type="button" onClick={() => void openPdf(path, `${id}-${campaignId}.pdf`, true).catch(setError)}>
                {t('downloadPdf')}
              </button>
            </li>
          );
        })}
      </ul>
      {!only && nominations > 0 && (
        <button type="button" onClick={() => void download(`${base}/list.xlsx`, `danh-sach-khen-thuong-${campaignId}.xlsx`).catch(setError)}>
          {t('downloadList')}
        </button>
      )}
      <ErrorBox error={error} />
    </section>
  );
}

function OpenStage({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const { t } = useT();
  const [v, setV] = useState({ name: 'Ủy ban nhân dân phường', abbreviation: 'UBND', place: '', signerTitle: 'Chủ tịch', signerName: '', due: `${toLocalInput(new Date(Date.now() + 7 * 86_400_000).toISOString(), TZ).slice(0, 10)}T17:00:00`, postingDays: '5', judged: '', judgedPoints: '10' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const setup = () => ({
    issuer: { name: v.name, abbreviation: v.abbreviation, place: v.place, signerTitle: v.signerTitle, signerName: v.signerName },
    nominationsDue: fromLocalInput(v.due, TZ) ?? v.due,
    postingDays: Number(v.postingDays),
    ...(v.judged.trim() ? { judged: [{ id: 'danh-gia-chung', title: v.judged.trim(), points: Number(v.judgedPoints) }] } : {}),
  });
  const input = (k: keyof typeof v, field: string, label: string, error: unknown, type = 'text') => (
    <Field label={label} error={fieldError(error, field)}>
      {(id, d) => (type === 'datetime' ? <DateTimeInput id={id} value={v[k]} onChange={(value) => setV({ ...v, [k]: value })} aria-describedby={d} /> : <input id={id} type={type} value={v[k]} onChange={set(k)} aria-describedby={d} />)}
    </Field>
  );
  return (
    <section>
      <h2>{t('openStage')}</h2>
      <Action label={t('openStage')} run={() => post(`/api/campaigns/${campaignId}/commendation`, { setup: setup() })} onDone={onDone}>
        {(error) => (
          <>
            {input('name', 'setup.issuer.name', t('issuerName'), error)}
            {input('abbreviation', 'setup.issuer.abbreviation', t('issuerAbbreviation'), error)}
            {input('place', 'setup.issuer.place', t('issuerPlace'), error)}
            {input('signerTitle', 'setup.issuer.signerTitle', t('signerTitle'), error)}
            {input('signerName', 'setup.issuer.signerName', t('signerName'), error)}
            {input('due', 'setup.nominationsDue', t('nominationsDue'), error, 'datetime')}
            {input('postingDays', 'setup.postingDays', t('postingDays'), error, 'number')}
            {input('judged', 'setup.judged', t('judgedTitle'), error)}
            {v.judged.trim() && input('judgedPoints', 'setup.judged', t('judgedPoints'), error, 'number')}
          </>
        )}
      </Action>
    </section>
  );
}

function VoteForm({ campaignId, nominee, onDone }: { campaignId: string; nominee: Nominee; onDone: () => void }) {
  const { t } = useT();
  const [present, setPresent] = useState('');
  const [inFavour, setInFavour] = useState('');
  return (
    <Action label={t('recordVote')} run={() => post(`/api/campaigns/${campaignId}/commendation/votes`, { nomineeId: nominee.id, present: Number(present), inFavour: Number(inFavour) })} onDone={onDone}>
      {(error) => (
        <div className="inline">
          <Field label={t('present')} error={fieldError(error, 'present')}>
            {(id, d) => <input id={id} type="number" min={0} value={present} onChange={(e) => setPresent(e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d} />}
          </Field>
          <Field label={t('inFavour')} error={fieldError(error, 'inFavour')}>
            {(id, d) => <input id={id} type="number" min={0} value={inFavour} onChange={(e) => setInFavour(e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d} />}
          </Field>
        </div>
      )}
    </Action>
  );
}

function Result({ nominee }: { nominee: Nominee }) {
  const { t } = useT();
  if (nominee.status === 'removed') return <span className="badge">{t('removed')}</span>;
  if (!nominee.vote) return <span className="badge">{t('notVoted')}</span>;
  const v = nominee.vote;
  return (
    <span className={`badge ${v.passed ? 'ok' : 'late'}`}>
      {v.passed ? t('passed') : t('rejected')} · {v.inFavour}/{v.members} ({String(v.percent).replace('.', ',')}%, {v.needed})
    </span>
  );
}

/** The coordinator's page of one campaign's commendation stage. */
export function CommendationPage({ campaignId }: { campaignId: string }) {
  const { t } = useT();
  const stage = useData(
    () =>
      get<CommendationState>(`/api/campaigns/${campaignId}/commendation`).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null; // not opened yet: the opening form
        throw e;
      }),
    [campaignId],
    10_000,
  );
  const [unitId, setUnitId] = useState('');
  const [formId, setFormId] = useState('giay-khen-tap-the');
  const [members, setMembers] = useState('');
  const [meetingAt, setMeetingAt] = useState(`${toLocalInput(new Date().toISOString(), TZ).slice(0, 16)}:00`);
  const [place, setPlace] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const s = stage.data;
  if (s === undefined) return stage.error ? <ErrorBox error={stage.error} /> : <Loading />;
  const header = (
    <>
      <p>
        <Link to={`/campaigns/${campaignId}`}>← {campaignId}</Link> · <Link to={`/campaigns/${campaignId}/scores`}>{t('scores')}</Link>
      </p>
      <h1>{t('commendationStage')}</h1>
      <p className="muted">{t('commendationHint')}</p>
    </>
  );
  if (s === null) return (<>{header}<OpenStage campaignId={campaignId} onDone={stage.reload} /></>);
  const base = `/api/campaigns/${campaignId}/commendation`;
  const nominating = s.stage === 'nominating';
  const eligible = s.units.filter((u) => u.task);
  const collectiveForms = s.forms.filter((f) => f.recipient === 'collective');
  return (
    <>
      {header}
      <p>
        <strong>{s.stage === 'nominating' ? t('stageNominating') : s.stage === 'posted' ? t('stagePosted') : t('stageDecided')}</strong>
        {s.posting && ` · ${t('postingUntil')} ${formatDateTime(s.posting.endsAt, s.timezone)}`}
        {s.decision && ` · ${t('decision')} ${s.decision.numberText}`}
      </p>

      <section>
        <h2>{t('nominatingTasks')}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr><th scope="col">{t('unit')}</th><th scope="col">{t('status')}</th><th scope="col">{t('deadline')}</th><th scope="col" /></tr>
            </thead>
            <tbody>
              {eligible.map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">{u.name}</th>
                  <td>{u.task!.status === 'open' ? t('taskOpen') : u.task!.status === 'submitted' ? t('taskSubmitted') : u.task!.status === 'returned' ? t('taskReturned') : t('taskClosed')}{u.task!.late ? ` (${t('late')})` : ''}</td>
                  <td>{formatDateTime(u.task!.dueAt, s.timezone)}</td>
                  <td>
                    {nominating && u.task!.status === 'submitted' && (
                      <Action label={t('returnForCorrections')} run={() => post(`${base}/units/${u.unitId}/return`, { reason: reasons[u.unitId] ?? '' })} onDone={stage.reload}>
                        {(error) => (
                          <Field label={t('correctionsReason')} error={fieldError(error, 'reason')}>
                            {(id, d) => <textarea id={id} rows={2} value={reasons[u.unitId] ?? ''} onChange={(e) => setReasons({ ...reasons, [u.unitId]: e.target.value })} aria-invalid={d ? true : undefined} aria-describedby={d} />}
                          </Field>
                        )}
                      </Action>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {nominating && (
        <section>
          <h2>{t('nominateUnit')}</h2>
          <Action label={t('nominateUnit')} run={() => post(`${base}/nominations`, { unitId, formId })} onDone={stage.reload}>
            {(error) => (
              <div className="inline">
                <Field label={t('unit')} error={fieldError(error, 'unitId')}>
                  {(id, d) => (
                    <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d}>
                      <option value="">—</option>
                      {s.units.map((u) => <option key={u.unitId} value={u.unitId}>{u.name}</option>)}
                    </select>
                  )}
                </Field>
                <Field label={t('form')} error={fieldError(error, 'formId')}>
                  {(id, d) => (
                    <select id={id} value={formId} onChange={(e) => setFormId(e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d}>
                      {collectiveForms.map((f) => <option key={f.id} value={f.id}>{f.title}</option>)}
                    </select>
                  )}
                </Field>
              </div>
            )}
          </Action>
        </section>
      )}

      {nominating && (
        <section>
          <h2>{t('council')}</h2>
          {s.council && <p>{s.council.members.map((m) => `${m.name} (${m.role})`).join('; ')} · {formatDateTime(s.council.meetingAt, s.timezone)}</p>}
          {!s.nominees.some((n) => n.vote) && (
            <Action
              label={t('saveCouncil')}
              run={() => api('PUT', `${base}/council`, { members: members.split('\n').filter((l) => l.trim()).map((l) => { const [username, ...role] = l.split(','); return { username: username.trim(), role: role.join(',').trim() }; }), meetingAt: fromLocalInput(meetingAt, TZ) ?? meetingAt, ...(place.trim() ? { place } : {}) })}
              onDone={stage.reload}
            >
              {(error) => (
                <>
                  <Field label={t('councilMembers')} error={fieldError(error, 'members') ?? fieldError(error, 'council.members')}>
                    {(id, d) => <textarea id={id} rows={5} value={members} onChange={(e) => setMembers(e.target.value)} placeholder={'chu-tich, Chủ tịch Hội đồng\nthanh-vien-1, Thành viên'} aria-invalid={d ? true : undefined} aria-describedby={d} />}
                  </Field>
                  <Field label={t('meetingAt')} error={fieldError(error, 'meetingAt')}>
                    {(id, d) => <DateTimeInput id={id} value={meetingAt} onChange={setMeetingAt} aria-describedby={d} />}
                  </Field>
                  <Field label={t('place')} error={fieldError(error, 'place')}>
                    {(id, d) => <input id={id} value={place} onChange={(e) => setPlace(e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d} />}
                  </Field>
                </>
              )}
            </Action>
          )}
        </section>
      )}

      <section>
        <h2>{t('nominations')}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr><th scope="col">{t('nominee')}</th><th scope="col">{t('form')}</th><th scope="col">{t('ballot')}</th><th scope="col" /></tr>
            </thead>
            <tbody>
              {s.nominees.map((n) => (
                <tr key={n.id} data-nominee={n.id}>
                  <th scope="row">{nomineeName(n)}{n.person && <small className="muted"> · {n.person.position}</small>}</th>
                  <td>{formTitle(s.forms, n.formId)}</td>
                  <td><Result nominee={n} /></td>
                  <td>{nominating && s.council && n.status !== 'removed' && <VoteForm campaignId={campaignId} nominee={n} onDone={stage.reload} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {nominating && (
          <Action label={t('postList')} run={() => post(`${base}/posting`)} onDone={stage.reload} />
        )}
      </section>

      {s.objections.length > 0 && (
        <section>
          <h2>{t('objections')}</h2>
          <ul>
            {s.objections.map((o: Objection) => (
              <li key={o.id}>
                <strong>{s.units.find((u) => u.unitId === o.unitId)?.name}</strong> → {nomineeName(s.nominees.find((n) => n.id === o.nomineeId)!)}: {o.reason}{' '}
                {o.status === 'open' ? (
                  <>
                    <span className="badge late">{t('objectionOpen')}</span>
                    {(['dismissed', 'upheld'] as const).map((outcome) => (
                      <Action key={outcome} label={outcome === 'dismissed' ? t('dismiss') : t('uphold')} run={() => post(`${base}/objections/${o.id}/resolution`, { outcome, resolution: reasons[o.id] ?? '' })} onDone={stage.reload}>
                        {(error) => (
                          <Field label={t('resolution')} error={fieldError(error, 'resolution')}>
                            {(id, d) => <input id={id} value={reasons[o.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [o.id]: e.target.value })} aria-invalid={d ? true : undefined} aria-describedby={d} />}
                          </Field>
                        )}
                      </Action>
                    ))}
                  </>
                ) : (
                  <span className="badge">{o.resolution}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {s.stage === 'posted' && <Action label={t('issueDecision')} run={() => post(`${base}/decision`)} onDone={stage.reload} />}
      <Papers campaignId={campaignId} nominations={s.nominees.length} />
    </>
  );
}

/** A unit's page of one campaign's commendation stage. */
export function UnitCommendationPage({ campaignId, session }: { campaignId: string; session: Session }) {
  const { t } = useT();
  const unitId = session.unitId ?? '';
  const path = `/api/campaigns/${campaignId}/units/${unitId}/commendation`;
  const view = useData(() => get<UnitCommendationView>(path), [path], 10_000);
  const [people, setPeople] = useState<PersonNomination[]>([]);
  const [objection, setObjection] = useState({ nomineeId: '', reason: '' });
  const v = view.data;
  if (!v) return view.error ? <ErrorBox error={view.error} /> : <Loading />;
  const task = v.unit.task;
  const individualForms = v.forms.filter((f) => f.recipient === 'individual');
  const change = (i: number, k: keyof PersonNomination, value: string): void => setPeople(people.map((p, j) => (j === i ? { ...p, [k]: value } : p)));
  return (
    <>
      <p><Link to="/tasks">← {t('myTasks')}</Link></p>
      <h1>{t('commendationStage')}</h1>
      <p className="muted">{v.campaignTitle}</p>
      {task && (task.status === 'open' || task.status === 'returned') && v.stage === 'nominating' && (
        <section>
          <h2>{t('individuals')}</h2>
          <p>{t('deadline')}: <strong>{formatDateTime(task.dueAt, TZ)}</strong></p>
          {task.returnedReason && task.status === 'returned' && <p className="alert">{t('returnedReason')}: {task.returnedReason}</p>}
          <p className="muted">{t('noIndividuals')}</p>
          <Action label={t('sendIndividuals')} run={() => post(`${path}/individuals`, { people: people.map((p) => ({ ...p, initiative: p.initiative?.trim() ? p.initiative : undefined })) })} onDone={view.reload}>
            {(error) => (
              <>
                {people.map((p, i) => (
                  <fieldset key={i}>
                    <legend>{i + 1}. {p.name || t('personName')}</legend>
                    {(['name', 'position', 'achievement', 'initiative'] as const).map((k) => (
                      <Field key={k} label={t(k === 'name' ? 'personName' : k)} error={fieldError(error, `people.${i}.${k}`)}>
                        {(id, d) => k === 'achievement' ? <textarea id={id} rows={3} value={p[k] ?? ''} onChange={(e) => change(i, k, e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d} /> : <input id={id} value={p[k] ?? ''} onChange={(e) => change(i, k, e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d} />}
                      </Field>
                    ))}
                    <Field label={t('form')} error={fieldError(error, `people.${i}.formId`)}>
                      {(id, d) => (
                        <select id={id} value={p.formId} onChange={(e) => change(i, 'formId', e.target.value)} aria-invalid={d ? true : undefined} aria-describedby={d}>
                          {individualForms.map((f) => <option key={f.id} value={f.id}>{f.title}</option>)}
                        </select>
                      )}
                    </Field>
                    <button type="button" onClick={() => setPeople(people.filter((_, j) => j !== i))}>{t('removePerson')}</button>
                  </fieldset>
                ))}
                <button type="button" onClick={() => setPeople([...people, { name: '', position: '', achievement: '', formId: individualForms[0]?.id ?? '' }])}>{t('addPerson')}</button>
              </>
            )}
          </Action>
        </section>
      )}
      {v.nominees.length > 0 && (
        <section>
          <h2>{t('nominations')}</h2>
          <ul>{v.nominees.map((n) => <li key={n.id}>{nomineeName(n)} — {formTitle(v.forms, n.formId)} <Result nominee={n} /></li>)}</ul>
        </section>
      )}
      {v.posting && (
        <section>
          <h2>{t('postedList')}</h2>
          <p>{t('postingUntil')} <strong>{formatDateTime(v.posting.endsAt, TZ)}</strong></p>
          <ol>{v.posting.list.map((n) => <li key={n.id}>{n.name} — {n.form}</li>)}</ol>
          {!v.posting.ended && (
            <Action label={t('raiseObjection')} run={() => post(`${path}/objections`, objection)} onDone={view.reload}>
              {(error) => (
                <>
                  <Field label={t('nominee')} error={fieldError(error, 'nomineeId')}>
                    {(id, d) => (
                      <select id={id} value={objection.nomineeId} onChange={(e) => setObjection({ ...objection, nomineeId: e.target.value })} aria-invalid={d ? true : undefined} aria-describedby={d}>
                        <option value="">—</option>
                        {v.posting!.list.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
                      </select>
                    )}
                  </Field>
                  <Field label={t('objectionReason')} error={fieldError(error, 'reason')}>
                    {(id, d) => <textarea id={id} rows={3} value={objection.reason} onChange={(e) => setObjection({ ...objection, reason: e.target.value })} aria-invalid={d ? true : undefined} aria-describedby={d} />}
                  </Field>
                </>
              )}
            </Action>
          )}
          {v.objections.map((o) => <p key={o.id}>{o.reason} — {o.status === 'open' ? t('objectionOpen') : o.resolution}</p>)}
        </section>
      )}
      {(v.posting || v.decision) && (
        <Papers
          campaignId={campaignId}
          nominations={v.nominees.length}
          nominee={v.nominees.find((n) => v.decision?.awarded.includes(n.id))?.id}
          only={v.decision ? ['danh-sach', 'quyet-dinh', ...(v.nominees.some((n) => v.decision!.awarded.includes(n.id)) ? ['giay-khen'] : [])] : ['danh-sach']}
        />
      )}
    </>
  );
}

/** What `GET …/units/:unitId/commendation` answers. */
interface UnitCommendationView {
  readonly campaignTitle: string;
  readonly stage: CommendationState['stage'];
  readonly unit: CommendationState['units'][number];
  readonly forms: readonly CommendationForm[];
  readonly nominees: readonly Nominee[];
  readonly posting: { endsAt: string; ended: boolean; list: Array<{ id: string; name: string; form: string }> } | null;
  readonly objections: readonly Objection[];
  readonly decision: CommendationState['decision'] | null;
}
