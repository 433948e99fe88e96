import { plural } from '../format';

export interface RejectedLine {
  /** 1-based data line of the file (its header not counted). */
  readonly line: number;
  readonly code: string;
  readonly detail: string;
}

export interface RejectedLinesProps {
  /** The region's name, e.g. "Rejected lines". */
  readonly label: string;
  readonly lines: readonly RejectedLine[];
  /** How many were refused in all; the gateway lists the first 1,000. */
  readonly total: number;
  /** Codes in words; a code without words shows the gateway's detail alone. */
  readonly words: Record<string, string>;
  readonly testIdPrefix: string;
}

/** The lines of an uploaded file the gateway refused: where, its code, and why in words. */
export function RejectedLines({ label, lines, total, words, testIdPrefix }: RejectedLinesProps) {
  return (
    <>
      {total > lines.length && (
        <p className="muted" data-testid={`${testIdPrefix}-truncated`}>
          The first {plural(lines.length, 'refusal')} of {total.toLocaleString('en')} are shown.
        </p>
      )}
      <div className="table-scroller" role="region" aria-label={label} tabIndex={0}>
        <table className="data-table data-table--sticky-first data-table--wrap">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Code</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {[...lines].sort((a, b) => a.line - b.line).map((line) => (
              <tr key={`${line.line}-${line.code}`} data-testid={`${testIdPrefix}-${line.line}`}>
                <th scope="row">{line.line}</th>
                <td>
                  <code>{line.code}</code>
                </td>
                <td className="cell--wrap">
                  {Object.prototype.hasOwnProperty.call(words, line.code) && <span className="rejection__words">{words[line.code]} </span>}
                  <span className="muted">{line.detail}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
