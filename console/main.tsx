/**
 * The console (issue 18): one page under /console/ that signs the person in, then routes on its own
 * location. Everything it shows comes from the API with the person's bearer token; it has no other path
 * to the data.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { callbackPath, completeSignIn, configure, signIn, signedOutPath } from './auth.ts';
import { Alert, Layout, Page } from './layout.tsx';
import type { Me } from './me.ts';
import { setTimeZone } from './time.ts';
import { AccountPage } from './pages/account.tsx';
import { AcknowledgmentPage } from './pages/acknowledgment.tsx';
import { DeparturePage, ReportDeparture } from './pages/departure.tsx';
import { ExecutionPage } from './pages/executions.tsx';
import { HoldsPage } from './pages/holds.tsx';
import { Home } from './pages/home.tsx';
import { IncidentPage, ReportIncident } from './pages/incident.tsx';
import { OperationsPage } from './pages/operations.tsx';
import { OversightPage } from './pages/oversight.tsx';
import { SuggestionPage, SuggestionsPage } from './pages/suggestions.tsx';
import { RecordsPage } from './pages/records.tsx';
import { RequestPage } from './pages/request.tsx';
import { RequestForm } from './pages/request-form.tsx';
import { RotationPage } from './pages/rotation.tsx';
import { interceptLinks, usePath } from './router.ts';

function Routes(props: { me: Me }) {
  const path = usePath();
  const parts = path
    .replace(/^\/console\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (parts.length === 0) return <Home me={props.me} />;
  if (parts[0] === 'requests' && parts[1] === 'new' && parts.length === 2) return <RequestForm me={props.me} />;
  if (parts[0] === 'requests' && parts.length === 2) return <RequestPage me={props.me} requestId={parts[1]!} />;
  if (parts[0] === 'operations' && parts.length === 1) return <OperationsPage />;
  if (parts[0] === 'operations' && parts[1] === 'executions' && parts.length === 4)
    return <ExecutionPage workflow={parts[2]!} name={parts[3]!} />;
  if (parts[0] === 'acknowledgments' && parts.length === 1) return <AcknowledgmentPage />;
  if (parts[0] === 'oversight' && parts.length === 1) return <OversightPage />;
  if (parts[0] === 'suggestions' && parts.length === 1) return <SuggestionsPage me={props.me} />;
  if (parts[0] === 'suggestions' && parts.length === 2) return <SuggestionPage suggestionId={parts[1]!} />;
  if (parts[0] === 'records' && parts.length === 1) return <RecordsPage me={props.me} />;
  if (parts[0] === 'holds' && parts.length === 1) return <HoldsPage me={props.me} />;
  if (parts[0] === 'departures' && parts[1] === 'new' && parts.length === 2) return <ReportDeparture />;
  if (parts[0] === 'departures' && parts.length === 2) return <DeparturePage me={props.me} departureId={parts[1]!} />;
  if (parts[0] === 'incidents' && parts.length === 2) return <IncidentPage incidentId={parts[1]!} />;
  if (parts[0] === 'accounts' && parts[2] === 'incidents' && parts[3] === 'new' && parts.length === 4)
    return <ReportIncident accountId={parts[1]!} />;
  if (parts[0] === 'accounts' && parts.length === 2) return <AccountPage me={props.me} accountId={parts[1]!} />;
  // The task email's link ends in /confirm (the page where the rotation is confirmed).
  if (parts[0] === 'accounts' && parts[2] === 'rotations' && parts.length === 5 && parts[4] === 'confirm')
    return <RotationPage accountId={parts[1]!} rotationId={parts[3]!} />;
  return (
    <Page title="Page not found">
      <p>
        There is no such page. <a href="/console/">Go home</a>.
      </p>
    </Page>
  );
}

function App(props: { me: Me }) {
  useEffect(interceptLinks, []);
  return (
    <Layout me={props.me}>
      <Routes me={props.me} />
    </Layout>
  );
}

function SignedOut() {
  const [busy, setBusy] = useState(false);
  return (
    <Layout>
      <Page title="You are signed out">
        <p>Your session in this tab has ended.</p>
        <button
          type="button"
          class="usa-button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void signIn('/console/');
          }}
        >
          Sign in again
        </button>
      </Page>
    </Layout>
  );
}

function Failed(props: { message: string }) {
  return (
    <Layout>
      <Page title="Sign-in did not work">
        <Alert type="error">{props.message}</Alert>
        <p>
          <a href="/console/">Start again</a>
        </p>
      </Page>
    </Layout>
  );
}

async function start(root: HTMLElement): Promise<void> {
  await configure();
  if (location.pathname === signedOutPath) return render(<SignedOut />, root);
  if (location.pathname === callbackPath) {
    const returnTo = await completeSignIn();
    history.replaceState(null, '', returnTo);
  } else {
    // Tokens live in memory: a fresh page signs in again (silently while the provider's session lasts).
    return signIn(location.pathname);
  }
  const me = await api<Me>('GET', '/me');
  if (me.status !== 200) throw new Error('The API did not recognise you.');
  setTimeZone(me.body.timeZone);
  render(<App me={me.body} />, root);
}

const root = document.getElementById('app')!;
root.replaceChildren();
start(root).catch((error: Error) => render(<Failed message={error.message} />, root));
