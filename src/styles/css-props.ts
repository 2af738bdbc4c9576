/**
 * `<span ${cssProps({ '--lane': 2 })}>`: sets custom properties on an element through CSSOM
 * (`style.setProperty`), never through a `style` attribute. A strict Content-Security-Policy
 * (`style-src 'self'`, no 'unsafe-inline') blocks style attributes — including the one lit's
 * `styleMap` writes on its first render — but not CSSOM.
 */
import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

type CssProps = Readonly<Record<`--${string}`, string | number | null | undefined>>;

class CssPropsDirective extends Directive {
  /** Names set by the previous render, to remove the ones that went away. */
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() belongs on an element: <span ${cssProps({…})}>');
  }

  render(_props: CssProps): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [CssProps]): typeof noChange {
    const { style } = part.element as HTMLElement;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === null || value === undefined) continue;
      next.add(name);
      style.setProperty(name, String(value));
    }
    for (const name of this.previous) if (!next.has(name)) style.removeProperty(name);
    this.previous = next;
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
