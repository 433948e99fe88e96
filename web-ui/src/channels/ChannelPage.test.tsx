import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InventoryRow, Mapping } from '../api/channels';
import { channel, mapping } from '../testing/channels';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';

afterEach(() => vi.useRealTimers());

const CHANNEL = channel(5);
const PATH = `/v1/channels/${CHANNEL.id}`;
const MUG = mapping(CHANNEL.id, 'MUG/RED-1');
const CUP = mapping(CHANNEL.id, 'CUP-2', { fulfillment: 'FBA', conflictStrategy: 'channel_wins', fbaQuantity: 40, guardrails: { minPrice: null, maxPrice: null, maxChangePercent: null, stockBuffer: 0, maxQuantity: null } });

const BASE = {
  [`GET ${PATH}`]: () => jsonResponse(200, CHANNEL),
  [`GET ${PATH}/mappings`]: () => jsonResponse(200, { items: [CUP, MUG] }),
};

async function editDialog(sku: string) {
  fireEvent.click(await screen.findByRole('button', { name: `Edit the guardrails of ${sku}` }));
  return within(await screen.findByRole('dialog', { name: `Guardrails of ${sku}` }));
}

describe('channel page: mappings', () => {
  it('lists the mappings with their guardrails and searches by SKU prefix', async () => {
    const console = renderConsole({
      path: `/channels/${CHANNEL.id}`,
      routes: { ...BASE, [`GET ${PATH}/mappings`]: (_, url) => jsonResponse(200, { items: url.searchParams.get('q') === 'MUG' ? [MUG] : [CUP, MUG] }) },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'A005SELLER · US' })).toBeTruthy();
    const row = within(await screen.findByTestId(`mapping-row-${MUG.sku}`));
    expect(row.getByRole('rowheader').textContent).toBe('MUG/RED-1');
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toEqual(['Edit…', 'B000000001', 'MFN', '$10.00', '$50.00', '20%', '2', 'no cap', '$19.99', '8', '—']);
    expect(within(screen.getByTestId(`mapping-row-${CUP.sku}`)).getAllByRole('cell').map((c) => c.textContent).slice(3, 8)).toEqual(['none', 'none', 'any', '0', 'no cap']);
    expect(screen.getByRole('link', { name: 'Mappings' }).getAttribute('aria-current')).toBe('page');

    fireEvent.change(screen.getByLabelText('SKU starts with'), { target: { value: 'MUG' } });
    await waitFor(() => expect(console.location()).toBe(`/channels/${CHANNEL.id}?q=MUG`));
    await waitFor(() => expect(screen.queryByTestId(`mapping-row-${CUP.sku}`)).toBeNull());
    expect(console.gateway.to(`${PATH}/mappings`).at(-1)?.url.search).toBe('?q=MUG&limit=200');
  });

  it('refuses a lowest price above the highest next to the field, then PUTs the guardrails with the mapping’s other fields', async () => {
    let saved: Mapping = MUG;
    const console = renderConsole({
      path: `/channels/${CHANNEL.id}`,
      routes: {
        ...BASE,
        [`GET ${PATH}/mappings`]: () => jsonResponse(200, { items: [CUP, saved] }),
        [`PUT ${PATH}/mappings/MUG%2FRED-1`]: (init) => {
          saved = { ...MUG, ...(JSON.parse(init?.body as string) as Partial<Mapping>) };
          return jsonResponse(200, saved);
        },
      },
    });
    const dialog = await editDialog(MUG.sku);
    expect((dialog.getByLabelText('Lowest price (USD)') as HTMLInputElement).value).toBe('10');
    fireEvent.change(dialog.getByLabelText('Lowest price (USD)'), { target: { value: '60' } });
    fireEvent.change(dialog.getByLabelText('Most units listed'), { target: { value: '2.5' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save guardrails' }));
    expect(dialog.getByTestId('guardrail-maxPrice-error').textContent).toBe('The maximum price must not be below the minimum price.');
    expect(dialog.getByLabelText('Highest price (USD)').getAttribute('aria-invalid')).toBe('true');
    expect(dialog.getByTestId('guardrail-maxQuantity-error').textContent).toBe('A whole number, 0 or more.');
    expect(console.gateway.to(`${PATH}/mappings/MUG%2FRED-1`)).toHaveLength(0);

    fireEvent.change(dialog.getByLabelText('Highest price (USD)'), { target: { value: '75.5' } });
    fireEvent.change(dialog.getByLabelText('Most units listed'), { target: { value: '' } });
    fireEvent.change(dialog.getByLabelText('Largest change from the last price (%)'), { target: { value: '' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save guardrails' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const put = console.gateway.to(`${PATH}/mappings/MUG%2FRED-1`, 'PUT')[0];
    expect(put?.body).toEqual({
      sku: 'MUG/RED-1',
      asin: 'B000000001',
      fulfillment: 'MFN',
      conflictStrategy: 'master_wins',
      productType: 'PRODUCT',
      guardrails: { minPrice: 60, maxPrice: 75.5, maxChangePercent: null, stockBuffer: 2, maxQuantity: null },
    });
    expect(put?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    // The list is asked again and shows the new guardrails.
    await waitFor(() => expect(within(screen.getByTestId(`mapping-row-${MUG.sku}`)).getAllByRole('cell')[3]?.textContent).toBe('$60.00'));
  });

  it("keeps the dialog open with the gateway's refusal", async () => {
    renderConsole({
      path: `/channels/${CHANNEL.id}`,
      routes: { ...BASE, [`PUT ${PATH}/mappings/CUP-2`]: () => problemResponse(400, 'validation_failed', "'maxChangePercent' must be in (0, 1000].") },
    });
    const dialog = await editDialog(CUP.sku);
    fireEvent.change(dialog.getByLabelText('Largest change from the last price (%)'), { target: { value: '1000' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save guardrails' }));
    expect((await dialog.findByTestId('error-notice')).textContent).toBe("'maxChangePercent' must be in (0, 1000].");
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('imports a CSV file as it is and lists the refused lines with their codes', async () => {
    const console = renderConsole({
      path: `/channels/${CHANNEL.id}`,
      routes: {
        ...BASE,
        [`POST ${PATH}/mappings/import`]: () =>
          jsonResponse(200, {
            imported: 41,
            rejected: [
              { line: 3, code: 'conflict_strategy_invalid', detail: 'FBA takes channel_wins.' },
              { line: 9, code: 'invalid_item', detail: "'asin' must be 10 letters or digits." },
            ],
          }),
      },
    });
    const file = new File(['sku,asin,fulfillment\nA,B000000001,MFN\n'], 'mappings.csv', { type: 'text/csv' });
    const importButton = await screen.findByRole('button', { name: 'Import' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Mappings file (CSV or NDJSON)'), { target: { files: [file] } });
    fireEvent.click(importButton);

    expect((await screen.findByTestId('import-result')).textContent).toBe('41 mappings imported, 2 lines refused.');
    const sent = console.gateway.to(`${PATH}/mappings/import`, 'POST')[0];
    expect(sent?.file).toBe(file);
    expect(sent?.headers['Content-Type']).toBe('text/csv');
    expect(sent?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    const line3 = screen.getByTestId('import-rejection-3');
    expect(line3.textContent).toContain('conflict_strategy_invalid');
    expect(line3.textContent).toContain('contradicts the fulfillment');
    expect(screen.getByTestId('import-rejection-9').textContent).toContain("'asin' must be 10 letters or digits.");
    // The mappings are asked again after the import.
    await waitFor(() => expect(console.gateway.to(`${PATH}/mappings`).length).toBeGreaterThanOrEqual(2));
  });

  it('sends an NDJSON file as application/x-ndjson', async () => {
    const console = renderConsole({ path: `/channels/${CHANNEL.id}`, routes: { ...BASE, [`POST ${PATH}/mappings/import`]: () => jsonResponse(200, { imported: 1, rejected: [] }) } });
    const file = new File(['{"sku":"A","asin":"B000000001","fulfillment":"MFN"}\n'], 'mappings.ndjson');
    fireEvent.change(await screen.findByLabelText('Mappings file (CSV or NDJSON)'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByTestId('import-result')).textContent).toBe('1 mapping imported.');
    expect(console.gateway.to(`${PATH}/mappings/import`)[0]?.headers['Content-Type']).toBe('application/x-ndjson');
  });
});

describe('channel page: inventory', () => {
  const row = (sku: string, overrides: Partial<InventoryRow> = {}): InventoryRow => ({
    sku,
    asin: 'B000000001',
    fulfillment: 'FBA',
    fbaQuantity: 40,
    fbaSyncedAt: '2026-12-06T15:00:00Z',
    listedQuantity: null,
    listedAt: null,
    ...overrides,
  });

  it("shows Amazon's FBA quantities beside the listed MFN ones, and after Sync now follows until the new sync shows", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let syncedAt = '2026-12-06T15:00:00Z';
    let fba = 40;
    const console = renderConsole({
      path: `/channels/${CHANNEL.id}?tab=inventory`,
      routes: {
        ...BASE,
        [`GET ${PATH}/inventory`]: () =>
          jsonResponse(200, { syncedAt, items: [row('CUP-2', { fbaQuantity: fba, fbaSyncedAt: syncedAt }), row('MUG/RED-1', { fulfillment: 'MFN', fbaQuantity: null, fbaSyncedAt: null, listedQuantity: 8, listedAt: '2026-12-06T15:00:00Z' })] }),
        [`POST ${PATH}/inventory/sync`]: () => new Response(null, { status: 202 }),
      },
    });
    const cup = await screen.findByTestId('inventory-row-CUP-2');
    expect(screen.getByRole('link', { name: 'Inventory' }).getAttribute('aria-current')).toBe('page');
    expect(within(cup).getAllByRole('cell').map((c) => c.textContent).slice(1, 5)).toEqual(['FBA', '40', expect.stringMatching(/^2026-12-06/), '—']);
    expect(within(screen.getByTestId('inventory-row-MUG/RED-1')).getAllByRole('cell').map((c) => c.textContent).slice(1, 5)).toEqual(['MFN', '—', '—', '8']);

    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect((await screen.findByTestId('inventory-sync-asked')).textContent).toContain('this page shows the new quantities');
    expect(console.gateway.to(`${PATH}/inventory/sync`, 'POST')[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    const asked = console.gateway.to(`${PATH}/inventory`).length;
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    await waitFor(() => expect(console.gateway.to(`${PATH}/inventory`).length).toBe(asked + 1));

    syncedAt = '2026-12-06T16:00:00Z';
    fba = 35;
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    await waitFor(() => expect(within(screen.getByTestId('inventory-row-CUP-2')).getAllByRole('cell')[2]?.textContent).toBe('35'));
    expect(screen.getByTestId('inventory-sync-asked').textContent).toBe('The sync is done; the quantities below are the new ones.');
    const after = console.gateway.to(`${PATH}/inventory`).length;
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(console.gateway.to(`${PATH}/inventory`)).toHaveLength(after);
  });
});
