import type { ReactNode } from 'react';

export interface FigureProps {
  readonly label: string;
  readonly value: ReactNode;
  readonly hint?: ReactNode;
  readonly alarm?: boolean;
  readonly testId: string;
  readonly chart?: ReactNode;
}

/** One headline number of the overview, with what it means and its last hour beside it. */
export function Figure({ label, value, hint, alarm = false, testId, chart }: FigureProps) {
  return (
    <div className={`figure${alarm ? ' figure--alarm' : ''}`} data-testid={testId}>
      <div className="figure__label">{label}</div>
      <div className="figure__value" data-testid={`${testId}-value`}>
        {value}
      </div>
      {hint && <div className="figure__hint">{hint}</div>}
      {chart}
    </div>
  );
}
