import type { Region } from './sellers';

/** Amazon's marketplaces, as the gateway knows them (gateway seller/Marketplace.java). */
export interface Marketplace {
  readonly id: string;
  readonly country: string;
  readonly name: string;
  readonly region: Region;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'ATVPDKIKX0DER', country: 'US', name: 'United States', region: 'na' },
  { id: 'A2EUQ1WTGCTBG2', country: 'CA', name: 'Canada', region: 'na' },
  { id: 'A1AM78C64UM0Y8', country: 'MX', name: 'Mexico', region: 'na' },
  { id: 'A2Q3Y263D00KWC', country: 'BR', name: 'Brazil', region: 'na' },
  { id: 'A1F83G8C2ARO7P', country: 'UK', name: 'United Kingdom', region: 'eu' },
  { id: 'A1PA6795UKMFR9', country: 'DE', name: 'Germany', region: 'eu' },
  { id: 'A13V1IB3VIYZZH', country: 'FR', name: 'France', region: 'eu' },
  { id: 'APJ6JRA9NG5V4', country: 'IT', name: 'Italy', region: 'eu' },
  { id: 'A1RKKUPIHCS9HS', country: 'ES', name: 'Spain', region: 'eu' },
  { id: 'A1805IZSGTT6HS', country: 'NL', name: 'Netherlands', region: 'eu' },
  { id: 'AMEN7PMS3EDWL', country: 'BE', name: 'Belgium', region: 'eu' },
  { id: 'A2NODRKZP88ZB9', country: 'SE', name: 'Sweden', region: 'eu' },
  { id: 'A1C3SOZRARQ6R3', country: 'PL', name: 'Poland', region: 'eu' },
  { id: 'A28R8C7NBKEWEA', country: 'IE', name: 'Ireland', region: 'eu' },
  { id: 'A33AVAJ2PDY3EV', country: 'TR', name: 'Turkey', region: 'eu' },
  { id: 'AE08WJ6YKNBMC', country: 'ZA', name: 'South Africa', region: 'eu' },
  { id: 'ARBP9OOSHTCHU', country: 'EG', name: 'Egypt', region: 'eu' },
  { id: 'A17E79C6D8DWNP', country: 'SA', name: 'Saudi Arabia', region: 'eu' },
  { id: 'A2VIGQ35RCS4UG', country: 'AE', name: 'United Arab Emirates', region: 'eu' },
  { id: 'A21TJRUUN4KGV', country: 'IN', name: 'India', region: 'eu' },
  { id: 'A1VC38T7YXB528', country: 'JP', name: 'Japan', region: 'fe' },
  { id: 'A39IBJ37TRP1C6', country: 'AU', name: 'Australia', region: 'fe' },
  { id: 'A19VAU5U5O7RUS', country: 'SG', name: 'Singapore', region: 'fe' },
];

const BY_ID = new Map(MARKETPLACES.map((m) => [m.id, m]));

/** "US" for ATVPDKIKX0DER; an id the console does not know stays as it is. */
export function marketplaceLabel(id: string): string {
  return BY_ID.get(id)?.country ?? id;
}

export const REGION_NAMES: Record<Region, string> = { na: 'North America', eu: 'Europe', fe: 'Far East' };
