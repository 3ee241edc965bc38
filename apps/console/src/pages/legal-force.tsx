/**
 * Papers with legal force, as admins set them up: the organisation's signing certificate (a PKCS#12 file, its
 * password and the images of the signature and the seal; never shown back), and the law papers cite — every
 * text with its period, the one in force today marked, and a new text added when the law changes.
 */
import { useState, type FormEvent } from 'react';
import {
  BUILT_IN_LEGAL_TEXTS,
  citation,
  inForce,
  LEGAL_ROLE_LABELS,
  LEGAL_ROLES,
  type LegalRole,
  type LegalText,
  type SigningCertificateView,
} from '@thidua/contracts';
import { api, ApiError, get, post, type Session } from '../api';
import { formatDate, today } from '../format';
import { useT } from '../i18n';
import { ConfirmButton, ErrorBox, Field, FormEnd, Loading, useData } from '../ui';

/** A chosen file as base64 (what the API takes in JSON). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** A day (yyyy-MM-dd) as dd/MM/yyyy. */
const ddmmyyyy = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const TZ = 'Asia/Ho_Chi_Minh';

/** The organisation's signing certificate: what is set (subject, validity, fingerprint) and a new one uploaded. */
export function SigningCertificatePanel({ orgId, orgName }: { orgId: string; orgName: string }) {
  const { t, f } = useT();
  const path = `/api/organisations/${encodeURIComponent(orgId)}/signing-certificate`;
  const current = useData(
    () =>
      get<SigningCertificateView>(path).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [path],
  );
  const [files, setFiles] = useState<{ p12?: File; signature?: File; seal?: File }>({});
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const fe = (k: string) => (error instanceof ApiError ? error.field(k) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    if (!files.p12) return setError(new ApiError(400, t('certificateFileMissing')));
    try {
      await api('PUT', path, {
        pkcs12: await base64Of(files.p12),
        password,
        ...(files.signature ? { signatureImage: await base64Of(files.signature) } : {}),
        ...(files.seal ? { sealImage: await base64Of(files.seal) } : {}),
      });
      setPassword('');
      setSaved(true);
      current.reload();
    } catch (err) {
      setError(err);
    }
  };
  const file = (key: 'p12' | 'signature' | 'seal', label: string, accept: string, field: string) => (
    <Field label={label} error={fe(field)}>
      {(id, d) => (
        <input
          id={id}
          aria-describedby={d}
          type="file"
          accept={accept}
          onChange={(e) => setFiles({ ...files, [key]: e.target.files?.[0] })}
        />
      )}
    </Field>
  );
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label={f('signingCertificateOf', orgName)} noValidate>
      <h2>{f('signingCertificateOf', orgName)}</h2>
      {current.data === undefined ? (
        current.error ? (
          <ErrorBox error={current.error} />
        ) : (
          <Loading />
        )
      ) : current.data === null ? (
        <p className="muted">{t('noCertificate')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('certificateSubject')}</dt>
          <dd>{current.data.subject}</dd>
          <dt>{t('certificateValidity')}</dt>
          <dd>
            {formatDate(current.data.notBefore, TZ)} – {formatDate(current.data.notAfter, TZ)}
          </dd>
          <dt>SHA-256</dt>
          <dd>
            <code>{current.data.fingerprint.slice(0, 16)}…</code>
          </dd>
        </dl>
      )}
      {file('p12', t('certificateFile'), '.p12,.pfx,application/x-pkcs12', 'pkcs12')}
      <Field label={t('certificatePassword')} error={fe('password')}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {file('signature', t('signatureImage'), 'image/png', 'signatureImage')}
      {file('seal', t('sealImage'), 'image/png', 'sealImage')}
      <FormEnd error={error} saved={saved} />
      {current.data && (
        <ConfirmButton label={t('removeCertificate')} onConfirm={() => api('DELETE', path).then(current.reload)}>
          {t('removeCertificateConfirm')}
        </ConfirmButton>
      )}
    </form>
  );
}

interface LegalTexts {
  texts: LegalText[];
}

/** The law papers cite: each role's texts with their periods, the one in force today marked; admins add one. */
export function LegalTextsPage({ session }: { session: Session }) {
  const { t } = useT();
  const list = useData(() => get<LegalTexts>('/api/legal-texts'), []);
  if (!list.data) return list.error ? <ErrorBox error={list.error} /> : <Loading />;
  const texts = list.data.texts;
  const day = today(TZ);
  return (
    <>
      <h1>{t('legalTexts')}</h1>
      <p className="muted">{t('legalTextsIntro')}</p>
      {LEGAL_ROLES.map((role) => {
        const current = inForce(texts, role, day)?.id;
        const ofRole = texts.filter((x) => x.role === role).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
        return (
          <section key={role} className="panel" aria-label={LEGAL_ROLE_LABELS[role]}>
            <h2>{LEGAL_ROLE_LABELS[role]}</h2>
            <ul className="legal-texts">
              {ofRole.map((x) => (
                <li key={x.id} data-text={x.id} className={x.id === current ? 'current' : undefined}>
                  {citation(x)}
                  {x.amount !== undefined && ` — ${x.amount.toLocaleString('vi-VN')} đồng`}
                  <small className="muted">
                    {' · '}
                    {t('effectiveFrom')} {ddmmyyyy(x.effectiveFrom)}
                    {x.effectiveUntil && ` ${t('effectiveUntil')} ${ddmmyyyy(x.effectiveUntil)}`}
                    {x.articles && ` · ${x.articles}`}
                    {x.id === current && ` · ${t('inForceToday')}`}
                    {!BUILT_IN_LEGAL_TEXTS.some((b) => b.id === x.id) && ` · ${t('addedByAdmin')}`}
                  </small>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {session.role === 'admin' && <AddLegalText onDone={list.reload} />}
    </>
  );
}

function AddLegalText({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const empty = {
    id: '',
    role: 'commendation-decree' as LegalRole,
    kind: 'decree',
    number: '',
    issuedOn: '',
    issuer: 'Chính phủ',
    subject: '',
    effectiveFrom: '',
    articles: '',
    amount: '',
  };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const fe = (k: string) => (error instanceof ApiError ? error.field(k) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    const { amount, articles, ...rest } = form;
    post('/api/legal-texts', {
      ...rest,
      ...(articles.trim() ? { articles } : {}),
      ...(amount.trim() ? { amount: Number(amount) } : {}),
    }).then(() => (setSaved(true), setForm(empty), onDone()), setError);
  };
  const input = (k: keyof typeof empty, label: string, type = 'text', hint?: string) => (
    <Field label={label} error={fe(k)} hint={hint}>
      {(id, d) => (
        <input id={id} aria-describedby={d} type={type} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
      )}
    </Field>
  );
  return (
    <form className="panel" onSubmit={submit} aria-label={t('addLegalText')} noValidate>
      <h2>{t('addLegalText')}</h2>
      <Field label={t('legalRole')} error={fe('role')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as LegalRole })}>
            {LEGAL_ROLES.map((r) => (
              <option key={r} value={r}>
                {LEGAL_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('legalKind')} error={fe('kind')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="law">Luật</option>
            <option value="decree">Nghị định</option>
            <option value="circular">Thông tư</option>
          </select>
        )}
      </Field>
      {input('id', t('legalId'), 'text', 'nd-01-2027')}
      {input('number', t('legalNumber'), 'text', '01/2027/NĐ-CP')}
      {input('issuedOn', t('legalIssuedOn'), 'date')}
      {input('issuer', t('legalIssuer'))}
      {input('subject', t('legalSubject'))}
      {input('effectiveFrom', t('effectiveFrom'), 'date')}
      {input('articles', t('legalArticles'))}
      {form.role === 'base-salary' && input('amount', t('baseSalaryAmount'), 'number')}
      <FormEnd error={error} saved={saved} />
    </form>
  );
}
