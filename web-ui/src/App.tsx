import { Route, Routes } from 'react-router';
import { ChannelPage } from './channels/ChannelPage';
import { ChannelsPage } from './channels/ChannelsPage';
import { ConnectedPage } from './components/ConnectedPage';
import { PublicFrame } from './frame/PublicFrame';
import { SessionGate } from './frame/SessionGate';
import { KeysPage } from './keys/KeysPage';
import { NotificationsPage } from './notifications/NotificationsPage';
import { OrderPage } from './orders/OrderPage';
import { OrdersPage } from './orders/OrdersPage';
import { OverviewPage } from './overview/OverviewPage';
import { QuotasPage } from './quotas/QuotasPage';
import { ReportJobPage } from './reports/ReportJobPage';
import { ReportsPage } from './reports/ReportsPage';
import { SellerDetailPage } from './sellers/SellerDetailPage';
import { SellersPage } from './sellers/SellersPage';
import { JobPage } from './updates/JobPage';
import { NewUpdatePage } from './updates/NewUpdatePage';
import { UpdatesPage } from './updates/UpdatesPage';
import { WebhooksPage } from './webhooks/WebhooksPage';

/** The path the gateway's OAuth callback sends sellers' browsers to. */
export const CONNECTED_PATH = '/connected';

/** Every page of the console by its URL; all but /connected need a session. */
export function App() {
  return (
    <Routes>
      <Route
        path={CONNECTED_PATH}
        element={
          <PublicFrame>
            <ConnectedPage />
          </PublicFrame>
        }
      />
      <Route element={<SessionGate />}>
        <Route index element={<OverviewPage />} />
        <Route path="overview" element={<OverviewPage />} />
        <Route path="sellers" element={<SellersPage />} />
        <Route path="sellers/:sellerId" element={<SellerDetailPage />} />
        <Route path="quotas" element={<QuotasPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="reports/:jobId" element={<ReportJobPage />} />
        <Route path="channels" element={<ChannelsPage />} />
        <Route path="channels/:channelId" element={<ChannelPage />} />
        <Route path="updates" element={<UpdatesPage />} />
        <Route path="updates/new" element={<NewUpdatePage />} />
        <Route path="updates/:jobId" element={<JobPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:orderId" element={<OrderPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="keys" element={<KeysPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <section className="panel">
      <h1 className="page-title">Page not found</h1>
      <p>The console has no page at this address. Use the navigation above.</p>
    </section>
  );
}
