// The React components of linger-live/react: props are typed by the element's properties, `onLinger…`
// props by the event each one receives. Each `@ts-expect-error TSxxxx` line must fail with that code
// (types.node.test.mjs checks the code too, so a line cannot pass by failing for another reason).
import { useRef, useState } from 'react';
import type { LingerEvent, Product } from 'linger-live';
import {
  LingerCountdown,
  LingerHostConsole,
  LingerLottery,
  LingerOverlay,
  LingerPlayer,
  LingerProduct,
  LingerQuiz,
  LingerReport,
  LingerRoom,
  type LingerClaimRequestEvent,
} from 'linger-live/react';
import type { LingerCountdown as CountdownElement } from 'linger-live';

const products: Product[] = [{ id: 'mug', title: 'Mug', price: '12.00', variantId: '4242' }];
const events: LingerEvent[] = [];

export function Storefront() {
  const countdown = useRef<CountdownElement>(null);
  const [status, setStatus] = useState('');
  return (
    <LingerRoom channel="spring-sale" hosts="host-1" transport="broadcast" consent="granted" onLingerStatus={(event) => setStatus(event.detail.status)} onLingerError={(event) => console.warn(event.detail.code)}>
      <p>{status}</p>
      <LingerPlayer src="/replay.mp4" latency="low" muted onLingerPlayerState={(event) => console.log(event.detail.status, event.detail.previous)} />
      <LingerOverlay variant="danmaku" name="Ada" maxLength={140} hideComposer={false} onLingerChatRejected={(event) => console.log(event.detail.reason, event.detail.retryInMs)} />
      <LingerCountdown
        ref={countdown}
        className="perk"
        style={{ maxWidth: 320 }}
        nextShow="2030-01-01T10:00:00Z"
        dropSeconds={60}
        onLingerRemindMe={(event) => console.log(event.detail.ics.length, event.detail.kind)}
        onLingerClaimRequest={(event) => console.log(event.detail.perk)}
      />
      <LingerLottery onLingerEnterRequest={(event) => console.log(event.detail.lottery)} />
      <LingerQuiz onLingerAnswerRequest={(event) => console.log(event.detail.quiz, event.detail.choice)} />
      <LingerProduct products={products} cart="event" currency="EUR" onLingerAddToCart={(event) => event.detail.waitUntil(Promise.resolve())} />
      <LingerHostConsole room="spring-room" locale="de" />
      <LingerReport events={events} show="spring" onLingerReportReady={(event) => console.log(event.detail.metrics.viewers)} />
    </LingerRoom>
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error TS2322 dropSeconds is a number */}
      <LingerCountdown dropSeconds="60" />
      {/* @ts-expect-error TS2322 variant is 'list' | 'danmaku' */}
      <LingerOverlay variant="grid" />
      {/* @ts-expect-error TS2322 the remind-me handler receives a LingerRemindMeEvent */}
      <LingerCountdown onLingerRemindMe={(event: LingerClaimRequestEvent) => console.log(event.detail.perk)} />
      {/* @ts-expect-error TS2322 <linger-room> fires no linger-remind-me */}
      <LingerRoom onLingerRemindMe={() => undefined} />
      {/* @ts-expect-error TS2322 room is an element id, a string */}
      <LingerHostConsole room={5} />
      {/* @ts-expect-error TS2322 products are Product objects */}
      <LingerProduct products={['mug']} />
    </>
  );
}
