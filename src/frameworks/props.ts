/**
 * Prop types shared by the React JSX and Vue declarations (jsx.ts, vue.ts), built on the generated
 * table of elements (elements.ts).
 */
import type { LingerElements, LingerTag } from './elements.js';

/** What an attribute takes in markup: the type of the property it sets; a number may be written as text. */
export type AttributeValue<T> = T extends number ? T | `${number}` : T;

/** `linger-remind-me` → `LingerRemindMe`. */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** The element class behind a tag. */
export type ElementOf<Tag extends LingerTag> = LingerElements[Tag]['element'];

/** The `linger-*` events a tag fires, by name. */
export type EventsOf<Tag extends LingerTag> = LingerElements[Tag]['events'];

/** A tag's public properties and its attributes (kebab-case), all optional. */
export type PropertiesAndAttributes<Tag extends LingerTag> = Partial<LingerElements[Tag]['properties']> & {
  [Name in keyof LingerElements[Tag]['attributes']]?: AttributeValue<LingerElements[Tag]['attributes'][Name]>;
};
