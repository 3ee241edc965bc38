/** The console: login, then what the role may see. Uses only the public API. */
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { endSession, get, loadSession, post, saveSession, whenSessionExpires, type Session, type SessionEnd } from './api';
import type { GrantView } from './types';
import { OrganisationsPage } from './pages/organisations';
import { UpwardList, UpwardPage } from './pages/upward';
import { ClustersPage } from './pages/clusters';
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
import { LegalTextsPage } from './pages/legal-force';
import { Inbox } from './pages/inbox';
import { AdminPage } from './pages/admin';

/** What the header says of a role held somewhere: "Quản trị · Phường An Lạc". */
function roleName(t: ReturnType<typeof useT>['t'], role: Session['role']): string {
  return t(
    role === 'admin'
      ? 'roleAdmin'
      : role === 'coordinator'
        ? 'roleCoordinator'
        : role === 'leader'
          ? 'roleLeader'
          : role === 'council'
            ? 'roleCouncil'
            : 'roleUnit',
  );
}

/** Every role the person holds, to act in another (a new session: every page reads again in that organisation). */
function WhereSwitch({ session, grants, onSwitch }: { session: Session; grants: GrantView[]; onSwitch: (s: Session) => void }) {
  const { t } = useT();
  const [error, setError] = useState<unknown>();
  const key = (g: { orgId: string; role: string; unitId?: string | null }) => `${g.orgId}|${g.role}|${g.unitId ?? ''}`;
  if (grants.length < 2) return null;
  return (
    <label className="where-switch">
      <span className="visually-hidden">{t('actingAt')}</span>
      <select
        value={key(session)}
        onChange={(e) => {
          const g = grants.find((x) => key(x) === e.target.value);
          if (g)
            post<Session>('/api/auth/switch', { orgId: g.orgId, role: g.role, ...(g.unitId ? { unitId: g.unitId } : {}) }).then(
              onSwitch,
              setError,
            );
        }}
      >
        {grants.map((g) => (
          <option key={key(g)} value={key(g)}>
            {roleName(t, g.role)} · {g.unitName ? `${g.unitName}, ` : ''}
            {g.orgName}
          </option>
        ))}
      </select>
      {error ? (
        <small className="error" role="alert">
          {t('switchFailed')}
        </small>
      ) : null}
    </label>
  );
}

function Shell({
  session,
  onLogout,
  onSwitch,
  children,
}: {
  session: Session;
  onLogout: () => void;
  onSwitch: (s: Session) => void;
  children: React.ReactNode;
}) {
  const { t, lang } = useT();
  const { setLang } = useLangSetter();
  const [unread, setUnread] = useState<number>();
  const [me, setMe] = useState<{ displayName: string | null; unitName: string | null; grants: GrantView[] }>();
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
    void get<{ displayName: string | null; unitName: string | null; grants: GrantView[] }>('/api/me').then(
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
  const role = roleName(t, session.role);
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
        {/* Where the person acts, always in sight (on a phone too). */}
        <span className="where" title={`${t('actingAt')}: ${session.orgName}`}>
          {session.orgName}
        </span>
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
            {session.role !== 'unit' && <Link to="/organisations">{t('organisations')}</Link>}
            {session.role !== 'unit' && <Link to="/upward">{t('upward')}</Link>}
            {session.role !== 'unit' && <Link to="/clusters">{t('clusters')}</Link>}
            <Link to="/calendar">{t('calendar')}</Link>
            {session.role !== 'unit' && <Link to="/legal-texts">{t('legalTexts')}</Link>}
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
          {me && <WhereSwitch session={session} grants={me.grants} onSwitch={onSwitch} />}
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
const GUIDE_CHAPTER: Record<Session['role'], string> = {
  admin: 'quan-tri',
  coordinator: 'dieu-phoi',
  leader: 'hoi-dong',
  council: 'hoi-dong',
  unit: 'don-vi',
};

let langSetter: (l: Lang) => void = () => undefined;
const useLangSetter = () => ({ setLang: langSetter });

function Routes({ session, path }: { session: Session; path: string }) {
  const staff = session.role !== 'unit';
  let m: Record<string, string> | undefined;
  if (staff && (m = match('/campaigns/new', path)) && session.role === 'admin') return <NewCampaign />;
  if (staff && match('/designer', path)) return <Designer session={session} />;
  if (staff && match('/queue', path)) return <WorkQueue />;
  if (staff && (m = match('/campaigns/:id/scores', path))) return <ScoresPage campaignId={m.id} />;
  if (staff && (m = match('/campaigns/:id/commendation', path))) return <CommendationPage campaignId={m.id} session={session} />;
  if (staff && (m = match('/campaigns/:id/units/:unitId', path))) return <UnitPage campaignId={m.id} unitId={m.unitId} session={session} />;
  if (staff && (m = match('/campaigns/:id', path))) return <Dashboard id={m.id} session={session} />;
  if (staff && match('/campaigns', path)) return <CampaignList session={session} />;
  if (!staff && (m = match('/tasks/:campaignId/commendation', path)))
    return <UnitCommendationPage campaignId={m.campaignId} session={session} />;
  if (!staff && (m = match('/tasks/:campaignId/:kind', path)))
    return <TaskPage campaignId={m.campaignId} kind={decodeURIComponent(m.kind)} session={session} />;
  if (!staff && (m = match('/tasks/:campaignId', path))) return <TaskPage campaignId={m.campaignId} session={session} />;
  if (!staff && match('/tasks', path)) return <MyTasks />;
  if (session.role === 'admin' && match('/admin', path)) return <AdminPage session={session} />;
  if (staff && match('/organisations', path)) return <OrganisationsPage session={session} />;
  if (staff && (m = match('/upward/:campaignId', path))) return <UpwardPage campaignId={m.campaignId} session={session} />;
  if (staff && match('/upward', path)) return <UpwardList />;
  if (staff && match('/clusters', path)) return <ClustersPage session={session} />;
  if (match('/inbox', path)) return <Inbox session={session} />;
  if (match('/calendar', path)) return <CalendarPage session={session} />;
  if (match('/legal-texts', path)) return <LegalTextsPage session={session} />;
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
          <Shell
            key={`${session.orgId}|${session.role}|${session.unitId ?? ''}`}
            session={session}
            onLogout={logout}
            onSwitch={(s) => {
              saveSession(s);
              setSession(s);
              go(s.role === 'unit' ? '/tasks' : '/campaigns');
            }}
          >
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
