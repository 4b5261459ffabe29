/** The steps between labelled years the chart chooses from, smallest first. */
const ROUND = [1, 2, 5, 10, 20, 25, 50, 100];

/**
 * The years of the chart whose label is drawn, for labels at least `gap` drawing units apart when
 * one year takes `step` units: the first year always and the last one when there is room (the
 * range is read at a glance), and the round years between them (every 5, 10, 20…) that stand far enough from those two and
 * from each other. `within` keeps the round step a multiple of another's (the phone's labels are
 * a subset of the wide screen's).
 */
export function labelledYears(first: number, last: number, step: number, gap: number, within = 1): Set<number> {
  const every = labelStep(step, gap, within);
  // The ends' labels lean inwards (YearChart.astro): a round year keeps half a label more from them.
  const room = (a: number, b: number, needed: number) => Math.abs(a - b) * step >= needed;
  const shown = new Set([first]);
  if (last !== first && room(first, last, gap * 2)) shown.add(last);
  for (let year = Math.ceil(first / every) * every; year < last; year += every) {
    if (year !== first && room(year, first, gap * 1.5) && room(year, last, gap * 1.5)) shown.add(year);
  }
  return shown;
}

/** The round step `labelledYears` uses, for a screen whose labels must be a subset of it. */
export function labelStep(step: number, gap: number, within = 1): number {
  return ROUND.find((n) => n * step >= gap && n % within === 0) ?? 100;
}
