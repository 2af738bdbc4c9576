// A Vue 3 app whose template (vue-app.html) is compiled ahead of time, as Vite's Vue plugin does,
// with the compiler options docs/frameworks.md gives; vue-app.node.test.mjs serves the render
// function as `virtual:vue-app-template` and drives the page.
import { createApp, ref } from 'vue';
import type {} from 'linger-live/vue';
import 'linger-live/elements/room/linger-room.js';
import 'linger-live/elements/countdown/linger-countdown.js';
import { render } from 'virtual:vue-app-template';

createApp({
  setup() {
    const reminders = ref<string[]>([]);
    const statuses = ref<string[]>([]);
    const nextShow = String(Date.now() + 3_600_000);
    return { reminders, statuses, nextShow };
  },
  render,
}).mount('#app');
