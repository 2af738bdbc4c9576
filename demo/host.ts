/** The demo host page: drives the show with the room session's host API. */
import { setUpRoom, follow, setText, showStatus } from './demo-room.js';
import type { LingerRoom } from '../src/elements/room/room.js';
import type { Perk } from '../src/core/protocol.js';

const room = document.querySelector<LingerRoom>('#show')!;
await setUpRoom(room, 'host');

follow(room, (session) => {
  showStatus(session);
  if (!session) return;
  setText(document, '#viewers', String(session.$presence.get() ?? '—'));
  setText(document, '#likes', String(session.state.likes));
  setText(document, '#dropped', String(Object.values(session.stats.dropped).reduce((sum, n) => sum + n, 0)));
  document.querySelector('#chat')!.replaceChildren(
    ...session.state.chat.slice(-10).map((line) => Object.assign(document.createElement('div'), { textContent: `${line.from}: ${line.text}` })),
  );
});

function on(formId: string, handler: (data: FormData, submitter: HTMLButtonElement | null) => void): void {
  document.getElementById(formId)!.addEventListener('submit', (event) => {
    event.preventDefault();
    const submit = event as SubmitEvent;
    try {
      handler(new FormData(event.target as HTMLFormElement), submit.submitter as HTMLButtonElement | null);
    } catch (error) {
      alert((error as Error).message);
    }
  });
}

const session = () => {
  if (!room.session) throw new Error('Not connected yet.');
  return room.session;
};

on('phase-form', (data, submitter) => {
  const phase = (submitter?.value ?? 'live') as 'live' | 'ended';
  session().act('show', { phase, title: String(data.get('title')), startedAt: phase === 'live' ? Math.round(session().clock.now()) : null });
});
on('announce-form', (data) => session().act('announce', { text: String(data.get('text')), kind: 'info' }));
on('pin-form', (data) =>
  session().act('pin', { product: { id: 'scarf-1', title: String(data.get('title')), price: '$49.00' }, remaining: Number(data.get('remaining')) }),
);
on('perk-form', (data) => {
  const kind = String(data.get('kind')) as Perk['kind'];
  const at = Math.round(session().clock.now() + Number(data.get('minutes')) * 60_000);
  const perk: Perk = { id: `perk-${Date.now().toString(36)}`, kind, at, lead: 60, prompt: 'Type 1 if you want it!', title: kind === 'lottery' ? 'Scarf giveaway' : 'Flash deal' };
  session().act('schedule', { perks: [...session().state.schedule.filter((p) => p.at > at - 3_600_000), perk].slice(-50) });
});
