// Raw `<linger-*>` tags in React 19 JSX, typed by linger-live/jsx: properties (camelCase), attributes
// (kebab-case) and `onlinger-*` event props. Each `@ts-expect-error TSxxxx` line must fail with that code.
// (JSX does not report unknown hyphenated names such as `onlinger-typo`: TypeScript treats any
// name with a dash like `data-*`.)
import type {} from 'linger-live/jsx';
import type { LingerClaimRequestEvent, Product } from 'linger-live';
import type { LingerCountdown } from 'linger-live';
import { useRef } from 'react';

const products: Product[] = [{ id: 'mug', title: 'Mug' }];

export function Tags() {
  const countdown = useRef<LingerCountdown>(null);
  return (
    <linger-room channel="spring-sale" app-id="0123456789abcdef0123456789abcdef" token-url="/tokens" onlinger-status={(event) => console.log(event.detail.status)}>
      <linger-countdown ref={countdown} drop-seconds="60" next-show="2030-01-01T10:00:00Z" next-show-title="Spring" onlinger-remind-me={(event) => console.log(event.detail.ics)} />
      <linger-countdown dropSeconds={60} nextShowTitle="Spring" onlinger-claim-request={(event) => console.log(event.detail.perk)} />
      <linger-overlay variant="list" hide-composer max-length={140} className="comments" />
      <linger-product products={products} cart-root="/shop/" onlinger-add-to-cart={(event) => event.preventDefault()} />
      <linger-host-console room="spring-room" />
      <linger-report src="/events.json" />
    </linger-room>
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error TS2322 drop-seconds takes digits */}
      <linger-countdown drop-seconds="soon" />
      {/* @ts-expect-error TS2322 dropSeconds (the property) is a number */}
      <linger-countdown dropSeconds="60" />
      {/* @ts-expect-error TS2322 variant is 'list' | 'danmaku' */}
      <linger-overlay variant="grid" />
      {/* @ts-expect-error TS2322 the remind-me handler receives a LingerRemindMeEvent */}
      <linger-countdown onlinger-remind-me={(event: LingerClaimRequestEvent) => console.log(event.detail.perk)} />
      {/* @ts-expect-error TS2322 transport is 'auto' | 'broadcast' | 'agora-rtm' */}
      <linger-room transport="websocket" />
      {/* @ts-expect-error TS2322 unknown camelCase props are reported */}
      <linger-quiz dropSeconds={5} />
    </>
  );
}
