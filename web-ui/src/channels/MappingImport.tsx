import { useState, type FormEvent } from 'react';
import { MAPPING_CSV_COLUMNS, useImportMappings } from '../api/channels';
import { CsvTemplateLink } from '../components/CsvTemplateLink';
import { ErrorNotice } from '../components/QueryState';
import { RejectedLines } from '../components/RejectedLines';
import { plural } from '../format';

const TEMPLATE = [
  [...MAPPING_CSV_COLUMNS],
  ['MY-SKU-1', 'B000000001', 'MFN', 'PRODUCT', '9.99', '49.99', '20', '2', '100'],
  ['MY-SKU-2', 'B000000002', 'FBA', 'PRODUCT', '12.00', '', '', '0', ''],
];

/** Why a line of a mappings import was refused, by its code; other codes keep the gateway's detail. */
const IMPORT_WORDS: Record<string, string> = {
  conflict_strategy_invalid: 'The conflict strategy contradicts the fulfillment (MFN: master_wins, FBA: channel_wins).',
};

/** Imports mappings from a CSV or NDJSON file (sent as it is) and says which lines were refused and why. */
export function MappingImport({ channelId }: { readonly channelId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const importing = useImportMappings(channelId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) importing.mutate(file);
  }

  return (
    <section className="form--separated" aria-labelledby="mapping-import-heading">
      <h3 id="mapping-import-heading">Import mappings</h3>
      <p className="small">
        CSV with the header <code className="code--wrap">{MAPPING_CSV_COLUMNS.join(',')}</code> (empty cells for the guardrails you do not want), or NDJSON with one
        mapping a line. A SKU already mapped is replaced. Up to 100,000 lines.{' '}
        <CsvTemplateLink fileName="spgate-mappings-template.csv" rows={TEMPLATE} testId="mapping-template">
          Download a CSV template
        </CsvTemplateLink>
      </p>
      <form className="form form--inline" onSubmit={submit} aria-label="Import mappings">
        <div className="field">
          <label htmlFor="mapping-file">Mappings file (CSV or NDJSON)</label>
          <input
            id="mapping-file"
            type="file"
            accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              importing.reset();
            }}
          />
        </div>
        <button type="submit" className="button--primary" disabled={file === null || importing.isPending}>
          {importing.isPending ? 'Importing…' : 'Import'}
        </button>
      </form>
      {importing.isError && <ErrorNotice error={importing.error} />}
      {importing.isSuccess && (
        <div aria-live="polite">
          <p className={importing.data.rejected.length > 0 ? 'notice notice--warn' : 'notice'} data-testid="import-result">
            {plural(importing.data.imported, 'mapping')} imported
            {importing.data.rejected.length > 0 && `, ${plural(importing.data.rejected.length, 'line')} refused`}.
          </p>
          {importing.data.rejected.length > 0 && (
            <RejectedLines
              label="Refused lines of the import"
              lines={importing.data.rejected}
              total={importing.data.rejected.length}
              words={IMPORT_WORDS}
              testIdPrefix="import-rejection"
            />
          )}
        </div>
      )}
    </section>
  );
}
