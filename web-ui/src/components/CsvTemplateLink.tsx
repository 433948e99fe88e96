export interface CsvTemplateLinkProps {
  readonly fileName: string;
  readonly rows: readonly (readonly string[])[];
  readonly children: string;
  readonly testId?: string;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A small CSV made in the page and downloaded through a data: link, so no server round trip. */
export function CsvTemplateLink({ fileName, rows, children, testId }: CsvTemplateLinkProps) {
  return (
    <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csvText(rows))}`} download={fileName} data-testid={testId}>
      {children}
    </a>
  );
}
