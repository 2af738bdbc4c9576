import { css } from 'lit';
import { cardStyles } from '../../styles/card.styles.js';

export default [
  cardStyles,
  css`
    :host {
      --_card-accent: var(--linger-product-accent, var(--_accent));
      --_card-surface: var(--linger-product-surface, var(--_surface));
      --_max-width: var(--linger-product-max-width, 420px);
      --_image: var(--linger-product-image-size, 96px);
    }
    .pinned,
    .list {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      max-inline-size: var(--_max-width);
    }
    .kicker {
      /* The kicker sits above the card, on the page: a label on the card's own surface keeps the
         accent readable on a dark page too (on a white one it looks like plain text). */
      align-self: flex-start;
      padding-block: 2px;
      padding-inline: 8px;
      border-radius: calc(var(--_radius) * 0.5);
      background: var(--_card-surface);
    }
    .items {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: 0;
      list-style: none;
    }
    .item {
      flex-direction: row;
      align-items: flex-start;
    }
    .image {
      flex: none;
      inline-size: var(--_image);
      block-size: var(--_image);
      object-fit: cover;
      border-radius: calc(var(--_radius) * 0.75);
      background: var(--_surface-alt);
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: 4px;
      flex: 1;
      min-inline-size: 0;
    }
    .title {
      font-size: 1em;
    }
    .title a {
      text-decoration: none;
    }
    .title a:hover {
      text-decoration: underline;
    }
    .price {
      font-size: 1.15em;
      font-weight: 700;
    }
    .stock {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .stock.urgent {
      color: var(--_danger);
      font-weight: 600;
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .option {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }
    .option legend {
      padding: 0;
      margin-block-end: 4px;
      font-size: 0.85em;
      font-weight: 600;
    }
    .value {
      position: relative;
      display: inline-flex;
      align-items: center;
      min-block-size: 36px;
      padding-inline: 0.8em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) * 0.75);
      cursor: pointer;
      max-inline-size: 100%;
    }
    .value input {
      position: absolute;
      inset: 0;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .value:has(input:checked) {
      border-color: var(--_card-accent);
      box-shadow: inset 0 0 0 1px var(--_card-accent);
      font-weight: 600;
    }
    .value:has(input:focus-visible) {
      outline: 2px solid var(--_card-accent);
      outline-offset: 2px;
    }
    .value.out > span[dir] {
      text-decoration: line-through;
      color: var(--_muted);
    }
    .plans {
      flex-direction: column;
      align-items: stretch;
    }
    .quantity {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      font-size: 0.9em;
    }
    .stepper {
      display: inline-flex;
      align-items: stretch;
      gap: 4px;
    }
    .stepper .step {
      min-inline-size: 44px;
      padding-inline: 0;
      background: transparent;
      color: inherit;
      border: 1px solid var(--_border);
    }
    .stepper input {
      inline-size: 4em;
      text-align: center;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) * 0.75);
      background: transparent;
      font-variant-numeric: tabular-nums;
    }
    .add {
      align-self: flex-start;
      margin-block-start: 4px;
    }
    .share {
      align-self: flex-start;
      background: transparent;
      color: inherit;
      border: 1px solid var(--_border);
    }
    .message {
      font-size: 0.9em;
    }
    .message:empty {
      display: none;
    }
    .message.added {
      color: var(--_success);
      font-weight: 600;
    }
    .message.error {
      color: var(--_danger);
      font-weight: 600;
    }
  `,
];
