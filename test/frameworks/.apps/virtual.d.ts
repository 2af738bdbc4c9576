// The render function vue-app.node.test.mjs compiles from vue-app.html.
declare module 'virtual:vue-app-template' {
  import type { RenderFunction } from 'vue';
  export const render: RenderFunction;
}
