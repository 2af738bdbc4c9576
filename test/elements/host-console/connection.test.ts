/**
 * The console tells the truth about its room's connection and loses nothing the host did: the
 * reason a room cannot connect (a 403 from the token endpoint, a missing channel) is on screen with
 * "Reconnecting in N s" and a Reconnect button; an action taken while disconnected waits visibly
 * and goes out on reconnect (or is discarded by the host); a refused action says why and the form
 * keeps what was typed.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import type { LingerHostConsole } from '../../../src/elements/host-console/host-console.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';
import { fetchAgoraToken } from '../../../src/transports/agora-rtm-token.js';
import type { TransportError } from '../../../src/transports/transport.js';
import { FlakyTransport } from './flaky-transport.js';

const shadow = (element: Element) => element.shadowRoot!;
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === label) as HTMLButtonElement | undefined;
const text = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Types into a field as a person does: the value, then an input event. */
function type(field: HTMLInputElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The error a token endpoint's 403 ("wrong host key") produces, through the real token client. */
async function forbidden(): Promise<TransportError> {
  const answer = async () => new Response(JSON.stringify({ error: 'wrong host key' }), { status: 403, statusText: 'Forbidden' });
  return fetchAgoraToken('https://shop.example/apps/linger/token', { channel: 'x', uid: 'host-1', role: 'host' }, answer).then(
    () => {
      throw new Error('a 403 must reject');
    },
    (error: TransportError) => error,
  );
}

async function viewersOn(network: MemoryNetwork): Promise<RoomSession[]> {
  const viewers = ['viewer-a', 'viewer-b'].map((id) => new RoomSession({ transport: network.connect(id), hosts: ['host-1'] }));
  await Promise.all(viewers.map((viewer) => viewer.connect()));
  return viewers;
}

describe('<linger-host-console> connection', () => {
  it('shows why a wrong host key keeps it out, counts down to the retry, and recovers through Reconnect without losing the announcement typed meanwhile', async function () {
    this.timeout(30_000);
    const channel = 'hcc-forbidden';
    localStorage.removeItem(`linger:console:${channel}`);
    const network = new MemoryNetwork({ latency: 1 });
    const transport = new FlakyTransport(network, 'host-1');
    transport.failure = await forbidden();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room channel=${channel} hosts="host-1" .customTransport=${transport}>
        <linger-host-console></linger-host-console>
      </linger-room>
    </div>`);
    const room = wrapper.querySelector<LingerRoom>('linger-room')!;
    const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
    const root = shadow(console);
    const viewers = await viewersOn(network);

    // The reason, in words, with the endpoint's own sentence as detail.
    await waitUntil(() => text(root, '.connection').includes('The token endpoint refused this host (HTTP 403)'), 'the 403 reason on screen', { timeout: 5000 });
    expect(text(root, '.connection .detail'), 'the detail names the status and the server’s reason').to.match(/HTTP 403.*wrong host key/);
    expect(root.querySelector('.connection')!.getAttribute('role'), 'announced').to.equal('alert');
    await waitUntil(() => /Reconnecting in \d+ seconds?/.test(text(root, '[part~="status-line"]') + text(root, '.connection')), 'a countdown to the next attempt', { timeout: 10_000 });

    // The host writes an announcement meanwhile: it waits, visibly, and the field keeps it.
    await waitUntil(() => root.querySelector('#tab-chat'), 'the console shows the show while it retries', { timeout: 5000 });
    (root.querySelector('#tab-chat') as HTMLButtonElement).click();
    await console.updateComplete;
    await waitUntil(() => root.querySelector('#announce-text'), 'the chat tab');
    type(root.querySelector<HTMLInputElement>('#announce-text')!, 'Giveaway at 8!');
    root.querySelector<HTMLInputElement>('#announce-text')!.form!.requestSubmit();
    await waitUntil(() => text(root, '.waiting').includes('Announce — Giveaway at 8!'), 'the announcement waits, visibly');
    expect(text(root, '.waiting'), 'counted').to.contain('1 action is waiting for the connection');
    await waitUntil(() => root.querySelector<HTMLInputElement>('#announce-text')?.value === 'Giveaway at 8!', 'the field keeps the text across retries');
    expect(viewers.every((viewer) => viewer.state.announcement === null), 'nothing reached viewers').to.equal(true);

    // The key is fixed; the host presses Reconnect.
    let reconnects = 0;
    const reconnect = room.reconnect.bind(room);
    room.reconnect = () => {
      reconnects++;
      transport.failure = null; // the endpoint accepts the host from now on
      reconnect();
    };
    await waitUntil(() => button(root, 'Reconnect'), 'a Reconnect button', { timeout: 5000 });
    button(root, 'Reconnect')!.click();
    expect(reconnects, 'the button asks the room to reconnect').to.equal(1);
    await waitUntil(() => room.session?.$status.get() === 'connected', 'the room connected', { timeout: 10_000 });
    await waitUntil(() => viewers.every((viewer) => viewer.state.announcement?.text === 'Giveaway at 8!'), 'the waiting announcement went out', { timeout: 10_000 });
    await waitUntil(() => !root.querySelector('.waiting') && !root.querySelector('.connection'), 'nothing waits, no banner');
    expect(text(root, '[part~="status-line"]'), 'the header says so').to.equal('Connection: Connected');
    expect(root.querySelector<HTMLInputElement>('#announce-text')!.value, 'the form is cleared once it went out').to.equal('');
    await Promise.all(viewers.map((viewer) => viewer.close()));
  });

  it('holds "Open lottery" and "Go live" while the link is down, keeps the lottery form, lets the host discard one, and sends the other on reconnect', async function () {
    this.timeout(30_000);
    const channel = 'hcc-offline';
    localStorage.removeItem(`linger:console:${channel}`);
    const network = new MemoryNetwork({ latency: 1 });
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room channel=${channel} hosts="host-1" .customTransport=${network.connect('host-1')}>
        <linger-host-console></linger-host-console>
      </linger-room>
    </div>`);
    const room = wrapper.querySelector<LingerRoom>('linger-room')!;
    const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
    const root = shadow(console);
    await waitUntil(() => room.session?.$status.get() === 'connected', 'room connected');
    const viewers = await viewersOn(network);
    const before = room.session!.state.hostSeq;

    network.setOnline('host-1', false);
    await waitUntil(() => text(root, '.connection').includes('Reconnecting'), 'the drop is on screen');
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    const form = root.querySelector('form')!;
    type(form.querySelector<HTMLInputElement>('[name="prize"]')!, 'Silk scarf');
    type(form.querySelector<HTMLInputElement>('[name="winners"]')!, '2');
    button(form, 'Open lottery')!.click();
    button(root, 'Go live')!.click();
    await console.updateComplete;
    const waiting = () => [...root.querySelectorAll('.waiting li')].map((item) => item.querySelector('.text')!.textContent);
    expect(waiting(), 'both wait, in order').to.deep.equal(['Open lottery — Silk scarf', 'Go live']);
    expect(text(root, '.waiting'), 'plural').to.contain('2 actions are waiting for the connection');
    expect(root.querySelector<HTMLInputElement>('form [name="prize"]')!.value, 'the prize stays typed').to.equal('Silk scarf');
    expect(root.querySelector<HTMLInputElement>('form [name="winners"]')!.value, 'so do the other fields').to.equal('2');
    expect(room.session!.state.hostSeq, 'nothing was applied or sent').to.equal(before);

    // The host changes their mind about going live.
    button([...root.querySelectorAll('.waiting li')][1]!, 'Discard')!.click();
    await console.updateComplete;
    expect(waiting()).to.deep.equal(['Open lottery — Silk scarf']);

    network.setOnline('host-1', true);
    await waitUntil(() => viewers.every((viewer) => viewer.state.lottery?.status === 'open'), 'the lottery opened on every viewer after the reconnect', { timeout: 10_000 });
    expect(viewers[0]!.state.lottery!.prize).to.equal('Silk scarf');
    expect(viewers[0]!.state.lottery!.winners, 'with the fields as typed').to.equal(2);
    await waitUntil(() => !root.querySelector('.waiting'), 'nothing waits any more');
    expect(viewers.every((viewer) => viewer.state.show.phase === 'upcoming'), 'the discarded action never went out').to.equal(true);
    expect(root.querySelector('.error'), 'no refusal').to.equal(null);
    await Promise.all(viewers.map((viewer) => viewer.close()));
  });

  it('a refused action says why and the form keeps what was typed', async () => {
    const channel = 'hcc-refused';
    localStorage.removeItem(`linger:console:${channel}`);
    const network = new MemoryNetwork({ latency: 1 });
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room channel=${channel} hosts="host-1" .customTransport=${network.connect('host-1')}>
        <linger-host-console></linger-host-console>
      </linger-room>
    </div>`);
    const room = wrapper.querySelector<LingerRoom>('linger-room')!;
    const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
    const root = shadow(console);
    await waitUntil(() => room.session?.$status.get() === 'connected', 'room connected');
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    const prize = 'A very long prize name '.repeat(10); // over the protocol's 200 characters
    const field = root.querySelector<HTMLInputElement>('form [name="prize"]')!;
    field.value = prize; // set by script: no input event, the form is still read
    button(root.querySelector('form')!, 'Open lottery')!.click();
    await waitUntil(() => root.querySelector('.error'), 'the refusal is shown');
    expect(text(root, '.error'), 'with the reason').to.match(/^Not sent: .*prize/);
    expect(room.session!.state.lottery, 'nothing opened').to.equal(null);
    expect(root.querySelector('.waiting'), 'connected: refused, not queued').to.equal(null);
    (root.querySelector('#tab-chat') as HTMLButtonElement).click();
    await console.updateComplete;
    (root.querySelector('#tab-lottery') as HTMLButtonElement).click();
    await console.updateComplete;
    expect(root.querySelector<HTMLInputElement>('form [name="prize"]')!.value, 'the prize survives a tab switch').to.equal(prize);
  });

  it('names a missing channel', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <linger-room hosts="host-1" user-id="host-1"><linger-host-console></linger-host-console></linger-room>
    </div>`);
    const console = wrapper.querySelector<LingerHostConsole>('linger-host-console')!;
    await waitUntil(() => text(shadow(console), '.connection').includes('The room has no valid channel.'), 'the reason', { timeout: 5000 });
    expect(text(shadow(console), '.connection .detail'), 'and the room’s own sentence').to.contain('needs a `channel` attribute');
    expect(button(shadow(console), 'Reconnect'), 'Reconnect is offered').to.not.equal(undefined);
  });
});
