/** Score sheets: the campaign's ranking by its own criteria (staff), and a unit's own sheet. */
import { useState } from 'react';
import { download, get } from '../api';
import { UNIT_KINDS, useT } from '../i18n';
import { Link } from '../router';
import type { ScoreBoard, UnitScoreSheet } from '../types';
import { ErrorBox, Loading, useData } from '../ui';

const num = (n: number | null): string => (n === null ? '—' : String(n).replace('.', ','));

/** The ranking of every unit: points per criterion, deductions, total; downloadable as a spreadsheet. */
export function ScoresPage({ campaignId }: { campaignId: string }) {
  const { t, l } = useT();
  const board = useData(() => get<ScoreBoard>(`/api/campaigns/${campaignId}/scores`), [campaignId], 10_000, { campaign: campaignId });
  const [error, setError] = useState<unknown>();
  const b = board.data;
  if (!b) return board.error ? <ErrorBox error={board.error} /> : <Loading />;
  return (
    <>
      <p>
        <Link to={`/campaigns/${campaignId}`}>← {campaignId}</Link>
      </p>
      <h1>{t('scores')}</h1>
      <p className="muted">{t('scoresHint')}</p>
      <button
        type="button"
        onClick={() => void download(`/api/campaigns/${campaignId}/scores.xlsx`, `bang-diem-${campaignId}.xlsx`).catch(setError)}
      >
        {t('downloadXlsx')}
      </button>
      <ErrorBox error={error} />
      <div className="table-scroll">
        <table className="scores">
          <thead>
            <tr>
              <th scope="col">{t('rank')}</th>
              <th scope="col">{t('unit')}</th>
              {b.criteria.map((c) => (
                <th key={c.id} scope="col" title={c.title}>
                  {c.title} <small className="muted">/{c.points}</small>
                </th>
              ))}
              <th scope="col">{t('deductions')}</th>
              <th scope="col">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <tr key={r.unitId} data-unit={r.unitId}>
                <td>{r.rank}</td>
                <th scope="row">
                  <Link to={`/campaigns/${campaignId}/units/${r.unitId}`}>{r.name}</Link>{' '}
                  <small className="muted">{l(UNIT_KINDS, r.kind)}</small>
                  {!r.final && <small className="muted"> · {t('noFinalReport')}</small>}
                </th>
                {b.criteria.map((c) => {
                  const line = r.lines.find((x) => x.criterion === c.id);
                  return <td key={c.id}>{line ? num(line.points) : '—'}</td>;
                })}
                <td>{r.deductions.length ? `−${r.deductions.reduce((s, d) => s + d.points, 0)}` : ''}</td>
                <td>
                  <strong>{num(r.total)}</strong>/{r.max}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One unit's sheet, once its final report is in: each criterion with its rule, value, points; deductions; total and rank among the units with a sheet. */
export function ScoreSheetView({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useT();
  const sheet = useData(() => get<UnitScoreSheet>(`/api/campaigns/${campaignId}/units/${unitId}/score`), [campaignId, unitId], 10_000, {
    campaign: campaignId,
    unit: unitId,
  });
  const s = sheet.data;
  if (!s || s.lines.length === 0) return null;
  return (
    <section aria-label={t('scoreSheet')}>
      <h2>{t('scoreSheet')}</h2>
      <div className="table-scroll">
        <table>
          <caption>
            {t('total')}: <strong>{num(s.total)}</strong>/{s.max} · {t('rank')} {s.rank}/{s.rankedAmong}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('criterion')}</th>
              <th scope="col">{t('criterionTarget')}</th>
              <th scope="col">{t('statedValue')}</th>
              <th scope="col">{t('points')}</th>
            </tr>
          </thead>
          <tbody>
            {s.lines.map((l) => (
              <tr key={l.criterion} className={l.met === false ? 'overdue' : ''}>
                <td>{l.title}</td>
                <td>{l.target}</td>
                <td>{num(l.value)}</td>
                <td>
                  {num(l.points)}/{l.max}
                </td>
              </tr>
            ))}
            {s.deductions.map((d, i) => (
              <tr key={`d${i}`}>
                <td colSpan={3}>{d.reason}</td>
                <td>−{num(d.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
