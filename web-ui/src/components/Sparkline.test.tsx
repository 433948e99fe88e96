import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline, isolated } from './Sparkline';

function drawn(values: (number | null)[]) {
  const { container, getByRole } = render(<Sparkline values={values} label="Quota wait" />);
  const line = container.querySelector('.recharts-line-curve')?.getAttribute('d') ?? '';
  return {
    label: getByRole('img').getAttribute('aria-label'),
    line,
    dots: [...container.querySelectorAll('.sparkline__dot')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]),
  };
}

describe('Sparkline', () => {
  it('knows which values have no neighbour to draw a line to', () => {
    const values = [5, null, 0, 1, null, 2];
    expect(values.map((_, i) => isolated(values, i))).toEqual([true, false, false, false, false, true]);
  });

  it('draws a value alone between gaps as a dot, where a line would have no length', () => {
    const chart = drawn([null, null, null, 0, null, null, 3, 4]);
    expect(chart.dots).toHaveLength(1);
    const [[, cy] = []] = chart.dots;
    // 0 sits on the bottom of the 40 px chart (4 px margin).
    expect(cy).toBe(36);
    expect(chart.label).toBe('Quota wait over the last hour: from 0 to 4');
  });

  it('draws only zeros as a flat line along the bottom', () => {
    const chart = drawn([0, 0, 0, 0]);
    expect(chart.dots).toEqual([]);
    // The path's numbers are x,y pairs.
    const ys = (chart.line.match(/-?[\d.]+/g) ?? []).map(Number).filter((_, i) => i % 2 === 1);
    expect(ys.length).toBeGreaterThan(0);
    expect(new Set(ys)).toEqual(new Set([36]));
  });

  it('draws nothing for an hour without data, and says so', () => {
    const chart = drawn([null, null, null]);
    expect(chart.line).toBe('');
    expect(chart.dots).toEqual([]);
    expect(chart.label).toBe('Quota wait over the last hour: no data');
  });
});
