/** The demo storefront: shows the show state the host drives (until the viewer elements land). */
import { setUpRoom, follow, setText, showStatus } from './demo-room.js';
import { secondsLeft } from '../src/core/clock.js';
import type { LingerRoom } from '../src/elements/room/room.js';

const room = document.querySelector<LingerRoom>('#show')!;
await setUpRoom(room, 'viewer');

function mmss(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

follow(room, (session) => {
  showStatus(session);
  if (!session) return;
  const state = session.state;
  const phase = document.querySelector<HTMLElement>('#phase')!;
  phase.dataset.phase = state.show.phase;
  phase.textContent = state.show.phase === 'live' ? '● LIVE' : state.show.phase;
  setText(document, '#title', state.show.title || '—');
  setText(document, '#announcement', state.announcement?.text ?? 'The spring sale show starts soon.');
  setText(document, '#viewers', String(session.$presence.get() ?? '—'));
  setText(document, '#pinned', state.pinned ? `${state.pinned.product.title}${state.pinned.remaining != null ? ` — ${state.pinned.remaining} left` : ''}` : '—');
  setText(document, '#likes', String(state.likes));
  const chat = document.querySelector('#chat')!;
  chat.replaceChildren(...state.chat.slice(-8).map((line) => Object.assign(document.createElement('div'), { textContent: `${line.from}: ${line.text}` })));
});

// The countdown to the next perk, on the host's clock.
setInterval(() => {
  const session = room.session;
  if (!session) return;
  const now = session.clock.now();
  const next = session.state.schedule.find((perk) => perk.at > now);
  setText(document, '#next-perk', next ? `${next.title || next.kind} in ${mmss(secondsLeft(next.at, now))}` : '—');
}, 250);

document.querySelector('#chat-form')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const input = form.elements.namedItem('text') as HTMLInputElement;
  const result = room.session?.chat(input.value);
  if (!result) return;
  if (result.ok) {
    input.value = '';
    return;
  }
  input.setCustomValidity(result.reason === 'slow-mode' ? `Slow mode: wait ${Math.ceil((result.retryInMs ?? 0) / 1000)} s` : result.reason);
  input.reportValidity();
  input.setCustomValidity('');
});
document.querySelector('#like')!.addEventListener('click', () => room.session?.like());
