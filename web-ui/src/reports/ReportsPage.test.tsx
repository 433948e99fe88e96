import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { ADMIN_SESSION, TENANT_ID, renderConsole } from '../testing/renderConsole';
import { REPORT_TYPES, reportJob, reportSchedule } from '../testing/reports';
import { seller } from '../testing/sellers';

const SELLER = seller(5, { marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] });
const REQUEST = `/v1/sellers/${SELLER.id}/reports`;

const BASE = {
  'GET /v1/report-types': () => jsonResponse(200, { items: REPORT_TYPES }),
  [`GET /v1/sellers/${SELLER.id}`]: () => jsonResponse(200, SELLER),
  'GET /v1/sellers': () => jsonResponse(200, { items: [SELLER] }),
  'GET /v1/reports': () => jsonResponse(200, { items: [] }),
  'GET /v1/report-schedules': () => jsonResponse(200, { items: [] }),
  [`GET /v1/sellers/${SELLER.id}/amazon-reports`]: () => jsonResponse(200, { items: [] }),
};

async function requestForm() {
  return within((await screen.findByRole('form', { name: 'Request a report' })) as HTMLElement);
}

describe('reports page: requesting a report', () => {
  it('offers only requestable types by label, with Amazon’s rules for the chosen one', async () => {
    renderConsole({ path: `/reports?seller=${SELLER.id}`, routes: BASE });
    const form = await requestForm();
    const type = form.getByLabelText('Report type') as HTMLSelectElement;
    expect(Array.from(type.options).map((o) => o.textContent)).toEqual([
      'All listings',
      'All orders, by order date',
      'FBA inventory (near real time)',
      'Sales and traffic (JSON)',
    ]);
    expect(form.getByTestId('request-type-notes').textContent).toContain('Amazon ignores the dates');
    expect(form.queryByLabelText(/Data from/)).toBeNull();

    fireEvent.change(type, { target: { value: 'GET_AFN_INVENTORY_DATA' } });
    expect(form.getByTestId('request-type-notes').textContent).toContain('at most once per 30 minutes');

    fireEvent.change(type, { target: { value: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL' } });
    expect(form.queryByTestId('request-type-notes')).toBeNull();
    expect(form.getByLabelText(/Data from/)).toBeTruthy();
  });

  it('posts the type, the checked marketplaces, the dates as ISO and reuseWithin, then opens the job', async () => {
    const job = reportJob(1, { status: 'REQUESTED', reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL' });
    const console = renderConsole({
      path: `/reports?seller=${SELLER.id}`,
      routes: {
        ...BASE,
        [`POST ${REQUEST}`]: () => jsonResponse(202, job),
        [`GET /v1/reports/${job.id}`]: () => jsonResponse(200, job),
      },
    });
    const form = await requestForm();
    fireEvent.change(form.getByLabelText('Report type'), { target: { value: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL' } });
    // The first marketplace is checked; add Canada.
    expect((form.getByLabelText(/^US/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(form.getByLabelText(/^CA/));
    fireEvent.change(form.getByLabelText(/Data from/), { target: { value: '2026-11-01' } });
    fireEvent.change(form.getByLabelText(/Data to/), { target: { value: '2026-11-30' } });
    fireEvent.change(form.getByLabelText('Reuse a report of the same kind'), { target: { value: 'PT1H' } });
    fireEvent.click(form.getByRole('button', { name: 'Request report' }));

    await waitFor(() => expect(console.location()).toBe(`/reports/${job.id}`));
    const posted = console.gateway.to(REQUEST, 'POST')[0];
    expect(posted?.body).toEqual({
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
      dataStartTime: '2026-11-01T00:00:00Z',
      dataEndTime: '2026-11-30T23:59:59Z',
      reuseWithin: 'PT1H',
    });
    expect(posted?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect(await screen.findByRole('heading', { name: 'All orders, by order date' })).toBeTruthy();
  });

  it('sends no dates for a type whose dates Amazon ignores, even when some were entered first', async () => {
    const console = renderConsole({
      path: `/reports?seller=${SELLER.id}`,
      routes: { ...BASE, [`POST ${REQUEST}`]: () => jsonResponse(200, reportJob(2, { reused: true })) },
    });
    const form = await requestForm();
    const type = form.getByLabelText('Report type');
    fireEvent.change(type, { target: { value: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL' } });
    fireEvent.change(form.getByLabelText(/Data from/), { target: { value: '2026-11-01' } });
    fireEvent.change(type, { target: { value: 'GET_MERCHANT_LISTINGS_ALL_DATA' } });
    expect(form.getByTestId('request-type-notes').textContent).toContain('Amazon ignores the dates');
    expect(form.queryByLabelText(/Data from/)).toBeNull();
    fireEvent.change(form.getByLabelText('Reuse a report of the same kind'), { target: { value: 'PT24H' } });
    fireEvent.click(form.getByRole('button', { name: 'Request report' }));

    await waitFor(() => expect(console.gateway.to(REQUEST, 'POST')).toHaveLength(1));
    expect(console.gateway.to(REQUEST, 'POST')[0]?.body).toEqual({
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: ['ATVPDKIKX0DER'],
      reuseWithin: 'PT24H',
    });
  });

  it("says when to try again when Amazon's window for the type has not passed", async () => {
    const detail =
      'Amazon allows GET_AFN_INVENTORY_DATA once per 30 minutes per seller and cancels the rest; job j1 asked for it at ' +
      '2026-12-06T15:00:00Z. Reuse it ("reuseWithin") or ask again after 2026-12-06T15:30:00Z.';
    const console = renderConsole({
      path: `/reports?seller=${SELLER.id}`,
      routes: { ...BASE, [`POST ${REQUEST}`]: () => problemResponse(429, 'report_too_frequent', detail) },
    });
    const form = await requestForm();
    fireEvent.change(form.getByLabelText('Report type'), { target: { value: 'GET_AFN_INVENTORY_DATA' } });
    fireEvent.click(form.getByRole('button', { name: 'Request report' }));
    expect((await form.findByTestId('error-notice')).textContent).toContain('ask again after 2026-12-06T15:30:00Z');
    expect(console.location()).toBe(`/reports?seller=${SELLER.id}`);
  });

  it('cannot post without a marketplace', async () => {
    renderConsole({ path: `/reports?seller=${SELLER.id}`, routes: BASE });
    const form = await requestForm();
    fireEvent.click(form.getByLabelText(/^US/));
    expect((form.getByRole('button', { name: 'Request report' }) as HTMLButtonElement).disabled).toBe(true);
    expect(form.getByText('Choose at least one marketplace.')).toBeTruthy();
  });
});

describe('reports page: the list', () => {
  it('puts the filters into the URL and the query, and loads more with the cursor', async () => {
    const done = reportJob(1);
    const failed = reportJob(2, { status: 'FATAL' });
    const console = renderConsole({
      path: `/reports?seller=${SELLER.id}`,
      routes: {
        ...BASE,
        'GET /v1/reports': (_, url) =>
          url.searchParams.get('cursor') === 'after-1'
            ? jsonResponse(200, { items: [reportJob(3, { status: 'CANCELLED' })] })
            : url.searchParams.get('status') === 'FATAL'
              ? jsonResponse(200, { items: [failed], nextCursor: 'after-1' })
              : jsonResponse(200, { items: [done, failed] }),
      },
    });
    expect((await screen.findByTestId(`report-status-${done.id}`)).dataset.status).toBe('DONE');
    expect(within(screen.getByTestId(`report-row-${done.id}`)).getByRole('link', { name: 'All listings' }).getAttribute('href')).toBe(
      `/reports/${done.id}`,
    );

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'FATAL' } });
    await waitFor(() => expect(console.location()).toBe(`/reports?seller=${SELLER.id}&status=FATAL`));
    await waitFor(() => expect(screen.queryByTestId(`report-row-${done.id}`)).toBeNull());
    fireEvent.change(screen.getByLabelText('Report type', { selector: '#filter-report-type' }), {
      target: { value: 'GET_MERCHANT_LISTINGS_ALL_DATA' },
    });
    await waitFor(() =>
      expect(console.location()).toBe(`/reports?seller=${SELLER.id}&status=FATAL&reportType=GET_MERCHANT_LISTINGS_ALL_DATA`),
    );
    await waitFor(() =>
      expect(Object.fromEntries(console.gateway.to('/v1/reports').at(-1)?.url.searchParams ?? [])).toEqual({
        sellerId: SELLER.id,
        reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
        status: 'FATAL',
        limit: '50',
      }),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByTestId(`report-row-${reportJob(3).id}`)).toBeTruthy();
    expect(console.gateway.to('/v1/reports').at(-1)?.url.searchParams.get('cursor')).toBe('after-1');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it("opens with a deep link's filters, every seller's reports, and says when none match", async () => {
    const console = renderConsole({ path: '/reports?status=DONE', routes: BASE });
    expect((await screen.findByTestId('reports-empty')).textContent).toBe('No report matches these filters.');
    expect(console.gateway.to('/v1/reports')[0]?.url.search).toBe('?status=DONE&limit=50');
    expect(screen.queryByRole('form', { name: 'Request a report' })).toBeNull();
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('DONE');
  });

  it('chooses a seller through the picker and keeps the filters', async () => {
    const console = renderConsole({ path: '/reports?status=DONE', routes: BASE });
    fireEvent.click(await screen.findByRole('link', { name: SELLER.sellingPartnerId }));
    await waitFor(() => expect(console.location()).toBe(`/reports?seller=${SELLER.id}&status=DONE`));
    expect(await screen.findByRole('form', { name: 'Request a report' })).toBeTruthy();
  });
});

describe('reports page: schedules', () => {
  it('creates a schedule with the chosen period and deletes one after the confirmation', async () => {
    const latest = reportJob(9);
    let schedules = [reportSchedule(1, { latestDone: latest, lastJobId: latest.id })];
    const console = renderConsole({
      path: `/reports?seller=${SELLER.id}`,
      routes: {
        ...BASE,
        'GET /v1/report-schedules': () => jsonResponse(200, { items: schedules }),
        [`POST /v1/sellers/${SELLER.id}/report-schedules`]: () => {
          const created = reportSchedule(2, { period: 'P7D', reportType: 'GET_AFN_INVENTORY_DATA' });
          schedules = [...schedules, created];
          return jsonResponse(201, created);
        },
        [`DELETE /v1/report-schedules/${reportSchedule(1).id}`]: () => {
          schedules = schedules.filter((s) => s.id !== reportSchedule(1).id);
          return new Response(null, { status: 204 });
        },
      },
    });
    const row = await screen.findByTestId(`schedule-row-${reportSchedule(1).id}`);
    expect(row.textContent).toContain('every 24 hours');
    expect(within(row).getByTestId(`schedule-download-${reportSchedule(1).id}`).getAttribute('href')).toBe(
      `/v1/reports/${latest.id}/document?format=tsv`,
    );
    expect(console.gateway.to('/v1/report-schedules')[0]?.url.searchParams.get('sellerId')).toBe(SELLER.id);

    const form = within(screen.getByRole('form', { name: 'Add a schedule' }));
    fireEvent.change(form.getByLabelText('Report type'), { target: { value: 'GET_AFN_INVENTORY_DATA' } });
    fireEvent.change(form.getByLabelText('How often'), { target: { value: 'P7D' } });
    fireEvent.click(form.getByRole('button', { name: 'Add schedule' }));
    expect((await screen.findByTestId(`schedule-row-${reportSchedule(2).id}`)).textContent).toContain('every 7 days');
    const posted = console.gateway.to(`/v1/sellers/${SELLER.id}/report-schedules`, 'POST')[0];
    expect(posted?.body).toEqual({ reportType: 'GET_AFN_INVENTORY_DATA', marketplaceIds: ['ATVPDKIKX0DER'], period: 'P7D' });
    expect(posted?.headers['X-CSRF-Token']).toBe('csrf-token-1');

    fireEvent.click(within(row).getByRole('button', { name: /^Delete the schedule of All listings/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this schedule?' });
    expect(console.gateway.to(`/v1/report-schedules/${reportSchedule(1).id}`, 'DELETE')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete schedule' }));
    await waitFor(() => expect(screen.queryByTestId(`schedule-row-${reportSchedule(1).id}`)).toBeNull());
    expect(console.gateway.to(`/v1/report-schedules/${reportSchedule(1).id}`, 'DELETE')[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
  });

  it("shows the gateway's refusal of a period shorter than the type's window", async () => {
    renderConsole({
      path: `/reports?seller=${SELLER.id}`,
      routes: {
        ...BASE,
        [`POST /v1/sellers/${SELLER.id}/report-schedules`]: () =>
          problemResponse(400, 'validation_failed', "'period' must be an ISO 8601 duration from PT4H (Amazon's least time…) to P31D."),
      },
    });
    const form = within(await screen.findByRole('form', { name: 'Add a schedule' }));
    fireEvent.click(form.getByRole('button', { name: 'Add schedule' }));
    expect((await form.findByTestId('error-notice')).textContent).toContain("'period' must be an ISO 8601 duration from PT4H");
  });
});

describe('reports page: made by Amazon', () => {
  it("lists the seller's settlement reports with download links that name an administrator's tenant", async () => {
    const console = renderConsole({
      path: `/reports?tenant=${TENANT_ID}&seller=${SELLER.id}`,
      session: ADMIN_SESSION,
      routes: {
        ...BASE,
        'GET /v1/tenants': () => jsonResponse(200, { items: [{ id: TENANT_ID, name: 'Demo' }] }),
        [`GET /v1/sellers/${SELLER.id}/amazon-reports`]: () =>
          jsonResponse(200, {
            items: [
              {
                reportId: '9001',
                reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
                marketplaceIds: ['ATVPDKIKX0DER'],
                processingStatus: 'DONE',
                reportDocumentId: 'amzn1.spdoc.settle-1',
                createdTime: '2026-12-01T00:00:00Z',
                dataStartTime: '2026-11-17T00:00:00Z',
                dataEndTime: '2026-12-01T00:00:00Z',
              },
            ],
          }),
      },
    });
    const row = await screen.findByTestId('amazon-report-9001');
    expect(within(row).getByRole('link', { name: /as TSV$/ }).getAttribute('href')).toBe(
      `/v1/sellers/${SELLER.id}/report-documents/amzn1.spdoc.settle-1?format=tsv&reportType=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE&tenantId=${TENANT_ID}`,
    );
    const asked = console.gateway.to(`/v1/sellers/${SELLER.id}/amazon-reports`)[0];
    expect(asked?.url.search).toBe(`?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE&tenantId=${TENANT_ID}`);
  });
});
