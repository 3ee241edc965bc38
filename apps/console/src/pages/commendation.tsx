/**
 * The coordinator's page of the commendation stage: open it, the units' nominating tasks and their one
 * return, nominations, the council and its ballots, posting, objections, the decision and the papers.
 */
import { useContext, useEffect, useState } from 'react';
import { api, ApiError, get, mayAct, post, type Session } from '../api';
import { AttachmentList, FilePicker } from './attachments';
import { formatDateTime, fromLocalInput, toLocalInput } from '../format';
import { useT } from '../i18n';
import { Link } from '../router';
import { ConfirmButton, DateTimeInput, ErrorBox, Field, Loading, useData } from '../ui';
import {
  type AttachmentRef,
  type CampaignSummary,
  type CouncilCandidate,
  nomineeName,
  type CommendationView,
  type Nominee,
  type Objection,
  type OrganisationView,
} from '@thidua/contracts';
import { ClusterVotes } from './cluster-votes';
import { Action, fieldError, FormError, formTitle, Papers, ReadOnly, Result, TZ, useSend } from './commendation-parts';

function OpenStage({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const { t } = useT();
  const [v, setV] = useState({
    name: 'Ủy ban nhân dân phường',
    abbreviation: 'UBND',
    place: '',
    signerTitle: 'Chủ tịch',
    signerName: '',
    due: `${toLocalInput(new Date(Date.now() + 7 * 86_400_000).toISOString(), TZ).slice(0, 10)}T17:00:00`,
    postingDays: '5',
    judged: '',
    judgedPoints: '10',
  });
  // What the organisation prints on its papers (its settings) fills the issuer; the coordinator may still change it.
  useEffect(() => {
    let current = true;
    get<OrganisationView[]>('/api/organisations').then(
      (orgs) => {
        const own = orgs.find((o) => o.depth === 0);
        if (!current || !own) return;
        const s = own.settings;
        setV((x) => ({
          ...x,
          name: s.issuer ?? x.name,
          abbreviation: s.issuerAbbreviation ?? x.abbreviation,
          place: x.place || (own.shortName ?? ''),
          signerTitle: s.signerTitle ?? x.signerTitle,
          signerName: x.signerName || (s.signerName ?? ''),
        }));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const setup = () => ({
    issuer: { name: v.name, abbreviation: v.abbreviation, place: v.place, signerTitle: v.signerTitle, signerName: v.signerName },
    nominationsDue: fromLocalInput(v.due, TZ) ?? v.due,
    postingDays: Number(v.postingDays),
    ...(v.judged.trim() ? { judged: [{ id: 'danh-gia-chung', title: v.judged.trim(), points: Number(v.judgedPoints) }] } : {}),
  });
  const input = (k: keyof typeof v, field: string, label: string, error: unknown, type = 'text') => (
    <Field label={label} error={fieldError(error, field)}>
      {(id, d) =>
        type === 'datetime' ? (
          <DateTimeInput id={id} value={v[k]} onChange={(value) => setV({ ...v, [k]: value })} aria-describedby={d} />
        ) : (
          <input id={id} type={type} value={v[k]} onChange={set(k)} aria-describedby={d} />
        )
      }
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

/** A number input of the vote form. */
function CountField({
  label,
  field,
  value,
  onChange,
  error,
}: {
  label: string;
  field: string;
  value: string;
  onChange: (v: string) => void;
  error: unknown;
}) {
  return (
    <Field label={label} error={fieldError(error, field)}>
      {(id, d) => (
        <input
          id={id}
          type="number"
          min={0}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={d ? true : undefined}
          aria-describedby={d}
        />
      )}
    </Field>
  );
}

/**
 * The counts of a nominee's secret ballot; where the form's rule counts absent members' written opinions
 * (the decree's rule for Chiến sĩ thi đua and Cờ thi đua), those received and those in favour too.
 */
function VoteForm({
  campaignId,
  nominee,
  written,
  onDone,
}: {
  campaignId: string;
  nominee: Nominee;
  written: boolean;
  onDone: () => void;
}) {
  const { t } = useT();
  const [present, setPresent] = useState('');
  const [inFavour, setInFavour] = useState('');
  const [received, setReceived] = useState('');
  const [writtenInFavour, setWrittenInFavour] = useState('');
  const opinions = written && received.trim() !== '';
  return (
    <Action
      label={t('recordVote')}
      run={() =>
        post(`/api/campaigns/${campaignId}/commendation/votes`, {
          nomineeId: nominee.id,
          present: Number(present),
          inFavour: Number(inFavour),
          ...(opinions ? { written: { received: Number(received), inFavour: Number(writtenInFavour || '0') } } : {}),
        })
      }
      onDone={onDone}
    >
      {(error) => (
        <div className="inline">
          <CountField label={t('present')} field="present" value={present} onChange={setPresent} error={error} />
          <CountField label={t('inFavour')} field="inFavour" value={inFavour} onChange={setInFavour} error={error} />
          {written && (
            <>
              <CountField label={t('writtenReceived')} field="written.received" value={received} onChange={setReceived} error={error} />
              <CountField
                label={t('writtenInFavour')}
                field="written.inFavour"
                value={writtenInFavour}
                onChange={setWrittenInFavour}
                error={error}
              />
            </>
          )}
        </div>
      )}
    </Action>
  );
}

/**
 * The council picked from the staff accounts by name (never typed usernames): a tick seats a person, with a
 * title beside (the first seated chairs); the meeting's time and place.
 */
function CouncilForm({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const { t } = useT();
  const people = useData(() => get<CouncilCandidate[]>('/api/accounts/council-candidates'), []);
  const [seats, setSeats] = useState<Array<{ username: string; role: string }>>([]);
  const [meetingAt, setMeetingAt] = useState(`${toLocalInput(new Date().toISOString(), TZ).slice(0, 16)}:00`);
  const [place, setPlace] = useState('');
  const candidates = people.data;
  if (!candidates) return people.error ? <ErrorBox error={people.error} /> : <Loading />;
  const seat = (username: string, on: boolean) =>
    setSeats(
      on
        ? [...seats, { username, role: seats.length === 0 ? t('councilChair') : t('councilMember') }]
        : seats.filter((m) => m.username !== username),
    );
  return (
    <Action
      label={t('saveCouncil')}
      run={() =>
        api('PUT', `/api/campaigns/${campaignId}/commendation/council`, {
          members: seats,
          meetingAt: fromLocalInput(meetingAt, TZ) ?? meetingAt,
          ...(place.trim() ? { place } : {}),
        })
      }
      onDone={onDone}
    >
      {(error) => (
        <>
          <fieldset className="council" aria-invalid={fieldError(error, 'members') ? true : undefined}>
            <legend>{t('councilMembers')}</legend>
            {fieldError(error, 'members') && (
              <p className="error" role="alert">
                {fieldError(error, 'members')}
              </p>
            )}
            <ul className="plain">
              {candidates.map((p) => {
                const i = seats.findIndex((m) => m.username === p.username);
                return (
                  <li key={p.username}>
                    <label>
                      <input type="checkbox" checked={i >= 0} onChange={(e) => seat(p.username, e.target.checked)} /> {p.name}
                    </label>
                    {i >= 0 && (
                      <Field label={`${t('councilRole')} (${p.name})`} error={fieldError(error, `members.${i}.role`)}>
                        {(id, d) => (
                          <input
                            id={id}
                            value={seats[i].role}
                            onChange={(e) => setSeats(seats.map((m, j) => (j === i ? { ...m, role: e.target.value } : m)))}
                            aria-invalid={d ? true : undefined}
                            aria-describedby={d}
                          />
                        )}
                      </Field>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <Field label={t('meetingAt')} error={fieldError(error, 'meetingAt')}>
            {(id, d) => <DateTimeInput id={id} value={meetingAt} onChange={setMeetingAt} aria-describedby={d} />}
          </Field>
          <Field label={t('place')} error={fieldError(error, 'place')}>
            {(id, d) => (
              <input
                id={id}
                value={place}
                onChange={(e) => setPlace(e.target.value)}
                aria-invalid={d ? true : undefined}
                aria-describedby={d}
              />
            )}
          </Field>
        </>
      )}
    </Action>
  );
}

/** One answer to an objection: the reason, then keep the nomination or accept the objection (it removes the nominee). */
function ObjectionResolution({ campaignId, objection, onDone }: { campaignId: string; objection: Objection; onDone: () => void }) {
  const { t } = useT();
  const [resolution, setResolution] = useState('');
  const { error, busy, send } = useSend(onDone);
  const readOnly = useContext(ReadOnly);
  const resolve = (outcome: 'dismissed' | 'upheld') =>
    send(() => post(`/api/campaigns/${campaignId}/commendation/objections/${objection.id}/resolution`, { outcome, resolution }));
  if (readOnly) return null;
  return (
    <form className="action" aria-label={t('resolveObjection')} onSubmit={(e) => e.preventDefault()}>
      <Field label={t('resolution')} error={fieldError(error, 'resolution')}>
        {(id, d) => (
          <input
            id={id}
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
            aria-invalid={d ? true : undefined}
            aria-describedby={d}
          />
        )}
      </Field>
      <FormError error={error} />
      <button type="button" className="primary" disabled={busy} onClick={() => resolve('dismissed')}>
        {t('dismiss')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => resolve('upheld')}>
        {t('uphold')}
      </button>
    </form>
  );
}

/** The coordinator's page of one campaign's commendation stage. */
export function CommendationPage({ campaignId, session }: { campaignId: string; session: Session }) {
  const { t } = useT();
  // Another organisation's stage (one below), or a leader's or council member's view: read, never acted on.
  const campaign = useData(() => get<CampaignSummary>(`/api/campaigns/${campaignId}`), [campaignId]);
  const readOnly = campaign.data === undefined || !mayAct(session, campaign.data.orgId);
  const stage = useData(
    () =>
      get<CommendationView>(`/api/campaigns/${campaignId}/commendation`).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null; // not opened yet: the opening form
        throw e;
      }),
    [campaignId],
    10_000,
    { campaign: campaignId },
  );
  const [unitId, setUnitId] = useState('');
  const [formId, setFormId] = useState('giay-khen-tap-the');
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
      {campaign.data && readOnly && (
        <p className="note" role="note">
          {t('readOnlyCampaign')}
        </p>
      )}
    </>
  );
  if (s === null)
    return (
      <>
        {header}
        {!readOnly && <OpenStage campaignId={campaignId} onDone={stage.reload} />}
      </>
    );
  const base = `/api/campaigns/${campaignId}/commendation`;
  const nominating = s.stage === 'nominating';
  const eligible = s.units.filter((u) => u.task);
  const collectiveForms = s.forms.filter((f) => f.recipient === 'collective');
  return (
    <ReadOnly.Provider value={readOnly}>
      {header}
      <p>
        <strong>{s.stage === 'nominating' ? t('stageNominating') : s.stage === 'posted' ? t('stagePosted') : t('stageDecided')}</strong>
        {s.posting && ` · ${t('postingUntil')} ${formatDateTime(s.posting.endsAt, s.timezone)}`}
        {s.decision && ` · ${t('decision')} ${s.decision.numberText}`}
      </p>

      <section>
        <h2>{t('nominatingTasks')}</h2>
        <div className="table-scroll">
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">{t('unit')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('deadline')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {eligible.map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">{u.name}</th>
                  <td data-label={t('status')}>
                    {u.task!.status === 'open'
                      ? t('taskOpen')
                      : u.task!.status === 'submitted'
                        ? t('taskSubmitted')
                        : u.task!.status === 'returned'
                          ? t('taskReturned')
                          : t('taskClosed')}
                    {u.task!.late ? ` (${t('late')})` : ''}
                  </td>
                  <td data-label={t('deadline')}>{formatDateTime(u.task!.dueAt, s.timezone)}</td>
                  <td>
                    {nominating && u.task!.status === 'submitted' && (
                      <Action
                        label={t('returnForCorrections')}
                        run={() => post(`${base}/units/${u.unitId}/return`, { reason: reasons[u.unitId] ?? '' })}
                        onDone={stage.reload}
                      >
                        {(error) => (
                          <Field label={t('correctionsReason')} error={fieldError(error, 'reason')}>
                            {(id, d) => (
                              <textarea
                                id={id}
                                rows={2}
                                value={reasons[u.unitId] ?? ''}
                                onChange={(e) => setReasons({ ...reasons, [u.unitId]: e.target.value })}
                                aria-invalid={d ? true : undefined}
                                aria-describedby={d}
                              />
                            )}
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
                    <select
                      id={id}
                      value={unitId}
                      onChange={(e) => setUnitId(e.target.value)}
                      aria-invalid={d ? true : undefined}
                      aria-describedby={d}
                    >
                      <option value="">—</option>
                      {s.units.map((u) => (
                        <option key={u.unitId} value={u.unitId}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('form')} error={fieldError(error, 'formId')}>
                  {(id, d) => (
                    <select
                      id={id}
                      value={formId}
                      onChange={(e) => setFormId(e.target.value)}
                      aria-invalid={d ? true : undefined}
                      aria-describedby={d}
                    >
                      {collectiveForms.map((f) => (
                        <option key={f.id} value={f.id}>
                          {f.title}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
            )}
          </Action>
        </section>
      )}

      {nominating && <ClusterVotes stage={s} readOnly={readOnly} onDone={stage.reload} />}

      {nominating && (
        <section>
          <h2>{t('council')}</h2>
          {s.council && (
            <p>
              {s.council.members.map((m) => `${m.name} (${m.role})`).join('; ')} · {formatDateTime(s.council.meetingAt, s.timezone)}
            </p>
          )}
          {!s.nominees.some((n) => n.vote) && <CouncilForm campaignId={campaignId} onDone={stage.reload} />}
        </section>
      )}

      {s.council && !s.decision && <MinutesForm key={s.minutes.length} base={base} onDone={stage.reload} />}

      <section>
        <h2>{t('nominations')}</h2>
        <div className="table-scroll">
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">{t('nominee')}</th>
                <th scope="col">{t('form')}</th>
                <th scope="col">{t('ballot')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {s.nominees.map((n) => (
                <tr key={n.id} data-nominee={n.id}>
                  <th scope="row">
                    {nomineeName(n)}
                    {n.person && <small className="muted"> · {n.person.position}</small>}
                    {n.achievementReport && <AttachmentList campaignId={campaignId} files={[n.achievementReport]} />}
                  </th>
                  <td data-label={t('form')}>{formTitle(s.forms, n.formId)}</td>
                  <td data-label={t('ballot')}>
                    <Result nominee={n} />
                  </td>
                  <td>
                    {nominating && s.council && n.status !== 'removed' && (
                      <VoteForm
                        campaignId={campaignId}
                        nominee={n}
                        written={s.forms.find((f) => f.id === n.formId)?.vote.written === true}
                        onDone={stage.reload}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {nominating && !readOnly && (
          <ConfirmButton label={t('postList')} onConfirm={() => post(`${base}/posting`).then(stage.reload)}>
            <p>{t('postListWarning')}</p>
          </ConfirmButton>
        )}
      </section>

      {s.objections.length > 0 && (
        <section>
          <h2>{t('objections')}</h2>
          <ul>
            {s.objections.map((o: Objection) => (
              <li key={o.id}>
                <strong>{s.units.find((u) => u.unitId === o.unitId)?.name}</strong> →{' '}
                {nomineeName(s.nominees.find((n) => n.id === o.nomineeId)!)}: {o.reason}{' '}
                {o.status === 'open' ? (
                  <>
                    <span className="badge late">{t('objectionOpen')}</span>
                    <ObjectionResolution campaignId={campaignId} objection={o} onDone={stage.reload} />
                  </>
                ) : (
                  <span className="badge">{o.resolution}</span>
                )}
                <AttachmentList campaignId={campaignId} files={o.attachments} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {s.stage === 'posted' && !readOnly && (
        <ConfirmButton label={t('issueDecision')} onConfirm={() => post(`${base}/decision`).then(stage.reload)}>
          <p>{t('issueDecisionWarning')}</p>
        </ConfirmButton>
      )}
      <AttachmentList campaignId={campaignId} files={s.minutes} />
      <Papers campaignId={campaignId} nominations={s.nominees.length} draft={Boolean(s.posting) && !s.decision} />
    </ReadOnly.Provider>
  );
}

/** The council's signed minutes (and absent members' written opinions), attached by its standing office. */
function MinutesForm({ base, onDone }: { base: string; onDone: () => void }) {
  const { t } = useT();
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  return (
    <section>
      <h2>{t('councilMinutes')}</h2>
      <Action label={t('attachMinutes')} run={() => post(`${base}/minutes`, { attachments: files })} onDone={onDone}>
        {() => <FilePicker onChange={setFiles} defaultKind="minutes" />}
      </Action>
    </section>
  );
}
