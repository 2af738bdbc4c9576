import { css } from 'lit';

export default css`
  /* A room renders nothing of its own; children lay out as if it were not there. */
  :host {
    display: contents;
  }
`;
