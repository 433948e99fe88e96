import { ApiProvider } from '../api/ApiProvider';
import { ErrorNotice, Loading } from '../components/QueryState';
import { useSession } from '../session/session';
import { Frame } from './Frame';
import { PublicFrame } from './PublicFrame';
import { SignInPage } from './SignInPage';

/** The signed-in console, or the sign-in form; the URL asked for stays, so a deep link opens after sign-in. */
export function SessionGate() {
  const session = useSession();
  if (session.isPending) {
    return (
      <PublicFrame>
        <Loading>Checking your session…</Loading>
      </PublicFrame>
    );
  }
  if (session.isError) {
    return (
      <PublicFrame>
        <ErrorNotice error={session.error} onRetry={() => session.refetch()} />
      </PublicFrame>
    );
  }
  if (session.data === null) {
    return (
      <PublicFrame>
        <SignInPage />
      </PublicFrame>
    );
  }
  return (
    <ApiProvider session={session.data}>
      <Frame />
    </ApiProvider>
  );
}
