import { Line, LineChart, YAxis } from 'recharts';

export interface SparklineProps {
  /** Oldest first; null where there was nothing to measure (drawn as a gap). */
  readonly values: readonly (number | null)[];
  /** Said to screen readers, with the range, in place of the drawing. */
  readonly label: string;
  readonly tone?: 'normal' | 'warn';
}

const WIDTH = 180;
const HEIGHT = 40;

/** A small line over the last hour, without axes: the trend beside a figure, not a chart to read off. */
export function Sparkline({ values, label, tone = 'normal' }: SparklineProps) {
  const data = values.map((value, index) => ({ index, value }));
  const known = values.filter((v): v is number => v !== null);
  const range = known.length === 0 ? 'no data' : `from ${Math.min(...known)} to ${Math.max(...known)}`;
  return (
    <div className="sparkline" role="img" aria-label={`${label} over the last hour: ${range}`}>
      <LineChart width={WIDTH} height={HEIGHT} data={data} accessibilityLayer={false} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
        <YAxis hide domain={[0, 'auto']} />
        <Line
          type="monotone"
          dataKey="value"
          stroke={tone === 'warn' ? 'var(--bad-fg)' : 'var(--accent)'}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </div>
  );
}
