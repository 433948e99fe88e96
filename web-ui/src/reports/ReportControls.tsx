import { marketplaceLabel, MARKETPLACES } from '../api/marketplaces';
import type { ReportType } from '../api/reports';
import { typeNotes } from './words';

export interface ReportTypeSelectProps {
  readonly id: string;
  readonly types: readonly ReportType[];
  readonly value: string;
  readonly onChange: (reportType: string) => void;
}

/** The types that can be requested, by their label; Amazon's rules for the chosen one below it. */
export function ReportTypeSelect({ id, types, value, onChange }: ReportTypeSelectProps) {
  const chosen = types.find((t) => t.reportType === value);
  const notes = typeNotes(chosen);
  return (
    <div className="field field--wide">
      <label htmlFor={id}>Report type</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={notes.length > 0 ? `${id}-notes` : undefined}>
        {types
          .filter((t) => t.requestable)
          .map((t) => (
            <option key={t.reportType} value={t.reportType}>
              {t.label}
            </option>
          ))}
      </select>
      <code className="muted small">{value}</code>
      {notes.length > 0 && (
        <ul id={`${id}-notes`} className="notes" data-testid={`${id}-notes`}>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface MarketplaceChecksProps {
  readonly idPrefix: string;
  /** The seller's marketplaces, the only ones it may ask for. */
  readonly available: readonly string[];
  readonly chosen: readonly string[];
  readonly onChange: (chosen: string[]) => void;
}

/** One checkbox per marketplace of the seller. */
export function MarketplaceChecks({ idPrefix, available, chosen, onChange }: MarketplaceChecksProps) {
  return (
    <fieldset className="checks-group">
      <legend>Marketplaces</legend>
      {available.map((id) => (
        <div key={id} className="field field--check">
          <input
            id={`${idPrefix}-${id}`}
            type="checkbox"
            checked={chosen.includes(id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))}
          />
          <label htmlFor={`${idPrefix}-${id}`}>
            {marketplaceLabel(id)} <span className="muted">({MARKETPLACES.find((m) => m.id === id)?.name ?? id})</span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** "US, DE" for a job's marketplaces. */
export function marketplacesText(ids: readonly string[]): string {
  return ids.map(marketplaceLabel).join(', ');
}
