import { useState, type FormEvent } from 'react';
import { post, type Session, type SessionEnd } from '../api';
import { useT } from '../i18n';
import { ErrorBox, Field } from '../ui';

export function Login({ onLogin, expired }: { onLogin: (s: Session) => void; expired?: SessionEnd }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await post<Session>('/api/auth/login', { username, password }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <h1>{t('appName')}</h1>
      {expired && (
        <p className="alert" role="status">
          {t(expired === 'disabled' ? 'accountLocked' : 'sessionExpired')}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} aria-label={t('login')}>
        <Field label={t('username')}>
          {(id) => (
            <input
              id={id}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('password')}>
          {(id) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('login')}
        </button>
      </form>
    </main>
  );
}
