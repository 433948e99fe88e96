import { useState } from 'react';
import { useApi } from '../api/ApiProvider';
import { jobDocumentHref, type DocumentFormat, type ReportJob } from '../api/reports';
import { plural } from '../format';

const FORMATS: readonly { readonly value: DocumentFormat; readonly words: string; readonly tabular: boolean }[] = [
  { value: 'tsv', words: 'TSV (tab-separated, UTF-8)', tabular: false },
  { value: 'ndjson', words: 'NDJSON (one JSON object per row)', tabular: true },
  { value: 'csv', words: 'CSV', tabular: true },
  { value: 'raw', words: "Amazon's file as it is (usually gzip)", tabular: false },
];

export const FORMAT_NAMES: Record<DocumentFormat, string> = { tsv: 'TSV', ndjson: 'NDJSON', csv: 'CSV', raw: 'raw' };

/**
 * A DONE job's document: a format and a plain link, which the browser downloads with the session
 * cookie (a GET needs no CSRF token). NDJSON and CSV exist only for tab-separated documents.
 */
export function DocumentDownload({ job, tabSeparated }: { readonly job: ReportJob; readonly tabSeparated: boolean }) {
  const { client } = useApi();
  const [format, setFormat] = useState<DocumentFormat>('tsv');
  const offered = FORMATS.filter((f) => tabSeparated || !f.tabular);
  return (
    <div className="download">
      <fieldset className="checks-group">
        <legend>Format</legend>
        {offered.map((f) => (
          <div key={f.value} className="field field--check">
            <input id={`format-${f.value}`} type="radio" name="format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
            <label htmlFor={`format-${f.value}`}>{f.words}</label>
          </div>
        ))}
      </fieldset>
      <p>
        <a className="button-link" href={jobDocumentHref(client, job.id, format)} download data-testid="report-download">
          Download as {FORMAT_NAMES[format]}
        </a>
        {job.rowCount !== undefined && <span className="muted" data-testid="report-rows"> · {plural(job.rowCount, 'row')}</span>}
      </p>
    </div>
  );
}
