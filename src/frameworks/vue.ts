/**
 * Linger tags in Vue 3 templates: `import type {} from 'linger-live/vue';` once in the app (or in
 * `env.d.ts`) and Volar / vue-tsc check `<linger-countdown :drop-seconds="60" @linger-remind-me="…">`.
 *
 * Vue must also be told these tags are custom elements, not Vue components:
 * `compilerOptions.isCustomElement = (tag) => tag.startsWith('linger-')` (docs/frameworks.md).
 * Vue sets a binding as a property when the element has it (`:products`), else as an attribute.
 */
import type { AllowedComponentProps, ComponentCustomProps, HTMLAttributes, VNodeProps } from 'vue';
import type { LingerTag } from './elements.js';
import type { ElementOf, EventsOf, PascalCase, PropertiesAndAttributes } from './props.js';

/** `@linger-remind-me` in a template is the `onLingerRemindMe` prop. */
export type LingerVueEventProps<Tag extends LingerTag> = {
  [Name in keyof EventsOf<Tag> & string as `on${PascalCase<Name>}`]?: (event: EventsOf<Tag>[Name]) => void;
};

type OwnProps<Tag extends LingerTag> = PropertiesAndAttributes<Tag> & LingerVueEventProps<Tag>;

/** Everything `<linger-…>` takes in a Vue template or `h()`. */
export type LingerVueProps<Tag extends LingerTag> = Omit<HTMLAttributes, keyof OwnProps<Tag>> &
  OwnProps<Tag> &
  VNodeProps &
  AllowedComponentProps &
  ComponentCustomProps;

/** A tag as Vue's type tools see a component: the element instance, with its props (the shape vuejs.org documents). */
export type LingerVueElement<Tag extends LingerTag> = new () => ElementOf<Tag> & { $props: LingerVueProps<Tag> };

/** Every Linger tag as a global component type. */
export type LingerGlobalComponents = { [Tag in LingerTag]: LingerVueElement<Tag> };

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface.
  interface GlobalComponents extends LingerGlobalComponents {}
}
