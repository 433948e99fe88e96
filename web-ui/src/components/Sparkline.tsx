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

/** A value with no neighbour to draw a line to: a line has no length there, so it gets a dot. */
export function isolated(values: readonly (number | null)[], index: number): boolean {
  return values[index] != null && values[index - 1] == null && values[index + 1] == null;
}

/**
 * A small line over the last hour, without axes: the trend beside a figure, not a chart to read off.
 * Gaps stay gaps; a value alone between gaps (one slot with calls in a quiet hour) is a dot.
 */
export function Sparkline({ values, label, tone = 'normal' }: SparklineProps) {
  const data = values.map((value, index) => ({ index, value }));
  const known = values.filter((v): v is number => v !== null);
  const range = known.length === 0 ? 'no data' : `from ${Math.min(...known)} to ${Math.max(...known)}`;
  const colour = tone === 'warn' ? 'var(--bad-fg)' : 'var(--accent)';
  return (
    <div className="sparkline" role="img" aria-label={`${label} over the last hour: ${range}`}>
      <LineChart width={WIDTH} height={HEIGHT} data={data} accessibilityLayer={false} margin={{ top: 4, right: 3, bottom: 4, left: 3 }}>
        {/* All zeros is a flat line along the bottom, not a line in the middle of nothing. */}
        <YAxis hide domain={[0, (max: number) => (max > 0 ? max : 1)]} />
        <Line
          type="monotone"
          dataKey="value"
          stroke={colour}
          strokeWidth={1.5}
          dot={({ index, cx, cy }) =>
            cx !== undefined && cy !== undefined && isolated(values, index) ? (
              <circle className="sparkline__dot" cx={cx} cy={cy} r={2} fill={colour} />
            ) : null
          }
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </div>
  );
}
