/**
 * The clusters' meetings at the year-end review, on the commendation page: each cluster's candidates with
 * their scores, the ballot of each round, the chair's choice when scores tie at the last seat, and what each
 * round decided. A cluster whose choice is complete has proposed its leading member(s) to the council.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, post } from '../api';
import { useT } from '../i18n';
import type { CommendationView } from '@thidua/contracts';
import { ErrorBox } from '../ui';

export function ClusterVotes({ stage, readOnly, onDone }: { stage: CommendationView; readOnly: boolean; onDone: () => void }) {
  const { t } = useT();
  if (stage.clusters.length === 0) return null;
  const unitName = (id: string): string => stage.units.find((u) => u.unitId === id)?.name ?? id;
  return (
    <section aria-labelledby="cluster-votes">
      <h2 id="cluster-votes">{t('clusterVotes')}</h2>
      <p className="muted">{t('clusterVotesIntro')}</p>
      {stage.clusters.map((c) => {
        const rounds = stage.clusterRounds.filter((r) => r.clusterId === c.id);
        const done = rounds.some((r) => r.final);
        const elected = rounds.flatMap((r) => r.elected);
        return (
          <article key={c.id} className="panel" aria-label={c.name}>
            <h3>
              {c.name} · {c.members.length} {t('clusterMembers').toLocaleLowerCase('vi')} · {t('clusterQuota')}: {c.quota}
            </h3>
            {rounds.map((r) => (
              <p key={r.round}>
                {t('clusterRound')} {r.round}: {r.present}/{r.seats} ·{' '}
                {r.counts.map((x) => `${unitName(x.unitId)} ${x.inFavour} (${x.score} ${t('points')})`).join('; ')}
                {' → '}
                <strong>{r.elected.length ? r.elected.map(unitName).join(', ') : t('clusterNobody')}</strong>
                {r.tiedByChair && ` (${t('clusterChairChose')})`}
              </p>
            ))}
            {done ? (
              <p role="status">
                {t('clusterProposed')}: <strong>{elected.map(unitName).join(', ') || t('clusterNobody')}</strong>
              </p>
            ) : (
              !readOnly && (
                <RoundForm
                  campaignId={stage.campaignId}
                  clusterId={c.id}
                  round={rounds.length + 1}
                  candidates={c.members.filter((m) => !elected.includes(m) && stage.units.some((u) => u.unitId === m))}
                  seats={c.voters === 'officers' ? c.members.length * 2 : c.members.length}
                  unitName={unitName}
                  onDone={onDone}
                />
              )
            )}
          </article>
        );
      })}
    </section>
  );
}

function RoundForm(props: {
  campaignId: string;
  clusterId: string;
  round: number;
  candidates: string[];
  seats: number;
  unitName: (id: string) => string;
  onDone: () => void;
}) {
  const { t } = useT();
  const [present, setPresent] = useState(String(props.seats));
  const [votes, setVotes] = useState<Record<string, string>>({});
  const [chair, setChair] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>();
  const tie = error instanceof ApiError && /chairChoice/.test(error.message);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    post(`/api/campaigns/${encodeURIComponent(props.campaignId)}/commendation/cluster-votes`, {
      clusterId: props.clusterId,
      round: props.round,
      present: Number(present),
      votes: props.candidates.map((unitId) => ({ unitId, inFavour: Number(votes[unitId] ?? 0) })),
      ...(chair.size ? { chairChoice: [...chair] } : {}),
    }).then(props.onDone, setError);
  };
  return (
    <form onSubmit={submit} aria-label={`${t('clusterRound')} ${props.round}`} noValidate>
      <label>
        {t('clusterPresent')} ({t('clusterSeats')}: {props.seats})
        <input type="number" min={0} max={props.seats} value={present} onChange={(e) => setPresent(e.target.value)} />
      </label>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('unit')}</th>
            <th scope="col">{t('inFavour')}</th>
            {tie && <th scope="col">{t('clusterChairChoice')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.candidates.map((id) => (
            <tr key={id}>
              <th scope="row">{props.unitName(id)}</th>
              <td>
                <input
                  type="number"
                  min={0}
                  aria-label={`${props.unitName(id)}: ${t('inFavour')}`}
                  value={votes[id] ?? ''}
                  onChange={(e) => setVotes({ ...votes, [id]: e.target.value })}
                />
              </td>
              {tie && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('clusterChairChoice')}: ${props.unitName(id)}`}
                    checked={chair.has(id)}
                    onChange={(e) => {
                      const next = new Set(chair);
                      if (e.target.checked) next.add(id);
                      else next.delete(id);
                      setChair(next);
                    }}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorBox error={error} />
      <button type="submit">{t('clusterRecord')}</button>
    </form>
  );
}
