/**
 * Linger tags in React JSX: `import type {} from 'linger-live/jsx';` once in the app (or
 * `/// <reference types="linger-live/jsx" />`) and `<linger-countdown drop-seconds="60">` type-checks.
 *
 * React 19 sets a prop as a property when the element has it (`nextShow`, `products`), else as an
 * attribute (`next-show`), and listens to `on<event-name>` props on custom elements:
 * `onlinger-remind-me={(event) => …}`. The tag must be defined before React renders it (import
 * `linger-live/elements/<name>.js`), or properties land as attributes. The React components of
 * `linger-live/react` do all this for you, and on React 18 too.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LingerTag } from './elements.js';
import type { ElementOf, EventsOf, PropertiesAndAttributes } from './props.js';

/** `onlinger-remind-me`: React 19 listens to the event named after `on`. */
export type LingerJsxEventProps<Tag extends LingerTag> = {
  [Name in keyof EventsOf<Tag> & string as `on${Name}`]?: (event: EventsOf<Tag>[Name]) => void;
};

type OwnProps<Tag extends LingerTag> = PropertiesAndAttributes<Tag> & LingerJsxEventProps<Tag>;

/** Everything `<linger-…>` takes in JSX: React's HTML props, the element's properties, attributes and events. */
export type LingerJsxProps<Tag extends LingerTag> = Omit<DetailedHTMLProps<HTMLAttributes<ElementOf<Tag>>, ElementOf<Tag>>, keyof OwnProps<Tag>> &
  OwnProps<Tag>;

/** Every Linger tag's JSX props. */
export type LingerIntrinsicElements = { [Tag in LingerTag]: LingerJsxProps<Tag> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX namespace is where intrinsic elements are declared.
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface.
    interface IntrinsicElements extends LingerIntrinsicElements {}
  }
}
