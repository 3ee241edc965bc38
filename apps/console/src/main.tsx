/** The console: login, then what the role may see. Uses only the public API. */
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { endSession, get, loadSession, saveSession, whenSessionExpires, type Session, type SessionEnd } from './api';
import { isLive, onConnection, onLive, startLive } from './live';
import { LangContext, useT, type Lang } from './i18n';
import { Link, match, PathContext, useRoute } from './router';
import { Login } from './pages/login';
import { CampaignList } from './pages/campaign-list';
import { NewCampaign } from './pages/new-campaign';
import { Dashboard } from './pages/dashboard';
import { UnitPage } from './pages/unit-page';
import { MyTasks, TaskPage } from './pages/my-tasks';
import { Designer } from './pages/designer';
import { ScoresPage } from './pages/scores';
import { CommendationPage } from './pages/commendation';
import { UnitCommendationPage } from './pages/unit-commendation';
import { WorkQueue } from './pages/work-queue';
import { CalendarPage } from './pages/calendar';
import { Inbox } from './pages/inbox';
import { AdminPage } from './pages/admin';

function Shell({ session, onLogout, children }: { session: Session; onLogout: () => void; children: React.ReactNode }) {
  const { t, lang } = useT();
  const { setLang } = useLangSetter();
  const [unread, setUnread] = useState<number>();
  const [me, setMe] = useState<{ displayName: string | null; unitName: string | null }>();
  const [menuOpen, setMenuOpen] = useState(false);
  // Said only after 5 s without the stream: a reconnect after a restart passes unnoticed.
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onConnection((up) => {
      clearTimeout(timer);
      if (up) setOffline(false);
      else timer = setTimeout(() => setOffline(true), 5000);
    });
    return () => (clearTimeout(timer), stop());
  }, []);
  const { path } = useRoute();
  // A page opened from the menu closes it.
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    let current = true;
    const load = (): void =>
      void get<{ unread: number }>('/api/me/notifications?limit=1').then(
        (r) => current && setUnread(r.unread),
        () => undefined,
      );
    load();
    void get<{ displayName: string | null; unitName: string | null }>('/api/me').then(
      (r) => current && setMe(r),
      () => undefined,
    );
    // The badge follows the live stream: its first frame and every change of the inbox carry the unread count.
    const stopListening = onLive((e) => {
      if (e.type === 'ready' || e.type === 'inbox') setUnread(e.unread);
      else if (e.type === 'resync') load();
    });
    const stopLive = startLive((why) => endSession(why));
    // Polling only while the stream is down.
    const h = setInterval(() => !isLive() && load(), 15_000);
    // The inbox tells when it marked something read: the badge follows at once, stream or not.
    window.addEventListener('inbox-changed', load);
    return () => {
      current = false;
      stopListening();
      stopLive();
      clearInterval(h);
      window.removeEventListener('inbox-changed', load);
    };
  }, []);
  const role = session.role === 'admin' ? t('roleAdmin') : session.role === 'coordinator' ? t('roleCoordinator') : t('roleUnit');
  const badge = (
    <span className="count" aria-label={`${unread} ${t('unread')}`}>
      {unread}
    </span>
  );
  return (
    <>
      <header className={`top${menuOpen ? ' menu-open' : ''}`}>
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        {/* On a phone: one line with the inbox and a menu button; the rest opens below it. */}
        <Link to="/inbox" className="inbox-quick" aria-label={`${t('inbox')}${unread ? `: ${unread} ${t('unread')}` : ''}`}>
          <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
            <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          </svg>
          {unread ? badge : null}
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">☰</span> {t('menu')}
        </button>
        {/* A link followed from the menu closes it, even to the page already shown; so does Escape. */}
        <div
          id="main-menu"
          className="menu"
          onClick={(e) => (e.target as HTMLElement).closest('a') && setMenuOpen(false)}
          onKeyDown={(e) => e.key === 'Escape' && setMenuOpen(false)}
        >
          <nav aria-label="main">
            {session.role === 'unit' ? <Link to="/tasks">{t('myTasks')}</Link> : <Link to="/campaigns">{t('campaigns')}</Link>}
            {session.role !== 'unit' && <Link to="/queue">{t('workQueue')}</Link>}
            {session.role !== 'unit' && <Link to="/designer">{t('designer')}</Link>}
            <Link to="/calendar">{t('calendar')}</Link>
            {session.role === 'admin' && <Link to="/admin">{t('administration')}</Link>}
            <Link to="/inbox">
              {t('inbox')}
              {unread ? badge : null}
            </Link>
            <a href={`/huong-dan/${GUIDE_CHAPTER[session.role]}`} target="_blank" rel="noopener">
              {t('guide')}
            </a>
          </nav>
          <span className="who" title={session.username}>
            {me?.unitName ?? me?.displayName ?? session.username} <small>({role})</small>
          </span>
          <button type="button" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} lang={lang === 'vi' ? 'en' : 'vi'}>
            {t('switchLang')}
          </button>
          <button type="button" onClick={onLogout}>
            {t('logout')}
          </button>
        </div>
      </header>
      {offline && (
        <p className="offline" role="status">
          {t('offline')}
        </p>
      )}
      <main>{children}</main>
    </>
  );
}

/** The chapter of the user guide for each role (the guide is served by the API from docs/guide). */
const GUIDE_CHAPTER: Record<Session['role'], string> = { admin: 'quan-tri', coordinator: 'dieu-phoi', unit: 'don-vi' };

let langSetter: (l: Lang) => void = () => undefined;
const useLangSetter = () => ({ setLang: langSetter });

function Routes({ session, path }: { session: Session; path: string }) {
  const staff = session.role !== 'unit';
  let m: Record<string, string> | undefined;
  if (staff && (m = match('/campaigns/new', path)) && session.role === 'admin') return <NewCampaign />;
  if (staff && match('/designer', path)) return <Designer session={session} />;
  if (staff && match('/queue', path)) return <WorkQueue />;
  if (staff && (m = match('/campaigns/:id/scores', path))) return <ScoresPage campaignId={m.id} />;
  if (staff && (m = match('/campaigns/:id/commendation', path))) return <CommendationPage campaignId={m.id} />;
  if (staff && (m = match('/campaigns/:id/units/:unitId', path))) return <UnitPage campaignId={m.id} unitId={m.unitId} session={session} />;
  if (staff && (m = match('/campaigns/:id', path))) return <Dashboard id={m.id} session={session} />;
  if (staff && match('/campaigns', path)) return <CampaignList session={session} />;
  if (!staff && (m = match('/tasks/:campaignId/commendation', path)))
    return <UnitCommendationPage campaignId={m.campaignId} session={session} />;
  if (!staff && (m = match('/tasks/:campaignId/:kind', path)))
    return <TaskPage campaignId={m.campaignId} kind={decodeURIComponent(m.kind)} session={session} />;
  if (!staff && (m = match('/tasks/:campaignId', path))) return <TaskPage campaignId={m.campaignId} session={session} />;
  if (!staff && match('/tasks', path)) return <MyTasks />;
  if (session.role === 'admin' && match('/admin', path)) return <AdminPage />;
  if (match('/inbox', path)) return <Inbox session={session} />;
  if (match('/calendar', path)) return <CalendarPage session={session} />;
  return staff ? <CampaignList session={session} /> : <MyTasks />;
}

function App() {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('thi-dua-lang') === 'en' ? 'en' : 'vi'));
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [path, setPath] = useState(location.pathname + location.search);
  const [expired, setExpired] = useState<SessionEnd>();
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('thi-dua-lang', l);
    setLangState(l);
  }, []);
  langSetter = setLang;
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const go = useCallback((to: string) => {
    history.pushState(null, '', to);
    setPath(to);
    window.scrollTo(0, 0);
  }, []);
  useEffect(() => {
    const onPop = () => setPath(location.pathname + location.search);
    addEventListener('popstate', onPop);
    whenSessionExpires((why) => {
      setSession(undefined);
      setExpired(why);
    });
    return () => removeEventListener('popstate', onPop);
  }, []);
  const logout = () => {
    saveSession(undefined);
    setSession(undefined);
    go('/login');
  };
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <PathContext.Provider value={{ path, go }}>
        {session ? (
          <Shell session={session} onLogout={logout}>
            <Routes session={session} path={path} />
          </Shell>
        ) : (
          <Login
            expired={expired}
            onLogin={(s) => {
              saveSession(s);
              setSession(s);
              setExpired(undefined);
              go(s.role === 'unit' ? '/tasks' : '/campaigns');
            }}
          />
        )}
      </PathContext.Provider>
    </LangContext.Provider>
  );
}

// Text areas grow with their text: CSS says so where it can (field-sizing); elsewhere their height follows as one types.
if (!CSS.supports('field-sizing', 'content')) {
  const grow = (e: Event): void => {
    if (!(e.target instanceof HTMLTextAreaElement)) return;
    e.target.style.height = 'auto';
    e.target.style.height = `${e.target.scrollHeight + 2}px`;
  };
  document.addEventListener('input', grow);
  document.addEventListener('focusin', grow);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
