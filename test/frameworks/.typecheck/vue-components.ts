// Linger tags as Vue global components (linger-live/vue). vue-tsc reads GlobalComponents for
// templates; plain tsc cannot check templates, so this checks the same types through `h()`, whose
// component overload reads `$props` the way vue-tsc does. Each `@ts-expect-error TSxxxx` line must
// fail with that code.
import type {} from 'linger-live/vue';
import { defineComponent, h, type GlobalComponents } from 'vue';
import type { LingerClaimRequestEvent, Product } from 'linger-live';

declare const tags: GlobalComponents;
const products: Product[] = [{ id: 'mug', title: 'Mug' }];

export const Storefront = defineComponent({
  setup() {
    return () =>
      h(tags['linger-room'], { channel: 'spring-sale', onLingerStatus: (event) => console.log(event.detail.status) }, () => [
        h(tags['linger-countdown'], {
          dropSeconds: 60,
          'next-show': '2030-01-01T10:00:00Z',
          'drop-seconds': '90',
          class: 'perk',
          onLingerRemindMe: (event) => console.log(event.detail.ics),
        }),
        h(tags['linger-overlay'], { variant: 'list', hideComposer: true }),
        h(tags['linger-product'], { products, onLingerAddToCart: (event) => event.preventDefault() }),
      ]);
  },
});

// Mistakes, checked against the props type itself: through `h()` any mismatch is TS2769 "No
// overload matches", which would not tell one reason from another.
type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];
export const fine: Props<'linger-countdown'> = { dropSeconds: 60, 'drop-seconds': '90', onLingerClaimRequest: (event) => console.log(event.detail.perk) };
// @ts-expect-error TS2322 dropSeconds is a number
export const wrongNumber: Props<'linger-countdown'> = { dropSeconds: 'soon' };
// @ts-expect-error TS2322 drop-seconds takes digits
export const wrongDigits: Props<'linger-countdown'> = { 'drop-seconds': 'soon' };
// @ts-expect-error TS2322 variant is 'list' | 'danmaku'
export const wrongVariant: Props<'linger-overlay'> = { variant: 'grid' };
// @ts-expect-error TS2322 the remind-me listener receives a LingerRemindMeEvent
export const wrongListener: Props<'linger-countdown'> = { onLingerRemindMe: (event: LingerClaimRequestEvent) => event.detail.perk };
// @ts-expect-error TS2353 <linger-room> fires no linger-remind-me
export const wrongEvent: Props<'linger-room'> = { onLingerRemindMe: () => undefined };
