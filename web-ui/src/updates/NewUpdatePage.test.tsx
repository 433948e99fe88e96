import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';
import { DRY_RUN, job } from '../testing/updates';

const CSV = 'channelId,sku,price,currency,quantity\n00000000-0000-4000-8000-000000000005.ATVPDKIKX0DER,SKU-1,19.99,USD,5\n';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function csvFile(name = 'prices.csv', text = CSV) {
  return new File([text], name, { type: 'text/csv' });
}

async function choose(file: File) {
  fireEvent.change(await screen.findByLabelText('CSV file'), { target: { files: [file] } });
}

const isDryRun = (url: URL) => url.searchParams.get('dryRun') === 'true';

describe('new update job', () => {
  it('dry runs the chosen file as it is (text/csv, no key) and shows the plan per seller and the refused line', async () => {
    const file = csvFile();
    const console = renderConsole({ path: '/updates/new', routes: { 'POST /v1/updates': () => jsonResponse(200, DRY_RUN) } });
    const dryRun = await screen.findByRole('button', { name: 'Dry run' });
    expect((dryRun as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByLabelText('CSV file').getAttribute('accept')).toBe('.csv,text/csv');
    await choose(file);
    fireEvent.click(dryRun);

    const plan = within(await screen.findByTestId('update-plan'));
    const sent = console.gateway.to('/v1/updates', 'POST');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url.search).toBe('?dryRun=true');
    expect(sent[0]?.headers['Content-Type']).toBe('text/csv');
    expect(sent[0]?.headers['Idempotency-Key']).toBeUndefined();
    expect(sent[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    // The File itself is the body: the browser streams it from disk, the page never reads it into a string.
    expect(sent[0]?.file).toBe(file);

    expect(plan.getByTestId('update-summary').textContent).toBe('19 items of prices.csv would be sent; 1 line would be refused.');
    expect(plan.getByTestId('update-estimate').textContent).toContain('Estimated time 2 min');
    const seller = plan.getByTestId(`plan-seller-${DRY_RUN.plan.sellers[0]?.sellerId}`);
    expect(within(seller).getAllByRole('cell').map((c) => c.textContent)).toEqual(['19', '19', 'Listings Items patches', '19 patches', '2 min']);
    expect(within(seller).getByRole('rowheader').textContent).toBe('A005SELLER');
    // Index 19 is the file's 20th data line.
    const refused = plan.getByTestId('update-rejection-20');
    expect(refused.textContent).toContain('mapping_missing');
    expect(refused.textContent).toContain('The SKU has no mapping in this channel');
    expect(refused.textContent).toContain("SKU 'NOPE-1' has no mapping");
  });

  it('confirms under one Idempotency-Key, reused when the confirm is retried, then opens the new job', async () => {
    const created = job(7, { pending: 19 });
    let confirms = 0;
    const console = renderConsole({
      path: '/updates/new',
      routes: {
        'POST /v1/updates': (_, url) => {
          if (isDryRun(url)) return jsonResponse(200, DRY_RUN);
          confirms++;
          return confirms === 1 ? problemResponse(503, 'postgres_busy') : jsonResponse(202, { jobId: created.id, status: 'queued', accepted: 19, rejected: [] });
        },
        [`GET /v1/jobs/${created.id}`]: () => jsonResponse(200, created),
        [`GET /v1/jobs/${created.id}/items`]: () => jsonResponse(200, { items: [] }),
      },
    });
    await choose(csvFile());
    fireEvent.click(await screen.findByRole('button', { name: 'Dry run' }));
    const confirm = await screen.findByRole('button', { name: 'Confirm and send 19 items' });
    fireEvent.click(confirm);
    expect((await screen.findByTestId('error-notice')).textContent).toBe('The gateway is busy. Try again in a moment.');
    expect(console.location()).toBe('/updates/new');

    fireEvent.click(screen.getByRole('button', { name: 'Confirm and send 19 items' }));
    await waitFor(() => expect(console.location()).toBe(`/updates/${created.id}`));
    const uploads = console.gateway.to('/v1/updates', 'POST').filter((r) => !isDryRun(r.url));
    expect(uploads).toHaveLength(2);
    const key = uploads[0]?.headers['Idempotency-Key'];
    expect(key).toMatch(UUID);
    expect(uploads[1]?.headers['Idempotency-Key']).toBe(key);
    expect(uploads[1]?.url.search).toBe('');
    expect(uploads[1]?.headers['Content-Type']).toBe('text/csv');
    expect(uploads[1]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect(await screen.findByRole('heading', { name: `Update job ${created.id.slice(0, 8)}` })).toBeTruthy();
  });

  it('starts over with another file: the plan goes and the next confirm has a new key', async () => {
    let confirms = 0;
    const console = renderConsole({
      path: '/updates/new',
      routes: {
        'POST /v1/updates': (_, url) => {
          if (isDryRun(url)) return jsonResponse(200, DRY_RUN);
          confirms++;
          return problemResponse(confirms === 1 ? 503 : 409, confirms === 1 ? 'postgres_busy' : 'idempotency_key_reused');
        },
      },
    });
    await choose(csvFile('a.csv'));
    fireEvent.click(await screen.findByRole('button', { name: 'Dry run' }));
    fireEvent.click(await screen.findByRole('button', { name: /^Confirm and send/ }));
    await screen.findByTestId('error-notice');

    await choose(csvFile('b.csv', CSV + 'x,SKU-2,1,USD,1\n'));
    expect(screen.queryByTestId('update-plan')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    fireEvent.click(await screen.findByRole('button', { name: /^Confirm and send/ }));
    expect((await screen.findByTestId('error-notice')).textContent).toContain('already sent with another file under the same key');
    const keys = console.gateway
      .to('/v1/updates', 'POST')
      .filter((r) => !isDryRun(r.url))
      .map((r) => r.headers['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('offers no confirm when every line is refused, and says the gateway’s refusal of the file', async () => {
    let answer = 0;
    renderConsole({
      path: '/updates/new',
      routes: {
        'POST /v1/updates': () =>
          answer++ === 0
            ? problemResponse(400, 'malformed_body', 'Line 3: a quoted field is not closed.')
            : jsonResponse(200, { ...DRY_RUN, accepted: 0, plan: { ...DRY_RUN.plan, sellers: [] } }),
      },
    });
    await choose(csvFile());
    fireEvent.click(await screen.findByRole('button', { name: 'Dry run' }));
    expect((await screen.findByTestId('error-notice')).textContent).toContain('Line 3: a quoted field is not closed.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('update-plan')).textContent).toContain('0 items of prices.csv would be sent');
    expect(screen.getByText(/No line of this file can be sent/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Confirm and send/ })).toBeNull();
  });

  it('offers a CSV template with the columns of the contract', async () => {
    renderConsole({ path: '/updates/new' });
    const template = await screen.findByTestId('update-template');
    expect(template.getAttribute('download')).toBe('spgate-updates-template.csv');
    const href = template.getAttribute('href') ?? '';
    expect(href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    const text = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    expect(text.split('\r\n')[0]).toBe('channelId,sellerId,marketplaceId,sku,price,currency,quantity,handlingTime');
  });
});
