import { css } from 'lit';
import { hostStyles } from '../../styles/host.styles.js';
import uplotStyles from './uplot.styles.js';

export default [
  hostStyles,
  uplotStyles,
  css`
    :host {
      --_report-bg: var(--linger-report-background, var(--_surface));
      --_report-card: var(--linger-report-card-background, var(--_surface-alt));
      --_report-line: var(--linger-report-line-color, var(--_accent));
      --_report-concurrent: var(--linger-report-concurrent-color, #2563eb);
      --_report-mark: var(--linger-report-mark-color, var(--_muted));
      --_report-mark-text: var(--linger-report-mark-text-color, var(--_surface));
      --_report-drop: var(--linger-report-drop-color, rgb(225 29 72 / 0.14));
      --_report-gap: var(--linger-report-gap, calc(var(--_space) * 2));
    }
    .base {
      display: grid;
      gap: var(--_report-gap);
      padding: var(--_report-gap);
      background: var(--_report-bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--_space);
    }
    h2,
    h3 {
      margin: 0;
      font-weight: 650;
      line-height: 1.25;
    }
    h2 {
      font-size: 1.3em;
    }
    h3 {
      font-size: 1.05em;
    }
    .show {
      margin-block-start: 2px;
      color: var(--_muted);
    }
    .actions {
      display: flex;
      gap: var(--_space);
    }
    button {
      padding-block: 6px;
      padding-inline: 12px;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 1.5);
      background: var(--_surface);
      color: var(--_text);
      cursor: pointer;
    }
    button:hover {
      border-color: var(--_text);
    }
    button:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
      gap: var(--_space);
      margin: 0;
    }
    .figure {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: calc(var(--_space) * 1.5);
      border-radius: calc(var(--_radius) / 1.5);
      background: var(--_report-card);
    }
    .figure dt {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .figure dd {
      margin: 0;
    }
    .value {
      font-size: 1.8em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1.15;
    }
    .sub {
      color: var(--_muted);
      font-size: 0.85em;
    }
    figure {
      margin: 0;
      display: grid;
      gap: var(--_space);
    }
    figcaption p {
      margin: 2px 0 0;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .plot {
      min-block-size: 280px;
      inline-size: 100%;
      overflow: hidden;
    }
    .key {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.9em;
    }
    .swatch {
      display: inline-block;
      inline-size: 12px;
      block-size: 3px;
      margin-inline-end: 6px;
      vertical-align: middle;
    }
    .swatch.retention {
      background: var(--_report-line);
    }
    .swatch.concurrent {
      background: var(--_report-concurrent);
    }
    .swatch.drop {
      block-size: 10px;
      background: var(--_report-drop);
      outline: 1px solid var(--_report-line);
    }
    ol {
      margin: 0;
      padding-inline-start: 1.4em;
    }
    .timeline li,
    .drops li,
    .perks li,
    .votes > ol > li {
      margin-block: 4px;
    }
    .vote-options {
      list-style: none;
      padding: 0;
      margin-block: 4px 8px;
    }
    .vote-options li {
      display: grid;
      grid-template-columns: 1fr auto;
      column-gap: 8px;
      margin-block: 2px;
    }
    .vote-options .count {
      font-variant-numeric: tabular-nums;
    }
    .vote-options .bar {
      grid-column: 1 / -1;
      inline-size: var(--_share, 0%);
      block-size: 4px;
      min-inline-size: 2px;
      border-radius: 2px;
      background: var(--_report-concurrent);
    }
    .vote-options .won .bar {
      background: var(--_report-line);
    }
    .winner {
      font-weight: 700;
      color: var(--_report-line);
    }
    .tiers th[scope='row'],
    .replay th[scope='row'] {
      text-align: start;
    }
    .marker {
      display: inline-grid;
      place-items: center;
      inline-size: 1.5em;
      block-size: 1.5em;
      margin-inline-end: 6px;
      border-radius: 50%;
      background: var(--_report-mark);
      color: var(--_report-mark-text);
      font-size: 0.8em;
      font-weight: 700;
    }
    .timeline {
      list-style: none;
      padding: 0;
      columns: 2 220px;
    }
    .muted {
      color: var(--_muted);
    }
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: var(--_report-gap);
    }
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      padding-block: 2px;
      padding-inline: 8px;
      text-align: end;
      border-block-end: 1px solid var(--_border);
    }
    summary {
      cursor: pointer;
    }
    .status {
      padding: var(--_report-gap);
      color: var(--_muted);
    }
  `,
];
