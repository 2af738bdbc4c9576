// A Vue 3 page with raw linger-* tags, rendered on the server (ssr-vue.node.test.mjs, through
// vue/server-renderer) and hydrated in Chromium (ssr-vue-client.ts). Nothing here imports an
// element: the server has no customElements.
import { defineComponent, onMounted, ref } from 'vue';

/** The compiler option docs/frameworks.md gives: linger-* tags are elements, not components. */
export const isCustomElement = (tag: string) => tag.startsWith('linger-');

export const Storefront = defineComponent({
  setup() {
    // Configuration that arrives after the first render: the server and the hydration render have none.
    const lateChannel = ref<string | undefined>(undefined);
    onMounted(() => (lateChannel.value = 'ssr-vue-late'));
    return { lateChannel };
  },
  template: `
    <main>
      <linger-room id="ssr-room" channel="ssr-vue" hosts="host-1">
        <linger-overlay variant="list"></linger-overlay>
        <linger-countdown next-show="2030-04-01T18:00:00Z" next-show-title="Spring launch" drop-seconds="90"></linger-countdown>
      </linger-room>
      <linger-room id="late-room" :channel="lateChannel" hosts="host-1"><linger-overlay></linger-overlay></linger-room>
    </main>`,
});
