import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import { computeMetrics, metricsCsv, type ShowMetrics, type TierFigures, type TimelineMark, type VoteResult, type WatchFigures } from '../../analytics/metrics.js';
import { parseEventLog } from '../../analytics/parse.js';
import type { LingerEvent } from '../../events/types.js';
import { LingerReportReadyEvent } from '../../events/dom/linger-report-ready.js';
import { LocalizeController } from '../../i18n/localize.js';
import { translation } from './report.strings.js';
import { DisconnectGrace } from '../../controllers/disconnect-grace.js';
import { cssProps } from '../../styles/css-props.js';
import styles from './report.styles.js';
import { looksLikeSummary, parseReportSummary, type Commerce, type MinuteSales } from './summary.js';

/**
 * The retention report of a show: average watch time, interaction rate, return rate, viewers, and
 * the retention curve with the show's timeline marked on it and the steepest drops highlighted; the
 * results of the show's votes, interaction and return rate per verified member tier, and the live
 * show's watch time and add-to-carts beside its replay's.
 * Loads events from `src` (NDJSON, a JSON array, or webhook batches) or takes them as `events`.
 * The charting library (uPlot) is loaded only by this element, when it first draws.
 *
 * @summary Retention report: the four figures and the annotated retention curve.
 * @tag linger-report
 * @attr src - URL of the event log (NDJSON or JSON), e.g. the demo collector's `/api/events`.
 * @attr show - Which show of the log (default: the latest).
 * @attr locale - Language (else the closest `lang`, else `<html lang>`).
 * @fires linger-report-ready - The figures are computed (`detail.metrics`).
 * @csspart base - The report's frame.
 * @csspart header - Title, show name and export buttons.
 * @csspart title - "Retention report".
 * @csspart show-name - Which show.
 * @csspart status - Loading / failed / no data.
 * @csspart button - The export buttons.
 * @csspart figures - The four figure cards.
 * @csspart figure - One figure card.
 * @csspart figure-label - A figure's name.
 * @csspart figure-value - A figure's value.
 * @csspart figure-sub - The line under a value.
 * @csspart chart - The retention curve and its key.
 * @csspart plot - The canvas area of the curve.
 * @csspart key - The colour key under the curve.
 * @csspart timeline - The numbered list of show timeline marks.
 * @csspart marker - Each mark's number.
 * @csspart drops - The steepest drops with what happened around them.
 * @csspart perks - Each dropped perk's effect (collector summaries with orders).
 * @csspart replay - The live show's watch time and add-to-carts beside its replay's.
 * @csspart replay-table - Its table.
 * @csspart votes - The closed votes with the results the host published.
 * @csspart vote-options - One vote's options.
 * @csspart vote-option - One option: its label, votes and share, and a bar.
 * @csspart vote-winner - "Winner" beside the winning option.
 * @csspart tiers - Interaction and return rate per verified member tier.
 * @csspart tier-table - Its table.
 * @csspart data - The data table (details).
 * @csspart data-summary - Its "Data table" toggle.
 * @csspart table - The table.
 * @cssproperty --linger-report-background - Report background.
 * @cssproperty --linger-report-card-background - Figure card background.
 * @cssproperty --linger-report-line-color - Retention line and drop outline.
 * @cssproperty --linger-report-concurrent-color - Concurrent viewers line.
 * @cssproperty --linger-report-mark-color - Timeline markers.
 * @cssproperty --linger-report-mark-text-color - The number on a marker (default the surface colour).
 * @cssproperty --linger-report-drop-color - Fill of the highlighted drop minutes.
 * @cssproperty --linger-report-gap - Space between sections.
 */
export class LingerReport extends LitElement {
  static override styles = styles;

  /** URL of the event log (http(s) or page-relative). */
  @property() src = '';
  /** Which show of the log (default: the latest). */
  @property() show = '';
  @property({ reflect: true }) locale = '';
  /** Events given directly (instead of `src`). */
  @property({ attribute: false }) events: LingerEvent[] | null = null;

  /** The computed figures (null until loaded). */
  @state() metrics: ShowMetrics | null = null;
  @state() private status: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  /** Orders, revenue and the funnel, when `src` is a collector summary. */
  @state() private commerce: Commerce | null = null;
  @query('.plot') private plotBox!: HTMLElement | null;

  private readonly localize = new LocalizeController(this, translation);
  private plot: uPlot | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private loadToken = 0;
  /** @internal A theme that re-renders its section moves the report: the chart survives a short absence. */
  protected readonly grace = new DisconnectGrace(this, () => this.destroyPlot());

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('locale')) this.localize.update();
    if (changed.has('events') || changed.has('show')) {
      if (this.events) this.setEvents(this.events);
      else if (changed.has('show') && this.src) void this.load();
    }
    if (changed.has('src') && this.src && !this.events) void this.load();
  }

  protected override updated(): void {
    if (this.metrics && this.metrics.viewers > 0) void this.drawPlot();
    else this.destroyPlot();
  }

  /** Re-reads `src`. */
  async load(): Promise<void> {
    const token = ++this.loadToken;
    const url = this.src;
    let href = '';
    try {
      href = new URL(url, document.baseURI).href;
    } catch {
      href = '';
    }
    if (!/^https?:/.test(href)) {
      this.status = 'failed';
      return;
    }
    this.status = 'loading';
    try {
      const response = await fetch(href, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      if (token !== this.loadToken) return;
      // The collector's summary (figures computed in SQL, docs/collector.md), else an event log.
      const value = looksLikeSummary(text);
      if (value === undefined) return this.setEvents(parseEventLog(text).events);
      const summary = parseReportSummary(value);
      if (!summary) throw new Error('malformed report summary');
      this.metrics = summary.metrics;
      this.commerce = summary.commerce;
      this.status = 'ready';
      this.dispatchEvent(new LingerReportReadyEvent(this.metrics));
    } catch (error) {
      if (token !== this.loadToken) return;
      console.warn(`[linger] <linger-report> could not load ${url}`, error);
      this.status = 'failed';
    }
  }

  private setEvents(events: LingerEvent[]): void {
    this.metrics = computeMetrics(events, this.show ? { show: this.show } : {});
    this.commerce = null;
    this.status = 'ready';
    this.dispatchEvent(new LingerReportReadyEvent(this.metrics));
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const t = this.localize;
    const m = this.metrics;
    const body =
      this.status === 'loading' || this.status === 'idle'
        ? html`<p part="status" class="status" role="status">${t.term('loading')}</p>`
        : this.status === 'failed'
          ? html`<p part="status" class="status" role="alert">${t.term('failed')}</p>`
          : !m || m.viewers === 0
            ? html`<p part="status" class="status" role="status">${t.term('empty')}</p>`
            : this.renderReport(m);
    return html`<section part="base" class="base" lang=${t.lang} dir=${t.dir} aria-labelledby="title">
      <header part="header">
        <div>
          <h2 part="title" id="title">${t.term('title')}</h2>
          ${m?.show ? html`<div part="show-name" class="show">${t.term('showLabel', m.show)}</div>` : nothing}
        </div>
        ${m && m.viewers > 0
          ? html`<div class="actions">
              <button part="button" type="button" @click=${this.exportCsv}>${t.term('exportCsv')}</button>
              <button part="button" type="button" @click=${this.exportPng}>${t.term('exportPng')}</button>
            </div>`
          : nothing}
      </header>
      ${body}
    </section>`;
  }

  private renderReport(m: ShowMetrics) {
    const t = this.localize;
    const pct = (n: number) => t.number(n, { style: 'percent', maximumFractionDigits: 0 });
    const n = (x: number) => t.number(x);
    const minutes = m.curve.active.length;
    const dropMinutes = m.drops.map((d) => n(d.minute)).join(', ') || '—';
    const sales = this.commerce ? salesByMinute(this.commerce.byMinute) : null;
    return html`
      <dl part="figures" class="figures">
        <div part="figure" class="figure">
          <dt part="figure-label">${t.term('avgWatch')}</dt>
          <dd part="figure-value" class="value">${t.duration(m.avgWatchPerViewer)}</dd>
          <dd part="figure-sub" class="sub">${t.term('perViewer')} · ${t.term('perSession', t.duration(m.avgWatchPerSession))}</dd>
        </div>
        <div part="figure" class="figure">
          <dt part="figure-label">${t.term('interactionRate')}</dt>
          <dd part="figure-value" class="value">${pct(m.interactionRate)}</dd>
          <dd part="figure-sub" class="sub">${t.term('interactingOf', n(m.interacting), n(m.viewers))}</dd>
        </div>
        <div part="figure" class="figure">
          <dt part="figure-label">${t.term('returnRate')}</dt>
          <dd part="figure-value" class="value">${pct(m.returnRate)}</dd>
          <dd part="figure-sub" class="sub">${t.term('returningOf', n(m.returning), n(m.viewers))}</dd>
        </div>
        <div part="figure" class="figure">
          <dt part="figure-label">${t.term('viewers')}</dt>
          <dd part="figure-value" class="value">${n(m.viewers)}</dd>
          <dd part="figure-sub" class="sub">${t.term('peak', n(m.peakConcurrent))}</dd>
        </div>
        ${this.commerce ? this.renderCommerce(this.commerce) : nothing}
      </dl>
      <figure part="chart">
        <figcaption>
          <h3>${t.term('curve')}</h3>
          <p>${t.term('curveDescription')}</p>
        </figcaption>
        <div part="plot" class="plot" dir="ltr" role="img" aria-label=${t.term('chartSummary', n(minutes), n(m.peakConcurrent), dropMinutes)}></div>
        <ul part="key" class="key">
          <li><span class="swatch retention"></span>${t.term('retentionSeries')}</li>
          <li><span class="swatch concurrent"></span>${t.term('concurrentSeries')}</li>
          <li><span class="swatch drop"></span>${t.term('drops')}</li>
        </ul>
      </figure>
      <div class="columns">
        <section part="timeline" aria-labelledby="timeline-title">
          <h3 id="timeline-title">${t.term('timeline')}</h3>
          <ol class="timeline">
            ${m.timeline.map(
              (mark, i) => html`<li><span part="marker" class="marker" aria-hidden="true">${n(i + 1)}</span>${this.markText(mark)}</li>`,
            )}
          </ol>
        </section>
        <section part="drops" class="drops" aria-labelledby="drops-title">
          <h3 id="drops-title">${t.term('drops')}</h3>
          ${m.drops.length
            ? html`<ol>
                ${m.drops.map(
                  (drop) => html`<li>
                    <strong>${t.term('dropLine', t.term('minute', n(drop.minute)), n(drop.left), pct(drop.share))}</strong>
                    <div class="muted">
                      ${drop.around.length
                        ? html`${t.term('around')}: ${drop.around.map((mark, i) => html`${i ? '; ' : ''}${this.markText(mark)}`)}`
                        : t.term('nothingAround')}
                    </div>
                  </li>`,
                )}
              </ol>`
            : html`<p class="muted">${t.term('noDrops')}</p>`}
        </section>
        ${this.commerce?.perks.length ? this.renderPerks(this.commerce) : nothing}
        ${m.replay.viewers > 0 ? this.renderReplay(m.live, m.replay) : nothing}
        ${m.votes.length ? this.renderVotes(m.votes) : nothing}
        ${m.tiers.some((row) => row.tier) ? this.renderTiers(m.tiers) : nothing}
      </div>
      <details part="data">
        <summary part="data-summary">${t.term('dataTable')}</summary>
        <table part="table">
          <thead>
            <tr><th scope="col">${t.term('minute', '')}</th><th scope="col">${t.term('concurrentSeries')}</th><th scope="col">${t.term('retentionSeries')}</th>${sales
                ? html`<th scope="col">${t.term('ordersSeries')}</th><th scope="col">${t.term('revenue')}</th>`
                : nothing}</tr>
          </thead>
          <tbody>
            ${m.curve.active.map(
              (active, minute) =>
                html`<tr><th scope="row">${n(minute)}</th><td>${n(active)}</td><td>${pct(m.curve.retention[minute]!)}</td>${sales
                  ? this.salesCells(sales.get(minute) ?? [])
                  : nothing}</tr>`,
            )}
          </tbody>
        </table>
      </details>
    `;
  }

  /** Revenue (per currency, in the shop's currencies) and the funnel: viewers → interacted → cart → ordered. */
  private renderCommerce(c: Commerce) {
    const t = this.localize;
    const n = (x: number) => t.number(x);
    const f = c.funnel;
    const revenue = c.revenue.map((r) => this.price(r.minor, r.currency)).join(' · ') || '—';
    return html`<div part="figure" class="figure" data-figure="revenue">
        <dt part="figure-label">${t.term('revenue')}</dt>
        <dd part="figure-value" class="value"><bdi>${revenue}</bdi></dd>
        <dd part="figure-sub" class="sub">${t.term('ordersOf', n(c.orders), t.plural(c.orders))}</dd>
      </div>
      <div part="figure" class="figure" data-figure="conversion">
        <dt part="figure-label">${t.term('conversion')}</dt>
        <dd part="figure-value" class="value">${t.number(f.viewers ? f.ordered / f.viewers : 0, { style: 'percent', maximumFractionDigits: 1 })}</dd>
        <dd part="figure-sub" class="sub">${t.term('funnel', n(f.viewers), n(f.interacted), n(f.addedToCart), n(f.ordered))}</dd>
      </div>`;
  }

  /** Each dropped perk: orders and retention in the minutes after it, against the show's average. */
  private renderPerks(c: Commerce) {
    const t = this.localize;
    const pct = (x: number | null) => (x === null ? '—' : t.number(x, { style: 'percent', maximumFractionDigits: 0 }));
    return html`<section part="perks" class="perks" aria-labelledby="perks-title">
      <h3 id="perks-title">${t.term('perks')}</h3>
      <ol>
        ${c.perks.map(
          (p) => html`<li data-perk-minute=${p.minute}>
            <strong>${this.markText({ at: p.at, minute: p.minute, kind: 'perk_dropped', ...(p.label ? { label: p.label } : {}) })}</strong>
            <div class="muted" data-perk="orders">
              ${t.term('perkOrders', t.number(p.orders), t.number(p.window), t.number(p.baselineOrders, { maximumFractionDigits: 1 }))}${p.revenue.length
                ? html` · <bdi>${p.revenue.map((r) => this.price(r.minor, r.currency)).join(' · ')}</bdi>`
                : nothing}
            </div>
            <div class="muted" data-perk="retention">${t.term('perkRetention', pct(p.retention), t.number(p.window), pct(p.baselineRetention))}</div>
          </li>`,
        )}
      </ol>
    </section>`;
  }

  /** The live show's watch time and add-to-carts beside its replay's (docs/metrics.md 13). */
  private renderReplay(live: WatchFigures, replay: WatchFigures) {
    const t = this.localize;
    const n = (x: number) => t.number(x);
    const rows: Array<[string, string, (side: WatchFigures) => string]> = [
      ['viewers', t.term('viewers'), (side) => n(side.viewers)],
      ['watch-time', t.term('watchTime'), (side) => t.duration(side.watchSeconds)],
      ['avg-watch', t.term('avgWatch'), (side) => t.duration(side.avgWatchPerViewer)],
      ['add-to-carts', t.term('addToCarts'), (side) => n(side.addToCarts)],
      ['cart-viewers', t.term('cartViewers'), (side) => n(side.carted)],
    ];
    return html`<section part="replay" class="replay" aria-labelledby="replay-title">
      <h3 id="replay-title">${t.term('liveAndReplay')}</h3>
      <table part="replay-table">
        <thead>
          <tr><td></td><th scope="col">${t.term('live')}</th><th scope="col">${t.term('replay')}</th></tr>
        </thead>
        <tbody>
          ${rows.map(([key, label, value]) => html`<tr data-row=${key}><th scope="row">${label}</th><td>${value(live)}</td><td>${value(replay)}</td></tr>`)}
        </tbody>
      </table>
    </section>`;
  }

  /** Each closed vote: its question, every option's votes and share, the winner the host published. */
  private renderVotes(votes: VoteResult[]) {
    const t = this.localize;
    const pct = (x: number) => t.number(x, { style: 'percent', maximumFractionDigits: 0 });
    return html`<section part="votes" class="votes" aria-labelledby="votes-title">
      <h3 id="votes-title">${t.term('votes')}</h3>
      <ol>
        ${votes.map(
          (vote) => html`<li data-vote=${vote.vote}>
            <strong><bdi>${t.duration(vote.minute * 60)}</bdi> ${vote.question ? html`<bdi>${vote.question}</bdi>` : t.term('vote_closed')}</strong>
            <span class="muted"> · ${t.term('votesTotal', t.number(vote.total), t.plural(vote.total))}</span>
            <ul part="vote-options" class="vote-options">
              ${vote.options.map((option, i) => {
                const share = vote.total ? option.votes / vote.total : 0;
                return html`<li part="vote-option" class=${i === vote.winner ? 'won' : ''} data-option=${i}>
                  <span><bdi>${option.label ?? t.term('option', t.number(i + 1))}</bdi>${i === vote.winner ? html` <span part="vote-winner" class="winner">${t.term('winner')}</span>` : nothing}</span>
                  <span class="count">${t.term('optionVotes', t.number(option.votes), pct(share))}</span>
                  <span class="bar" aria-hidden="true" ${cssProps({ '--_share': `${Math.round(share * 1000) / 10}%` })}></span>
                </li>`;
              })}
            </ul>
          </li>`,
        )}
      </ol>
    </section>`;
  }

  /** Interaction and return rate per verified tier (viewers without one on their own row). */
  private renderTiers(tiers: TierFigures[]) {
    const t = this.localize;
    const pct = (x: number) => t.number(x, { style: 'percent', maximumFractionDigits: 0 });
    return html`<section part="tiers" class="tiers" aria-labelledby="tiers-title">
      <h3 id="tiers-title">${t.term('tiers')}</h3>
      <table part="tier-table">
        <thead>
          <tr><th scope="col">${t.term('tier')}</th><th scope="col">${t.term('viewers')}</th><th scope="col">${t.term('interactionRate')}</th><th scope="col">${t.term('returnRate')}</th></tr>
        </thead>
        <tbody>
          ${tiers.map(
            (row) => html`<tr data-tier=${row.tier}>
              <th scope="row">${row.tier ? html`<bdi>${row.tier}</bdi>` : t.term('noTier')}</th>
              <td>${t.number(row.viewers)}</td>
              <td>${pct(row.interactionRate)}</td>
              <td>${pct(row.returnRate)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  /** Orders and revenue cells of one minute (per currency, in the shop's currencies). */
  private salesCells(rows: MinuteSales[]) {
    const orders = rows.reduce((n, r) => n + r.orders, 0);
    return html`<td>${this.localize.number(orders)}</td><td><bdi>${rows.map((r) => this.price(r.minor, r.currency)).join(' · ')}</bdi></td>`;
  }

  /** An amount in minor units, formatted in its own currency. */
  private price(minor: number, currency: string): string {
    return this.localize.price(minor / 10 ** fractionDigits(currency), currency);
  }

  /** Time, kind and the host's own label (isolated with <bdi>: it may be in another script). */
  private markText(mark: TimelineMark) {
    const t = this.localize;
    return html`<bdi>${t.duration(mark.minute * 60)}</bdi> ${t.term(mark.kind)}${mark.label ? html` — <bdi>${mark.label}</bdi>` : nothing}`;
  }

  // ── chart ─────────────────────────────────────────────────────────────────────────────────

  private async drawPlot(): Promise<void> {
    const box = this.plotBox;
    const m = this.metrics;
    if (!box || !m) return;
    const { default: UPlot } = await import('uplot');
    if (this.metrics !== m || !box.isConnected) return;
    this.destroyPlot();
    const style = getComputedStyle(this);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const line = color('--_report-line', '#e11d48');
    const concurrent = color('--_report-concurrent', '#2563eb');
    const markColor = color('--_report-mark', '#52525b');
    const markText = color('--_report-mark-text', '#ffffff');
    const dropFill = color('--_report-drop', 'rgba(225,29,72,0.14)');
    const text = color('--_text', '#18181b');
    const grid = color('--_border', '#e4e4e7');
    const t = this.localize;
    const sales = this.commerce ? salesByMinute(this.commerce.byMinute) : null;
    const x = m.curve.active.map((_, i) => i);
    const data: uPlot.AlignedData = [x, m.curve.retention.map((r) => r * 100), m.curve.active];
    const axisFont = `12px ${style.fontFamily}`;
    const width = Math.max(280, box.clientWidth);
    const options: uPlot.Options = {
      width,
      height: 280,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, pct: { range: [0, 100] }, n: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: text, font: axisFont, grid: { stroke: grid, width: 1 }, values: (_u, ticks) => ticks.map((v) => t.number(v)) },
        { scale: 'pct', stroke: text, font: axisFont, grid: { stroke: grid, width: 1 }, values: (_u, ticks) => ticks.map((v) => `${t.number(v)}%`) },
        { scale: 'n', side: 1, stroke: concurrent, font: axisFont, grid: { show: false }, values: (_u, ticks) => ticks.map((v) => t.number(v)) },
      ],
      series: [
        {},
        { label: t.term('retentionSeries'), scale: 'pct', stroke: line, width: 2.5, fill: 'rgba(225,29,72,0.06)', points: { show: false } },
        { label: t.term('concurrentSeries'), scale: 'n', stroke: concurrent, width: 1.5, dash: [6, 4], points: { show: false } },
      ],
      hooks: {
        drawClear: [(u) => this.drawDrops(u, m, dropFill), (u) => this.drawSales(u, sales, concurrent)],
        draw: [(u) => this.drawMarks(u, m, { line: markColor, text: markText }, style.fontFamily)],
      },
    };
    this.plot = new UPlot(options, data, box);
    this.resizeObserver = new ResizeObserver(() => {
      const w = Math.max(280, box.clientWidth);
      if (this.plot && Math.abs(this.plot.width - w) > 2) this.plot.setSize({ width: w, height: 280 });
    });
    this.resizeObserver.observe(box);
  }

  /** Shades each drop minute (from the last minute they watched to the one they were missing). */
  private drawDrops(u: uPlot, m: ShowMetrics, fill: string): void {
    const { ctx } = u;
    const top = u.bbox.top;
    const height = u.bbox.height;
    ctx.save();
    ctx.fillStyle = fill;
    for (const drop of m.drops) {
      const x0 = u.valToPos(drop.minute - 1, 'x', true);
      const x1 = u.valToPos(drop.minute, 'x', true);
      ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
    }
    ctx.restore();
  }

  /** Orders per minute as bars along the bottom of the timeline (the tallest a fifth of the plot). */
  private drawSales(u: uPlot, sales: Map<number, MinuteSales[]> | null, fill: string): void {
    if (!sales?.size) return;
    const counts = [...sales].map(([minute, rows]) => [minute, rows.reduce((n, r) => n + r.orders, 0)] as const);
    const most = Math.max(1, ...counts.map(([, n]) => n));
    const { ctx } = u;
    const bottom = u.bbox.top + u.bbox.height;
    const unit = (u.bbox.height / 5) / most;
    ctx.save();
    ctx.fillStyle = fill;
    ctx.globalAlpha = 0.35;
    for (const [minute, n] of counts) {
      const x0 = u.valToPos(minute, 'x', true);
      const x1 = u.valToPos(minute + 1, 'x', true);
      if (x0 < u.bbox.left - 1 || x0 > u.bbox.left + u.bbox.width) continue;
      ctx.fillRect(x0, bottom - n * unit, Math.max(2, (x1 - x0) * 0.8), n * unit);
    }
    ctx.restore();
  }

  /** A dashed line and a numbered marker per timeline mark (numbers match the list below). */
  private drawMarks(u: uPlot, m: ShowMetrics, colors: { line: string; text: string }, font: string): void {
    const { ctx } = u;
    const ratio = devicePixelRatio || 1;
    const top = u.bbox.top;
    const bottom = top + u.bbox.height;
    const radius = 9 * ratio;
    ctx.save();
    ctx.font = `700 ${11 * ratio}px ${font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    let lastX = -Infinity;
    let row = 0;
    m.timeline.forEach((mark, i) => {
      const x = u.valToPos(mark.minute, 'x', true);
      if (x < u.bbox.left - 1 || x > u.bbox.left + u.bbox.width + 1) return;
      row = x - lastX < radius * 2.2 ? row + 1 : 0; // stack markers that would overlap
      lastX = x;
      const y = top + radius + 2 * ratio + row * radius * 2.2;
      ctx.strokeStyle = colors.line;
      ctx.lineWidth = ratio;
      ctx.setLineDash([3 * ratio, 3 * ratio]);
      ctx.beginPath();
      ctx.moveTo(x, y + radius);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colors.line;
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = colors.text;
      ctx.fillText(this.localize.number(i + 1), x, y + 0.5 * ratio);
    });
    ctx.restore();
  }

  private destroyPlot(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.plot?.destroy();
    this.plot = null;
  }

  // ── export ────────────────────────────────────────────────────────────────────────────────

  /** The curve as CSV text (also what the CSV button downloads). */
  toCsv(): string {
    return this.metrics ? metricsCsv(this.metrics) : '';
  }

  /** The chart (with its marks and drops) as a PNG blob on the report's background. */
  async toPng(): Promise<Blob | null> {
    const source = this.plot?.ctx.canvas;
    if (!source) return null;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = getComputedStyle(this).getPropertyValue('--_report-bg').trim() || '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }

  private exportCsv = (): void => {
    this.download(new Blob([this.toCsv()], { type: 'text/csv;charset=utf-8' }), 'csv');
  };

  private exportPng = async (): Promise<void> => {
    const blob = await this.toPng();
    if (blob) this.download(blob, 'png');
  };

  private download(blob: Blob, extension: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `retention-${(this.metrics?.show || 'show').replace(/[^\w-]+/g, '_')}.${extension}`;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** The collector's sales rows grouped by minute of the show. */
function salesByMinute(rows: MinuteSales[]): Map<number, MinuteSales[]> {
  const out = new Map<number, MinuteSales[]>();
  for (const row of rows) out.set(row.minute, [...(out.get(row.minute) ?? []), row]);
  return out;
}

/** Minor units per major unit of a currency (2 for USD, 0 for JPY), as Intl knows it. */
function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
