import { Link, useParams } from 'react-router';
import { useChannel, type Channel } from '../api/channels';
import { MARKETPLACES, REGION_NAMES } from '../api/marketplaces';
import { ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { SellerStatusBadge } from '../sellers/SellerStatusBadge';
import { useTenantLink } from '../session/tenant';
import { TABS, useChannelTab, type ChannelTab } from './filters';
import { InventoryPanel } from './InventoryPanel';
import { MappingsPanel } from './MappingsPanel';

export function ChannelPage() {
  return (
    <RequireTenant>
      <ChannelView />
    </RequireTenant>
  );
}

const TAB_WORDS: Record<ChannelTab, string> = { mappings: 'Mappings', inventory: 'Inventory' };

/** One channel: what it is, then its mappings or its inventory (`?tab=`), each with its own filters in the URL. */
function ChannelView() {
  const { channelId = '' } = useParams();
  const channel = useChannel(channelId);
  const tab = useChannelTab();
  const link = useTenantLink();
  return (
    <>
      <p className="breadcrumb">
        <Link to={link('/channels')}>← Channels</Link>
      </p>
      {channel.isPending ? (
        <Loading>Loading the channel…</Loading>
      ) : channel.isError ? (
        <>
          <h1 className="page-title">Channel</h1>
          <ErrorNotice error={channel.error} onRetry={() => channel.refetch()} />
        </>
      ) : (
        <>
          <div className="page-head">
            <h1 className="page-title page-title--wrap">
              {channel.data.sellingPartnerId} · {channel.data.marketplace}
            </h1>
            <SellerStatusBadge status={channel.data.sellerStatus} />
          </div>
          <section className="panel" aria-label="Channel details">
            <ChannelDetails channel={channel.data} />
          </section>
          <nav className="tabs" aria-label="Channel sections">
            {TABS.map((t) => (
              <Link key={t} to={link(`/channels/${channelId}`, t === 'mappings' ? {} : { tab: t })} className="tabs__link" aria-current={t === tab ? 'page' : undefined}>
                {TAB_WORDS[t]}
              </Link>
            ))}
          </nav>
          {tab === 'mappings' ? <MappingsPanel key={channelId} channel={channel.data} /> : <InventoryPanel key={channelId} channel={channel.data} />}
        </>
      )}
    </>
  );
}

function ChannelDetails({ channel }: { readonly channel: Channel }) {
  const link = useTenantLink();
  const marketplace = MARKETPLACES.find((m) => m.id === channel.marketplaceId);
  return (
    <dl className="details">
      <dt>Seller</dt>
      <dd>
        <Link to={link(`/sellers/${channel.sellerId}`)}>{channel.sellingPartnerId}</Link>
      </dd>
      <dt>Marketplace</dt>
      <dd>
        {marketplace?.name ?? channel.marketplace} <code>{channel.marketplaceId}</code>
      </dd>
      <dt>Region</dt>
      <dd>{REGION_NAMES[channel.region] ?? channel.region}</dd>
      <dt>Currency</dt>
      <dd>{channel.currency}</dd>
      <dt>Mappings</dt>
      <dd data-testid="channel-mapping-count">{channel.mappings.toLocaleString('en')}</dd>
      <dt>FBA quantities read</dt>
      <dd>{channel.fbaSyncedAt ? formatDateTime(channel.fbaSyncedAt) : 'never'}</dd>
      <dt>Channel id</dt>
      <dd>
        <code>{channel.id}</code>
      </dd>
    </dl>
  );
}
