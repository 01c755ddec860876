import { Bar, BarChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTime } from '../../lib/time-format.ts';
import { PROVIDERS } from '../../providers/registry.ts';
import type { TimeHistogram } from '../../timeline/histogram.ts';
import { chartBuckets, chartSummary, type ChartBucket } from './chart-data.ts';

const NUMBER = new Intl.NumberFormat('en-US');

interface ActivityChartProps {
  histogram: TimeHistogram;
  timeZone: string;
  /** Events older than this are not loaded yet (null: the whole range is): that part is shaded. */
  loadedFrom: number | null;
  /** Providers that failed: their events are not in the bars, which must not look whole. */
  missing?: readonly string[];
  /** Narrow the view to one bucket (a click on its bar). */
  onZoom: (range: { from: number; to: number }) => void;
}

/**
 * Events over time, stacked per provider, for the rows on screen (filters applied). A click on a bar
 * narrows the time range to that bucket. Loaded on demand: it is not needed before the first rows show.
 */
export function ActivityChart({ histogram, timeZone, loadedFrom, missing = [], onZoom }: ActivityChartProps) {
  const buckets = chartBuckets(histogram);
  const firstLoaded = loadedFrom === null ? undefined : buckets.find((bucket) => bucket.end > loadedFrom);
  const providers = PROVIDERS.filter((provider) => histogram.series.has(provider.id));
  const short = (ms: number) => formatTime(ms, timeZone).slice(5, 16);
  const missingText = missing.length
    ? `${missing.join(', ')} failed: ${missing.length > 1 ? 'their' : 'its'} events are not counted.`
    : '';
  return (
    <figure aria-label="Activity over time" className="relative h-24 px-4 pb-1">
      <figcaption className="sr-only">
        {chartSummary(buckets, (ms) => formatTime(ms, timeZone))}
        {loadedFrom === null ? '' : ` Events before ${formatTime(loadedFrom, timeZone)} are not loaded yet.`}
        {missingText ? ` ${missingText}` : ''}
      </figcaption>
      {missingText ? (
        <p
          aria-hidden
          className="pointer-events-none absolute right-6 top-0 z-10 rounded bg-red-50 px-1 text-[11px] text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {missingText}
        </p>
      ) : null}
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={buckets} barCategoryGap={1} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <XAxis
            dataKey="start"
            tickFormatter={short}
            minTickGap={48}
            tick={{ fontSize: 11 }}
            stroke="currentColor"
            className="text-slate-500"
          />
          <YAxis width={40} allowDecimals={false} tick={{ fontSize: 11 }} stroke="currentColor" />
          <Tooltip
            cursor={{ fillOpacity: 0.1 }}
            labelFormatter={(_, payload) => {
              const bucket = payload[0]?.payload as ChartBucket | undefined;
              return bucket
                ? `${formatTime(bucket.shownFrom, timeZone)} – ${formatTime(bucket.shownTo, timeZone)}: ${NUMBER.format(bucket.total)}`
                : '';
            }}
          />
          {firstLoaded && buckets[0] && firstLoaded.start > buckets[0].start ? (
            <ReferenceArea
              x1={buckets[0].start}
              x2={firstLoaded.start}
              fill="currentColor"
              fillOpacity={0.06}
              label={{ value: 'not loaded yet', fontSize: 11, fill: 'currentColor' }}
            />
          ) : null}
          {providers.map((provider) => (
            <Bar
              key={provider.id}
              dataKey={provider.id}
              name={provider.label}
              stackId="events"
              fill={provider.colour}
              isAnimationActive={false}
              cursor="zoom-in"
              onClick={(entry: { payload?: ChartBucket }) => {
                if (entry.payload) onZoom({ from: entry.payload.zoomFrom, to: entry.payload.zoomTo });
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
